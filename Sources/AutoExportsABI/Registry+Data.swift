import AutoExports
import CAutoExports

// Registry entries of the header section "Data".
extension RegistryParam {
    /// The same parameter, documented as accepting NULL.
    func orNull() -> RegistryParam {
        var p = self
        p.nullable = true
        return p
    }
}

extension RegistrySection {
    static let data = RegistrySection("Data", [
        RegistryEntry(
            "aex_panel_create", "Make an empty panel.", flags: .threadSafe,
            params: [.outHandle("out_panel", "aex_panel **", "the new panel; free it with aex_panel_free")]),
        RegistryEntry(
            "aex_panel_free", "Release a panel (NULL is a no-op).", flags: .threadSafe, example: "NULL",
            params: [.handle("panel", "aex_panel *", "the panel to release", nullable: true)]),
        RegistryEntry(
            "aex_panel_load_reference", "Add every row of the embedded, cited reference dataset to a panel.",
            flags: .threadSafe, example: "NULL",
            params: [.handle("panel", "aex_panel *", "the panel to add to")]),
        RegistryEntry(
            "aex_panel_add", "Add n observations of one series from arrays (all or nothing).",
            flags: .threadSafe, example: "NULL CHN total units CAAM all_vehicles 2022,2023 3110000,4910000",
            params: [
                .handle("panel", "aex_panel *", "the panel to add to"),
                .string("exporter", "code or common name (CHN, China, 156)"),
                .int32("segment", "the powertrain segment (AEX_SEGMENT_*)", allowed: .cases(of: Segment.self),
                       default: "0"),
                .string("metric", "units, or a three-letter currency code (usd)", default: "units"),
                .string("source", "the statistics body; NULL or empty = unspecified", nullable: true),
                .string("scope", "what is counted; NULL or empty = unspecified", nullable: true),
                .int32Array("periods", lengthOf: "values", "period codes YYYY, YYYYQ or YYYYMM"),
                .doubleArray("values", length: "n", "the values; NaN is missing"),
            ]),
        RegistryEntry(
            "aex_panel_row_count", "Number of rows (observations) in a panel.", flags: .threadSafe,
            example: "NULL",
            params: [.outInt64("out_rows", "the number of rows"),
                     .handle("panel", "const aex_panel *", "the panel")]),
        RegistryEntry(
            "aex_panel_series_count", "Number of series in a panel.", flags: .threadSafe, example: "NULL",
            params: [.outInt64("out_count", "the number of series"),
                     .handle("panel", "const aex_panel *", "the panel")]),
        RegistryEntry(
            "aex_panel_series_info", "Segment, row count, first and last period of one series.",
            flags: .threadSafe, example: "NULL 0",
            params: [
                .outInt32("out_segment", "the segment (AEX_SEGMENT_*)").orNull(),
                .outInt64("out_rows", "the number of rows").orNull(),
                .outInt32("out_first_period", "the first period code").orNull(),
                .outInt32("out_last_period", "the last period code").orNull(),
                .handle("panel", "const aex_panel *", "the panel"),
                .int64("series", "the series index, 0 <= series < aex_panel_series_count"),
            ]),
        RegistryEntry(
            "aex_panel_series_text", "One text field (AEX_FIELD_*) of one series, into a caller buffer.",
            flags: .threadSafe, example: "64 NULL 0 source",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "receives the text and a NUL"),
                .outInt64("out_length", "the text's length in bytes, without the NUL"),
                .handle("panel", "const aex_panel *", "the panel"),
                .int64("series", "the series index"),
                .int32("field", "which field (AEX_FIELD_*)", allowed: [
                    RegistryChoice(value: Int64(AEX_FIELD_EXPORTER), name: "exporter"),
                    RegistryChoice(value: Int64(AEX_FIELD_METRIC), name: "metric"),
                    RegistryChoice(value: Int64(AEX_FIELD_SOURCE), name: "source"),
                    RegistryChoice(value: Int64(AEX_FIELD_SCOPE), name: "scope"),
                    RegistryChoice(value: Int64(AEX_FIELD_EXPORTER_NAME), name: "exporter_name"),
                ], default: "0"),
            ]),
        RegistryEntry(
            "aex_panel_find_series", "The index of a series; NULL source and scope use the default choice.",
            flags: .threadSafe, example: "NULL CHN 0 units NULL NULL",
            params: [
                .outInt64("out_series", "the series index"),
                .handle("panel", "const aex_panel *", "the panel"),
                .string("exporter", "code or common name"),
                .int32("segment", "the segment (AEX_SEGMENT_*)", allowed: .cases(of: Segment.self), default: "0"),
                .string("metric", "units or a currency code", default: "units"),
                .string("source", "the statistics body, or NULL for the default choice", nullable: true),
                .string("scope", "what is counted, or NULL for the default choice", nullable: true),
            ]),
        RegistryEntry(
            "aex_panel_series_values", "The period codes and values of one series, into caller arrays.",
            flags: .threadSafe, example: "8 8 NULL 0",
            params: [
                .outBuffer("out_periods", of: .int32, length: "periods_capacity", "receives the period codes"),
                .outBuffer("out_values", of: .double, length: "capacity", "receives the values (NaN = missing)"),
                .outInt64("out_count", "the number of observations"),
                .handle("panel", "const aex_panel *", "the panel"),
                .int64("series", "the series index"),
            ]),
    ])
}

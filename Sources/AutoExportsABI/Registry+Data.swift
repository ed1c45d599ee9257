import AutoExports
import CAutoExports

// Registry entries of the header section "Data". The hardening tests make a live
// aex_rejections with the importer example of fewest parameters, aex_panel_import_file:
// its example (run from the repository root) loads one row and rejects one.
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
        RegistryEntry(
            "aex_panel_import_buffer", "Import CSV text from memory into a panel.",
            flags: .threadSafe, example: "NULL exporter,period,metric,value 28 tidy lenient NULL",
            params: [
                .outHandle("out_rejections", "aex_rejections **", "the rejected rows and counts; free with aex_rejections_free").orNull(),
                .handle("panel", "aex_panel *", "the panel to add to"),
                .string("data", "the CSV bytes (not NUL-terminated)"),
                .int64("length", "the number of bytes of data"),
                .int32("format", "the layout (AEX_FORMAT_*)", allowed: .cases(of: ImportFormat.self), default: "0"),
                .int32("policy", "strict or lenient (AEX_POLICY_*)", allowed: .cases(of: ImportPolicy.self), default: "0"),
                .handle("options", "const aex_import_options *", "NULL for the defaults", nullable: true),
            ]),
        RegistryEntry(
            "aex_panel_import_file", "Import a CSV file (tidy, wide or UN Comtrade) into a panel.",
            flags: .threadSafe, example: "NULL Tests/fixtures/malformed/non_numeric_value.csv tidy lenient NULL",
            params: [
                .outHandle("out_rejections", "aex_rejections **", "the rejected rows and counts; free with aex_rejections_free").orNull(),
                .handle("panel", "aex_panel *", "the panel to add to"),
                .string("path", "the file's path"),
                .int32("format", "the layout (AEX_FORMAT_*)", allowed: .cases(of: ImportFormat.self), default: "0"),
                .int32("policy", "strict or lenient (AEX_POLICY_*)", allowed: .cases(of: ImportPolicy.self), default: "0"),
                .handle("options", "const aex_import_options *", "NULL for the defaults", nullable: true),
            ]),
        RegistryEntry(
            "aex_rejections_free", "Release a rejection list (NULL is a no-op).", flags: .threadSafe, example: "NULL",
            params: [.handle("rejections", "aex_rejections *", "the list to release", nullable: true)]),
        RegistryEntry(
            "aex_rejections_counts", "Rows read, loaded, rejected and skipped by an import.", flags: .threadSafe,
            example: "NULL",
            params: [
                .outInt64("out_read", "data rows read").orNull(),
                .outInt64("out_loaded", "rows loaded").orNull(),
                .outInt64("out_rejected", "rows rejected").orNull(),
                .outInt64("out_skipped", "rows skipped by design").orNull(),
                .handle("rejections", "const aex_rejections *", "the list"),
            ]),
        RegistryEntry(
            "aex_rejections_count", "Number of rejections kept in a list.", flags: .threadSafe, example: "NULL",
            params: [.outInt64("out_count", "the number of rejections"),
                     .handle("rejections", "const aex_rejections *", "the list")]),
        RegistryEntry(
            "aex_rejections_get", "Line, column and reason (AEX_REJECT_*) of one rejection.", flags: .threadSafe,
            example: "NULL 0",
            params: [
                .outInt64("out_line", "the 1-based line").orNull(),
                .outInt64("out_column", "the 1-based column (field number)").orNull(),
                .outInt32("out_reason", "the reason (AEX_REJECT_*)").orNull(),
                .handle("rejections", "const aex_rejections *", "the list"),
                .int64("index", "0 <= index < aex_rejections_count"),
            ]),
        RegistryEntry(
            "aex_rejections_message", "The message of one rejection, into a caller buffer.", flags: .threadSafe,
            example: "128 NULL 0",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "receives the message and a NUL"),
                .outInt64("out_length", "the message's length in bytes, without the NUL"),
                .handle("rejections", "const aex_rejections *", "the list"),
                .int64("index", "0 <= index < aex_rejections_count"),
            ]),
        RegistryEntry(
            "aex_panel_export", "Write a panel as tidy CSV, JSON or a Markdown table into a caller buffer.",
            flags: .threadSafe, example: "1048576 NULL csv 0",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "receives the text and a NUL"),
                .outInt64("out_length", "the text's length in bytes, without the NUL"),
                .handle("panel", "const aex_panel *", "the panel"),
                .int32("format", "the layout (AEX_EXPORT_*)", allowed: .cases(of: ExportFormat.self), default: "0"),
                .int32("flags", "AEX_EXPORT_NO_FORMULA_ESCAPE or 0", default: "0"),
            ]),
        RegistryEntry(
            "aex_panel_columns", "Every row of a panel as columns: series index, period code, value.",
            flags: .threadSafe, example: "1024 1024 1024 NULL",
            params: [
                .outBuffer("out_series", of: .int32, length: "series_capacity", "receives each row's series index"),
                .outBuffer("out_periods", of: .int32, length: "periods_capacity", "receives each row's period code"),
                .outBuffer("out_values", of: .double, length: "capacity", "receives each row's value (NaN = missing)"),
                .outInt64("out_count", "the number of rows"),
                .handle("panel", "const aex_panel *", "the panel"),
            ]),
    ])
}

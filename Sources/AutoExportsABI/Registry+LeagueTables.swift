import AutoExports
import CAutoExports

// Registry entries of the header section "League tables".
extension RegistrySection {
    static let leagueTables = RegistrySection("League tables", [
        RegistryEntry(
            "aex_league_table_create", "Rank the exporters of a panel in one period by a basis (value, share, YoY, ...).",
            flags: .threadSafe, example: "NULL 2024 units 0 0 NULL 0 0 NULL",
            params: [
                .outHandle("out_table", "aex_league_table **", "the new table; free it with aex_league_table_free"),
                .handle("panel", "const aex_panel *", "the panel to rank"),
                .int32("period", "the period code (YYYY, YYYYQ, YYYYMM)"),
                .string("metric", "units, or a currency code (usd)", default: "units"),
                .int32("segment", "the powertrain segment (AEX_SEGMENT_*)", allowed: .cases(of: Segment.self),
                       default: "0"),
                .int32("basis", "what to rank by (AEX_BASIS_*)", allowed: [
                    RegistryChoice(value: Int64(AEX_BASIS_VALUE), name: "value"),
                    RegistryChoice(value: Int64(AEX_BASIS_SHARE), name: "share"),
                    RegistryChoice(value: Int64(AEX_BASIS_SHARE_OF), name: "share_of"),
                    RegistryChoice(value: Int64(AEX_BASIS_SEGMENT_SHARE), name: "segment_share"),
                    RegistryChoice(value: Int64(AEX_BASIS_YOY), name: "yoy"),
                    RegistryChoice(value: Int64(AEX_BASIS_YOY_PCT), name: "yoy_pct"),
                ], default: "0"),
                .string("reference", "the aggregate of share_of (WLD); NULL otherwise", nullable: true,
                        default: "NULL"),
                .int64("top", "keep ranks up to top (ties kept); 0 = every row", range: 0...Double(Int64.max), default: "0"),
                .int32("method", "how ties share ranks (AEX_RANK_*)", allowed: .cases(of: RankMethod.self),
                       default: "0"),
                .string("exporters", "comma-separated codes or names; NULL = every exporter", nullable: true,
                        default: "NULL"),
            ]),
        RegistryEntry(
            "aex_league_table_free", "Release a league table (NULL is a no-op).", flags: .threadSafe, example: "NULL",
            params: [.handle("table", "aex_league_table *", "the table to release", nullable: true)]),
        RegistryEntry(
            "aex_league_table_size", "The number of rows (after the top-N cut) and of exporters ranked.",
            flags: .threadSafe, example: "NULL",
            params: [
                .outInt64("out_rows", "rows in the table").orNull(),
                .outInt64("out_ranked", "exporters ranked before the cut").orNull(),
                .handle("table", "const aex_league_table *", "the table"),
            ]),
        RegistryEntry(
            "aex_league_table_row", "Rank, value, score, share, previous value and previous rank of one row.",
            flags: .threadSafe, example: "NULL 0",
            params: [
                .outDouble("out_rank", "the rank").orNull(),
                .outDouble("out_value", "the metric's value").orNull(),
                .outDouble("out_score", "what the table ranks by").orNull(),
                .outDouble("out_share", "value / the ranked sum (or the reference)").orNull(),
                .outDouble("out_previous_value", "the previous period's value (NaN if none)").orNull(),
                .outDouble("out_previous_rank", "the previous period's rank (NaN if none)").orNull(),
                .handle("table", "const aex_league_table *", "the table"),
                .int64("row", "the row, 0 <= row < rows"),
            ]),
        RegistryEntry(
            "aex_league_table_row_text", "One text field (exporter, name, source, scope, citation) of one row.",
            flags: .threadSafe, example: "64 NULL 0 exporter",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "receives the text and a NUL"),
                .outInt64("out_length", "the text's length in bytes, without the NUL"),
                .handle("table", "const aex_league_table *", "the table"),
                .int64("row", "the row"),
                .int32("field", "which field (AEX_FIELD_*)", allowed: [
                    RegistryChoice(value: Int64(AEX_FIELD_EXPORTER), name: "exporter"),
                    RegistryChoice(value: Int64(AEX_FIELD_SOURCE), name: "source"),
                    RegistryChoice(value: Int64(AEX_FIELD_SCOPE), name: "scope"),
                    RegistryChoice(value: Int64(AEX_FIELD_EXPORTER_NAME), name: "exporter_name"),
                    RegistryChoice(value: Int64(AEX_FIELD_CITATION), name: "citation"),
                ], default: "0"),
            ]),
        RegistryEntry(
            "aex_league_table_warning_count", "The number of warnings of a league table.", flags: .threadSafe,
            example: "NULL",
            params: [.outInt64("out_count", "the number of warnings"),
                     .handle("table", "const aex_league_table *", "the table")]),
        RegistryEntry(
            "aex_league_table_warning_text", "One warning of a league table as a sentence.", flags: .threadSafe,
            example: "256 NULL 0",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "receives the text and a NUL"),
                .outInt64("out_length", "the text's length in bytes, without the NUL"),
                .handle("table", "const aex_league_table *", "the table"),
                .int64("index", "the warning, 0 <= index < count"),
            ]),
        RegistryEntry(
            "aex_league_table_json", "The whole league table as JSON.", flags: .threadSafe, example: "4096 NULL",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "receives the JSON and a NUL"),
                .outInt64("out_length", "the JSON's length in bytes, without the NUL"),
                .handle("table", "const aex_league_table *", "the table"),
            ]),
    ])
}

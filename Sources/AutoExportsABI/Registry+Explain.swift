import AutoExports
import CAutoExports

// Registry entries of the header section "Explain".
extension RegistrySection {
    static let explain = RegistrySection("Explain", [
        RegistryEntry(
            "aex_explain_change", "The change of an exporter's total between two periods split by segment, as JSON.",
            example: "4096 NULL CHN 2022 2023 nev",
            params: [
                .outBuffer("out_json", of: .utf8, length: "capacity", "the JSON text and a NUL"),
                .outInt64("out_length", "the text's length in bytes without the NUL"),
                .handle("panel", "const aex_panel *", "the panel"),
                .string("exporter", "the exporter (code or name), e.g. CHN"),
                .int32("from_period", "the first period code, e.g. 2022"),
                .int32("to_period", "the second period code, e.g. 2023"),
                .int32("ev_segment", "the EV group (AEX_SEGMENT_NEV or AEX_SEGMENT_PLUGIN)",
                       allowed: [RegistryChoice(value: 7, name: "nev"), RegistryChoice(value: 8, name: "plugin")], default: "7"),
                .string("metric", "units (NULL) or a currency code", nullable: true, default: "units"),
            ]),
        RegistryEntry(
            "aex_explain_gap", "The change of the gap between two exporters split by segment, as JSON.",
            example: "4096 NULL CHN JPN 2022 2023 nev",
            params: [
                .outBuffer("out_json", of: .utf8, length: "capacity", "the JSON text and a NUL"),
                .outInt64("out_length", "the text's length in bytes without the NUL"),
                .handle("panel", "const aex_panel *", "the panel"),
                .string("subject", "the exporter that gains, e.g. CHN"),
                .string("rival", "the other exporter, e.g. JPN"),
                .int32("from_period", "the first period code"),
                .int32("to_period", "the second period code"),
                .int32("ev_segment", "the EV group (AEX_SEGMENT_NEV or AEX_SEGMENT_PLUGIN)",
                       allowed: [RegistryChoice(value: 7, name: "nev"), RegistryChoice(value: 8, name: "plugin")], default: "7"),
                .string("metric", "units (NULL) or a currency code", nullable: true, default: "units"),
            ]),
        RegistryEntry(
            "aex_explain_overtake", "An overtake or lead explained by EV exports (both counterfactuals), as JSON.",
            example: "4096 NULL CHN JPN 2023 nev",
            params: [
                .outBuffer("out_json", of: .utf8, length: "capacity", "the JSON text and a NUL"),
                .outInt64("out_length", "the text's length in bytes without the NUL"),
                .handle("panel", "const aex_panel *", "the panel"),
                .string("subject", "the exporter ahead, e.g. CHN"),
                .string("rival", "the exporter behind, e.g. JPN"),
                .int32("period", "the period code of the overtake, e.g. 2023"),
                .int32("ev_segment", "the EV group (AEX_SEGMENT_NEV or AEX_SEGMENT_PLUGIN)",
                       allowed: [RegistryChoice(value: 7, name: "nev"), RegistryChoice(value: 8, name: "plugin")], default: "7"),
                .string("metric", "units (NULL) or a currency code", nullable: true, default: "units"),
            ]),
        RegistryEntry(
            "aex_explain_projection", "Project when one panel series would pass another (across segments), as JSON.",
            example: "8192 NULL CHN nev JPN total log-linear 10 0.95",
            params: [
                .outBuffer("out_json", of: .utf8, length: "capacity", "the JSON text and a NUL"),
                .outInt64("out_length", "the text's length in bytes without the NUL"),
                .handle("panel", "const aex_panel *", "the panel"),
                .string("subject", "the exporter whose series would overtake, e.g. CHN"),
                .int32("subject_segment", "its segment (AEX_SEGMENT_*)", allowed: .cases(of: Segment.self)),
                .string("rival", "the exporter to overtake, e.g. JPN"),
                .int32("rival_segment", "its segment (AEX_SEGMENT_*)", allowed: .cases(of: Segment.self)),
                .int32("model", "the trend model (AEX_TREND_*)", allowed: .cases(of: TrendKind.self), default: "1"),
                .int64("horizon", "periods ahead to examine", range: 1...1000, default: "10"),
                .double("level", "the prediction-interval level", range: 0...1, default: "0.95"),
                .string("metric", "units (NULL) or a currency code", nullable: true, default: "units"),
            ]),
    ])
}

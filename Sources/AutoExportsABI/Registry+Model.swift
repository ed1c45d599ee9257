import CAutoExports

// Registry entries of the header section "Model".
extension RegistrySection {
    static let model = RegistrySection("Model", [
        RegistryEntry(
            "aex_period_parse", "The period code of a text: 2023, 2023-Q1 (20231), 2023-03 (202303).",
            example: "2023-Q1",
            params: [
                .outInt32("out_period", "receives the code (YYYY, YYYYQ or YYYYMM)"),
                .string("text", "the period as text"),
            ]),
        RegistryEntry(
            "aex_period_format", "The text of a period code: 2023, 2023-Q1, 2023-03.", example: "16 202303",
            params: [
                .outBuffer("out_text", of: .utf8, length: "capacity", "receives the text and a NUL"),
                .outInt64("out_length", "the text's length in bytes, without the NUL"),
                .int32("period", "the period code (YYYY, YYYYQ or YYYYMM)"),
            ]),
        RegistryEntry(
            "aex_exporter_resolve", "The code of an exporter given by code, English name or UN M49 number.",
            example: "8 156",
            params: [
                .outBuffer("out_code", of: .utf8, length: "capacity", "receives the code and a NUL"),
                .outInt64("out_length", "the code's length in bytes, without the NUL"),
                .string("name", "a code (CHN), a name (China) or an M49 number (156)"),
            ]),
    ])
}

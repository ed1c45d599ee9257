/// Writes a panel as a Markdown table, one row per observation, series by series:
///
///     | exporter | period | segment | metric | value | source | scope |
///     |---|---|---|---|---:|---|---|
///     | CHN | 2023 | total | units | 4910000 | CAAM | all_vehicles |
///
/// Values use `ValueText` (a missing value is empty). A `|` inside a cell is written
/// `\|` and line breaks as spaces, so every row stays one table row. Text from the data
/// stays text: `<`, `>` and `&` become character references (Markdown renderers pass raw
/// HTML on) and `[`, `]`, `\` are backslash-escaped (no link, no image).
/// Citations are left out (use CSV or JSON for them). When a series has a destination
/// market (a partner other than `WLD`), a `partner` column follows `exporter`, as in the
/// tidy CSV (docs/destinations.md).
///
/// - Complexity: O(rows + text length).
public struct PanelMarkdownWriter: Sendable {
    /// A writer.
    ///
    /// - Complexity: O(1).
    public init() {}

    /// The whole text of `panel`.
    ///
    /// - Complexity: O(rows + text length).
    public func write(_ panel: Panel) -> String {
        let withPartner = panel.series.contains { !$0.isWorld }
        var out =
            withPartner
            ? "| exporter | partner | period | segment | metric | value | source | scope |\n|---|---|---|---|---|---:|---|---|\n"
            : "| exporter | period | segment | metric | value | source | scope |\n|---|---|---|---|---:|---|---|\n"
        for (s, key) in panel.series.enumerated() {
            let head = "| \(cell(key.exporter.code)) | " + (withPartner ? "\(cell(key.partner.code)) | " : "")
            let mid = " | \(key.segment) | \(cell(key.metric.name)) | "
            let tail = " | \(cell(key.source)) | \(cell(key.scope)) |\n"
            for r in panel.rows(ofSeries: s) {
                let row = Int(r)
                out +=
                    head + panel.periods[panel.periodIndex(ofRow: row)].description + mid
                    + ValueText.text(panel.rowValues[row]) + tail
            }
        }
        return out
    }

    func cell(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|", "[", "]", "\\": out += "\\" + String(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}

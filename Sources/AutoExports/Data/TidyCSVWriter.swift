/// Writes a panel as tidy CSV, the layout `Importer` reads as `.tidy`:
///
///     exporter,period,segment,metric,value,source,scope,citation
///     CHN,2023,total,units,4910000,CAAM,all_vehicles,https://…
///
/// One row per observation, series by series (in the panel's series order) and period by
/// period; LF line ends; RFC 4180 quoting where a field holds a comma, quote, line break
/// or surrounding space. Values use `ValueText` (shortest round-trip text; missing =
/// empty), so importing the output gives the same panel with the same values bit for bit.
///
/// Formula injection: spreadsheets run a cell that begins with `=`, `+`, `-`, `@`, tab or
/// CR as a formula. With `escapeFormulas` (the default) such a text cell — source, scope
/// or citation — is written with a leading apostrophe, which spreadsheets show as text;
/// a cell that already begins with an apostrophe followed by one of those characters
/// gets one more, so the escape can be undone exactly. The importer removes one such
/// apostrophe (`ImportOptions.unescapeFormulas`), so escaped files still round-trip.
/// Numbers and periods are never escaped: a value cell holds a number, never a formula.
/// Turn escaping off for machine consumers that do not undo it.
///
/// - Complexity: O(rows + text length).
public struct TidyCSVWriter: Sendable {
    public var escapeFormulas: Bool

    /// A writer; `escapeFormulas` guards spreadsheet cells (see above).
    ///
    /// - Complexity: O(1).
    public init(escapeFormulas: Bool = true) {
        self.escapeFormulas = escapeFormulas
    }

    /// The header line's columns. A panel with any figure of exports to one market (a
    /// partner other than `WLD`) gets a `partner` column after `exporter`.
    public static let columns = ["exporter", "period", "segment", "metric", "value", "source", "scope", "citation"]

    /// The header of `panel`'s file: `columns`, with `partner` when a series has one.
    ///
    /// - Complexity: O(series).
    public static func columns(for panel: Panel) -> [String] {
        panel.series.contains(where: { !$0.isWorld })
            ? ["exporter", "partner"] + columns.dropFirst() : columns
    }

    /// The whole CSV text.
    ///
    /// - Complexity: O(rows + text length).
    public func write(_ panel: Panel) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64 + panel.rowCount * 48)
        let header = TidyCSVWriter.columns(for: panel)
        let withPartner = header.count > TidyCSVWriter.columns.count
        append(header.joined(separator: ","), to: &out)
        out.append(10)
        for (s, key) in panel.series.enumerated() {
            var prefix: [UInt8] = []
            appendField(key.exporter.code, to: &prefix)
            if withPartner {
                prefix.append(UInt8(ascii: ","))
                appendField(key.partner.code, to: &prefix)
            }
            let middle = Array(",".utf8)
            var segmentMetric: [UInt8] = middle
            appendField(key.segment.description, to: &segmentMetric)
            segmentMetric.append(UInt8(ascii: ","))
            appendField(key.metric.name, to: &segmentMetric)
            var sourceScope: [UInt8] = middle
            appendField(key.source, to: &sourceScope)
            sourceScope.append(UInt8(ascii: ","))
            appendField(key.scope, to: &sourceScope)
            for r in panel.rows(ofSeries: s) {
                let row = Int(r)
                out.append(contentsOf: prefix)
                out.append(UInt8(ascii: ","))
                append(panel.periods[panel.periodIndex(ofRow: row)].description, to: &out)
                out.append(contentsOf: segmentMetric)
                out.append(UInt8(ascii: ","))
                append(ValueText.text(panel.rowValues[row]), to: &out)
                out.append(contentsOf: sourceScope)
                out.append(UInt8(ascii: ","))
                if let c = panel.citation(ofRow: row) { appendField(c, to: &out) }
                out.append(10)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func append(_ s: String, to out: inout [UInt8]) { out.append(contentsOf: s.utf8) }

    /// One text field: escaped against formulas, quoted when needed.
    func appendField(_ s: String, to out: inout [UInt8]) {
        var text = Array(s.utf8)
        if escapeFormulas, let first = text.first {
            let second = text.count > 1 ? text[1] : 0
            if FieldText.isFormulaStart(first) || (first == UInt8(ascii: "'") && FieldText.isFormulaStart(second)) {
                text.insert(UInt8(ascii: "'"), at: 0)
            }
        }
        let needsQuotes =
            text.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || text.first == 32 || text.last == 32 || text.first == 9 || text.last == 9
        if !needsQuotes {
            out.append(contentsOf: text)
            return
        }
        out.append(UInt8(ascii: "\""))
        for b in text {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}

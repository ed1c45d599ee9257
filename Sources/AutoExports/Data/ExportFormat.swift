/// The layouts a panel can be written in. Raw values are the C ABI's `AEX_EXPORT_*`.
public enum ExportFormat: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// Tidy CSV (`TidyCSVWriter`): reads back into the same panel, values bit for bit.
    case csv = 0
    /// JSON (`PanelJSONWriter`): series with their observations.
    case json = 1
    /// A Markdown table (`PanelMarkdownWriter`), for documents.
    case markdown = 2

    public var description: String {
        switch self {
        case .csv: "csv"
        case .json: "json"
        case .markdown: "markdown"
        }
    }

    /// Parses `csv`, `json`, `markdown` (also `md`).
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        switch name.lowercased() {
        case "csv", "tidy": self = .csv
        case "json": self = .json
        case "markdown", "md": self = .markdown
        default: return nil
        }
    }
}

extension Panel {
    /// The panel written in `format`.
    ///
    ///     ReferenceData.panel.exported(as: .markdown)   // "| exporter | period | …"
    ///
    /// - Parameter escapeFormulas: CSV only: escape cells a spreadsheet would run as a
    ///   formula (see `TidyCSVWriter`); on by default.
    /// - Complexity: O(rows + text length).
    public func exported(as format: ExportFormat, escapeFormulas: Bool = true) -> String {
        switch format {
        case .csv: TidyCSVWriter(escapeFormulas: escapeFormulas).write(self)
        case .json: PanelJSONWriter().write(self)
        case .markdown: PanelMarkdownWriter().write(self)
        }
    }
}

/// The text of a value in exports: whole numbers below 2^53 without a fraction
/// (`4910000`), every other number in Swift's shortest round-trip form (`0.1`,
/// `1.5e+20`, `-0.0`), so that reading it back gives the same double bit for bit.
/// Missing (NaN) is the empty string; infinities are `inf` and `-inf`.
///
///     ValueText.text(4_910_000)   // "4910000"
///     ValueText.text(-0.0)        // "-0.0"
public enum ValueText {
    /// - Complexity: O(1).
    public static func text(_ x: Double) -> String {
        if x.isNaN { return "" }
        if x == x.rounded(.towardZero), abs(x) < 9_007_199_254_740_992, !(x == 0 && x.sign == .minus) {
            return String(Int64(x))
        }
        return x.description
    }
}

import AutoExports

/// A table of results rendered as an aligned text table, Markdown, CSV or JSON.
///
/// Each cell has the text people read and the raw value machines read (CSV and JSON use
/// the raw value, so 4.91M is 4910000 there).
struct TextTable {
    enum Align { case left, right }

    struct Column {
        var title: String
        var key: String
        var align: Align
    }

    struct Cell {
        var text: String
        var raw: JSON
        init(_ text: String, raw: JSON) { self.text = text; self.raw = raw }
        init(_ text: String) { self.text = text; self.raw = .string(text) }
        static func number(_ x: Double, text: String) -> Cell { Cell(text, raw: x.isNaN ? .null : .number(x)) }
    }

    var title: String?
    var columns: [Column]
    var rows: [[Cell]] = []
    /// Warnings and notes printed under the table (and as "notes" in JSON).
    var notes: [String] = []
    /// The source line under the table.
    var footer: String?

    func render(_ format: OutputFormat, color: Bool = false) -> String {
        switch format {
        case .table: return renderText(color: color)
        case .markdown: return renderMarkdown()
        case .csv: return renderCSV()
        case .json: return renderJSON().rendered + "\n"
        case .html: return renderHTML()
        }
    }

    func renderText(color: Bool) -> String {
        var widths = columns.map { $0.title.count }
        for r in rows {
            for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.text.count) }
        }
        func pad(_ s: String, _ w: Int, _ a: Align) -> String {
            let fill = String(repeating: " ", count: max(0, w - s.count))
            return a == .left ? s + fill : fill + s
        }
        var out = ""
        if let title { out += Terminal.bold(title, color) + "\n" }
        let header = columns.enumerated().map { pad($1.title, widths[$0], $1.align) }.joined(separator: "  ")
        out += Terminal.bold(header.trailingSpacesRemoved(), color) + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows {
            out +=
                r.enumerated().map { pad($1.text, widths[$0], columns[$0].align) }.joined(separator: "  ")
                .trailingSpacesRemoved() + "\n"
        }
        for n in notes { out += Terminal.yellow("! " + n, color) + "\n" }
        if let footer { out += Terminal.dim(footer, color) + "\n" }
        return out
    }

    func renderMarkdown() -> String {
        var out = ""
        // Every text may come from the data (names, sources, scopes): escaped (MarkdownText).
        if let title { out += "### \(MarkdownText.escape(title))\n\n" }
        out += "| " + columns.map { MarkdownText.escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + columns.map { $0.align == .left ? "---|" : "---:|" }.joined() + "\n"
        for r in rows {
            out += "| " + r.map { MarkdownText.escape($0.text) }.joined(separator: " | ") + " |\n"
        }
        // One quote block per note (adjacent quote lines would run together into one paragraph).
        if !notes.isEmpty {
            out += "\n" + notes.map { "> **Note:** \(MarkdownText.escape($0))" }.joined(separator: "\n\n") + "\n"
        }
        if let footer {
            out +=
                "\n"
                + footer.split(separator: "\n", omittingEmptySubsequences: false)
                .map { MarkdownText.escape(String($0)) }.joined(separator: "  \n") + "\n"
        }
        return out
    }

    /// An HTML table (a fragment: the report's page embeds it; other commands print it):
    /// a caption, header cells with `scope`, the exporter cell of each row as its row
    /// header, the notes as a warning list and the footer as the source line. Every text
    /// is escaped; the wrapper scrolls sideways on a narrow screen.
    func renderHTML(label: String? = nil) -> String {
        let rowHeader = columns.firstIndex { $0.key == "exporter" }
        var out =
            "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"\(HTMLText.escape(label ?? title ?? "table"))\">\n<table>\n"
        if let title { out += "<caption>\(HTMLText.escape(title))</caption>\n" }
        out +=
            "<thead><tr>"
            + columns.map {
                "<th scope=\"col\" class=\"\($0.align == .right ? "num" : "txt")\">\(HTMLText.escape($0.title))</th>"
            }.joined() + "</tr></thead>\n<tbody>\n"
        for r in rows {
            out += "<tr>"
            for (i, c) in r.enumerated() {
                let cls = i < columns.count && columns[i].align == .right ? "num" : "txt"
                let tag = i == rowHeader ? "th scope=\"row\"" : "td"
                out += "<\(tag) class=\"\(cls)\">\(HTMLText.escape(c.text))</\(i == rowHeader ? "th" : "td")>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</div>\n"
        if !notes.isEmpty {
            out +=
                "<ul class=\"notes\">\n"
                + notes.map { "<li class=\"warning\"><strong>Note:</strong> \(HTMLText.escape($0))</li>\n" }.joined()
                + "</ul>\n"
        }
        if let footer { out += "<p class=\"source\">\(HTMLText.escape(footer))</p>\n" }
        return out
    }

    func renderCSV() -> String {
        var out = columns.map { csvField($0.key) }.joined(separator: ",") + "\n"
        for r in rows {
            out +=
                r.map { cell -> String in
                    switch cell.raw {
                    case .null: return ""
                    case .number(let x): return JSON.numberText(x)
                    case .string(let s): return csvField(s)
                    case .bool(let b): return b ? "true" : "false"
                    default: return csvField(cell.raw.rendered)
                    }
                }.joined(separator: ",") + "\n"
        }
        return out
    }

    func renderJSON() -> JSON {
        var obj: [(String, JSON)] = []
        if let title { obj.append(("title", .string(title))) }
        obj.append(("rows", .array(rows.map { r in .object(zip(columns, r).map { ($0.key, $1.raw) }) })))
        obj.append(("notes", .array(notes.map { .string($0) })))
        if let footer { obj.append(("source", .string(footer))) }
        return .object(obj)
    }

    /// RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would run as a
    /// formula (=, +, -, @, tab, CR) unless the cell is a plain number.
    func csvField(_ s: String) -> String {
        var t = s
        if let f = t.first, "=+-@\t\r".contains(f), Double(t) == nil { t = "'" + t }
        if t.contains(",") || t.contains("\"") || t.contains("\n") || t.contains("\r") {
            return "\"" + t.replacingQuotes() + "\""
        }
        return t
    }
}

extension String {
    func trailingSpacesRemoved() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
    func replacingPipes() -> String { split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
    func replacingQuotes() -> String {
        split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
    }
}

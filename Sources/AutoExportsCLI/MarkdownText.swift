/// Text from the data written into Markdown (tables, bullet lists, headings) stays text.
///
/// Markdown renderers pass raw HTML through (`<script>` in a cell would run on GitHub
/// Pages, in many CMSs and static-site generators), so `<`, `>` and `&` become character
/// references; `|` (it would end a table cell), `[` `]` (links and images) and `\` are
/// backslash-escaped; line breaks become spaces, so a cell stays one table row. Backticks,
/// `*` and `_` are left alone: a code span or emphasis cannot carry HTML or a link (inside
/// a code span the references show as written), the report's own sentences use code spans
/// for commands, and milestone kinds such as `leader_streak` stay readable. The same rule as the core's
/// `PanelMarkdownWriter` (`data convert --to markdown`).
enum MarkdownText {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|", "[", "]", "\\": out += "\\" + String(c)
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}

/// Text from the data written into Markdown (tables, bullet lists, headings) stays text.
///
/// Markdown renderers pass raw HTML through (`<script>` in a cell would run on GitHub
/// Pages, in many CMSs and static-site generators), so `<`, `>` and `&` become character
/// references; the characters that would start Markdown syntax inside a line (`|` ends a
/// table cell, `` ` `` code, `*` `_` emphasis, `[` `]` links, `\` escapes, `!` images)
/// are backslash-escaped; line breaks become spaces, so a cell stays one table row.
/// Plain words and numbers ("4.91M", "+12.3%", "China") are unchanged.
enum MarkdownText {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|", "`", "*", "_", "[", "]", "\\", "!": out += "\\" + String(c)
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}

/// Escaping and links for HTML written by the CLI: every text from the data goes through
/// `HTMLText.escape`; a citation becomes a link only when it is an http(s) URL.
enum HTMLText {
    /// Text as HTML character data or a quoted attribute value.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// True when `s` is an absolute http or https URL with a host and no characters that
    /// would need escaping in an attribute beyond the usual ones (no spaces, no controls).
    /// `javascript:`, `data:`, relative and protocol-relative references are not links.
    static func isWebURL(_ s: String) -> Bool {
        let lower = s.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = s.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = s.dropFirst(7)
        } else {
            return false
        }
        guard let hostChar = rest.first, hostChar != "/", hostChar != "?", hostChar != "#" else { return false }
        return !s.unicodeScalars.contains {
            $0.value <= 0x20 || $0.value == 0x7F || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\"
        }
    }

    /// A citation as HTML: a link (opening in a new tab, no referrer) when it is an http(s)
    /// URL, otherwise the escaped text.
    static func citation(_ s: String) -> String {
        guard isWebURL(s) else { return "<span class=\"cite-text\">\(escape(s))</span>" }
        return "<a href=\"\(escape(s))\" rel=\"noopener noreferrer\">\(escape(s))</a>"
    }
}

// "Did you mean": the one place that turns an unknown exporter text into a suggestion,
// used by the CLI's options, the importers' rejection messages and the C API's error texts.

extension Exporter {
    /// The known exporters closest to a text that `resolve` did not recognise, best first
    /// (at most `limit`); empty when nothing is close enough.
    ///
    /// Closeness is the optimal-string-alignment edit distance (insertions, deletions,
    /// substitutions and swaps of two neighbouring letters each count 1), case-insensitive,
    /// against every code, English name and alias. A text is close when the distance is at
    /// most 1 for texts of up to 4 letters (a code: `JNP` → JPN, `GRE` → GRC), 2 up to 8
    /// letters (`Grmany` → DEU, `Brasil` → BRA) and 3 beyond (`Untied Kingdom` → GBR).
    /// Of the exporters at the best distance, those whose code or name shares the text's
    /// first letter are given (all of them when none does), by code.
    ///
    ///     Exporter.suggestions(for: "JNP")      // [JPN]
    ///     Exporter.suggestions(for: "Grmany")   // [DEU]
    ///     Exporter.suggestions(for: "Atlantis") // []
    ///
    /// - Complexity: O(k · n · m) for k known spellings of length m and a text of length n;
    ///   meant for error paths (callers that reject many rows cache by text).
    public static func suggestions(for text: String, limit: Int = 3) -> [Exporter] {
        let t = Array(trimmed(text).lowercased().unicodeScalars)
        guard !t.isEmpty, limit > 0 else { return [] }
        let allowed = t.count <= 4 ? 1 : t.count <= 8 ? 2 : 3
        var best = allowed + 1
        var found: [Int] = []
        for (s, i) in spellings {
            if abs(s.count - t.count) > min(best, allowed) { continue }
            let d = editDistance(t, s, bound: min(best, allowed))
            if d < best {
                best = d
                found = [i]
            } else if d == best, !found.contains(i) {
                found.append(i)
            }
        }
        guard best <= allowed else { return [] }
        let ix = index
        // A typo rarely hits the first letter: when some share it, the others are dropped.
        let first = Character(t[0])
        let sharing = found.filter {
            ix.codes[$0].lowercased().first == first || ix.names[$0].lowercased().first == first
        }
        let ranked = (sharing.isEmpty ? found : sharing).sorted { ix.codes[$0] < ix.codes[$1] }
        return ranked.prefix(limit).map { Exporter(ix.codes[$0]) }
    }

    /// The sentence every front door uses for a text `resolve` does not know, with a
    /// suggestion when one is close:
    /// `"JNP" is not a known exporter (an ISO 3166-1 alpha-3 code, an English name or a
    /// UN M49 number); did you mean JPN (Japan)?`. Long texts are cut to 64 characters.
    ///
    /// - Complexity: O(known spellings × length of `text`): an edit distance against every code, name and alias.
    public static func notFoundMessage(_ text: String) -> String {
        let shown = text.count > 64 ? String(text.prefix(64)) + "…" : text
        return "\"\(shown)\" is not a known exporter (an ISO 3166-1 alpha-3 code, an English name or a UN M49 number)"
            + didYouMean(text)
    }

    /// `"; did you mean JPN (Japan)?"` (or `"; did you mean AUS (Australia) or AUT (Austria)?"`),
    /// or the empty string when nothing is close. For appending to a caller's own sentence.
    ///
    /// - Complexity: O(known spellings × length of `text`): an edit distance against every code, name and alias.
    public static func didYouMean(_ text: String) -> String {
        let s = suggestions(for: text)
        if s.isEmpty { return "" }
        let named = s.map { "\($0.code) (\($0.name))" }
        let list =
            named.count == 1
            ? named[0]
            : named.dropLast().joined(separator: ", ") + " or " + named[named.count - 1]
        return "; did you mean \(list)?"
    }

    /// Every code, name and alias, lower-cased, with the index of its exporter (built once).
    static let spellings: [(scalars: [Unicode.Scalar], index: Int)] =
        index.codes.indices.map { (Array(index.codes[$0].lowercased().unicodeScalars), $0) }
        + index.byName.sorted { $0.key < $1.key }.map { (Array($0.key.unicodeScalars), $0.value) }

    /// Optimal string alignment distance over Unicode scalars, giving up (returning
    /// `bound + 1`) once every cell of a row exceeds `bound`.
    static func editDistance(_ a: [Character], _ b: [Character], bound: Int) -> Int {
        editDistance(a.flatMap(\.unicodeScalars), b.flatMap(\.unicodeScalars), bound: bound)
    }

    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, before[j - 2] + 1)
                }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > bound { return bound + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}

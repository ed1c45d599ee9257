/// Statements of state under partial coverage (docs/coverage.md): "X is the largest / #k",
/// "for the Nth year in a row", "for the first time", "a record", "entered the top N" are
/// made plainly only for periods in which every *contender* of X has a figure.
///
/// A contender of X in period t is an exporter Y without a figure in t that ranked at or
/// above X (Y's value ≥ X's value) in the *nearest* period where both have figures: the
/// period q minimising |q − t|; when an earlier and a later period are equally near, Y is a
/// contender if it ranked at or above X in either (the cautious reading). A Y that never
/// has a figure in the same period as X is a contender too (nothing shows it ranks below).
/// This is the one rule of the core; the CLI, the C API, Python, SQLite and Calc all read
/// the sentences and notes it writes.
extension MilestoneFinder {
    /// The exporters without a figure in `t` that could outrank `e` there (the rule above),
    /// largest first (by their own figure nearest to `t`; ties by exporter order). Empty
    /// when `e` itself has no figure in `t`.
    ///
    /// - Complexity: O(n · T) for n exporters and T periods.
    func missingContenders(_ e: Int, at t: Int) -> [Int] {
        guard present(e, t) else { return [] }
        var out: [(Double, Int)] = []
        for x in 0..<n where x != e && !present(x, t) && firstPresent[x] >= 0 {
            if contends(x, e, near: t) { out.append((nearestValue(x, t), x)) }
        }
        out.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        return out.map(\.1)
    }

    /// `x`'s figure in the period nearest to `t` that has one (the earlier when two are
    /// equally near).
    func nearestValue(_ x: Int, _ t: Int) -> Double {
        var d = 0
        while t - d >= 0 || t + d < periodCount {
            if t - d >= 0 && present(x, t - d) { return value(x, t - d) }
            if t + d < periodCount && present(x, t + d) { return value(x, t + d) }
            d += 1
        }
        return .nan
    }

    /// Whether `x` ranks at or above `e` in the nearest period(s) to `t` where both have
    /// figures (true when there is none).
    func contends(_ x: Int, _ e: Int, near t: Int) -> Bool {
        var d = 1
        while t - d >= 0 || t + d < periodCount {
            var found = false, above = false
            for q in [t - d, t + d] where q >= 0 && q < periodCount && present(x, q) && present(e, q) {
                found = true
                if value(x, q) >= value(e, q) { above = true }
            }
            if found { return above }
            d += 1
        }
        return true
    }

    /// "Japan has none before 2019", "Korea has none for 2022", "Japan has none for 2012
    /// and Korea none after 2021": why the contenders `xs` have no figure in `t`.
    func missingPhrase(_ xs: [Int], at t: Int) -> String {
        func why(_ x: Int) -> String {
            if firstPresent[x] > t { return "none before \(labels[firstPresent[x]])" }
            if lastPresent[x] < t { return "none after \(labels[lastPresent[x]])" }
            return "none for \(labels[t])"
        }
        var parts: [String] = []
        // At most four names, then how many more.
        let shown = xs.count > 4 ? Array(xs.prefix(3)) : xs
        for (i, x) in shown.enumerated() {
            parts.append(i == 0 ? "\(exporters[x].name) has \(why(x))" : "\(exporters[x].name) \(why(x))")
        }
        if xs.count > shown.count {
            parts.append("\(xs.count - shown.count) more \(entities) have none for \(labels[t])")
        }
        if parts.count <= 2 { return parts.joined(separator: " and ") }
        return parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    }

    /// " among the \(entities) with figures (Korea has none for 2022)" when a contender of
    /// `e` misses `t`; "" when the rank is a plain statement.
    func rankQualifier(_ e: Int, at t: Int) -> String {
        let xs = missingContenders(e, at: t)
        return xs.isEmpty ? "" : " among the \(entities) with figures (\(missingPhrase(xs, at: t)))"
    }

    /// Whether `e` is plainly #1 in `t`: rank 1 (alone or shared) and no contender missing.
    func leadsPlainly(_ e: Int, _ t: Int) -> Bool {
        present(e, t) && rank(e, t) == 1 && missingContenders(e, at: t).isEmpty
    }

    /// Whether `e` was plainly not #1 in `t`: it has a figure and an exporter with a
    /// figure is larger.
    func plainlyNotLeader(_ e: Int, _ t: Int) -> Bool {
        present(e, t) && rank(e, t) > 1
    }

    /// The periods before `t` (from `e`'s first figure) in which nobody can tell whether `e`
    /// led: `e` has no figure, or it is #1 only among the \(entities) with figures.
    func unknownLeadPeriods(_ e: Int, before t: Int) -> (gaps: [Int], incomplete: [Int]) {
        var gaps: [Int] = [], incomplete: [Int] = []
        guard firstPresent[e] >= 0, firstPresent[e] < t else { return ([], []) }
        for q in firstPresent[e]..<t {
            if !present(e, q) { gaps.append(q) } else if rank(e, q) == 1 && !leadsPlainly(e, q) { incomplete.append(q) }
        }
        return (gaps, incomplete)
    }

    /// "2011 and 2014", "2011, 2014 and 2016".
    func periodList(_ ps: [Int]) -> String {
        let ls = ps.map { labels[$0] }
        if ls.count <= 2 { return ls.joined(separator: " and ") }
        return ls.dropLast().joined(separator: ", ") + " and " + ls[ls.count - 1]
    }

    /// Why a run or a record that begins at period `start` of exporter `e` may have begun
    /// earlier: "Japan's figures start in 2010", "Japan has no figure for 2012",
    /// "in 2012 Korea is the largest only among the \(entities) with figures"; nil when the
    /// period before `start` plainly ends it (`ended(q)` says whether q plainly breaks it).
    func openStart(_ e: Int, _ start: Int, ended: (Int) -> Bool) -> String? {
        let q = start - 1
        if start <= firstPresent[e] || q < 0 {
            return "\(exporters[e].name)'s figures start in \(labels[max(start, 0)])"
        }
        if !present(e, q) { return "\(exporters[e].name) has no figure for \(labels[q])" }
        if ended(q) { return nil }
        return missingPhrase(missingContenders(e, at: q), at: q)
    }

    /// Notes for the periods in which an exporter is #1 only among the exporters with
    /// figures: the qualified statement made instead of "X was the largest".
    mutating func incompleteLeadNotes() {
        for t in 0..<periodCount where hasData[t] {
            for e in 0..<n where present(e, t) && rank(e, t) == 1 {
                let xs = missingContenders(e, at: t)
                guard !xs.isEmpty else { continue }
                notes.append(
                    CoverageNote(
                        kind: .rankByCoverage, period: periods[t], periodLabel: labels[t], exporter: exporters[e],
                        other: exporters[xs[0]],
                        sentence:
                            "\(labels[t]): \(exporters[e].name) is the largest \(noun) among the \(entities) with figures "
                            + "(\(missingPhrase(xs, at: t))): not stated as the largest."))
            }
        }
    }
}

/// Each exporter's rank across periods: the data of a bump chart.
///
///     let h = try ReferenceData.completedPanel.rankHistory()
///     h.ranks(of: "CHN")   // [… 3, 2, 1, 1, 1] for 2021 … 2025
///
/// Every period of the selection is ranked at once (one grouped call over the
/// period-major matrix, `Ranking.rank(_:groups:into:…)`).
public struct RankHistory: Sendable {
    public let metric: Metric
    public let segment: Segment
    public let basis: LeagueBasis
    public let method: RankMethod
    /// Consecutive periods, oldest first.
    public let periods: [Period]
    /// The exporters, sorted by code.
    public let exporters: [Exporter]
    /// The series behind each exporter (same order).
    public let keys: [SeriesKey]
    /// `ranks[p * exporters.count + e]`; NaN where the exporter has no score.
    public let ranks: [Double]
    /// The scores that were ranked (same layout).
    public let scores: [Double]

    /// The ranks of one exporter across `periods` (NaN = not ranked), or nil if unknown.
    ///
    /// - Complexity: O(periods + log exporters).
    public func ranks(of exporter: Exporter) -> [Double]? {
        guard let e = exporters.firstIndex(of: exporter) else { return nil }
        return periods.indices.map { ranks[$0 * exporters.count + e] }
    }

    /// The exporters without a score in period index `p` that could outrank one of the
    /// exporters ranked `top` or better there: the contenders of docs/coverage.md (an
    /// exporter that scored at or above it in the nearest period where both have scores;
    /// equally near periods before and after: either counts). Empty when the ranking of
    /// the top `top` in `p` is complete. A bump chart marks such periods.
    ///
    /// - Complexity: O(exporters² × periods).
    public func missingContenders(inPeriod p: Int, top: Double = .infinity) -> [Exporter] {
        let n = exporters.count, count = periods.count
        guard p >= 0, p < count else { return [] }
        func has(_ e: Int, _ q: Int) -> Bool { !scores[q * n + e].isNaN }
        let shown = (0..<n).filter { has($0, p) && ranks[p * n + $0] <= top }
        var out: [Exporter] = []
        for y in 0..<n where !has(y, p) && (0..<count).contains(where: { has(y, $0) }) {
            let contends = shown.contains { x in
                var d = 1
                while p - d >= 0 || p + d < count {
                    var found = false, above = false
                    for q in [p - d, p + d] where q >= 0 && q < count && has(x, q) && has(y, q) {
                        found = true
                        if scores[q * n + y] >= scores[q * n + x] { above = true }
                    }
                    if found { return above }
                    d += 1
                }
                return true
            }
            if contends { out.append(exporters[y]) }
        }
        return out
    }

    /// The exporter ranked `rank` in period index `p` (the first by code among ties).
    ///
    /// - Complexity: O(exporters).
    public func exporter(ranked rank: Double, inPeriod p: Int) -> Exporter? {
        let n = exporters.count
        return (0..<n).first { ranks[p * n + $0] == rank }.map { exporters[$0] }
    }
}

extension Panel {
    /// The rank of every exporter in every period by `basis` (see `leagueTable`).
    ///
    ///     try ReferenceData.completedPanel.rankHistory(metric: .units)
    ///         .exporter(ranked: 1, inPeriod: …)   // CHN from 2023
    ///
    /// - Throws: `RankingError` as `leagueTable`.
    /// - Complexity: O(series + rows of the chosen series + exporters × periods).
    public func rankHistory(
        metric: Metric = .units, segment: Segment = .total, by basis: LeagueBasis = .value,
        granularity: Granularity = .year, method: RankMethod = .competition,
        choice: SeriesChoice = .standard, exporters: [Exporter]? = nil
    ) throws(RankingError) -> RankHistory {
        let scorer = try LeagueScorer(
            panel: self, metric: metric, segment: segment,
            granularity: granularity, basis: basis, choice: choice,
            exporters: exporters)
        let sel = scorer.selection
        let n = sel.exporters.count
        var scores: [Double] = []
        scores.reserveCapacity(n * sel.periods.count)
        var groups: [Int32] = []
        groups.reserveCapacity(n * sel.periods.count)
        for p in sel.periods.indices {
            scores += scorer.scores(at: p)
            groups += repeatElement(Int32(truncatingIfNeeded: p), count: n)
        }
        var ranks = [Double](repeating: .nan, count: scores.count)
        scores.withUnsafeBufferPointer { s in
            groups.withUnsafeBufferPointer { g in
                ranks.withUnsafeMutableBufferPointer { r in
                    // The standard allocator traps rather than fails: this cannot throw.
                    try? Ranking.rank(s, groups: g, into: r, method: method, order: .descending)
                }
            }
        }
        return RankHistory(
            metric: metric, segment: segment, basis: basis, method: method,
            periods: sel.periods, exporters: sel.exporters, keys: sel.keys,
            ranks: ranks, scores: scores)
    }
}

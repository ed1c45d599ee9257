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
        let scorer = try LeagueScorer(panel: self, metric: metric, segment: segment,
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
        return RankHistory(metric: metric, segment: segment, basis: basis, method: method,
                           periods: sel.periods, exporters: sel.exporters, keys: sel.keys,
                           ranks: ranks, scores: scores)
    }
}

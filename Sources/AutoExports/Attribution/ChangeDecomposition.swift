/// The change of an exporter's total between two periods split by segment (docs/design.md §5):
/// Δtotal = Σ Δsegment, each segment's contribution in units and as a share of Δtotal.
///
///     let c = try Explainer(panel: ReferenceData.panel)
///         .decomposeChange(of: "CHN", from: Period(year: 2022)!, to: Period(year: 2023)!)
///     c.totalChange   // 1_800_000
///     c.evChange      // 524_000 (NEV), c.evShare ≈ 0.291
///
/// The parts are the finest partition of the total available in both periods (see
/// `Explainer.partitions`), or the one the caller gives. Exactness: the contributions are
/// the differences of the segment values; they add up to the difference of the totals
/// exactly whenever the published parts sum to the published total (derived complements
/// do by construction) and the values are whole numbers below 2^53, as unit counts are;
/// `unexplained` reports any remainder (a published discrepancy, or rounding of
/// fractional values).
public struct ChangeDecomposition: Hashable, Sendable {
    /// One segment's part of the change.
    public struct Part: Hashable, Sendable {
        public var segment: Segment
        public var from: Double
        public var to: Double
        /// to − from.
        public var change: Double
        /// change / total change (NaN when the total did not change).
        public var share: Double
        /// Whether a value was derived from others (e.g. conventional = total − nev).
        public var derived: Bool
    }

    /// The total series (its source and scope apply to every part).
    public let series: SeriesKey
    public let from: Period
    public let to: Period
    public let totalFrom: Double
    public let totalTo: Double
    /// totalTo − totalFrom.
    public let totalChange: Double
    public let parts: [Part]
    /// totalChange − Σ parts' changes: 0 when the parts add up.
    public let unexplained: Double
    /// The EV group (nev or plugin) whose contribution is summarised.
    public let evGroup: Segment
    /// The EV group's change (the sum of its parts' changes).
    public let evChange: Double
    /// evChange / totalChange.
    public var evShare: Double { totalChange == 0 ? .nan : evChange / totalChange }

    /// "China's vehicle exports grew by +1.8M (3.11M → 4.91M) from 2022 to 2023: NEV +524k
    /// (29.1% of the change), conventional +1.28M (70.9%)."
    ///
    /// - Complexity: O(parts).
    public var sentence: String {
        let name = series.exporter.name
        let verb = totalChange >= 0 ? "grew by" : "fell by"
        var s = "\(name)'s vehicle exports \(verb) \(Formatting.signedCompact(totalChange, metric: series.metric)) "
        s +=
            "(\(Formatting.compact(totalFrom, metric: series.metric)) → \(Formatting.compact(totalTo, metric: series.metric))) "
        s += "from \(from) to \(to): "
        s += parts.enumerated().map { i, p in
            let share = p.share.isNaN ? "" : " (\(Formatting.percent(p.share))\(i == 0 ? " of the change" : ""))"
            return "\(p.segment.label) \(Formatting.signedCompact(p.change, metric: series.metric))\(share)"
        }.joined(separator: ", ")
        let derived = parts.filter(\.derived).map(\.segment.label)
        if !derived.isEmpty { s += "; \(derived.joined(separator: ", ")) derived from the published total" }
        return s + "."
    }
}

extension Explainer {
    /// Splits the change of `exporter`'s total from `from` to `to` by segment.
    ///
    /// - Parameters:
    ///   - ev: The EV group summarised: `.nev` (default) or `.plugin`.
    ///   - segments: A partition of the total to use; nil picks the finest available.
    /// - Throws: `.noSeries`, `.missingValue` (no total in a period), `.missingSegments`
    ///   (no split of the total in both periods), `.notAPartition`, `.invalidEVGroup`,
    ///   `.invalidPeriods` (different granularities).
    /// - Complexity: O(series + parts).
    public func decomposeChange(
        of exporter: Exporter, from: Period, to: Period, ev: Segment = .nev,
        segments: [Segment]? = nil
    ) throws(AttributionError) -> ChangeDecomposition {
        try Explainer.checkEV(ev)
        guard from.granularity == to.granularity else {
            throw .invalidPeriods("\(from) and \(to) have different granularities")
        }
        let total = try family(of: exporter)
        let t0 = try require(total, .total, from), t1 = try require(total, .total, to)
        let partition = try partition(total, [from, to], ev: ev, given: segments)
        let dt = t1 - t0
        var parts: [ChangeDecomposition.Part] = []
        var sum = 0.0
        for s in partition {
            let a = try require(total, s, from), b = try require(total, s, to)
            let d = b - a
            sum += d
            parts.append(
                .init(
                    segment: s, from: a, to: b, change: d, share: dt == 0 ? .nan : d / dt,
                    derived: isDerived(total, s, from) || isDerived(total, s, to)))
        }
        let evMembers = Set(Explainer.members(of: ev, in: partition) ?? [])
        let evChange = parts.filter { evMembers.contains($0.segment) }.reduce(0.0) { $0 + $1.change }
        return ChangeDecomposition(
            series: total, from: from, to: to, totalFrom: t0, totalTo: t1, totalChange: dt,
            parts: parts, unexplained: dt - sum, evGroup: ev, evChange: evChange)
    }
}

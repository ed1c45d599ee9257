/// Explains changes, gaps and overtakes by powertrain, and projects panel series
/// (docs/design.md §5, §6).
///
/// An exporter's figures come from one **family**: the source and scope of the series
/// that `SeriesChoice` picks for its total (China: CAAM all vehicles; Japan: JAMA). Its
/// segments are read from the same family, after `Panel.completingSegments()` derived
/// the complements (conventional = total − nev), so every figure in an explanation is
/// comparable with the total it splits.
///
///     let x = Explainer(panel: ReferenceData.panel)
///     let o = try x.explainOvertake(subject: "CHN", rival: "JPN", in: Period(year: 2023)!)
///     o.withoutEVExports.stillAhead   // false: NEVs were decisive
///
/// - Complexity: building completes the panel's segments, O(rows); each explanation is
///   O(series) to find the families plus O(1) lookups.
public struct Explainer: Sendable {
    /// The panel with derived segment complements.
    public let panel: Panel
    /// The metric explained (units by default).
    public let metric: Metric
    /// How an exporter's series is chosen.
    public let choice: SeriesChoice

    /// An explainer over `panel` (its segments are completed here).
    ///
    /// - Complexity: O(1).
    public init(panel: Panel, metric: Metric = .units, choice: SeriesChoice = .standard) {
        self.panel = panel.completingSegments().panel
        self.metric = metric
        self.choice = choice
    }

    /// The key of the total series that stands for `exporter`.
    ///
    /// - Throws: `.noSeries` when the exporter has no total series of the metric.
    /// - Complexity: O(series).
    public func family(of exporter: Exporter) throws(AttributionError) -> SeriesKey {
        guard let s = panel.chosenSeries(exporter: exporter, segment: .total, metric: metric, choice: choice) else {
            throw .noSeries(exporter: exporter, segment: .total, metric: metric)
        }
        return panel.series[s]
    }

    /// The key of segment `segment` in the family of `total`.
    func key(_ total: SeriesKey, _ segment: Segment) -> SeriesKey {
        total.with(segment: segment)
    }

    /// The value of `segment` of the family `total` in `period`, or nil (missing or NaN).
    ///
    /// - Complexity: O(log) dictionary lookups.
    public func value(_ total: SeriesKey, _ segment: Segment, _ period: Period) -> Double? {
        guard let s = panel.seriesIndex(of: key(total, segment)), let p = panel.periodIndex(of: period),
            let v = panel.value(of: s, in: p), !v.isNaN
        else { return nil }
        return v
    }

    /// Whether the value was derived (not published): its citation says "derived: …".
    func isDerived(_ total: SeriesKey, _ segment: Segment, _ period: Period) -> Bool {
        guard let s = panel.seriesIndex(of: key(total, segment)), let p = panel.periodIndex(of: period),
            let r = panel.row(series: s, period: p)
        else { return false }
        return panel.citation(ofRow: r)?.hasPrefix("derived:") ?? false
    }

    /// A required value.
    func require(_ total: SeriesKey, _ segment: Segment, _ period: Period) throws(AttributionError) -> Double {
        guard let v = value(total, segment, period) else {
            throw .missingValue(series: key(total, segment), period: period)
        }
        return v
    }

    /// The partitions of the total tried in order, finest first.
    public static let partitions: [[Segment]] = [
        [.bev, .phev, .fcev, .hev, .ice, .other],
        [.bev, .phev, .fcev, .conventional],
        [.plugin, .fcev, .hev, .ice, .other],
        [.plugin, .fcev, .conventional],
        [.nev, .hev, .ice, .other],
        [.nev, .conventional],
    ]

    /// Whether `segments` partition the total: their exclusive parts cover each exclusive
    /// segment exactly once.
    ///
    /// - Complexity: O(segments).
    public static func isPartition(_ segments: [Segment]) -> Bool {
        let parts = segments.flatMap(\.parts)
        return parts.count == Segment.exclusive.count && Set(parts) == Set(Segment.exclusive)
    }

    /// The segments of `segments` that make up `group` (nil when the group is not a union of them).
    static func members(of group: Segment, in segments: [Segment]) -> [Segment]? {
        let inside = segments.filter { Set($0.parts).isSubset(of: Set(group.parts)) }
        return Set(inside.flatMap(\.parts)) == Set(group.parts) ? inside : nil
    }

    /// The first partition (given, or from `partitions`) with a value in every period
    /// that also splits out the EV group.
    func partition(
        _ total: SeriesKey, _ periods: [Period], ev: Segment, given: [Segment]?
    ) throws(AttributionError) -> [Segment] {
        if let given {
            guard Explainer.isPartition(given) else { throw .notAPartition(given) }
            for p in periods { for s in given { _ = try require(total, s, p) } }
            return given
        }
        for candidate in Explainer.partitions where Explainer.members(of: ev, in: candidate) != nil {
            if periods.allSatisfy({ p in candidate.allSatisfy { value(total, $0, p) != nil } }) { return candidate }
        }
        throw .missingSegments(
            series: total, periods: periods,
            needed:
                "it needs \(ev) (the rest is derived as total − \(ev)) or every powertrain (bev, phev, fcev, hev, ice, other)"
        )
    }

    static func checkEV(_ ev: Segment) throws(AttributionError) {
        guard ev == .nev || ev == .plugin else { throw .invalidEVGroup(ev) }
    }

    /// The display name of an exporter: "China".
    static func name(_ e: Exporter) -> String { e.name }
}

/// What to look for, and how strictly (docs/design.md §4).
///
///     var o = MilestoneOptions()              // units, total, years, every kind
///     o.kinds = [.overtake, .firstTimeLeader]
///     o.margin = 0.05                         // a pass counts once the lead is >= 5%
///     o.confirmation = 1                      // … and it holds one more period
///     let report = try ReferenceData.completedPanel.milestones(o)
public struct MilestoneOptions: Hashable, Sendable {
    public var metric: Metric = .units
    public var segment: Segment = .total
    /// The periods compared: consecutive years, quarters or months.
    public var granularity: Granularity = .year
    /// When set (1…12): compare year-to-date sums of monthly data, January to this month
    /// of each year (`2023-01/2023-05` against `2024-01/2024-05`); a year with a missing
    /// month has no year-to-date figure. `granularity` is then ignored.
    public var yearToDateMonth: Int? = nil
    /// Minimum relative margin, >= 0. With a margin m, two exporters count as strictly
    /// ordered only when the one ahead leads by at least m of the other's value; within
    /// the margin they count as tied (and ties carry the earlier order). 0: any lead.
    public var margin = 0.0
    /// Confirmation periods, >= 0: an overtake (a new leader, a lead change, a threshold
    /// crossing, a top-N entry or exit) is reported only if it still holds in each of the
    /// next k periods. Events too recent to confirm become coverage notes.
    public var confirmation = 0
    /// The kinds to report. `.newLeader` includes first-time leaders.
    public var kinds: Set<MilestoneKind> = Set(MilestoneKind.allCases)
    /// Only these exporters take part (nil: every exporter with data, aggregates excluded).
    public var exporters: [Exporter]? = nil
    /// Which series stands for each exporter.
    public var choice: SeriesChoice = .standard
    /// The milestones of this exporter's destination markets instead of exporters
    /// ("Russia became the largest market for China's vehicle exports among those with
    /// figures"); `exporters` then restricts the markets (docs/destinations.md).
    public var marketsOf: Exporter? = nil
    /// Whether aggregates (`WLD`, `EU27`) take part when `exporters` is nil.
    public var includeAggregates = false
    /// N of top-N entries and exits, >= 1.
    public var topN = 3
    /// Report only overtakes whose subject ranks at most this high afterwards (nil: all).
    public var pairTopN: Int? = nil
    /// Absolute levels for threshold crossings (nil: `defaultLevels(for: metric)`).
    public var levels: [Double]? = nil
    /// Levels of `shareSegment`'s share of the exporter's total (0…1), e.g. NEV share.
    public var shareLevels: [Double] = [0.10, 0.25, 0.50]
    /// The segment whose share of the total `shareLevels` watch.
    public var shareSegment: Segment = .nev
    /// k of streaks (k consecutive periods of growth, or at #1), >= 2.
    public var streak = 3
    /// Carry comparisons across missing figures (bridged events are flagged). Default: a
    /// gap breaks a comparison.
    public var bridgingGaps = false

    /// The default options.
    ///
    /// - Complexity: O(1).
    public init() {}

    /// 1M, 2M, 5M, 10M vehicles; $10B, $50B, $100B, $200B (or the same numbers in
    /// another currency).
    ///
    /// - Complexity: O(1).
    public static func defaultLevels(for metric: Metric) -> [Double] {
        metric.isCurrency ? [10e9, 50e9, 100e9, 200e9] : [1e6, 2e6, 5e6, 10e6]
    }

    /// Whether `kind` is asked for (first-time leaders are asked for by `.newLeader` too).
    func wants(_ kind: MilestoneKind) -> Bool {
        kinds.contains(kind) || (kind == .firstTimeLeader && kinds.contains(.newLeader))
    }

    /// Checks every number; the message names the option.
    func validate() throws(MilestoneError) {
        if !margin.isFinite || margin < 0 { throw .option("margin must be a finite number >= 0 (got \(margin))") }
        if confirmation < 0 || confirmation > 1_000_000 {
            throw .option("confirmation must be 0…1000000 periods (got \(confirmation))")
        }
        if topN < 1 { throw .option("topN must be >= 1 (got \(topN))") }
        if let p = pairTopN, p < 1 { throw .option("pairTopN must be >= 1 (got \(p))") }
        if streak < 2 || streak > 1_000_000 { throw .option("streak must be 2…1000000 periods (got \(streak))") }
        if let m = yearToDateMonth, !(1...12).contains(m) { throw .option("yearToDateMonth must be 1…12 (got \(m))") }
        for l in levels ?? [] where !l.isFinite { throw .option("levels must be finite numbers (got \(l))") }
        for l in shareLevels where !l.isFinite { throw .option("shareLevels must be finite numbers (got \(l))") }
    }
}

/// Why milestones cannot be found.
public enum MilestoneError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An option is out of range; the message names it.
    case option(String)
    /// No data for the request (no series of that metric and segment, …).
    case notFound(String)

    public var description: String {
        switch self {
        case .option(let s), .notFound(let s): s
        }
    }
}

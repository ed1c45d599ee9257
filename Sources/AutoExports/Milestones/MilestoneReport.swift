/// The milestones of one metric and segment, in period order, and the coverage notes.
public struct MilestoneReport: Sendable {
    public var milestones: [Milestone]
    public var notes: [CoverageNote]
    public var metric: Metric
    public var segment: Segment
    public var granularity: Granularity
    /// The exporters that took part and their chosen series.
    public var exporters: [Exporter]
    public var series: [SeriesKey]
    /// Every period of the data, as written.
    public var periodLabels: [String]
    /// For the milestones of one exporter's markets: that exporter (`exporters` are then
    /// its markets); nil for milestones of exporters.
    public var marketsOf: Exporter? = nil

    /// A report from its fields.
    ///
    /// - Complexity: O(1).
    public init(
        milestones: [Milestone], notes: [CoverageNote], metric: Metric, segment: Segment,
        granularity: Granularity, exporters: [Exporter], series: [SeriesKey], periodLabels: [String]
    ) {
        self.milestones = milestones
        self.notes = notes
        self.metric = metric
        self.segment = segment
        self.granularity = granularity
        self.exporters = exporters
        self.series = series
        self.periodLabels = periodLabels
    }

    /// True when the chosen series count different things (a warning the user must see).
    public var hasMixedScopes: Bool { Set(series.map(\.scope)).count > 1 }

    /// The whole report as JSON: metric, segment, granularity, periods, milestones, notes.
    ///
    /// - Complexity: O(milestones + notes).
    public var json: JSON {
        .object(
            (marketsOf.map { [("markets_of", JSON.string($0.code))] } ?? []) + [
                ("metric", .string(metric.name)), ("segment", .string(segment.description)),
                ("granularity", .string(granularity.description)),
                ("first_period", .string(periodLabels.first)), ("last_period", .string(periodLabels.last)),
                ("mixed_scopes", .bool(hasMixedScopes)),
                ("milestones", .array(milestones.map(\.json))),
                ("notes", .array(notes.map(\.json))),
            ])
    }
}

/// What identifies a series: the values of one exporter, segment and metric as published
/// by one source with one scope (docs/design.md §2).
///
///     SeriesKey(exporter: "CHN", segment: .total, metric: .units,
///               source: "CAAM", scope: "all_vehicles")
public struct SeriesKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The exporter's code (ISO 3166-1 alpha-3, or an aggregate such as `EU27`, `WLD`).
    public var exporter: Exporter
    /// The destination market: `WLD` (exports to the whole world, what a national total
    /// is) or a country or region the figure counts exports to (docs/destinations.md).
    /// Regions may be partners but are never summed with their members.
    public var partner: Exporter
    public var segment: Segment
    public var metric: Metric
    /// The statistics body (CAAM, JAMA, …); `unspecified` when unknown.
    public var source: String
    /// What is counted (`all_vehicles`, `passenger_cars`, …); `unspecified` when unknown.
    public var scope: String

    /// A key; unspecified fields take their defaults (partner `WLD`, segment total, units, source and scope `unspecified`).
    ///
    /// - Complexity: O(1).
    public init(
        exporter: Exporter, partner: Exporter = .world, segment: Segment = .total,
        metric: Metric = .units, source: String = SeriesKey.unspecified,
        scope: String = SeriesKey.unspecified
    ) {
        self.exporter = exporter
        self.partner = partner
        self.segment = segment
        self.metric = metric
        self.source = source
        self.scope = scope
    }

    /// `"CHN total units (CAAM, all_vehicles)"`; with a destination,
    /// `"CHN→RUS total units (CAAM, all_vehicles)"`.
    public var description: String {
        "\(exporter.code)\(isWorld ? "" : "→" + partner.code) \(segment) \(metric) (\(source), \(scope))"
    }

    /// True when the figure counts exports to the whole world (partner `WLD`), the
    /// national totals every league table ranks.
    public var isWorld: Bool { partner == .world }

    /// The same key with another segment (the family of a total: same exporter, partner,
    /// metric, source and scope).
    ///
    /// - Complexity: O(1).
    public func with(segment: Segment) -> SeriesKey {
        var k = self
        k.segment = segment
        return k
    }

    /// The scope for people: `all_vehicles` -> "all vehicles".
    public var scopeLabel: String { String(scope.map { $0 == "_" ? " " : $0 }) }

    /// The source and scope of a series nobody labelled (a table without those columns).
    public static let unspecified = "unspecified"

    /// Source and scope for people, leaving out what is `unspecified`:
    /// "CAAM, all vehicles", "CAAM", "all vehicles", or "" for an unlabelled series.
    public var provenanceLabel: String {
        [source == Self.unspecified ? "" : source, scope == Self.unspecified ? "" : scopeLabel]
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }

    public static func < (a: SeriesKey, b: SeriesKey) -> Bool {
        if a.exporter != b.exporter { return a.exporter.code < b.exporter.code }
        if a.partner != b.partner { return a.isWorld || (!b.isWorld && a.partner.code < b.partner.code) }
        return (a.segment.rawValue, a.metric.name, a.source, a.scope)
            < (b.segment.rawValue, b.metric.name, b.source, b.scope)
    }
}

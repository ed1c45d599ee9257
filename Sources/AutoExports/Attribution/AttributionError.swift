/// Why a change, gap or overtake could not be explained, or a panel series not projected.
public enum AttributionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The exporter has no series of this segment and metric (after the series choice).
    case noSeries(exporter: Exporter, segment: Segment, metric: Metric)
    /// A value needed is missing (a gap, or outside the data).
    case missingValue(series: SeriesKey, period: Period)
    /// No split of the total into segments is available in both periods.
    case missingSegments(series: SeriesKey, periods: [Period], needed: String)
    /// The segments given do not partition the total (overlap or leave something out).
    case notAPartition([Segment])
    /// The EV group must be `nev` or `plugin`.
    case invalidEVGroup(Segment)
    /// The period has no predecessor in the data's granularity, or the two periods differ in granularity.
    case invalidPeriods(String)
    /// Subject and rival are the same exporter.
    case sameExporter(Exporter)
    /// A projection failed.
    case projection(ProjectionError)

    public var description: String {
        switch self {
        case let .noSeries(e, s, m):
            return "\(e.code) has no \(s) \(m) series"
        case let .missingValue(k, p):
            return "\(k.exporter.code) has no \(k.segment) value for \(p) (\(k.source), \(k.scopeLabel))"
        case let .missingSegments(k, ps, needed):
            return "\(k.exporter.code) (\(k.source), \(k.scopeLabel)) has no split of its total into segments in "
                + ps.map(\.description).joined(separator: " and ") + ": \(needed)"
        case let .notAPartition(segs):
            return "the segments " + segs.map(\.description).joined(separator: ", ")
                + " do not partition the total (each of bev, phev, fcev, hev, ice, other exactly once)"
        case let .invalidEVGroup(s):
            return "the EV group must be nev or plugin, not \(s)"
        case let .invalidPeriods(m):
            return m
        case let .sameExporter(e):
            return "subject and rival are both \(e.code)"
        case let .projection(e):
            return e.description
        }
    }
}

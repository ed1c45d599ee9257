/// An exporter's destinations (docs/destinations.md): in one period, each market's value
/// and share of the exporter's total (partner `WLD`); between two periods, the change of
/// the total split by market, with a derived "rest of world" line.
///
/// Rules:
/// - The total is the exporter's `WLD` series chosen by `SeriesChoice`.
/// - A market's figures take part in the exact split only when they have the total's
///   source and scope (in both periods when there are two): then the lines in the exact
///   sum plus "rest of world" add up to the total (or its change) exactly for whole
///   numbers below 2^53.
/// - A market whose two figures differ in source or scope gets no change: the note says
///   so next to the figures, and it is left out of the exact sum.
/// - Regions (`EU27`) are shown but never summed with their members.
/// - A warning when the markets in the exact sum add up to more than the total.
public struct DestinationExplanation: Hashable, Sendable {
    /// One market (or the rest of the world).
    public struct Line: Hashable, Sendable {
        /// A market; `Exporter("ROW")` for the rest-of-world line.
        public var partner: Exporter
        public var isRestOfWorld: Bool
        /// nil in a one-period explanation or when missing.
        public var from: Double?
        public var to: Double?
        /// to − from, only when like for like.
        public var change: Double?
        /// One period: to / total; two periods: change / total change (only for lines in
        /// the exact sum; nil otherwise).
        public var share: Double?
        /// Provenance of each figure.
        public var fromKey: SeriesKey?
        public var toKey: SeriesKey?
        /// Same source and scope in both periods, and as the total.
        public var likeForLike: Bool
        /// Counted in the exact split.
        public var inExactSum: Bool
        /// Why a figure is not comparable, said next to it.
        public var note: String?
        /// Partner × powertrain when the data have it (else empty).
        public var bySegment: [ChangeDecomposition.Part]
        /// The citations of the figures (from, to), when known.
        public var fromCitation: String?
        public var toCitation: String?

        /// A line from its fields.
        ///
        /// - Complexity: O(1).
        public init(
            partner: Exporter, isRestOfWorld: Bool = false, from: Double? = nil, to: Double? = nil,
            change: Double? = nil, share: Double? = nil, fromKey: SeriesKey? = nil, toKey: SeriesKey? = nil,
            likeForLike: Bool = false, inExactSum: Bool = false, note: String? = nil,
            bySegment: [ChangeDecomposition.Part] = [], fromCitation: String? = nil,
            toCitation: String? = nil
        ) {
            self.partner = partner
            self.isRestOfWorld = isRestOfWorld
            self.from = from
            self.to = to
            self.change = change
            self.share = share
            self.fromKey = fromKey
            self.toKey = toKey
            self.likeForLike = likeForLike
            self.inExactSum = inExactSum
            self.note = note
            self.bySegment = bySegment
            self.fromCitation = fromCitation
            self.toCitation = toCitation
        }

        /// "Russia", or "rest of world".
        public var label: String { isRestOfWorld ? "rest of world" : partner.name }
    }

    /// The code of the derived rest-of-world line.
    public static let restOfWorld: Exporter = "ROW"

    public let exporter: Exporter
    public let metric: Metric
    public let from: Period?
    public let to: Period
    /// The WLD series of the exporter.
    public let total: SeriesKey
    public let totalFrom: Double?
    public let totalTo: Double
    public let totalChange: Double?
    /// Sorted: largest (change, or value in one period) first; lines without a number
    /// after those with one; rest of world last.
    public let lines: [Line]
    /// Partners above the total; scopes or sources differ; regions not summed; periods
    /// with more markets.
    public let warnings: [String]
    /// Citations of the total's figures (from, to).
    public let totalFromCitation: String?
    public let totalToCitation: String?

    /// An explanation from its fields.
    ///
    /// - Complexity: O(1).
    public init(
        exporter: Exporter, metric: Metric, from: Period?, to: Period, total: SeriesKey,
        totalFrom: Double?, totalTo: Double, totalChange: Double?, lines: [Line], warnings: [String],
        totalFromCitation: String? = nil, totalToCitation: String? = nil
    ) {
        self.exporter = exporter
        self.metric = metric
        self.from = from
        self.to = to
        self.total = total
        self.totalFrom = totalFrom
        self.totalTo = totalTo
        self.totalChange = totalChange
        self.lines = lines
        self.warnings = warnings
        self.totalFromCitation = totalFromCitation
        self.totalToCitation = totalToCitation
    }

    /// The lines in the exact split (markets like for like with the total) and the rest of world.
    public var exactLines: [Line] { lines.filter { $0.inExactSum || $0.isRestOfWorld } }

    /// Total (one period) or total change (two periods) minus the exact lines: 0 when they add up.
    public var unexplained: Double {
        let parts = exactLines.reduce(0.0) { $0 + ((from == nil ? $1.to : $1.change) ?? 0) }
        return (from == nil ? totalTo : (totalChange ?? 0)) - parts
    }

    /// One sentence, claims only as strong as the data.
    public var sentence: String {
        let name = exporter.name
        let m = metric
        let prov = total.provenanceLabel.isEmpty ? "" : " (\(total.provenanceLabel))"
        var s: String
        let markets = lines.filter { !$0.isRestOfWorld }
        if let from, let totalFrom, let totalChange {
            let verb = totalChange >= 0 ? "grew by" : "fell by"
            s =
                "\(name)'s exports\(prov) \(verb) \(Formatting.signedCompact(totalChange, metric: m)) "
                + "(\(Formatting.compact(totalFrom, metric: m)) → \(Formatting.compact(totalTo, metric: m))) from \(from) to \(to)"
            let exact = lines.filter { $0.inExactSum || $0.isRestOfWorld }
            if exact.contains(where: { !$0.isRestOfWorld }) {
                s +=
                    ": "
                    + exact.map { l in
                        let share = l.share.map { " (\(Formatting.percent($0)))" } ?? ""
                        return "\(l.label) \(l.change.map { Formatting.signedCompact($0, metric: m) } ?? "n/a")\(share)"
                    }.joined(separator: ", ")
            } else if markets.isEmpty {
                s += "; no market has figures in both periods"
            } else {
                s +=
                    "; no market's figures are like for like with the total in both periods, so the change is not split"
            }
            let other = markets.filter { !$0.inExactSum }
            if !other.isEmpty {
                s +=
                    "; not in the exact split: "
                    + other.map { l in
                        "\(l.label) \(l.from.map { Formatting.compact($0, metric: m) } ?? "–") → "
                            + "\(l.to.map { Formatting.compact($0, metric: m) } ?? "–")"
                    }.joined(separator: ", ") + " (sources or scopes differ)"
            }
        } else {
            s = "\(name)'s exports\(prov) in \(to): \(Formatting.compact(totalTo, metric: m))"
            if markets.isEmpty {
                s += "; no market has a figure in \(to)"
            } else {
                s +=
                    "; "
                    + lines.map { l in
                        let share = l.share.map { " (\(Formatting.percent($0)))" } ?? ""
                        let flag = l.isRestOfWorld || l.inExactSum ? "" : " [\(l.toKey?.provenanceLabel ?? "")]"
                        return "\(l.label) \(l.to.map { Formatting.compact($0, metric: m) } ?? "–")\(share)\(flag)"
                    }.joined(separator: ", ")
            }
        }
        if !warnings.isEmpty {
            s += ". Warning: " + warnings[0] + (warnings.count > 1 ? " (and \(warnings.count - 1) more)" : "")
        }
        return s + "."
    }
}

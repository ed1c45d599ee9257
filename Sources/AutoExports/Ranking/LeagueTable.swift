/// A league table: the exporters of one period ranked by a basis, with each row's value,
/// share, change against the previous period (value and rank), and the source and scope
/// of the series behind it (docs/design.md §2, §3).
///
///     let t = try ReferenceData.completedPanel.leagueTable(period: Period(year: 2024)!)
///     t.rows[0].exporter   // CHN
///     t.rows[0].value      // 5859000
///     t.warnings           // mixed scopes: DEU counts passenger cars, CHN all vehicles, …
///
/// Ranks are descending (the largest is 1) with the table's tie method (competition by
/// default: RANK.EQ, SQL RANK()). Tied rows are listed by exporter code. Exporters whose
/// score is missing in the period are not ranked; a warning names them.
public struct LeagueTable: Sendable {
    /// One ranked exporter.
    public struct Row: Hashable, Sendable {
        /// The rank in the period (1 = largest score).
        public var rank: Double
        public var exporter: Exporter
        /// The metric's value for the segment in the period (units, usd, …).
        public var value: Double
        /// What the table ranks by (`LeagueBasis`); equals `value` for `.value`.
        public var score: Double
        /// `value` as a fraction of the sum over every ranked exporter, or of the reference
        /// aggregate's value when the basis is `.shareOf`.
        public var share: Double
        /// The value in the same period a year earlier (the previous year; for quarters and months the same quarter or month of the year before), if any.
        public var previousValue: Double?
        /// value − previous value.
        public var change: Double?
        /// value / previous value − 1 (nil when the previous value is missing or 0).
        public var changePercent: Double?
        /// The rank a year earlier (as `previousValue`) by the same basis, if ranked then.
        public var previousRank: Double?
        /// previous rank − rank: positive = moved up, negative = moved down.
        public var rankChange: Double?
        /// The statistics body and scope of the series (what is counted).
        public var source: String
        public var scope: String
        /// Where the period's figure was published, if known.
        public var citation: String?
    }

    /// Something the reader must know before trusting the comparison.
    public struct Warning: Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Hashable, Sendable {
            /// The ranked series count different things (passenger cars vs all vehicles).
            case mixedScopes = "mixed_scopes"
            /// Exporters with a series but no score in the period are left out.
            case missingValues = "missing_values"
            /// The reference aggregate of `.shareOf` has no value in the period.
            case missingReference = "missing_reference"
            /// An exporter's chosen series has no value in the period; another of its
            /// series stands in (named on the row).
            case substitutedSeries = "substituted_series"
            /// A table of one exporter's markets: the data cover only the markets listed,
            /// not all of them (docs/destinations.md).
            case partialCoverage = "partial_coverage"
        }
        public var kind: Kind
        public var message: String
        /// The exporters concerned.
        public var exporters: [Exporter]
        public var description: String { message }
    }

    public let period: Period
    /// The period before `period` (same granularity), when the data reach back to it.
    public let previousPeriod: Period?
    public let metric: Metric
    public let segment: Segment
    public let basis: LeagueBasis
    public let method: RankMethod
    /// The ranked rows by rank (then exporter code), cut to the top N when asked.
    public let rows: [Row]
    /// How many exporters were ranked (before the top-N cut).
    public let rankedCount: Int
    /// Σ value over every ranked exporter (the denominator of `share`, unless `.shareOf`).
    public let total: Double
    public let warnings: [Warning]
    /// For a table of one exporter's markets (`leagueTable(…, marketsOf:)`): that exporter;
    /// the rows' `exporter` is then the market. nil for a table of exporters.
    public internal(set) var marketsOf: Exporter? = nil

    /// Rows that moved up since the previous period, biggest climb first.
    ///
    /// - Complexity: O(rows log rows).
    public var moversUp: [Row] {
        rows.filter { ($0.rankChange ?? 0) > 0 }
            .sorted { ($0.rankChange ?? 0, $1.exporter) > ($1.rankChange ?? 0, $0.exporter) }
    }

    /// Rows that moved down since the previous period, biggest fall first.
    ///
    /// - Complexity: O(rows log rows).
    public var moversDown: [Row] {
        rows.filter { ($0.rankChange ?? 0) < 0 }
            .sorted { ($0.rankChange ?? 0, $0.exporter) < ($1.rankChange ?? 0, $1.exporter) }
    }

    /// True when a `.mixedScopes` warning was raised.
    public var hasMixedScopes: Bool { warnings.contains { $0.kind == .mixedScopes } }
}

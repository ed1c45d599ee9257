/// What a league table ranks exporters by (docs/design.md §2 "metric", derived metrics).
///
/// Every basis is computed per exporter from its chosen series (one per exporter, see
/// `SeriesChoice`) for the table's metric (`units`, `usd`, …) and segment:
///
/// | basis                | score of exporter e in period t                         | name (CLI, C, Python) |
/// |----------------------|---------------------------------------------------------|-----------------------|
/// | `.value`             | v(t)                                                    | `value`               |
/// | `.shareOfRanked`     | v(t) / Σ v(t) over the ranked exporters                 | `share`               |
/// | `.shareOf(ref)`      | v(t) / the reference aggregate's v(t) (e.g. `WLD`)      | `share-of:WLD`        |
/// | `.segmentShare`      | v(t) / the total of the same series family (NEV share)  | `segment-share`       |
/// | `.change`            | v(t) − v(t−1)                                           | `yoy`                 |
/// | `.changePercent`     | v(t) / v(t−1) − 1 (a fraction; 0.25 = +25 %)            | `yoy-pct`             |
///
/// "Same series family" means the same exporter, metric, source and scope: China's NEV
/// share divides CAAM's NEV count by CAAM's total, never by another body's figure.
public enum LeagueBasis: Hashable, Sendable, CustomStringConvertible {
    case value
    case shareOfRanked
    case shareOf(Exporter)
    case segmentShare
    case change
    case changePercent

    /// Parses the names in the table above (case-insensitive; `_` and `-` alike).
    ///
    ///     LeagueBasis(name: "share-of:WLD")  // .shareOf("WLD")
    ///     LeagueBasis(name: "yoy_pct")       // .changePercent
    ///
    /// - Complexity: O(length of the name).
    public init?(name: String) {
        let n = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        switch n {
        case "value", "units", "usd": self = .value
        case "share", "share-of-ranked", "market-share": self = .shareOfRanked
        case "segment-share", "segshare": self = .segmentShare
        case "yoy", "change", "yoy-abs": self = .change
        case "yoy-pct", "yoy-percent", "change-pct", "growth": self = .changePercent
        default:
            guard n.hasPrefix("share-of:") else { return nil }
            let code = String(name.dropFirst("share-of:".count))
            guard !code.isEmpty, let e = Exporter.resolve(code) else { return nil }
            self = .shareOf(e)
        }
    }

    /// The canonical name, e.g. `"share-of:WLD"`.
    public var description: String {
        switch self {
        case .value: "value"
        case .shareOfRanked: "share"
        case .shareOf(let e): "share-of:\(e.code)"
        case .segmentShare: "segment-share"
        case .change: "yoy"
        case .changePercent: "yoy-pct"
        }
    }

    /// True when the score is a fraction (shares and percent changes), shown as a percentage.
    public var isFraction: Bool {
        switch self {
        case .value, .change: false
        case .shareOfRanked, .shareOf, .segmentShare, .changePercent: true
        }
    }

    /// The C ABI's `AEX_BASIS_*` code of the basis (the reference exporter of `.shareOf`
    /// travels separately).
    public var code: Int32 {
        switch self {
        case .value: 0
        case .shareOfRanked: 1
        case .shareOf: 2
        case .segmentShare: 3
        case .change: 4
        case .changePercent: 5
        }
    }
}

/// The failure of a league table or rank history request.
public enum RankingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Nothing to rank: no series for the metric and segment, no data in the period.
    case notFound(String)
    /// A request that cannot be answered as asked (segment share of the total itself).
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let s), .invalid(let s): s
        }
    }
}

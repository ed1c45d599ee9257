/// What a rank kernel writes: the rank itself or one of the percent ranks (docs/design.md §3).
///
/// The values of 30, 20, 20, 10 ranked descending (n = 4):
///
/// | scale          | result                  | anchor                         |
/// |----------------|-------------------------|--------------------------------|
/// | `.rank`        | the rank of the method  | Excel RANK.*, SQL, pandas      |
/// | `.pct`         | rank / n; dense: rank / distinct values (`.competition`: 0.25, 0.5, 0.5, 1) | pandas `pct=True` |
/// | `.percentRank` | (competition − 1) / (n − 1), 0 when n = 1 (0, 1/3, 1/3, 1) | SQL PERCENT_RANK() |
/// | `.cumeDist`    | competition_max / n (0.25, 0.75, 0.75, 1) | SQL CUME_DIST()  |
///
/// n counts the ranked values: under `MissingPolicy.keep` the missing ones are left out,
/// under `.top` / `.bottom` they are counted (and form one distinct value for dense).
/// `.percentRank` and `.cumeDist` fix the tie method by their definition and ignore the
/// method argument. The raw values are the C ABI's `AEX_SCALE_*` constants.
public enum RankScale: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// The rank of the tie method.
    case rank = 0
    /// pandas' `pct=True`: the rank divided by the number of ranked values (dense: by the
    /// number of distinct values).
    case pct = 1
    /// SQL PERCENT_RANK(): (competition rank − 1) / (n − 1); 0 for a single value.
    case percentRank = 2
    /// SQL CUME_DIST(): competition_max rank / n.
    case cumeDist = 3

    /// Parses `rank`, `pct`, `percent_rank`, `cume_dist`.
    ///
    ///     RankScale(name: "cume_dist")  // .cumeDist
    ///
    /// - Complexity: O(1).
    public init?(name: String) {
        switch name.lowercased() {
        case "rank": self = .rank
        case "pct", "fraction": self = .pct
        case "percent_rank", "percentrank": self = .percentRank
        case "cume_dist", "cumedist": self = .cumeDist
        default: return nil
        }
    }

    /// Our canonical name, e.g. `"percent_rank"`.
    public var description: String {
        switch self {
        case .rank: "rank"
        case .pct: "pct"
        case .percentRank: "percent_rank"
        case .cumeDist: "cume_dist"
        }
    }
}

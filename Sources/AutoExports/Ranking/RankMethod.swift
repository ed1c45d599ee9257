/// How tied values share ranks (docs/design.md §3).
///
/// The ranks of 30, 20, 20, 10 in descending order:
///
/// | method            | ranks        | Excel / Calc | SQL          | pandas    | polars    |
/// |-------------------|--------------|--------------|--------------|-----------|-----------|
/// | `.competition`    | 1, 2, 2, 4   | RANK.EQ      | RANK()       | `min`     | `min`     |
/// | `.competitionMax` | 1, 3, 3, 4   | —            | —            | `max`     | `max`     |
/// | `.fractional`     | 1, 2.5, 2.5, 4 | RANK.AVG   | —            | `average` | `average` |
/// | `.dense`          | 1, 2, 2, 3   | —            | DENSE_RANK() | `dense`   | `dense`   |
/// | `.ordinal`        | 1, 2, 3, 4   | —            | ROW_NUMBER() | `first`   | `ordinal` |
///
/// The raw values are the C ABI's `AEX_RANK_*` constants and never change.
public enum RankMethod: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// Ties share the lowest rank of their block; the next rank skips (1, 2, 2, 4).
    case competition = 0
    /// Ties share the highest rank of their block (1, 3, 3, 4).
    case competitionMax = 1
    /// Ties share the mean of the ranks of their block (1, 2.5, 2.5, 4).
    case fractional = 2
    /// Ties share a rank and the next rank does not skip (1, 2, 2, 3).
    case dense = 3
    /// Every value gets its own rank; ties break by input position (1, 2, 3, 4).
    case ordinal = 4

    /// Parses our names and the names pandas, polars, SQL and spreadsheets use.
    ///
    ///     RankMethod(name: "min")      // .competition
    ///     RankMethod(name: "average")  // .fractional
    ///     RankMethod(name: "RANK.EQ")  // .competition
    ///
    /// - Complexity: O(1).
    public init?(name: String) {
        switch name.lowercased() {
        case "competition", "min", "rank", "rank.eq", "rank_eq", "standard": self = .competition
        case "competition_max", "competitionmax", "max", "modified": self = .competitionMax
        case "fractional", "average", "avg", "mean", "rank.avg", "rank_avg": self = .fractional
        case "dense", "dense_rank": self = .dense
        case "ordinal", "first", "row_number": self = .ordinal
        default: return nil
        }
    }

    /// Our canonical name, e.g. `"competition_max"`.
    public var description: String {
        switch self {
        case .competition: "competition"
        case .competitionMax: "competition_max"
        case .fractional: "fractional"
        case .dense: "dense"
        case .ordinal: "ordinal"
        }
    }
}

/// Which end of the values gets rank 1. Raw values are the C ABI's `AEX_ORDER_*`.
public enum RankOrder: Int32, CaseIterable, Sendable {
    /// The smallest value gets rank 1 (pandas' default).
    case ascending = 0
    /// The largest value gets rank 1 (league tables).
    case descending = 1
}

/// What happens to missing values (NaN). Raw values are the C ABI's `AEX_MISSING_*`.
public enum MissingPolicy: Int32, CaseIterable, Sendable {
    /// Missing values get no rank (NaN) and are left out of the count (pandas `keep`).
    case keep = 0
    /// Missing values form one tied block ranked before every number (pandas `top`).
    case top = 1
    /// Missing values form one tied block ranked after every number (pandas `bottom`).
    case bottom = 2

    /// Parses `keep`, `top`, `bottom` (pandas' `na_option` values).
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        switch name.lowercased() {
        case "keep": self = .keep
        case "top", "first": self = .top
        case "bottom", "last": self = .bottom
        default: return nil
        }
    }
}

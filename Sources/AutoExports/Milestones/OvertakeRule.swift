/// Which pairs of consecutive periods count as an overtake.
///
///     // A, B over three periods: behind, tied, ahead
///     let rows: [[Double]] = [[1, 3], [2, 2], [4, 1]]
///     try Overtakes.count(rows: rows, rule: .carried)    // 1: the tie keeps B ahead
///     try Overtakes.count(rows: rows, rule: .adjacent)   // 0: tied in period 1
///
/// The raw values are the C ABI's `AEX_OVERTAKES_*` rule flag bits and never change.
public enum OvertakeRule: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// docs/design.md §4, the default: the last period in which the two were strictly ordered
    /// decides; ties in between do not change the order.
    case carried = 0
    /// Both strictly ordered in t − 1 and in t, in opposite orders (a tie in either period
    /// is no overtake): the consecutive-period inversions a plain self-join counts.
    case adjacent = 2

    /// `"carried"` or `"adjacent"`.
    public var description: String {
        switch self {
        case .carried: "carried"
        case .adjacent: "adjacent"
        }
    }
}

/// One overtake found by the all-pairs kernel: `subject` moved ahead of `rival` in
/// `period` (docs/design.md §4).
///
/// Periods and entities are indices into the matrix given to `Overtakes`: period `t` is
/// row `t`, entity `e` is column `e`. The event means: in `since`, the last period before
/// `period` in which the two were strictly ordered, the rival was ahead (ties in between
/// do not change the order), and in `period` the subject is strictly ahead.
///
///     // rows are periods, columns entities A, B
///     let events = try Overtakes.find(rows: [[1, 3], [2, 2], [4, 1]])
///     // [Overtake(period: 2, subject: 0, rival: 1, since: 0, bridged: false)]
///     // A passed B in period 2; in period 1 they were tied, so period 0 decides.
public struct Overtake: Hashable, Sendable, CustomStringConvertible {
    var _period: Int32
    var _subject: Int32
    var _rival: Int32
    var _since: Int32
    /// True when a period between `since` and `period` had a missing value of either
    /// entity and the comparison was carried across it (only with gap bridging on).
    public var bridged: Bool

    /// The period (row index) in which the subject is ahead.
    public var period: Int { Int(_period) }
    /// The entity (column index) that moved ahead.
    public var subject: Int { Int(_subject) }
    /// The entity (column index) that was passed.
    public var rival: Int { Int(_rival) }
    /// The last period before `period` in which the two were strictly ordered (rival ahead).
    public var since: Int { Int(_since) }

    /// An overtake; every index must fit in 32 bits (the kernel's limit).
    ///
    /// - Complexity: O(1).
    public init(period: Int, subject: Int, rival: Int, since: Int, bridged: Bool = false) {
        precondition(
            Int32(exactly: period) != nil && Int32(exactly: subject) != nil
                && Int32(exactly: rival) != nil && Int32(exactly: since) != nil,
            "Overtake indices must fit in 32 bits")
        self.init(
            Int32(truncatingIfNeeded: period), Int32(truncatingIfNeeded: subject),
            Int32(truncatingIfNeeded: rival), Int32(truncatingIfNeeded: since), bridged)
    }

    @inline(__always)
    init(_ period: Int32, _ subject: Int32, _ rival: Int32, _ since: Int32, _ bridged: Bool) {
        _period = period
        _subject = subject
        _rival = rival
        _since = since
        self.bridged = bridged
    }

    /// `Overtake(period: 2, subject: 0, rival: 1, since: 0, bridged: false)`.
    public var description: String {
        "Overtake(period: \(period), subject: \(subject), rival: \(rival), since: \(since), bridged: \(bridged))"
    }
}

/// What happened (docs/design.md §4). Raw values are the C ABI's `AEX_MILESTONE_*` and never
/// change.
///
///     MilestoneKind(name: "overtake")           // .overtake
///     MilestoneKind.firstTimeLeader.description // "first_time_leader"
public enum MilestoneKind: Int32, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    /// The subject passed the rival: in the last period in which the two were strictly
    /// ordered the rival was ahead, now the subject is (ties in between do not count).
    case overtake = 0
    /// The subject is the sole #1 and was not #1 in the previous period.
    case newLeader = 1
    /// A new leader that was never #1 in any earlier period of the data.
    case firstTimeLeader = 2
    /// The lead passed from the rival (the last sole #1, carried through ties at the top)
    /// to the subject.
    case leadChange = 3
    /// A value above every earlier value of the same series (all-time high in the data).
    case recordHigh = 4
    /// A level crossed upward: below it in the previous period, at or above it now.
    case thresholdUp = 5
    /// A level crossed downward: at or above it in the previous period, below it now.
    case thresholdDown = 6
    /// The subject entered the top N.
    case topEntry = 7
    /// The subject left the top N.
    case topExit = 8
    /// k consecutive periods of growth.
    case growthStreak = 9
    /// k consecutive periods at #1.
    case leaderStreak = 10

    /// Our name: `overtake`, `new_leader`, `first_time_leader`, `lead_change`,
    /// `record_high`, `threshold_up`, `threshold_down`, `top_entry`, `top_exit`,
    /// `growth_streak`, `leader_streak`.
    public var description: String {
        switch self {
        case .overtake: "overtake"
        case .newLeader: "new_leader"
        case .firstTimeLeader: "first_time_leader"
        case .leadChange: "lead_change"
        case .recordHigh: "record_high"
        case .thresholdUp: "threshold_up"
        case .thresholdDown: "threshold_down"
        case .topEntry: "top_entry"
        case .topExit: "top_exit"
        case .growthStreak: "growth_streak"
        case .leaderStreak: "leader_streak"
        }
    }

    /// Parses our names (also with `-` or spaces, case-insensitive) and a few synonyms:
    /// `record`, `threshold` is not accepted (it is two kinds), `leader` = `new_leader`,
    /// `streak` is not accepted (two kinds).
    ///
    /// - Complexity: O(number of kinds).
    public init?(name: String) {
        let n = String(name.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
        if let k = MilestoneKind.allCases.first(where: { $0.description == n }) { self = k; return }
        switch n {
        case "record", "record_high", "records": self = .recordHigh
        case "leader", "new_leaders": self = .newLeader
        case "first_time", "first_leader": self = .firstTimeLeader
        case "overtakes", "pass": self = .overtake
        case "top_n_entry", "entry": self = .topEntry
        case "top_n_exit", "exit": self = .topExit
        default: return nil
        }
    }

    public static func < (a: MilestoneKind, b: MilestoneKind) -> Bool { a.rawValue < b.rawValue }
}

/// Why a change is reported as a coverage note instead of a milestone ("coverage is not
/// an event", docs/design.md §4). Raw values are the C ABI's `AEX_NOTE_*`.
public enum CoverageNoteKind: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// A series starts after the first period of the data.
    case seriesStarts = 0
    /// A series ends before the last period of the data.
    case seriesEnds = 1
    /// A series has no figure for some periods inside its span.
    case gap = 2
    /// Two series changed order across a gap: an overtake only if gaps are bridged.
    case hiddenByGap = 3
    /// A rank change (#1, top N) that comes only from figures that are missing.
    case rankByCoverage = 4
    /// An event too recent to have the required confirmation periods in the data.
    case pendingConfirmation = 5

    public var description: String {
        switch self {
        case .seriesStarts: "series_starts"
        case .seriesEnds: "series_ends"
        case .gap: "gap"
        case .hiddenByGap: "hidden_by_gap"
        case .rankByCoverage: "rank_by_coverage"
        case .pendingConfirmation: "pending_confirmation"
        }
    }
}

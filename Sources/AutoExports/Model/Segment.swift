/// A powertrain segment (docs/design.md §2). Raw values are the C ABI's `AEX_SEGMENT_*`.
///
/// Exclusive segments partition a total: `bev`, `phev`, `fcev`, `hev`, `ice`, `other`
/// (`other` = not classified by powertrain, e.g. HS 870310 and 870390). Groups are sums
/// of exclusive segments: `nev` = bev+phev+fcev (China's new-energy vehicles), `plugin` =
/// bev+phev (IEA's "EV"), `conventional` = hev+ice+other (= total − nev), `total` = all.
///
///     Segment.nev.parts            // [.bev, .phev, .fcev]
///     Segment.conventional.complement  // .nev
public enum Segment: Int32, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case total = 0
    case bev = 1
    case phev = 2
    case fcev = 3
    case hev = 4
    case ice = 5
    case other = 6
    case nev = 7
    case plugin = 8
    case conventional = 9

    /// The exclusive segments, which partition `total`.
    public static let exclusive: [Segment] = [.bev, .phev, .fcev, .hev, .ice, .other]

    /// The exclusive segments this segment sums (itself when it is exclusive).
    public var parts: [Segment] {
        switch self {
        case .total: Segment.exclusive
        case .nev: [.bev, .phev, .fcev]
        case .plugin: [.bev, .phev]
        case .conventional: [.hev, .ice, .other]
        default: [self]
        }
    }

    /// True for bev, phev, fcev, hev, ice, other.
    public var isExclusive: Bool { parts == [self] }

    /// The group that together with this one makes `total` (nev <-> conventional), if any.
    public var complement: Segment? {
        switch self {
        case .nev: .conventional
        case .conventional: .nev
        default: nil
        }
    }

    /// `"total"`, `"bev"`, …, `"conventional"`.
    public var description: String {
        switch self {
        case .total: "total"
        case .bev: "bev"
        case .phev: "phev"
        case .fcev: "fcev"
        case .hev: "hev"
        case .ice: "ice"
        case .other: "other"
        case .nev: "nev"
        case .plugin: "plugin"
        case .conventional: "conventional"
        }
    }

    /// A label for people: "NEV", "plug-in", "conventional", "total".
    public var label: String {
        switch self {
        case .total: "total"
        case .bev: "BEV"
        case .phev: "PHEV"
        case .fcev: "FCEV"
        case .hev: "HEV"
        case .ice: "ICE"
        case .other: "other"
        case .nev: "NEV"
        case .plugin: "plug-in"
        case .conventional: "conventional"
        }
    }

    /// Parses the names above, case-insensitively, plus `ev` (= plugin) and `non-nev`
    /// (= conventional).
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        let n = name.lowercased()
        if let s = Segment.allCases.first(where: { $0.description == n }) { self = s; return }
        switch n {
        case "ev", "plug-in", "plugin_ev": self = .plugin
        case "non-nev", "non_nev", "nonnev": self = .conventional
        case "all": self = .total
        default: return nil
        }
    }

    public static func < (a: Segment, b: Segment) -> Bool { a.rawValue < b.rawValue }
}

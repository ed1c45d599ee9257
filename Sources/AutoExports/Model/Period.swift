/// How long a period is. Raw values are the C ABI's `AEX_GRANULARITY_*` and never change.
public enum Granularity: Int32, CaseIterable, Sendable, Comparable, CustomStringConvertible {
    case year = 0
    case quarter = 1
    case month = 2

    /// Sub-periods per year: 1, 4, 12.
    public var perYear: Int {
        switch self {
        case .year: 1
        case .quarter: 4
        case .month: 12
        }
    }

    public static func < (a: Granularity, b: Granularity) -> Bool { a.rawValue < b.rawValue }

    /// `"year"`, `"quarter"`, `"month"`.
    public var description: String {
        switch self {
        case .year: "year"
        case .quarter: "quarter"
        case .month: "month"
        }
    }

    /// Parses `year|annual|quarter|month` (and their plural / -ly forms).
    public init?(name: String) {
        switch name.lowercased() {
        case "year", "years", "annual", "yearly", "y": self = .year
        case "quarter", "quarters", "quarterly", "q": self = .quarter
        case "month", "months", "monthly", "m": self = .month
        default: return nil
        }
    }
}

/// A calendar period: a year (`2023`), a quarter (`2023-Q1`) or a month (`2023-03`).
///
/// Periods of different granularity are never compared as if they were the same length;
/// `<` orders by granularity first so that sorting is total, and `distance(to:)` returns
/// nil across granularities.
///
/// C encoding (`code`), one `int32_t`: a year is `YYYY` (2023), a quarter `YYYYQ`
/// (20231 = 2023-Q1), a month `YYYYMM` (202303 = 2023-03). Years run 1...9999.
///
///     Period(parsing: "2023-Q1")?.code   // 20231
///     Period(code: 202303)?.description  // "2023-03"
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The period's length.
    public let granularity: Granularity
    /// The calendar year, 1...9999.
    public let year: Int
    /// 0 for a year, 1...4 for a quarter, 1...12 for a month.
    public let sub: Int

    /// The year `year` (1...9999).
    public init?(year: Int) {
        guard (1...9999).contains(year) else { return nil }
        self.granularity = .year; self.year = year; self.sub = 0
    }

    /// Quarter `quarter` (1...4) of `year`.
    public init?(year: Int, quarter: Int) {
        guard (1...9999).contains(year), (1...4).contains(quarter) else { return nil }
        self.granularity = .quarter; self.year = year; self.sub = quarter
    }

    /// Month `month` (1...12) of `year`.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.granularity = .month; self.year = year; self.sub = month
    }

    /// The period with consecutive index `ordinal` at `granularity` (inverse of `ordinal`).
    public init?(granularity: Granularity, ordinal: Int) {
        guard ordinal >= 0 else { return nil }
        let (y, s) = ordinal.quotientAndRemainder(dividingBy: granularity.perYear)
        switch granularity {
        case .year: self.init(year: ordinal)
        case .quarter: self.init(year: y, quarter: s + 1)
        case .month: self.init(year: y, month: s + 1)
        }
    }

    /// Parses `2023`, `2023-Q1` (also `2023Q1`, `2023-q1`), `2023-03` (also `2023-3`,
    /// `2023M03`). Surrounding spaces are ignored.
    ///
    /// - Complexity: O(length of text).
    public init?<S: StringProtocol>(parsing text: S) {
        let t = Array(text.utf8).trimmingSpaces()
        guard t.count >= 4, let year = Int(digits: t.prefix(4)) else { return nil }
        if t.count == 4 { self.init(year: year); return }
        var rest = t.dropFirst(4)
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        guard let tag = rest.first else { return nil }
        if tag == UInt8(ascii: "Q") || tag == UInt8(ascii: "q") {
            guard rest.count == 2, let q = Int(digits: rest.dropFirst()) else { return nil }
            self.init(year: year, quarter: q)
        } else {
            if tag == UInt8(ascii: "M") || tag == UInt8(ascii: "m") { rest = rest.dropFirst() }
            guard (1...2).contains(rest.count), let m = Int(digits: rest) else { return nil }
            self.init(year: year, month: m)
        }
    }

    /// Decodes the C encoding (see the type's documentation).
    public init?(code: Int32) {
        let c = Int(code)
        switch c {
        case 1...9999: self.init(year: c)
        case 10_000...99_999: self.init(year: c / 10, quarter: c % 10)
        case 100_000...999_999: self.init(year: c / 100, month: c % 100)
        default: return nil
        }
    }

    /// The C encoding: `YYYY`, `YYYYQ` or `YYYYMM`.
    public var code: Int32 {
        switch granularity {
        case .year: Int32(year)
        case .quarter: Int32(year * 10 + sub)
        case .month: Int32(year * 100 + sub)
        }
    }

    /// A consecutive index within the granularity: `b.ordinal - a.ordinal == 1` means b
    /// directly follows a.
    public var ordinal: Int {
        switch granularity {
        case .year: year
        case .quarter: year * 4 + sub - 1
        case .month: year * 12 + sub - 1
        }
    }

    /// The period just before this one, of the same granularity (nil before year 1).
    public var predecessor: Period? { Period(granularity: granularity, ordinal: ordinal - 1) }

    /// The period just after this one, of the same granularity (nil after 9999).
    public var successor: Period? { Period(granularity: granularity, ordinal: ordinal + 1) }

    /// `other.ordinal - ordinal`, or nil when the granularities differ.
    public func distance(to other: Period) -> Int? {
        granularity == other.granularity ? other.ordinal - ordinal : nil
    }

    /// The year or quarter containing this period (nil when `granularity` is finer).
    ///
    ///     Period(parsing: "2023-05")?.rolledUp(to: .quarter)   // 2023-Q2
    public func rolledUp(to granularity: Granularity) -> Period? {
        if granularity == self.granularity { return self }
        guard granularity < self.granularity else { return nil }
        switch granularity {
        case .year: return Period(year: year)
        case .quarter: return Period(year: year, quarter: (sub - 1) / 3 + 1)
        case .month: return nil
        }
    }

    /// The period's start as a decimal year, e.g. 2023-Q3 -> 2023.5 (for interpolation).
    public var decimalYear: Double {
        Double(year) + Double(max(sub - 1, 0)) / Double(granularity.perYear)
    }

    public static func < (a: Period, b: Period) -> Bool {
        a.granularity != b.granularity ? a.granularity < b.granularity : a.ordinal < b.ordinal
    }

    /// `2023`, `2023-Q1`, `2023-03`.
    public var description: String {
        var y = String(year)
        while y.utf8.count < 4 { y = "0" + y }
        switch granularity {
        case .year: return y
        case .quarter: return "\(y)-Q\(sub)"
        case .month: return sub < 10 ? "\(y)-0\(sub)" : "\(y)-\(sub)"
        }
    }
}

extension Int {
    /// Parses ASCII digits only (no sign, no spaces); nil on anything else or > 18 digits.
    init?<C: Collection>(digits: C) where C.Element == UInt8 {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var v = 0
        for d in digits {
            guard d >= 48 && d <= 57 else { return nil }
            v = v * 10 + Int(d - 48)
        }
        self = v
    }
}

extension Array where Element == UInt8 {
    /// The bytes without leading and trailing ASCII spaces and tabs.
    func trimmingSpaces() -> ArraySlice<UInt8> {
        var s = self[...]
        while let f = s.first, f == 32 || f == 9 { s = s.dropFirst() }
        while let l = s.last, l == 32 || l == 9 { s = s.dropLast() }
        return s
    }
}

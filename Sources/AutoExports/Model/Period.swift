/// What kind of period: a calendar year, half, quarter or month, a year-to-date span
/// (January through a month), or a fiscal year starting in a given month.
///
/// Two periods are comparable — ranked side by side, put on one axis, one the
/// successor of the other — only when their granularities are *equal*: a January–May
/// span only with January–May spans, a fiscal year starting in April only with fiscal
/// years starting in April, never a fiscal year with a calendar year. A `Selection`,
/// and so every league table, milestone, explanation and chart built on one, holds a
/// single granularity.
///
/// Raw values are the C ABI's `AEX_GRANULARITY_*` and never change: year 0, quarter 1,
/// month 2, half 3, year-to-date through month m `100 + m`, fiscal year starting in month
/// m `200 + m`.
public enum Granularity: Hashable, Sendable, Comparable, CustomStringConvertible, RawRepresentable,
    CaseIterable
{
    case year
    case quarter
    case month
    /// A half year: January–June (H1) or July–December (H2).
    case half
    /// January through month `through` (1...12) of a year, cumulative.
    case yearToDate(through: Int)
    /// Twelve months from month `start` (1...12) of the year that names it (FY2024
    /// starting in April: April 2024 – March 2025).
    case fiscalYear(start: Int)

    /// The start month of a fiscal year written without one (`FY2024`): April, as JAMA
    /// (Japan) and SIAM (India) count.
    public static let defaultFiscalYearStart = 4

    public init?(rawValue: Int32) {
        switch rawValue {
        case 0: self = .year
        case 1: self = .quarter
        case 2: self = .month
        case 3: self = .half
        case 101...112: self = .yearToDate(through: Int(rawValue) - 100)
        case 201...212: self = .fiscalYear(start: Int(rawValue) - 200)
        default: return nil
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .year: 0
        case .quarter: 1
        case .month: 2
        case .half: 3
        case .yearToDate(let m): Int32(100 + m)
        case .fiscalYear(let m): Int32(200 + m)
        }
    }

    /// Every granularity: year, quarter, month, half, the 12 year-to-date spans, the 12
    /// fiscal-year starts.
    public static var allCases: [Granularity] {
        [.year, .quarter, .month, .half] + (1...12).map { .yearToDate(through: $0) }
            + (1...12).map { .fiscalYear(start: $0) }
    }

    /// Periods per year: 1, 4, 12, 2; 1 for a year-to-date span and a fiscal year.
    public var perYear: Int {
        switch self {
        case .year, .yearToDate, .fiscalYear: 1
        case .half: 2
        case .quarter: 4
        case .month: 12
        }
    }

    /// A calendar year, half, quarter or month (they nest; spans and fiscal years do not).
    public var isCalendar: Bool {
        switch self {
        case .year, .half, .quarter, .month: true
        case .yearToDate, .fiscalYear: false
        }
    }

    /// Sort order: year < half < quarter < month (coarse to fine) < year-to-date spans
    /// < fiscal years, then by month.
    var sortKey: (Int, Int) {
        switch self {
        case .year: (0, 0)
        case .half: (1, 0)
        case .quarter: (2, 0)
        case .month: (3, 0)
        case .yearToDate(let m): (4, m)
        case .fiscalYear(let m): (5, m)
        }
    }

    public static func < (a: Granularity, b: Granularity) -> Bool { a.sortKey < b.sortKey }

    /// True when `self` is a calendar granularity finer than the calendar granularity `g`
    /// (a month is finer than a quarter, half and year).
    ///
    /// - Complexity: O(1).
    public func isFiner(than g: Granularity) -> Bool { isCalendar && g.isCalendar && g < self }

    /// `"year"`, `"quarter"`, `"month"`, `"half"`, `"ytd-05"` (January–May), `"fy@04"`
    /// (fiscal years from April); `Granularity(name:)` reads each back.
    public var description: String {
        switch self {
        case .year: "year"
        case .quarter: "quarter"
        case .month: "month"
        case .half: "half"
        case .yearToDate(let m): m < 10 ? "ytd-0\(m)" : "ytd-\(m)"
        case .fiscalYear(let m): m < 10 ? "fy@0\(m)" : "fy@\(m)"
        }
    }

    /// The word for one period in a sentence: "year", "quarter", "month", "half-year";
    /// "year" for a year-to-date span (there is one per year), "fiscal year".
    public var noun: String {
        switch self {
        case .year, .yearToDate: "year"
        case .quarter: "quarter"
        case .month: "month"
        case .half: "half-year"
        case .fiscalYear: "fiscal year"
        }
    }

    /// Parses `year|annual|quarter|month` (and their plural / -ly forms), `half`
    /// (`halves`, `half-year`, `h`), `ytd-05` (also `ytd5`, `ytd:05`: January–May) and
    /// `fy` / `fiscal` (from April) or `fy@07` (from July).
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        let n = name.lowercased()
        switch n {
        case "year", "years", "annual", "yearly", "y": self = .year; return
        case "quarter", "quarters", "quarterly", "q": self = .quarter; return
        case "month", "months", "monthly", "m": self = .month; return
        case "half", "halves", "half-year", "half-yearly", "semiannual", "h": self = .half; return
        case "fy", "fiscal", "fiscal-year", "fiscal year":
            self = .fiscalYear(start: Granularity.defaultFiscalYearStart); return
        default: break
        }
        func month(after prefix: String, _ seps: [Character]) -> Int? {
            guard n.hasPrefix(prefix) else { return nil }
            var rest = Substring(n.dropFirst(prefix.count))
            if let f = rest.first, seps.contains(f) { rest = rest.dropFirst() }
            guard (1...2).contains(rest.utf8.count), let m = Int(digits: rest.utf8), (1...12).contains(m)
            else { return nil }
            return m
        }
        if let m = month(after: "ytd", ["-", ":", "@"]) { self = .yearToDate(through: m); return }
        if let m = month(after: "fy", ["@", "-", ":"]) { self = .fiscalYear(start: m); return }
        if let m = month(after: "fiscal", ["@", "-", ":"]) { self = .fiscalYear(start: m); return }
        return nil
    }
}

/// A period: a calendar year (`2023`), half (`2023-H1`), quarter (`2023-Q1`) or month
/// (`2023-03`), a year-to-date span (`2023-01/2023-05`: January–May 2023, cumulative) or
/// a fiscal year (`FY2024`: from April 2024 to March 2025; `FY2024@07` from July).
///
/// Periods of different granularity are never compared as if they were alike; `<`
/// orders by granularity first so that sorting is total, and `distance(to:)` returns nil
/// across granularities (a fiscal year and a calendar year, two spans ending in
/// different months).
///
/// C encoding (`code`), one `int32_t`: a year is `YYYY` (2023), a quarter `YYYYQ`
/// (20231 = 2023-Q1), a month `YYYYMM` (202303 = 2023-03); then, all seven digits,
/// a half `1YYYY0H` (1202301 = 2023-H1), a year-to-date span `2YYYYMM` with its last
/// month (2202305 = 2023-01/2023-05) and a fiscal year `3YYYYMM` with the year that
/// names it and its start month (3202404 = FY2024 from April). Years run 1...9999.
///
///     Period(parsing: "2023-Q1")?.code           // 20231
///     Period(code: 202303)?.description          // "2023-03"
///     Period(parsing: "2023-01/2023-05")?.code   // 2202305
///     Period(parsing: "FY2024")?.months.first    // 2024-04
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The period's kind and length.
    public let granularity: Granularity
    /// The calendar year, 1...9999; for a fiscal year the year that names it (the year
    /// it starts in).
    public let year: Int
    /// 0 for a year, a year-to-date span and a fiscal year; 1...2 for a half, 1...4 for a
    /// quarter, 1...12 for a month.
    public let sub: Int

    /// The year `year` (1...9999).
    ///
    /// - Complexity: O(1).
    public init?(year: Int) {
        guard (1...9999).contains(year) else { return nil }
        self.granularity = .year; self.year = year; self.sub = 0
    }

    /// Quarter `quarter` (1...4) of `year`.
    ///
    /// - Complexity: O(1).
    public init?(year: Int, quarter: Int) {
        guard (1...9999).contains(year), (1...4).contains(quarter) else { return nil }
        self.granularity = .quarter; self.year = year; self.sub = quarter
    }

    /// Month `month` (1...12) of `year`.
    ///
    /// - Complexity: O(1).
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.granularity = .month; self.year = year; self.sub = month
    }

    /// Half `half` (1 = January–June, 2 = July–December) of `year`.
    ///
    /// - Complexity: O(1).
    public init?(year: Int, half: Int) {
        guard (1...9999).contains(year), (1...2).contains(half) else { return nil }
        self.granularity = .half; self.year = year; self.sub = half
    }

    /// January through month `throughMonth` (1...12) of `year`.
    ///
    /// - Complexity: O(1).
    public init?(year: Int, throughMonth: Int) {
        guard (1...9999).contains(year), (1...12).contains(throughMonth) else { return nil }
        self.granularity = .yearToDate(through: throughMonth); self.year = year; self.sub = 0
    }

    /// The fiscal year named `fiscalYear`, starting in month `startMonth` (1...12) of it.
    ///
    /// - Complexity: O(1).
    public init?(fiscalYear: Int, startMonth: Int = Granularity.defaultFiscalYearStart) {
        guard (1...9999).contains(fiscalYear), (1...12).contains(startMonth) else { return nil }
        self.granularity = .fiscalYear(start: startMonth); self.year = fiscalYear; self.sub = 0
    }

    /// The period with consecutive index `ordinal` at `granularity` (inverse of `ordinal`).
    ///
    /// - Complexity: O(1).
    public init?(granularity: Granularity, ordinal: Int) {
        guard ordinal >= 0 else { return nil }
        let (y, s) = ordinal.quotientAndRemainder(dividingBy: granularity.perYear)
        switch granularity {
        case .year: self.init(year: ordinal)
        case .half: self.init(year: y, half: s + 1)
        case .quarter: self.init(year: y, quarter: s + 1)
        case .month: self.init(year: y, month: s + 1)
        case .yearToDate(let m): self.init(year: ordinal, throughMonth: m)
        case .fiscalYear(let m): self.init(fiscalYear: ordinal, startMonth: m)
        }
    }

    /// Parses `2023`, `2023-H1` (also `2023H1`, `2023-h2`), `2023-Q1` (also `2023Q1`,
    /// `2023-q1`), `2023-03` (also `2023-3`, `2023M03`), a year-to-date span
    /// `2023-01/2023-05` (January through a month of one year; spaces around the slash
    /// allowed) and a fiscal year `FY2024` (starting in `fiscalYearStart`, April unless
    /// said), `FY2024@07` (starting in July, whatever `fiscalYearStart` says),
    /// `FY2023-24` / `FY2023/24` (the fiscal year 2023 to 2024, named by the year it
    /// starts in: FY2023). `fy` in any case. Surrounding spaces are ignored.
    ///
    /// - Complexity: O(length of text).
    public init?<S: StringProtocol>(parsing text: S, fiscalYearStart: Int = Granularity.defaultFiscalYearStart) {
        let t = Array(text.utf8).trimmingSpaces()
        guard t.count >= 4 else { return nil }
        // Fiscal years.
        if t[t.startIndex] | 0x20 == UInt8(ascii: "f"), t[t.startIndex + 1] | 0x20 == UInt8(ascii: "y") {
            var rest = t.dropFirst(2)
            if rest.first == UInt8(ascii: " ") || rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
            guard rest.count >= 4, let y = Int(digits: rest.prefix(4)) else { return nil }
            rest = rest.dropFirst(4)
            var start = fiscalYearStart
            if let sep = rest.first, sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") {
                // FY2023-24 or FY2023/2024: the years must follow each other.
                let next = rest.dropFirst().prefix { $0 != UInt8(ascii: "@") }
                guard let n = Int(digits: next),
                    (next.count == 2 && n == (y + 1) % 100) || (next.count == 4 && n == y + 1)
                else { return nil }
                rest = rest.dropFirst(1 + next.count)
            }
            if rest.first == UInt8(ascii: "@") {
                let m = rest.dropFirst()
                guard (1...2).contains(m.count), let v = Int(digits: m) else { return nil }
                start = v
                rest = []
            }
            guard rest.isEmpty else { return nil }
            self.init(fiscalYear: y, startMonth: start)
            return
        }
        // Year-to-date spans.
        if let slash = t.firstIndex(of: UInt8(ascii: "/")) {
            guard let a = Period(parsing: String(decoding: t[t.startIndex..<slash], as: UTF8.self)),
                let b = Period(parsing: String(decoding: t[(slash + 1)...], as: UTF8.self)),
                a.granularity == .month, b.granularity == .month, a.sub == 1, a.year == b.year
            else { return nil }
            self.init(year: b.year, throughMonth: b.sub)
            return
        }
        guard let year = Int(digits: t.prefix(4)) else { return nil }
        if t.count == 4 { self.init(year: year); return }
        var rest = t.dropFirst(4)
        if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
        guard let tag = rest.first else { return nil }
        if tag == UInt8(ascii: "Q") || tag == UInt8(ascii: "q") {
            guard rest.count == 2, let q = Int(digits: rest.dropFirst()) else { return nil }
            self.init(year: year, quarter: q)
        } else if tag == UInt8(ascii: "H") || tag == UInt8(ascii: "h") {
            guard rest.count == 2, let h = Int(digits: rest.dropFirst()) else { return nil }
            self.init(year: year, half: h)
        } else {
            if tag == UInt8(ascii: "M") || tag == UInt8(ascii: "m") { rest = rest.dropFirst() }
            guard (1...2).contains(rest.count), let m = Int(digits: rest) else { return nil }
            self.init(year: year, month: m)
        }
    }

    /// Decodes the C encoding (see the type's documentation).
    ///
    /// - Complexity: O(1).
    public init?(code: Int32) {
        let c = Int(code)
        switch c {
        case 1...9999: self.init(year: c)
        case 10_000...99_999: self.init(year: c / 10, quarter: c % 10)
        case 100_000...999_999: self.init(year: c / 100, month: c % 100)
        case 1_000_000...3_999_999:
            let (kind, rest) = c.quotientAndRemainder(dividingBy: 1_000_000)
            let (y, n) = rest.quotientAndRemainder(dividingBy: 100)
            switch kind {
            case 1: self.init(year: y, half: n)
            case 2: self.init(year: y, throughMonth: n)
            default: self.init(fiscalYear: y, startMonth: n)
            }
        default: return nil
        }
    }

    /// The C encoding: `YYYY`, `YYYYQ`, `YYYYMM`, `1YYYY0H`, `2YYYYMM`, `3YYYYMM`.
    public var code: Int32 {
        switch granularity {
        case .year: Int32(year)
        case .quarter: Int32(year * 10 + sub)
        case .month: Int32(year * 100 + sub)
        case .half: Int32(1_000_000 + year * 100 + sub)
        case .yearToDate(let m): Int32(2_000_000 + year * 100 + m)
        case .fiscalYear(let m): Int32(3_000_000 + year * 100 + m)
        }
    }

    /// A consecutive index within the granularity: `b.ordinal - a.ordinal == 1` means b
    /// directly follows a.
    public var ordinal: Int {
        switch granularity {
        case .year, .yearToDate, .fiscalYear: year
        case .half: year * 2 + sub - 1
        case .quarter: year * 4 + sub - 1
        case .month: year * 12 + sub - 1
        }
    }

    /// The period just before this one, of the same granularity (nil before year 1).
    public var predecessor: Period? { Period(granularity: granularity, ordinal: ordinal - 1) }

    /// The period just after this one, of the same granularity (nil after 9999).
    public var successor: Period? { Period(granularity: granularity, ordinal: ordinal + 1) }

    /// The same period a year earlier, of the same granularity: 2022-H1 for 2023-H1,
    /// 2022-03 for 2023-03, January–May 2022 for January–May 2023, FY2023 for FY2024 (what
    /// "year on year" compares; nil before year 1).
    public var yearEarlier: Period? { Period(granularity: granularity, ordinal: ordinal - granularity.perYear) }

    /// `other.ordinal - ordinal`, or nil when the granularities differ.
    ///
    /// - Complexity: O(1).
    public func distance(to other: Period) -> Int? {
        granularity == other.granularity ? other.ordinal - ordinal : nil
    }

    /// The year, half or quarter containing this calendar period (nil when `granularity`
    /// is finer, or either is not a calendar granularity).
    ///
    ///     Period(parsing: "2023-05")?.rolledUp(to: .quarter)   // 2023-Q2
    ///     Period(parsing: "2023-05")?.rolledUp(to: .half)      // 2023-H1
    ///
    /// - Complexity: O(1).
    public func rolledUp(to granularity: Granularity) -> Period? {
        if granularity == self.granularity { return self }
        guard self.granularity.isFiner(than: granularity), let first = months.first else { return nil }
        switch granularity {
        case .year: return Period(year: year)
        case .half:
            guard self.granularity != .half else { return nil }
            return Period(year: year, half: (first.sub - 1) / 6 + 1)
        case .quarter: return Period(year: year, quarter: (first.sub - 1) / 3 + 1)
        default: return nil
        }
    }

    /// The months this period covers, in order: 12 for a year or fiscal year, 6 for a
    /// half, 3 for a quarter, the month itself, January through the last month of a span.
    ///
    ///     Period(parsing: "FY2024")!.months   // 2024-04 … 2025-03
    public var months: [Period] {
        switch granularity {
        case .month: return [self]
        case .quarter: return (1...3).compactMap { Period(year: year, month: (sub - 1) * 3 + $0) }
        case .half: return (1...6).compactMap { Period(year: year, month: (sub - 1) * 6 + $0) }
        case .year: return (1...12).compactMap { Period(year: year, month: $0) }
        case .yearToDate(let m): return (1...m).compactMap { Period(year: year, month: $0) }
        case .fiscalYear(let s):
            return (0..<12).compactMap { k in
                let m = s - 1 + k
                return Period(year: year + m / 12, month: m % 12 + 1)
            }
        }
    }

    /// The period's start as a decimal year, e.g. 2023-Q3 -> 2023.5, FY2024 (April) ->
    /// 2024.25 (for interpolation).
    public var decimalYear: Double {
        switch granularity {
        case .fiscalYear(let s): Double(year) + Double(s - 1) / 12
        case .yearToDate: Double(year)
        default: Double(year) + Double(max(sub - 1, 0)) / Double(granularity.perYear)
        }
    }

    public static func < (a: Period, b: Period) -> Bool {
        a.granularity != b.granularity ? a.granularity < b.granularity : a.ordinal < b.ordinal
    }

    /// `2023`, `2023-H1`, `2023-Q1`, `2023-03`, `2023-01/2023-05`, `FY2024` (from April)
    /// or `FY2024@07` (from another month): `Period(parsing:)` reads each back.
    public var description: String {
        var y = String(year)
        while y.utf8.count < 4 { y = "0" + y }
        func two(_ m: Int) -> String { m < 10 ? "0\(m)" : "\(m)" }
        switch granularity {
        case .year: return y
        case .half: return "\(y)-H\(sub)"
        case .quarter: return "\(y)-Q\(sub)"
        case .month: return "\(y)-\(two(sub))"
        case .yearToDate(let m): return "\(y)-01/\(y)-\(two(m))"
        case .fiscalYear(let s):
            return s == Granularity.defaultFiscalYearStart ? "FY\(y)" : "FY\(y)@\(two(s))"
        }
    }

    /// The period in words: "2023", "H1 2023", "2023-Q1", "March 2023", "January–May 2023",
    /// "FY2024 (April 2024 – March 2025)".
    public var label: String {
        switch granularity {
        case .year, .quarter: return description
        case .half: return "H\(sub) \(year)"
        case .month: return "\(Period.monthNames[sub - 1]) \(year)"
        case .yearToDate(let m):
            return m == 1 ? "January \(year)" : "January–\(Period.monthNames[m - 1]) \(year)"
        case .fiscalYear:
            let ms = months
            guard let a = ms.first, let b = ms.last else { return description }
            return "\(description) (\(a.label) – \(b.label))"
        }
    }

    /// The forms a period takes, for messages: "2023, 2023-H1, 2023-Q1, 2023-03,
    /// 2023-01/2023-05 or FY2024".
    public static let examples = "2023, 2023-H1, 2023-Q1, 2023-03, 2023-01/2023-05 or FY2024"

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]
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

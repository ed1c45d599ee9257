/// The spreadsheet ranking functions, with Excel's semantics: a value and a range in,
/// one number out.
///
/// | function            | Excel / LibreOffice     | result                                   |
/// |---------------------|-------------------------|------------------------------------------|
/// | `rankEq`            | RANK.EQ(number, ref, order)     | 1 + count strictly ahead of `value` |
/// | `rankAvg`           | RANK.AVG(number, ref, order)    | the mean rank of `value`'s ties     |
/// | `percentRankInc`    | PERCENTRANK.INC(array, x, sig)  | in [0, 1]                           |
/// | `percentRankExc`    | PERCENTRANK.EXC(array, x, sig)  | in (0, 1)                           |
///
/// NaN entries of a range are empty cells: skipped, as spreadsheets skip non-numeric
/// cells. ±inf are ordinary values; -0.0 equals 0.0.
///
/// PERCENTRANK of a value found in the data: INC = (values below x) / (n − 1), with 1 for
/// a single value; EXC = (values below x + 1) / (n + 1). A value between two data points
/// is interpolated linearly between the sorted positions of its neighbours `a < x < b`:
/// INC = (below − 1 + f) / (n − 1), EXC = (below + f) / (n + 1), with
/// f = (x − a) / (b − a). This is LibreOffice's rule and agrees with Excel's published
/// examples; when the lower neighbour `a` is repeated it interpolates from `a`'s last
/// copy, a case Excel's documentation does not show. With an infinite neighbour, f takes
/// its limit (0 when b = +inf, 1 when a = −inf, ½ when both are infinite).
///
/// PERCENTRANK follows one of two hosts' conventions (`PercentRankConvention`), which
/// differ in two places only:
///
/// | convention | significance k                         | one number, x equal to it |
/// |------------|----------------------------------------|---------------------------|
/// | `.excel`   | truncated down to k decimal digits     | INC 1, EXC 1/2 (formula)  |
/// | `.calc`    | rounded half away from zero to k *significant* digits | INC 1, EXC 1 |
///
/// Without a significance the result is not rounded at all in either convention (both
/// spreadsheets default to 3 digits when the argument is omitted; the Calc add-in passes
/// 3). The `.calc` rules were checked against LibreOffice Calc's PERCENTRANK.INC/EXC in
/// headless Calc (Tests/python/test_libreoffice.py).
public enum Spreadsheet {
    /// RANK.EQ: the rank of `value` among the numbers of `range`; ties share the best
    /// rank.
    ///
    ///     try Spreadsheet.rankEq(2, in: [7, 3.5, 3.5, 1, 2])                     // 4.0
    ///     try Spreadsheet.rankEq(3.5, in: [7, 3.5, 3.5, 1, 2], order: .ascending) // 3.0
    ///
    /// - Parameter order: `.descending` (Excel's default, order 0 or omitted: the largest
    ///   is 1) or `.ascending` (Excel's nonzero order).
    /// - Throws: `SpreadsheetError.notFound` when `value` is not in `range` (Excel #N/A);
    ///   `.missingValue` when `value` is NaN.
    /// - Complexity: O(n).
    public static func rankEq(
        _ value: Double, in range: UnsafeBufferPointer<Double>, order: RankOrder = .descending
    ) throws(SpreadsheetError) -> Double {
        let c = try counts(value, range, order)
        return Double(c.ahead + 1)
    }

    /// RANK.AVG: the rank of `value` among the numbers of `range`; ties share the mean of
    /// their ranks.
    ///
    ///     try Spreadsheet.rankAvg(94, in: [89, 88, 92, 101, 94, 97, 95])  // 4.0
    ///     try Spreadsheet.rankAvg(3.5, in: [7, 3.5, 3.5, 1, 2])           // 2.5
    ///
    /// - Throws: as `rankEq`.
    /// - Complexity: O(n).
    public static func rankAvg(
        _ value: Double, in range: UnsafeBufferPointer<Double>, order: RankOrder = .descending
    ) throws(SpreadsheetError) -> Double {
        let c = try counts(value, range, order)
        return Double(2 * c.ahead + 1 + c.equal) / 2
    }

    /// PERCENTRANK.INC: the rank of `x` in `range` as a fraction in [0, 1].
    ///
    ///     let data: [Double] = [13, 12, 11, 8, 4, 3, 2, 1, 1, 1]
    ///     try Spreadsheet.percentRankInc(2, in: data)                   // 0.3333333333333333
    ///     try Spreadsheet.percentRankInc(5, in: data, significance: 3)  // 0.583
    ///
    /// - Parameters:
    ///   - significance: nil for the unrounded value, or k ≥ 1: `.excel` truncates to k
    ///     decimal digits (above 16 the value is returned unchanged), `.calc` rounds to k
    ///     significant digits.
    ///   - convention: `.excel` (default) or `.calc`; see the type's documentation.
    /// - Throws: `SpreadsheetError.empty` (no numbers, Excel #NUM!),
    ///   `.outsideData` (x below the minimum or above the maximum, Excel #N/A),
    ///   `.invalidSignificance` (< 1, Excel #NUM!), `.missingValue` (x is NaN).
    /// - Complexity: O(n).
    public static func percentRankInc(
        _ x: Double, in range: UnsafeBufferPointer<Double>, significance: Int? = nil,
        convention: PercentRankConvention = .excel
    ) throws(SpreadsheetError) -> Double {
        try percentRank(x, range, inclusive: true, significance: significance, convention: convention)
    }

    /// PERCENTRANK.EXC: the rank of `x` in `range` as a fraction in (0, 1).
    ///
    ///     let data: [Double] = [1, 2, 3, 6, 6, 6, 7, 8, 9]
    ///     try Spreadsheet.percentRankExc(7, in: data)                      // 0.7
    ///     try Spreadsheet.percentRankExc(5.43, in: data, significance: 1)  // 0.3
    ///     try Spreadsheet.percentRankExc(42, in: [42])                     // 0.5
    ///     try Spreadsheet.percentRankExc(42, in: [42], convention: .calc)  // 1.0
    ///
    /// - Throws: as `percentRankInc`.
    /// - Complexity: O(n).
    public static func percentRankExc(
        _ x: Double, in range: UnsafeBufferPointer<Double>, significance: Int? = nil,
        convention: PercentRankConvention = .excel
    ) throws(SpreadsheetError) -> Double {
        try percentRank(x, range, inclusive: false, significance: significance, convention: convention)
    }

    // MARK: Array conveniences

    /// `rankEq` over an array. - Complexity: O(n).
    public static func rankEq(
        _ value: Double, in range: [Double], order: RankOrder = .descending
    )
        throws(SpreadsheetError) -> Double
    {
        try withBuffer(range) { (b) throws(SpreadsheetError) in try rankEq(value, in: b, order: order) }
    }

    /// `rankAvg` over an array. - Complexity: O(n).
    public static func rankAvg(
        _ value: Double, in range: [Double], order: RankOrder = .descending
    )
        throws(SpreadsheetError) -> Double
    {
        try withBuffer(range) { (b) throws(SpreadsheetError) in try rankAvg(value, in: b, order: order) }
    }

    /// `percentRankInc` over an array. - Complexity: O(n).
    public static func percentRankInc(
        _ x: Double, in range: [Double], significance: Int? = nil,
        convention: PercentRankConvention = .excel
    )
        throws(SpreadsheetError) -> Double
    {
        try withBuffer(range) { (b) throws(SpreadsheetError) in
            try percentRankInc(x, in: b, significance: significance, convention: convention)
        }
    }

    /// `percentRankExc` over an array. - Complexity: O(n).
    public static func percentRankExc(
        _ x: Double, in range: [Double], significance: Int? = nil,
        convention: PercentRankConvention = .excel
    )
        throws(SpreadsheetError) -> Double
    {
        try withBuffer(range) { (b) throws(SpreadsheetError) in
            try percentRankExc(x, in: b, significance: significance, convention: convention)
        }
    }

    // MARK: Implementation

    static func withBuffer<R>(
        _ a: [Double], _ body: (UnsafeBufferPointer<Double>) throws(SpreadsheetError) -> R
    ) throws(SpreadsheetError) -> R {
        let r: Result<R, SpreadsheetError> = a.withUnsafeBufferPointer { b in
            do throws(SpreadsheetError) { return .success(try body(b)) } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Numbers ranked ahead of `value` in `order`, and copies of `value`.
    @inline(__always)
    static func counts(
        _ value: Double, _ range: UnsafeBufferPointer<Double>, _ order: RankOrder
    )
        throws(SpreadsheetError) -> (ahead: Int, equal: Int)
    {
        if value.isNaN { throw .missingValue }
        let c =
            order == .descending
            ? countAhead(value, range, Descending.self) : countAhead(value, range, Ascending.self)
        if c.equal == 0 { throw .notFound }
        return c
    }

    /// Which side of `value` is ahead, for `countAhead`.
    protocol Side {
        static func ahead(_ y: SIMD8<Double>, _ x: SIMD8<Double>) -> SIMDMask<SIMD8<Int64>>
        static func notBehind(_ y: SIMD8<Double>, _ x: SIMD8<Double>) -> SIMDMask<SIMD8<Int64>>
        static func ahead(_ y: Double, _ x: Double) -> Bool
    }
    enum Descending: Side {
        @inline(__always) static func ahead(_ y: SIMD8<Double>, _ x: SIMD8<Double>) -> SIMDMask<SIMD8<Int64>> { y .> x }
        @inline(__always) static func notBehind(_ y: SIMD8<Double>, _ x: SIMD8<Double>) -> SIMDMask<SIMD8<Int64>> {
            y .>= x
        }
        @inline(__always) static func ahead(_ y: Double, _ x: Double) -> Bool { y > x }
    }
    enum Ascending: Side {
        @inline(__always) static func ahead(_ y: SIMD8<Double>, _ x: SIMD8<Double>) -> SIMDMask<SIMD8<Int64>> { y .< x }
        @inline(__always) static func notBehind(_ y: SIMD8<Double>, _ x: SIMD8<Double>) -> SIMDMask<SIMD8<Int64>> {
            y .<= x
        }
        @inline(__always) static func ahead(_ y: Double, _ x: Double) -> Bool { y < x }
    }

    /// Numbers ranked ahead of `value` and copies of it (NaN compares false and is
    /// skipped), in one branch-free pass of two comparisons, eight values per step.
    /// Branches would cost more than the comparisons: whether a value is ahead is a
    /// coin toss.
    ///
    ///     // 2 in [7, 3.5, 3.5, 1, 2, nan], Descending  ->  (ahead: 3, equal: 1)
    ///
    /// - Complexity: O(n), no allocation.
    @inline(__always)
    static func countAhead<S: Side>(
        _ value: Double, _ range: UnsafeBufferPointer<Double>, _: S.Type
    )
        -> (ahead: Int, equal: Int)
    {
        guard let base = range.baseAddress else { return (0, 0) }
        let n = range.count
        let raw = UnsafeRawPointer(base)
        let x = SIMD8<Double>(repeating: value)
        var ahead = SIMD8<Int64>(), notBehind = SIMD8<Int64>()
        var i = 0
        while i &+ 8 <= n {
            let y = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD8<Double>.self)
            ahead.replace(with: ahead &+ 1, where: S.ahead(y, x))
            notBehind.replace(with: notBehind &+ 1, where: S.notBehind(y, x))
            i &+= 8
        }
        var a = Int(truncatingIfNeeded: ahead.wrappedSum())
        var e = Int(truncatingIfNeeded: notBehind.wrappedSum()) &- a
        while i < n {
            let y = base[i]
            a &+= S.ahead(y, value) ? 1 : 0
            e &+= y == value ? 1 : 0
            i &+= 1
        }
        return (a, e)
    }

    /// The numbers in `range` (NaN skipped), eight values per step, branch-free.
    ///
    ///     // [1, nan, 3]  ->  2
    ///
    /// - Complexity: O(n), no allocation.
    @inline(__always)
    static func presentCount(_ range: UnsafeBufferPointer<Double>) -> Int {
        guard let base = range.baseAddress else { return 0 }
        let n = range.count
        let raw = UnsafeRawPointer(base)
        var present = SIMD8<Int64>()
        var i = 0
        while i &+ 8 <= n {
            let y = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD8<Double>.self)
            present.replace(with: present &+ 1, where: y .== y)
            i &+= 8
        }
        var count = Int(truncatingIfNeeded: present.wrappedSum())
        while i < n {
            count &+= base[i] == base[i] ? 1 : 0
            i &+= 1
        }
        return count
    }

    /// The largest number in `range` below `x` (-inf when none) and the smallest above it
    /// (+inf when none), four values per step, branch-free: whether a number is below `x`
    /// is a coin toss, and a mispredicted branch per number would cost more than the pass.
    ///
    ///     // 5 in [1, 2, 8, nan, 9]  ->  (lower: 2, upper: 8)
    ///
    /// - Complexity: O(n), no allocation.
    @inline(__always)
    static func neighbours(_ x: Double, _ range: UnsafeBufferPointer<Double>) -> (lower: Double, upper: Double) {
        guard let base = range.baseAddress else { return (-.infinity, .infinity) }
        let n = range.count
        let raw = UnsafeRawPointer(base)
        let xs = SIMD4<Double>(repeating: x)
        var lower = SIMD4<Double>(repeating: -.infinity), upper = SIMD4<Double>(repeating: .infinity)
        var i = 0
        while i &+ 4 <= n {
            let y = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self)
            lower.replace(with: y, where: (y .< xs) .& (y .> lower))
            upper.replace(with: y, where: (y .> xs) .& (y .< upper))
            i &+= 4
        }
        var lo = Swift.max(Swift.max(lower[0], lower[1]), Swift.max(lower[2], lower[3]))
        var hi = Swift.min(Swift.min(upper[0], upper[1]), Swift.min(upper[2], upper[3]))
        while i < n {
            let y = base[i]
            if y < x && y > lo { lo = y }
            if y > x && y < hi { hi = y }
            i &+= 1
        }
        return (lo, hi)
    }

    static func percentRank(
        _ x: Double, _ range: UnsafeBufferPointer<Double>, inclusive: Bool, significance: Int?,
        convention: PercentRankConvention
    ) throws(SpreadsheetError) -> Double {
        if let s = significance, s < 1 { throw .invalidSignificance(s) }
        if x.isNaN { throw .missingValue }
        // Counts first (two branch-free passes); the neighbours only when x is not in range.
        let (below, equal) = countAhead(x, range, Ascending.self)
        let n = presentCount(range)
        if n == 0 { throw .empty }
        let r: Double
        if equal > 0 {
            if n == 1 && (inclusive || convention == .calc) {
                r = 1  // Calc: 1 for a single number in both functions
            } else if inclusive {
                r = Double(below) / Double(n &- 1)
            } else {
                r = Double(below &+ 1) / Double(n &+ 1)
            }
        } else {
            guard below > 0 && n &- below > 0 else { throw .outsideData }
            let (lower, upper) = neighbours(x, range)
            var f = (x - lower) / (upper - lower)
            if f.isNaN || !f.isFinite {
                // Infinite neighbours: the limit of the interpolation.
                f = upper == .infinity ? (lower == -.infinity ? 0.5 : 0) : 1
            }
            r =
                inclusive
                ? (Double(below &- 1) + f) / Double(n &- 1)
                : (Double(below) + f) / Double(n &+ 1)
        }
        guard let s = significance else { return r }
        switch convention {
        case .excel: return truncate(r, digits: s)
        case .calc: return roundSignificant(r, digits: s)
        }
    }

    /// Rounds a value in [0, 1] half away from zero to `digits` significant digits, as
    /// LibreOffice Calc's PERCENTRANK does: with L = ⌊log₁₀ x⌋, round(x · 10^(k−L−1)) /
    /// 10^(k−L−1). 0 stays 0; when the scale would pass 10^22 (no longer exact) the value
    /// is returned unchanged.
    ///
    ///     Spreadsheet.roundSignificant(0.058333, digits: 2)  // 0.058
    ///     Spreadsheet.roundSignificant(0.5833, digits: 1)    // 0.6
    ///
    /// - Complexity: O(digits).
    public static func roundSignificant(_ x: Double, digits: Int) -> Double {
        guard x > 0, x.isFinite, digits >= 1 else { return x }
        // L = ⌊log₁₀ x⌋ = −lead for x in (0, 10): 0 for [1, 10), −1 for [0.1, 1), ...
        var lead = 0
        var probe = 1.0
        while x * probe < 1 {
            lead += 1
            probe *= 10
            if lead > 22 { return x }
        }
        let k = digits + lead - 1  // k − L − 1
        if k > 22 || k < 0 { return x }
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return (x * p).rounded(.toNearestOrAwayFromZero) / p
    }

    /// Truncates a value in [0, 1] down to `digits` decimal digits, after forgiving the
    /// binary representation error (0.29 × 100 = 28.999999999999996 counts as 29).
    ///
    ///     Spreadsheet.truncate(0.58333, digits: 3)  // 0.583
    ///
    /// - Complexity: O(digits).
    public static func truncate(_ x: Double, digits: Int) -> Double {
        if digits > 16 || !x.isFinite { return x }
        var p = 1.0
        for _ in 0..<max(digits, 0) { p *= 10 }  // exact up to 10^22
        let y = x * p
        let nearest = y.rounded()
        let whole = (nearest - y).magnitude <= y.magnitude * 0x1p-46 ? nearest : y.rounded(.down)
        return whole / p
    }
}

/// Whose PERCENTRANK a result follows. Raw values are the C ABI's `AEX_CONVENTION_*`.
public enum PercentRankConvention: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// Microsoft Excel: significance truncates to decimal digits; PERCENTRANK.EXC of a
    /// single number is (0 + 1) / (1 + 1) = 0.5.
    case excel = 0
    /// LibreOffice Calc: significance rounds to significant digits; PERCENTRANK.EXC of a
    /// single number is 1.
    case calc = 1

    /// `"excel"`, `"calc"`.
    public var description: String { self == .excel ? "excel" : "calc" }

    /// Parses `excel` or `calc` (any case; `libreoffice` is Calc).
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        switch name.lowercased() {
        case "excel": self = .excel
        case "calc", "libreoffice": self = .calc
        default: return nil
        }
    }
}

/// Why a spreadsheet function has no result, with the error Excel shows.
public enum SpreadsheetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// RANK.*: the value is not in the range (Excel #N/A).
    case notFound
    /// PERCENTRANK.*: x is below the smallest or above the largest number (Excel #N/A).
    case outsideData
    /// PERCENTRANK.*: the range holds no numbers (Excel #NUM!).
    case empty
    /// PERCENTRANK.*: significance below 1 (Excel #NUM!).
    case invalidSignificance(Int)
    /// The value to rank is NaN.
    case missingValue

    /// The Excel error value, e.g. `"#N/A"`.
    public var excelError: String {
        switch self {
        case .notFound, .outsideData: "#N/A"
        case .empty, .invalidSignificance: "#NUM!"
        case .missingValue: "#VALUE!"
        }
    }

    /// A sentence saying what was wrong.
    public var description: String {
        switch self {
        case .notFound: "the value is not in the range (#N/A)"
        case .outsideData: "x is outside the range of the data (#N/A)"
        case .empty: "the range holds no numbers (#NUM!)"
        case .invalidSignificance(let s): "significance must be at least 1, got \(s) (#NUM!)"
        case .missingValue: "the value is NaN (#VALUE!)"
        }
    }
}

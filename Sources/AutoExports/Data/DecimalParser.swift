/// Decimal numbers from UTF-8 bytes, exactly as `Double(String)` reads them, fast.
///
/// Grammar (after trimming ASCII spaces): an optional sign, digits with an optional
/// fraction (`4910000`, `0.25`, `.5`, `5.`), an optional exponent (`1e6`, `2.5E-3`).
/// The integer part may group digits by three with commas, as spreadsheets export
/// numbers (`4,910,000`; `1,5` is refused as ambiguous). `inf`, `infinity` and `nan` are
/// accepted in any case, with an optional sign. Hexadecimal and everything else is
/// refused.
///
/// Values with at most 19 significant digits whose decimal exponent keeps them exactly
/// computable (Clinger's fast path: mantissa below 2^53, power of ten at most 10^22) are
/// computed directly; every other valid number goes to the standard library's correctly
/// rounded conversion, so the result is always the nearest double — the shortest
/// round-trip text of a double (`description`) reads back bit for bit.
///
///     DecimalParser.parse("4,910,000")   // 4910000.0
///     DecimalParser.parse("-0.0")        // -0.0
///     DecimalParser.parse("12abc")       // nil
///
/// - Complexity: O(length).
public enum DecimalParser {
    /// 10^0 ... 10^22, all exact doubles.
    @usableFromInline
    static let powersOfTen: [Double] = {
        var p: [Double] = [1]
        for _ in 1...22 { p.append(p[p.count - 1] * 10) }
        return p
    }()

    /// The value of `n` ASCII digits (1 to 15) at `p`, or nil when a byte is not a digit,
    /// read eight bytes at a time: the bytes are checked as one word and combined
    /// pairwise by three multiplications, without a branch per digit. `readable` bytes
    /// from `p` on may be loaded (at least 8 and at least `n`, else nil).
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func wholeDigits(_ p: UnsafePointer<UInt8>, _ n: Int, readable: Int) -> UInt64? {
        guard n >= 1 && n <= 15 && readable >= 8 && readable >= n else { return nil }
        let raw = UnsafeRawPointer(p)
        if n <= 8 { return eightDigits(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)), n) }
        guard let hi = eightDigits(UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)), n - 8),
            let lo = eightDigits(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)), 8)
        else { return nil }
        return hi &* 100_000_000 &+ lo
    }

    /// The first `n` (1 to 8) bytes of the little-endian word `w` as decimal digits, or nil.
    @inline(__always)
    static func eightDigits(_ w: UInt64, _ n: Int) -> UInt64? {
        // The digits moved to the word's top bytes, '0's shifted in below (leading zeros).
        let sh = UInt64(8 &- n) &* 8
        let fill: UInt64 = sh == 0 ? 0 : 0x3030_3030_3030_3030 &>> (64 &- sh)
        let x = (w &<< sh) | fill
        // Every byte 0x30...0x39: high nibble 3 before and after adding 6 (no byte carries:
        // a byte of 0xFA or more fails the first test).
        let hiNibbles = x & 0xF0F0_F0F0_F0F0_F0F0
        let carried = ((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        guard hiNibbles | (carried &>> 4) == 0x3333_3333_3333_3333 else { return nil }
        var v = x & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 2561) &>> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) &>> 16
        return ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) &>> 32
    }

    /// Parses a Swift string (see the type's documentation).
    ///
    /// - Complexity: O(length of `text`).
    public static func parse<S: StringProtocol>(_ text: S) -> Double? {
        var s = String(text)
        return s.withUTF8 { u in
            guard let base = u.baseAddress else { return nil }
            return parse(base, u.count)
        }
    }

    /// Parses `count` bytes at `p` (see the type's documentation).
    ///
    /// - Complexity: O(count).
    @inlinable
    public static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        // The most common text of all: a whole number of at most 15 digits.
        if count > 0 && count <= 15 {
            var v: UInt64 = 0
            var j = 0
            while j < count {
                let d = p[j] &- 48
                if d > 9 { break }
                v = v &* 10 &+ UInt64(d)
                j += 1
            }
            if j == count { return Double(v) }
        }
        var i = 0, n = count
        while i < n && p[i] == 32 { i += 1 }
        while n > i && p[n - 1] == 32 { n -= 1 }
        if i == n { return nil }
        var negative = false
        if p[i] == UInt8(ascii: "-") { negative = true; i += 1 } else if p[i] == UInt8(ascii: "+") { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0  // significant digits taken into mantissa
        var dropped = 0  // integer digits beyond 19 (exponent += dropped)
        var sawDigit = false
        var commas = false
        var exponent = 0
        // Integer part.
        let intStart = i
        while i < n {
            let c = p[i]
            if c >= 48 && c <= 57 {
                sawDigit = true
                if mantissa == 0 && c == 48 { i += 1; continue }  // leading zeros
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(c &- 48); digits += 1 } else { dropped += 1 }
                i += 1
            } else if c == UInt8(ascii: ",") {
                commas = true
                i += 1
            } else {
                break
            }
        }
        if commas && !validGrouping(p, intStart, i) { return nil }
        exponent = dropped
        var truncated = dropped > 0
        // Fraction.
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n {
                let c = p[i]
                guard c >= 48 && c <= 57 else { break }
                sawDigit = true
                if mantissa == 0 && c == 48 { exponent -= 1; i += 1; continue }
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(c &- 48); digits += 1; exponent -= 1
                } else if c != 48 {
                    truncated = true
                }
                i += 1
            }
        }
        if !sawDigit {
            return special(p, i, n, negative)
        }
        // Exponent.
        if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            var expNegative = false
            if i < n && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < n, p[i] >= 48 && p[i] <= 57 else { return nil }
            var e = 0
            while i < n, p[i] >= 48 && p[i] <= 57 {
                if e < 100_000 { e = e * 10 + Int(p[i] - 48) }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !truncated && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let v = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
            return negative ? -v : v
        }
        return slow(p, count, commas)
    }

    /// Commas only between digits, and every group after a comma exactly three digits.
    @usableFromInline
    static func validGrouping(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var run = 0
        var sawComma = false
        for j in start..<end {
            if p[j] == UInt8(ascii: ",") {
                if run == 0 || (sawComma && run != 3) || (!sawComma && run > 3) { return false }
                sawComma = true
                run = 0
            } else {
                run += 1
            }
        }
        return !sawComma || run == 3
    }

    /// `inf`, `infinity`, `nan` (any case) at p[i..<n].
    @usableFromInline
    static func special(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, _ negative: Bool) -> Double? {
        var word: [UInt8] = []
        word.reserveCapacity(n - i)
        for j in i..<n {
            let c = p[j]
            word.append(c >= 65 && c <= 90 ? c + 32 : c)
        }
        switch word {
        case Array("inf".utf8), Array("infinity".utf8): return negative ? -.infinity : .infinity
        case Array("nan".utf8): return .nan
        default: return nil
        }
    }

    /// The exact conversion of the standard library, for numbers the fast path cannot do.
    @usableFromInline
    static func slow(_ p: UnsafePointer<UInt8>, _ count: Int, _ commas: Bool) -> Double? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for j in 0..<count where p[j] != 32 && !(commas && p[j] == UInt8(ascii: ",")) { bytes.append(p[j]) }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}

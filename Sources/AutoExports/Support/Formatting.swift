/// Numbers formatted for people: `4.91M`, `850k`, `$174.5B`, `24.5%` (standard library only).
///
///     Formatting.compact(4_910_000)                 // "4.91M"
///     Formatting.compact(174_500_000_000, metric: .usd)  // "$174.5B"
///     Formatting.percent(0.2446)                    // "24.5%"
///     Formatting.fixed(2022.75, digits: 1)          // "2022.8"
public enum Formatting {
    /// Two decimals below 10, one from 10 (4.91M, 12.3k, 174.5B) with a k/M/B/T suffix,
    /// trailing zeros dropped (4.40M → "4.4M"); currency values get their symbol (`$` for usd, else the
    /// code as a suffix). NaN is "–".
    ///
    /// - Complexity: O(1).
    public static func compact(_ x: Double, metric: Metric = .units) -> String {
        if x.isNaN { return "–" }
        if x.isInfinite { return x < 0 ? "-∞" : "∞" }
        let sign = x < 0 ? "-" : ""
        let a = abs(x)
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
        var body = ""
        if let (scale, suffix) = units.first(where: { a >= $0.0 * 0.9995 }) {
            let v = a / scale
            let digits = v >= 9.995 ? 1 : 2
            body = trimZeros(fixed(v, digits: digits)) + suffix
        } else {
            body = trimZeros(fixed(a, digits: a >= 100 ? 0 : a >= 10 ? 1 : 2))
        }
        if metric.isCurrency {
            return metric.name == "usd" ? sign + "$" + body : sign + body + " " + metric.name.uppercased()
        }
        return sign + body
    }

    /// A fraction as a percentage with `digits` decimals: 0.2446 → "24.5%".
    ///
    /// - Complexity: O(1).
    public static func percent(_ fraction: Double, digits: Int = 1) -> String {
        fraction.isNaN ? "–" : fixed(fraction * 100, digits: digits) + "%"
    }

    /// A signed change: +1.80M, -212k; "+0" for zero.
    ///
    /// - Complexity: O(1).
    public static func signedCompact(_ x: Double, metric: Metric = .units) -> String {
        if x.isNaN { return "–" }
        return (x > 0 ? "+" : x == 0 ? "±" : "") + compact(x, metric: metric)
    }

    /// Whole number with thousands separators: 4910000 → "4,910,000".
    ///
    /// - Complexity: O(1).
    public static func grouped(_ x: Double) -> String {
        if x.isNaN { return "–" }
        if !x.isFinite || abs(x) >= 1e18 { return String(x) }
        let r = x.rounded()
        let neg = r < 0
        var digits = String(Int64(abs(r)))
        var out = ""
        while digits.count > 3 {
            out = "," + String(digits.suffix(3)) + out
            digits.removeLast(3)
        }
        return (neg ? "-" : "") + digits + out
    }

    /// `x` rounded half away from zero to `digits` decimals (0...9), without exponent.
    ///
    /// - Complexity: O(1).
    public static func fixed(_ x: Double, digits: Int) -> String {
        if !x.isFinite { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
        let d = max(0, min(9, digits))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.2e18 else { return String(x) }
        let n = UInt64(scaled)
        let s = UInt64(scale)
        let whole = n / s
        var frac = String(n % s)
        while frac.count < d { frac = "0" + frac }
        let sign = x < 0 && n != 0 ? "-" : ""
        return d == 0 ? sign + String(whole) : sign + String(whole) + "." + frac
    }

    /// "4.40" -> "4.4", "5.0" -> "5".
    ///
    /// - Complexity: O(length of `s`).
    public static func trimZeros(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }
}

/// Elementary functions for the statistics of the projection models.
///
/// The core uses the Swift standard library only, which has no `exp` or `log`; these are
/// written here with classic range reductions and are accurate to about one unit in the
/// last place over the ranges the models use (checked against the C library in the tests).
@usableFromInline
enum Elementary {
    /// ln 2 split so that `k * ln2Hi` is exact for |k| < 2^11 (Cody–Waite).
    static let ln2Hi = 6.93147180369123816490e-01
    static let ln2Lo = 1.90821492927058770002e-10
    static let ln2 = 0.693147180559945309417232121458
    static let pi = 3.141592653589793238462643383279

    /// e^x. Overflows to +inf above 709.78, underflows to 0 below -745.13.
    ///
    ///     Elementary.exp(1)  // 2.718281828459045
    ///
    /// - Complexity: O(1).
    static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        // x = k ln2 + r, |r| <= ln2/2; then e^r by its Taylor series, r split in halves
        // twice more (e^r = (e^(r/4))^4) so that the series converges in 10 terms.
        let k = (x / ln2).rounded(.toNearestOrEven)
        let r = (x - k * ln2Hi) - k * ln2Lo
        let s = r / 4
        // u = e^s - 1 summed without the leading 1, so squaring keeps its precision.
        var term = 1.0, u = 0.0
        for i in 1...12 {
            term *= s / Double(i)
            u += term
        }
        u = u * (2 + u)  // e^(2s) - 1
        u = u * (2 + u)  // e^(4s) - 1
        let m = 1 + u
        return scale(m, Int(k))
    }

    /// m * 2^k without intermediate overflow or premature underflow.
    static func scale(_ m: Double, _ k: Int) -> Double {
        var m = m, k = k
        while k > 1000 { m *= Double(sign: .plus, exponent: 1000, significand: 1); k -= 1000 }
        while k < -1000 { m *= Double(sign: .plus, exponent: -1000, significand: 1); k += 1000 }
        return m * Double(sign: .plus, exponent: k, significand: 1)
    }

    /// The natural logarithm; NaN for negative x, -inf for 0.
    ///
    ///     Elementary.log(2.718281828459045)  // 1.0
    ///
    /// - Complexity: O(1).
    static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return x }
        // x = m 2^e with m in [sqrt(1/2), sqrt(2)); ln m = 2 atanh((m-1)/(m+1)).
        var e = Int(x.exponent)
        var m = x.significand  // [1, 2)
        if m > 1.4142135623730951 { m /= 2; e += 1 }
        let f = m - 1
        let s = f / (2 + f)
        let s2 = s * s
        // atanh series: s + s^3/3 + s^5/5 + ...; |s| <= 0.1716, 13 terms reach 1e-20.
        var p = 0.0
        var k = 25.0
        while k >= 3 {
            p = (p + 1 / k) * s2
            k -= 2
        }
        // ln m = 2s + 2s p, written with 2s = f - s f so that the large part is exact.
        let lnm = f - s * (f - 2 * p)
        let de = Double(e)
        return de * ln2Hi + (lnm + de * ln2Lo)
    }

    /// x^y for x > 0 (the only case the models need): exp(y ln x).
    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 { return 1 }
        if x == 1 { return 1 }
        return exp(y * log(x))
    }

    /// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error below 1e-15).
    static func logGamma(_ x: Double) -> Double {
        if x < 0.5 {
            // Reflection: Γ(x)Γ(1-x) = π / sin(πx); only x in (0, 0.5) reaches here.
            return log(pi / sinPi(x)) - logGamma(1 - x)
        }
        let g = 7.0
        let c: [Double] = [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905,
            -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ]
        let z = x - 1
        var a = c[0]
        let t = z + g + 0.5
        for i in 1..<9 { a += c[i] / (z + Double(i)) }
        return 0.5 * log(2 * pi) + (z + 0.5) * log(t) - t + log(a)
    }

    /// sin(πx) for x in [0, 1] by its Taylor series around the nearer of 0 and 1/2.
    static func sinPi(_ x: Double) -> Double {
        var y = x - 2 * (x / 2).rounded(.down)  // [0, 2)
        var sign = 1.0
        if y > 1 { y -= 1; sign = -1 }
        if y > 0.5 { y = 1 - y }
        // sin(πy), y in [0, 0.5]: series in (πy).
        let t = pi * y
        let t2 = t * t
        var term = t, sum = t
        var k = 1.0
        while abs(term) > 1e-18 * abs(sum) && k < 40 {
            term *= -t2 / ((2 * k) * (2 * k + 1))
            sum += term
            k += 1
        }
        return sign * sum
    }
}

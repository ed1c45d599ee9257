/// Quantiles of the normal and Student t distributions, for prediction intervals.
///
/// `normalQuantile` is Wichura's algorithm AS 241 (PPND16, relative error about 1e-16);
/// `studentTQuantile` inverts the t distribution function, computed from the regularized
/// incomplete beta function, by safeguarded Newton steps (relative error about 1e-13).
public enum Distributions {
    /// The p-quantile of the standard normal distribution (`scipy.stats.norm.ppf`).
    ///
    ///     Distributions.normalQuantile(0.975)  // 1.959963984540054
    ///
    /// - Returns: NaN outside (0, 1); ∓inf at 0 and 1.
    /// - Complexity: O(1).
    public static func normalQuantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num =
                (((((((2509.0809287301226727 * r + 33430.575583588128105) * r
                    + 67265.770927008700853) * r + 45921.953931549871457) * r
                    + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
            let den =
                (((((((5226.495278852545925 * r + 28729.085735721942674) * r
                    + 39307.89580009271061) * r + 21213.794301586595867) * r
                    + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = Elementary.log(r)
        r = (-r).squareRoot()
        var x: Double
        if r <= 5 {
            r -= 1.6
            let num =
                (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r
                    + 0.24178072517745061177) * r + 1.27045825245236838258) * r
                    + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
            let den =
                (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r
                    + 0.0151986665636164571966) * r + 0.14810397642748007459) * r
                    + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1)
            x = num / den
        } else {
            r -= 5
            let num =
                (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                    + 0.0012426609473880784386) * r + 0.026532189526576123093) * r
                    + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
            let den =
                (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r
                    + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r
                    + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1)
            x = num / den
        }
        return q < 0 ? -x : x
    }

    /// The regularized incomplete beta function I_x(a, b) (continued fraction, Lentz).
    static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lbeta = Elementary.logGamma(a + b) - Elementary.logGamma(a) - Elementary.logGamma(b)
        let front = Elementary.exp(lbeta + a * Elementary.log(x) + b * Elementary.log(1 - x))
        if x < (a + 1) / (a + b + 2) {
            return front * betaFraction(x, a, b) / a
        }
        return 1 - front * betaFraction(1 - x, b, a) / b
    }

    /// The continued fraction of the incomplete beta function (modified Lentz).
    static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...400 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        return h
    }

    /// P(T <= t) for Student's t with `df` degrees of freedom (`scipy.stats.t.cdf`).
    ///
    ///     Distributions.studentTCDF(2.0, df: 3)  // 0.930336...
    ///
    /// - Complexity: O(1) (at most a few hundred continued-fraction terms).
    public static func studentTCDF(_ t: Double, df: Double) -> Double {
        if t.isNaN || !(df > 0) { return .nan }
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let x = df / (df + t * t)
        let tail = 0.5 * incompleteBeta(x, df / 2, 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// The p-quantile of Student's t with `df` degrees of freedom (`scipy.stats.t.ppf`).
    ///
    ///     Distributions.studentTQuantile(0.975, df: 3)  // 3.182446305284263
    ///
    /// - Returns: NaN for p outside (0, 1) or df <= 0; ∓inf at 0 and 1.
    /// - Complexity: O(1) (a bounded number of Newton steps).
    public static func studentTQuantile(_ p: Double, df: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 || !(df > 0) || df.isNaN { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if df == .infinity { return normalQuantile(p) }
        // Work in the upper half; the distribution is symmetric.
        let upper = p > 0.5
        let target = upper ? 1 - p : p  // lower-tail probability of -|t|
        // The density's constant: Γ((ν+1)/2) / (sqrt(νπ) Γ(ν/2)).
        let logC =
            Elementary.logGamma((df + 1) / 2) - Elementary.logGamma(df / 2)
            - 0.5 * Elementary.log(df * Elementary.pi)
        func density(_ t: Double) -> Double {
            Elementary.exp(logC - (df + 1) / 2 * Elementary.log(1 + t * t / df))
        }
        // Bracket t in [lo, hi] (t >= 0 here; we solve tail(t) = target).
        func tail(_ t: Double) -> Double { 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5) }
        var lo = 0.0
        var hi = 1.0
        while tail(hi) > target && hi < 1e300 { lo = hi; hi *= 4 }
        var t = max(lo, min(hi, abs(normalQuantile(target))))
        for _ in 0..<200 {
            let f = tail(t) - target  // decreasing in t
            if f == 0 { break }
            if f > 0 { lo = t } else { hi = t }
            var next = t + f / density(t)  // Newton on a decreasing function
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 1e-15 * max(1, abs(t)) { t = next; break }
            t = next
        }
        return upper ? t : -t
    }
}

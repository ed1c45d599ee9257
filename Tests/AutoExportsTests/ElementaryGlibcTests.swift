import Glibc
import Testing

@testable import AutoExports

/// The core cannot use the C library's math; the tests can, as the oracle.
@Suite("Elementary functions against the C library")
struct ElementaryGlibcTests {
    func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return abs(a - b) / b.ulp
    }

    @Test("exp is within 2 ulp of glibc on [-700, 700]")
    func expAccuracy() {
        var worst = 0.0
        var x = -700.0
        while x <= 700 {
            worst = max(worst, ulps(Elementary.exp(x), Glibc.exp(x)))
            x += 0.0137
        }
        #expect(worst <= 2, "worst \(worst) ulp")
    }

    @Test("log is within 2 ulp of glibc from 1e-300 to 1e300 and near 1")
    func logAccuracy() {
        var worst = 0.0
        var x = 1e-300
        while x < 1e300 {
            worst = max(worst, ulps(Elementary.log(x), Glibc.log(x)))
            x *= 1.0173
        }
        var y = 0.9
        while y < 1.1 {
            if y != 1 { worst = max(worst, ulps(Elementary.log(y), Glibc.log(y))) }
            y += 0.000123
        }
        #expect(worst <= 2, "worst \(worst) ulp")
    }

    @Test("ln Γ is within 1e-14 (relative) of glibc's lgamma on (0, 200]")
    func logGammaAccuracy() {
        var worst = 0.0
        var x = 0.01
        while x < 200 {
            let want: Double = Glibc.lgamma(x).0
            worst = max(worst, abs(Elementary.logGamma(x) - want) / max(1, abs(want)))
            x += 0.0731
        }
        #expect(worst <= 1e-14, "worst \(worst)")
    }
}

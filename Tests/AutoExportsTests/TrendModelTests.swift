import Testing

@testable import AutoExports

/// |a − b| ≤ tol · max(1, |b|).
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

@Suite("Elementary functions and distributions")
struct ElementaryTests {
    @Test("exp and log reproduce mathematical constants")
    func constants() {
        #expect(close(Elementary.exp(1), 2.718281828459045, 1e-15))
        #expect(close(Elementary.log(2), 0.6931471805599453, 1e-15))
        #expect(close(Elementary.log(10), 2.302585092994046, 1e-15))
        #expect(close(Elementary.exp(-1), 0.36787944117144233, 1e-15))
        #expect(Elementary.exp(0) == 1 && Elementary.log(1) == 0)
        #expect(Elementary.exp(1000) == .infinity && Elementary.exp(-1000) == 0)
        #expect(Elementary.log(0) == -.infinity && Elementary.log(-1).isNaN)
    }

    @Test("exp inverts log over 600 orders of magnitude")
    func roundTrip() {
        var x = 1e-300
        while x < 1e300 {
            #expect(close(Elementary.exp(Elementary.log(x)), x, 1e-13))
            x *= 7.3
        }
    }

    @Test("ln Γ at integers is ln((n−1)!)")
    func logGamma() {
        var fact = 1.0
        for n in 1...20 {
            if n > 1 { fact *= Double(n - 1) }
            #expect(close(Elementary.logGamma(Double(n)), Elementary.log(fact), 1e-13))
        }
        #expect(close(Elementary.logGamma(0.5), 0.5723649429247001, 1e-14))  // ln √π
    }

    @Test("normal and t quantiles match scipy.stats (norm.ppf, t.ppf)")
    func quantiles() {
        #expect(close(Distributions.normalQuantile(0.975), 1.959963984540054, 1e-15))
        #expect(close(Distributions.normalQuantile(0.5), 0))
        #expect(close(Distributions.normalQuantile(0.05), -1.6448536269514729, 1e-15))
        #expect(close(Distributions.normalQuantile(1e-10), -6.361340902404056, 1e-14))
        // Values printed by scipy 1.17 (t.ppf); df = 1 is also tan(0.475π).
        #expect(close(Distributions.studentTQuantile(0.975, df: 1), 12.706204736174694, 1e-12))
        #expect(close(Distributions.studentTQuantile(0.975, df: 2), 4.302652729749462, 1e-12))
        #expect(close(Distributions.studentTQuantile(0.975, df: 3), 3.1824463052837078, 1e-12))
        #expect(close(Distributions.studentTQuantile(0.975, df: 10), 2.228138851986274, 1e-12))
        #expect(close(Distributions.studentTQuantile(0.025, df: 10), -2.228138851986274, 1e-12))
        #expect(close(Distributions.studentTQuantile(0.95, df: 30), 1.697260886593957, 1e-12))
        #expect(Distributions.studentTQuantile(0.5, df: 4) == 0)
        #expect(Distributions.studentTQuantile(1.5, df: 4).isNaN)
    }
}

@Suite("Trend models")
struct TrendModelTests {
    @Test("linear: an exact line is recovered and continued, with a zero-width interval")
    func linearExact() throws {
        let fit = try TrendModel.linear.fit([10, 12, 14, 16], firstPeriod: 2020)
        #expect(close(fit.slope, 2) && close(fit.intercept, 10) && fit.sse < 1e-20)
        #expect(fit.firstPeriod == 2020 && fit.lastPeriod == 2023)
        let f = try fit.forecast(horizon: 2)
        #expect(f.periods == 2024...2025)
        #expect(close(f.mean[0], 18) && close(f.mean[1], 20))
        #expect(close(f.lower[1], 20) && close(f.upper[1], 20))
    }

    @Test("linear: the interval is the textbook t interval (worked by hand for 1, 2, 4)")
    func linearInterval() throws {
        // y = 1, 2, 4 at t = 0, 1, 2: slope 1.5, intercept 5/6, residuals 1/6, −1/3, 1/6,
        // SSE = 1/6, s² = 1/6, t̄ = 1, Σ(t − t̄)² = 2; at t = 3: ŷ = 16/3,
        // se² = s²(1 + 1/3 + (3 − 1)²/2) = s² · 10/3.
        let fit = try TrendModel.linear.fit([1, 2, 4])
        #expect(close(fit.slope, 1.5) && close(fit.intercept, 5.0 / 6) && close(fit.sse, 1.0 / 6))
        let f = try fit.forecast(horizon: 1, level: 0.95)
        let half = 12.706204736174707 * (1.0 / 6 * (1 + 1.0 / 3 + 4.0 / 2)).squareRoot()
        #expect(close(f.mean[0], 5.0 / 6 + 4.5))
        #expect(close(f.upper[0] - f.mean[0], half, 1e-11) && close(f.mean[0] - f.lower[0], half, 1e-11))
    }

    @Test("log-linear: a geometric series gives its growth rate as CAGR")
    func logLinearCAGR() throws {
        let y = (0..<6).map { 1000 * Elementary.pow(1.25, Double($0)) }
        let fit = try TrendModel.logLinear.fit(y, firstPeriod: 2019)
        #expect(close(fit.cagr, 0.25, 1e-12))
        let f = try fit.forecast(horizon: 3)
        #expect(close(f.mean[2], 1000 * Elementary.pow(1.25, 8), 1e-12))
    }

    @Test("log-linear: the interval is the log-scale interval exponentiated, so it is asymmetric")
    func logLinearInterval() throws {
        let fit = try TrendModel.logLinear.fit([100, 150, 200, 320, 400])
        let lin = try TrendModel.linear.fit([100, 150, 200, 320, 400].map(Elementary.log))
        let f = try fit.forecast(horizon: 2), g = try lin.forecast(horizon: 2)
        for i in 0..<2 {
            #expect(close(f.mean[i], Elementary.exp(g.mean[i])))
            #expect(close(f.lower[i], Elementary.exp(g.lower[i])) && close(f.upper[i], Elementary.exp(g.upper[i])))
            #expect(f.upper[i] - f.mean[i] > f.mean[i] - f.lower[i])
        }
    }

    @Test("Holt with every parameter given follows the recursion worked by hand")
    func holtFixed() throws {
        // α = 0.5, β = 0.5, l0 = 10, b0 = 1, y = 12, 13:
        // ŷ0 = 11, e = 1; l1 = 0.5·12 + 0.5·11 = 11.5; b1 = 0.5·1.5 + 0.5·1 = 1.25;
        // ŷ1 = 12.75, e = 0.25; l2 = 0.5·13 + 0.5·12.75 = 12.875; b2 = 0.5·1.375 + 0.625 = 1.3125.
        // A third value equal to its forecast, 12.875 + 1.3125, adds no error and moves the
        // level on by one trend: forecasts 12.875 + 1.3125 (1 + h). SSE = 1.0625, σ² = SSE/3,
        // v_2 = 1 + (α + αβ)² = 1.5625.
        let model = TrendModel(
            kind: .holt,
            holt: HoltOptions(
                smoothingLevel: 0.5, smoothingTrend: 0.5, initialLevel: 10, initialTrend: 1))
        let fit2 = try model.fit([12, 13, 12.875 + 1.3125])
        #expect(close(fit2.fitted[0], 11) && close(fit2.fitted[1], 12.75))
        // With y3 equal to its forecast the error is 0 and the states continue the line.
        #expect(close(fit2.sse, 1.0625))
        #expect(close(fit2.finalLevel, 12.875 + 1.3125) && close(fit2.finalTrend, 1.3125))
        let f = try fit2.forecast(horizon: 2, level: 0.95)
        #expect(close(f.mean[0], 12.875 + 2 * 1.3125) && close(f.mean[1], 12.875 + 3 * 1.3125))
        let sigma = (1.0625 / 3).squareRoot()
        #expect(close(f.upper[0] - f.mean[0], 1.959963984540054 * sigma, 1e-12))
        #expect(close(f.upper[1] - f.mean[1], 1.959963984540054 * sigma * 1.5625.squareRoot(), 1e-12))
        #expect(fit2.estimatedParameters.isEmpty)
    }

    @Test("Holt damped forecasts converge to l + φ/(1−φ)·b")
    func holtDampedLimit() throws {
        let model = TrendModel(
            kind: .holt,
            holt: HoltOptions(
                damped: true, smoothingLevel: 0.3, smoothingTrend: 0.1, dampingTrend: 0.9,
                initialLevel: 5, initialTrend: 2))
        let fit = try model.fit([7, 8.5, 10, 11])
        let f = try fit.forecast(horizon: 1000)
        #expect(close(f.mean[999], fit.finalLevel + 9 * fit.finalTrend, 1e-9))
    }

    @Test("Holt estimation recovers an exact line (SSE 0) and continues it")
    func holtEstimatedLine() throws {
        let y = (0..<12).map { 3.0 + 2.0 * Double($0) }
        let fit = try TrendModel.holt.fit(y)
        #expect(fit.sse < 1e-18)
        #expect(close(fit.initialLevel, 1, 1e-9) && close(fit.initialTrend, 2, 1e-9))
        #expect(close(try fit.forecast(horizon: 1).mean[0], 27, 1e-9))
        #expect(fit.estimatedParameters == ["smoothing_level", "smoothing_trend", "initial_level", "initial_trend"])
        // Damped (φ ≤ 0.995) cannot follow a line exactly but comes close.
        let damped = try TrendModel.dampedHolt.fit(y)
        #expect(damped.sse < 0.01 && damped.estimatedParameters.contains("damping_trend"))
    }

    @Test("Holt estimation stays inside statsmodels' bounds")
    func holtBounds() throws {
        let y: [Double] = [4_810_000, 3_740_832, 3_820_000, 3_813_269, 4_422_682, 4_210_000, 4_172_815]
        let fit = try TrendModel.dampedHolt.fit(y)
        #expect(fit.smoothingLevel >= HoltTrend.alphaEpsilon && fit.smoothingLevel <= 1 - HoltTrend.alphaEpsilon)
        #expect(fit.smoothingTrend >= 0 && fit.smoothingTrend <= fit.smoothingLevel)
        #expect(fit.dampingTrend >= 0.8 && fit.dampingTrend <= 0.995)
        // A fixed α bounds β by α.
        let fixed = try TrendModel(kind: .holt, holt: HoltOptions(smoothingLevel: 0.2)).fit(y)
        #expect(fixed.smoothingLevel == 0.2 && fixed.smoothingTrend <= 0.2)
    }

    @Test("a window fits only the last k periods")
    func window() throws {
        let fit = try TrendModel(kind: .linear, window: 3).fit([100, -50, 1, 2, 3], firstPeriod: 2000)
        #expect(fit.firstPeriod == 2002 && fit.values == [1, 2, 3] && close(fit.slope, 1))
    }

    @Test(
        "bad input is a clear error",
        arguments: [
            (TrendModel.linear, [1.0, 2], ProjectionError.tooFewPeriods(model: .linear, needed: 3, got: 2)),
            (TrendModel.holt, [1.0, 2, 3, 4], .tooFewPeriods(model: .holt, needed: 5, got: 4)),
            (TrendModel.logLinear, [1.0, 0, 3], .nonPositiveValue(position: 1, value: 0)),
            (TrendModel.logLinear, [1.0, 2, -3], .nonPositiveValue(position: 2, value: -3)),
            (TrendModel.linear, [1.0, .nan, 3], .nonFiniteValue(position: 1, value: .nan)),
        ])
    func badInput(model: TrendModel, values: [Double], error: ProjectionError) {
        do {
            _ = try model.fit(values)
            Issue.record("expected \(error)")
        } catch {
            if case .nonFiniteValue(let p, _) = error { #expect(p == 1) } else { #expect(error == error) }
            #expect(!error.description.isEmpty)
        }
    }

    @Test("errors say what is wrong")
    func messages() throws {
        #expect(throws: ProjectionError.tooFewPeriods(model: .linear, needed: 3, got: 2)) {
            try TrendModel.linear.fit([1, 2])
        }
        #expect(throws: ProjectionError.nonPositiveValue(position: 1, value: 0)) {
            try TrendModel.logLinear.fit([1, 0, 3])
        }
        let fit = try TrendModel.linear.fit([1, 2, 3])
        #expect(throws: ProjectionError.horizonOutOfRange(horizon: 0, maximum: 1000)) { try fit.forecast(horizon: 0) }
        #expect(throws: ProjectionError.horizonOutOfRange(horizon: 1001, maximum: 1000)) {
            try fit.forecast(horizon: 1001)
        }
        #expect(throws: ProjectionError.levelOutOfRange(1)) { try fit.forecast(horizon: 1, level: 1) }
        #expect(throws: ProjectionError.self) {
            try TrendModel(kind: .holt, holt: HoltOptions(smoothingLevel: 0.2, smoothingTrend: 0.5)).fit([
                1, 2, 3, 4, 5,
            ])
        }
        #expect(throws: ProjectionError.self) {
            try TrendModel(kind: .holt, holt: HoltOptions(dampingTrend: 0.9)).fit([1, 2, 3, 4, 5, 6])
        }
        #expect(
            ProjectionError.tooFewPeriods(model: .holt, needed: 5, got: 4).description
                == "too few periods to fit the holt model: it needs at least 5, got 4")
        #expect(ProjectionError.nonPositiveValue(position: 2, value: -3).description.contains("log-linear"))
    }
}

@Suite("Projected crossover")
struct ProjectedCrossoverTests {
    @Test("two exact lines cross where worked by hand")
    func exactLines() throws {
        // Subject 0, 10, 20 (2020–2022), rival 45, 47, 49: gap −29 at 2022, +8 per year,
        // so subject first ahead in 2026 (gap +3), crossing at 2022 + 29/8 = 2025.625.
        let s = try TrendModel.linear.fit([0, 10, 20], firstPeriod: 2020)
        let r = try TrendModel.linear.fit([45, 47, 49], firstPeriod: 2020)
        let c = try s.projectedCrossover(over: r, horizon: 10)
        #expect(c.origin == 2022 && c.period == 2026 && !c.subjectAheadAtOrigin)
        #expect(close(c.crossingPoint ?? 0, 2025.625))
        // Exact lines: zero-width intervals, so the interval is the point.
        #expect(c.earliest == 2026 && c.latest == 2026)
        #expect(c.sentence(subject: "A", rival: "B").contains("in 2026"))
    }

    @Test("no crossover within the horizon, and the interval brackets the point")
    func none() throws {
        let s = try TrendModel.linear.fit([0, 10, 21, 29], firstPeriod: 2020)
        let r = try TrendModel.linear.fit([100, 103, 105, 108], firstPeriod: 2020)
        let c = try s.projectedCrossover(over: r, horizon: 3)
        #expect(c.period == nil && c.crossingPoint == nil)
        #expect(c.sentence(subject: "A", rival: "B").contains("would not exceed B within 3 periods (to 2026)"))
        let far = try s.projectedCrossover(over: r, horizon: 30)
        let p = try #require(far.period), e = try #require(far.earliest)
        #expect(e <= p)
        if let l = far.latest { #expect(p <= l) }
    }

    @Test("series ending in different periods are compared on the same future periods")
    func alignment() throws {
        let s = try TrendModel.linear.fit([0, 10, 20], firstPeriod: 2020)  // to 2022
        let r = try TrendModel.linear.fit([45, 47, 49, 51], firstPeriod: 2020)  // to 2023
        let c = try s.projectedCrossover(over: r, horizon: 5)
        #expect(c.origin == 2023 && c.subject.firstPeriod == 2024 && c.rival.firstPeriod == 2024)
        #expect(close(c.subject.mean[0], 40) && close(c.rival.mean[0], 53))
        #expect(close(c.gapAtOrigin, 30 - 51))
    }

    @Test("a pair with no overlapping periods is an error naming both ranges")
    func noOverlap() throws {
        let s = try TrendModel.linear.fit([1, 2, 3], firstPeriod: 2010)
        let r = try TrendModel.linear.fit([1, 2, 3], firstPeriod: 2020)
        #expect(throws: ProjectionError.noOverlap(subject: 2010...2012, rival: 2020...2022)) {
            try s.projectedCrossover(over: r, horizon: 5)
        }
        #expect(throws: ProjectionError.horizonOutOfRange(horizon: 0, maximum: 1000)) {
            try s.projectedCrossover(over: s, horizon: 0)
        }
    }
}

/// Long horizons prefer damped trends (issue 18; docs/design.md §6): the horizon rule of
/// `Explainer.project`, on the embedded data and on synthetic panels. statsmodels' damped
/// Holt is the oracle of the fits themselves in Tests/python/test_projection_horizon.py.
@Suite("Projection horizons: damped trends beyond half the fit")
struct ProjectionHorizonTests {
    /// Two exporters' total series with the given values from 2016 on.
    func explainer(_ a: [Double], _ b: [Double]) throws -> Explainer {
        var builder = PanelBuilder()
        for (code, values) in [("AAA", a), ("BBB", b)] {
            for (i, v) in values.enumerated() {
                try builder.add(
                    SeriesKey(exporter: Exporter(code), segment: .total, source: "S", scope: "all_vehicles"),
                    Period(year: 2016 + i)!, v)
            }
        }
        return Explainer(panel: builder.build())
    }

    @Test("the limits: ⌊n/2⌋ (at least 1) undamped, 2n damped, n the shorter fit")
    func limits() {
        for (s, r, undamped, damped) in [(5, 13, 2, 10), (13, 5, 2, 10), (3, 3, 1, 6), (1, 9, 1, 2), (8, 9, 4, 16)] {
            let rule = HorizonRule(subjectPeriods: s, rivalPeriods: r)
            #expect(rule.undampedLimit == undamped && rule.dampedLimit == damped)
        }
        // φ estimated from 6 periods on (α, β, φ, l0, b0 and one degree of freedom), else 0.98.
        #expect(HorizonRule.damped(like: .logLinear, periods: 6).holt.dampingTrend == nil)
        #expect(HorizonRule.damped(like: .logLinear, periods: 5).holt.dampingTrend == 0.98)
        var windowed = TrendModel.linear
        windowed.window = 4
        #expect(HorizonRule.damped(like: windowed, periods: 4).window == 4)
    }

    @Test("the embedded data: 10 years of China's NEV exports from 5 years of data are damped, never certain")
    func embedded() throws {
        let x = Explainer(panel: ReferenceData.completedPanel, metric: .units)
        let p = try x.project(subject: ("CHN", .nev), rival: ("JPN", .total), horizon: 10)
        #expect(p.subjectFit.count == 5 && p.undampedLimit == 2 && p.dampedLimit == 10)
        #expect(p.subjectFit.model.holt.damped && p.rivalFit.model.holt.damped)
        #expect(p.subjectFit.dampingTrend == 0.98 && p.subjectFit.model.holt.dampingTrend == 0.98)
        #expect(p.rivalFit.model.holt.dampingTrend == nil && (0.8...0.995).contains(p.rivalFit.dampingTrend))
        #expect(p.subjectModelAsked == .logLinear && p.rivalModelAsked == .logLinear)
        #expect(p.crossover.horizon == 10 && p.requestedHorizon == 10)
        #expect(
            p.sentence.contains(
                "Damped Holt trends replace the log-linear trends of China's NEV exports and Japan's exports: 10 years ahead is further than an undamped trend is carried (2 years: half the 5 years of the shorter fit)."
            ))
        #expect(!p.sentence.contains("certain") && !p.sentence.contains("Horizon limited"))
        // The damped forecast's steps shrink by φ each year: it levels off.
        let m = p.crossover.subject.mean
        #expect(close((m[9] - m[8]) / (m[8] - m[7]), 0.98, 1e-9))
    }

    @Test("within half the fit the model asked is used as it is")
    func short() throws {
        let x = Explainer(panel: ReferenceData.completedPanel, metric: .units)
        for h in 1...2 {
            let p = try x.project(subject: ("CHN", .nev), rival: ("JPN", .total), horizon: h)
            #expect(p.subjectFit.model == .logLinear && p.rivalFit.model == .logLinear && p.crossover.horizon == h)
            #expect(p.subjectModelAsked == nil && p.horizonNotes.isEmpty)
        }
        let p3 = try x.project(subject: ("CHN", .nev), rival: ("JPN", .total), model: .linear, horizon: 3)
        #expect(p3.subjectFit.model.holt.damped && p3.crossover.horizon == 3)
        #expect(p3.sentence.contains("replace the linear trends of"))
    }

    @Test("twice the fit is the outer limit, said in the sentence")
    func outer() throws {
        let x = Explainer(panel: ReferenceData.completedPanel, metric: .units)
        let p = try x.project(subject: ("CHN", .nev), rival: ("JPN", .total), horizon: 30)
        #expect(p.crossover.horizon == 10 && p.requestedHorizon == 30)
        #expect(p.sentence.contains("Horizon limited to 10 years, twice the length of the shorter fit (asked: 30)."))
    }

    @Test("a series too short for a damped fit keeps its trend, cut to half the fit")
    func tooShort() throws {
        let x = try explainer([100, 130, 170, 220], [400, 410, 420, 430, 440, 450])
        let p = try x.project(subject: ("AAA", .total), rival: ("BBB", .total), horizon: 10)
        #expect(p.subjectFit.model == .logLinear && p.crossover.horizon == 2)
        #expect(p.dampingUnavailable == "too few periods for a damped trend: AAA's exports have 4 (it needs 5)")
        #expect(
            p.sentence.hasSuffix(
                "Horizon limited to 2 years, half the length of the shorter fit (asked: 10): too few periods for a damped trend: AAA's exports have 4 (it needs 5)."
            ))
    }

    @Test("a damped model asked for is kept; only one of two undamped models is replaced when the other is damped")
    func mixed() throws {
        let x = try explainer([100, 130, 170, 220, 260, 300, 330], [400, 410, 420, 430, 440, 450, 455])
        let p = try x.project(
            subject: ("AAA", .total), rival: ("BBB", .total), model: .dampedHolt, rivalModel: .linear,
            horizon: 12)
        #expect(p.subjectModelAsked == nil && p.rivalModelAsked == .linear)
        #expect(p.subjectFit.model == .dampedHolt && p.rivalFit.model.holt.damped && p.crossover.horizon == 12)
        #expect(p.sentence.contains("Damped Holt trend replaces the linear trend of BBB"))
        let far = try x.project(subject: ("AAA", .total), rival: ("BBB", .total), model: .dampedHolt, horizon: 50)
        #expect(far.crossover.horizon == 14 && far.subjectModelAsked == nil)
    }
}

/// A trend model fitted to the last periods of a series: its parameters, fit statistics
/// and forecasts.
///
///     let fit = try TrendModel.linear.fit([10, 12, 14, 16], firstPeriod: 2020)
///     fit.slope                                // 2.0
///     try fit.forecast(horizon: 1).mean        // [18.0]
///
/// Finished fits are immutable values; they are safe to share between threads.
public struct TrendFit: Hashable, Sendable {
    /// The model, as specified (with Holt's given parameters).
    public let model: TrendModel
    /// The period index of the first fitted value.
    public let firstPeriod: Int
    /// The fitted window of the series (the last `window` values).
    public let values: [Double]
    /// The model's in-sample values: the fitted line (log-linear: its exponential) or
    /// Holt's one-step-ahead forecasts.
    public let fitted: [Double]
    /// Σ residual² on the scale the model is fitted on (ln y for log-linear).
    public let sse: Double
    /// The residual variance the intervals use: SSE/(n − 2) for linear and log-linear
    /// (log scale), SSE/n for Holt (statsmodels' `ETSResults.mse`).
    public let sigma2: Double

    let line: LinearTrend?
    let smoother: HoltTrend?

    /// The period index of the last fitted value.
    public var lastPeriod: Int { firstPeriod + values.count - 1 }
    /// The number of fitted periods.
    public var count: Int { values.count }

    /// Linear: the fitted value at `firstPeriod`; log-linear: ln of it. NaN for Holt.
    public var intercept: Double { line?.intercept ?? .nan }
    /// Linear: change per period; log-linear: growth of ln y per period. NaN for Holt.
    public var slope: Double { line?.slope ?? .nan }
    /// Log-linear: the compound annual (per-period) growth rate e^slope − 1, e.g. 0.25 for
    /// 25% a period. NaN for the other models.
    public var cagr: Double {
        guard model.kind == .logLinear, let line else { return .nan }
        return Elementary.exp(line.slope) - 1
    }
    /// Holt's α (NaN for the other models).
    public var smoothingLevel: Double { smoother?.alpha ?? .nan }
    /// Holt's β (NaN for the other models).
    public var smoothingTrend: Double { smoother?.beta ?? .nan }
    /// Holt's φ: 1 when not damped (NaN for the other models).
    public var dampingTrend: Double { smoother?.phi ?? .nan }
    /// Holt's l_0 (NaN for the other models).
    public var initialLevel: Double { smoother?.initialLevel ?? .nan }
    /// Holt's b_0 (NaN for the other models).
    public var initialTrend: Double { smoother?.initialTrend ?? .nan }
    /// Holt's level after the last observation (NaN for the other models).
    public var finalLevel: Double { smoother?.finalLevel ?? .nan }
    /// Holt's trend after the last observation (NaN for the other models).
    public var finalTrend: Double { smoother?.finalTrend ?? .nan }
    /// The names of the parameters that were estimated (Holt: statsmodels' names such as
    /// `smoothing_level`; linear and log-linear: `intercept`, `slope`).
    public var estimatedParameters: [String] {
        guard let h = smoother else { return ["intercept", "slope"] }
        var out: [String] = []
        if h.estimated.alpha { out.append("smoothing_level") }
        if h.estimated.beta { out.append("smoothing_trend") }
        if h.estimated.phi { out.append("damping_trend") }
        if h.estimated.level { out.append("initial_level") }
        if h.estimated.trend { out.append("initial_trend") }
        return out
    }

    /// The point forecast `step` periods after the last fitted one (step ≥ 1).
    ///
    /// - Complexity: O(1) (Holt damped: O(step)).
    public func pointForecast(step: Int) -> Double {
        switch model.kind {
        case .linear: return line.map { $0.value(at: Double(count - 1 + step)) } ?? .nan
        case .logLinear: return line.map { Elementary.exp($0.value(at: Double(count - 1 + step))) } ?? .nan
        case .holt: return smoother?.forecast(step: step) ?? .nan
        }
    }

    /// Forecasts for the next `horizon` periods with prediction intervals at `level`.
    ///
    ///     try fit.forecast(horizon: 10, level: 0.95)
    ///
    /// - Throws: `.horizonOutOfRange` unless 1 ≤ horizon ≤ `TrendModel.maximumHorizon`;
    ///   `.levelOutOfRange` unless 0 < level < 1.
    /// - Complexity: O(horizon).
    public func forecast(horizon: Int, level: Double = 0.95) throws(ProjectionError) -> Forecast {
        guard horizon >= 1 && horizon <= TrendModel.maximumHorizon else {
            throw .horizonOutOfRange(horizon: horizon, maximum: TrendModel.maximumHorizon)
        }
        return try forecast(steps: 1...horizon, level: level)
    }

    /// Forecasts for the given steps ahead (each ≥ 1), for aligning two series.
    func forecast(steps: ClosedRange<Int>, level: Double) throws(ProjectionError) -> Forecast {
        guard level > 0 && level < 1 else { throw .levelOutOfRange(level) }
        let p = 1 - (1 - level) / 2
        var mean: [Double] = [], lower: [Double] = [], upper: [Double] = []
        mean.reserveCapacity(steps.count); lower.reserveCapacity(steps.count); upper.reserveCapacity(steps.count)
        switch model.kind {
        case .linear, .logLinear:
            guard let line else { break }
            let q = Distributions.studentTQuantile(p, df: Double(count - 2))
            for h in steps {
                let t = Double(count - 1 + h)
                let m = line.value(at: t)
                let half = q * line.predictionStandardError(at: t)
                if model.kind == .linear {
                    mean.append(m); lower.append(m - half); upper.append(m + half)
                } else {
                    mean.append(Elementary.exp(m))
                    lower.append(Elementary.exp(m - half))
                    upper.append(Elementary.exp(m + half))
                }
            }
        case .holt:
            guard let h = smoother else { break }
            let z = Distributions.normalQuantile(p)
            // v_h and φ + … + φ^h accumulated step by step: O(last step) in all.
            var v = 1.0, phiJ = 0.0, power = 1.0  // v_k, φ_{k-1} sum, φ^(k-1)
            var k = 1
            let gain = h.alpha * h.beta  // the error-correction trend gain (Hyndman's β)
            for target in steps {
                while k < target {
                    power *= h.phi
                    phiJ += power
                    let c = h.alpha + gain * phiJ
                    v += c * c
                    k += 1
                }
                // φ_k = φ_{k−1} + φ^k.
                let m = h.finalLevel + (phiJ + power * h.phi) * h.finalTrend
                let half = z * (sigma2 * v).squareRoot()
                mean.append(m); lower.append(m - half); upper.append(m + half)
            }
        }
        return Forecast(
            firstPeriod: lastPeriod + steps.lowerBound, mean: mean, lower: lower,
            upper: upper, level: level)
    }
}

/// Point forecasts of a fitted trend with prediction intervals, one per future period.
///
///     let f = try TrendModel.linear.fit([1, 2, 3, 4], firstPeriod: 2020).forecast(horizon: 2)
///     f.periods  // 2024...2025
///     f.mean     // [5.0, 6.0]
///
/// The interval at `level` (e.g. 0.95) is `lower[i]...upper[i]`:
/// - linear: mean ± t(n−2) · s · √(1 + 1/n + (t − t̄)²/Σ(t − t̄)²), s² = SSE/(n − 2)
///   (statsmodels OLS `get_prediction(...).summary_frame()["obs_ci_*"]`);
/// - log-linear: the linear interval on ln y, exponentiated; `mean` is exp of the
///   log-scale forecast, i.e. the median of the implied log-normal;
/// - Holt: mean ± z · √(σ² v_h) with σ² = SSE/n and v_h = 1 + Σ_{j<h} (α + αβ φ_j)²,
///   φ_j = φ + … + φ^j (the analytic variance of the ETS(A,A,N) and ETS(A,Ad,N) models,
///   as statsmodels' `ETSModel` computes it). Parameter uncertainty is not included.
public struct Forecast: Hashable, Sendable {
    /// The period index of `mean[0]` (the period after the last fitted one).
    public let firstPeriod: Int
    /// Point forecasts.
    public let mean: [Double]
    /// Lower ends of the prediction intervals.
    public let lower: [Double]
    /// Upper ends of the prediction intervals.
    public let upper: [Double]
    /// The interval's coverage, e.g. 0.95.
    public let level: Double

    /// The forecast periods.
    public var periods: ClosedRange<Int> { firstPeriod...(firstPeriod + mean.count - 1) }

    /// A forecast from its parts (all arrays of one length).
    ///
    /// - Complexity: O(1).
    public init(firstPeriod: Int, mean: [Double], lower: [Double], upper: [Double], level: Double) {
        self.firstPeriod = firstPeriod
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.level = level
    }
}

/// Ordinary least squares of y on a straight line in time, the kernel of the linear and
/// log-linear models.
///
/// Time is the position 0, 1, …, n−1 within the fitted window; the computation centres
/// it (t − t̄) so that large period numbers lose no precision.
///
///     let l = LinearTrend(fitting: [1, 3, 5])
///     (l.intercept, l.slope)  // (1.0, 2.0)
///
/// - Complexity: O(n).
struct LinearTrend: Hashable, Sendable {
    /// The fitted value at position 0.
    var intercept: Double
    /// The change per period.
    var slope: Double
    /// Σ residual².
    var sse: Double
    /// Number of observations.
    var count: Int
    /// Mean position, (n − 1)/2.
    var meanTime: Double
    /// Σ (t − t̄)².
    var sxx: Double

    init(fitting y: [Double]) {
        let n = y.count
        count = n
        let tbar = Double(n - 1) / 2
        meanTime = tbar
        var ybar = 0.0
        for v in y { ybar += v }
        ybar /= Double(n)
        var sxy = 0.0, sxx = 0.0
        for (i, v) in y.enumerated() {
            let dt = Double(i) - tbar
            sxy += dt * (v - ybar)
            sxx += dt * dt
        }
        let b = sxx > 0 ? sxy / sxx : 0
        slope = b
        intercept = ybar - b * tbar
        self.sxx = sxx
        var s = 0.0
        for (i, v) in y.enumerated() {
            let r = v - (ybar + b * (Double(i) - tbar))
            s += r * r
        }
        sse = s
    }

    /// The fitted line at position t (which may be beyond the data).
    func value(at t: Double) -> Double { intercept + slope * t }

    /// The residual variance s² = SSE/(n − 2).
    var sigma2: Double { count > 2 ? sse / Double(count - 2) : .nan }

    /// The standard error of a new observation at position t:
    /// s · √(1 + 1/n + (t − t̄)²/Σ(t − t̄)²).
    func predictionStandardError(at t: Double) -> Double {
        let d = t - meanTime
        return (sigma2 * (1 + 1 / Double(count) + d * d / sxx)).squareRoot()
    }
}

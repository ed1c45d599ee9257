extension TrendModel {
    /// Fits the model to the last `window` values of a series of consecutive periods.
    ///
    ///     let fit = try TrendModel.holt.fit([3.7, 3.8, 3.8, 4.4, 4.2, 4.2], firstPeriod: 2020)
    ///     fit.smoothingLevel  // α estimated by least squares
    ///
    /// - Parameters:
    ///   - values: One value per period, oldest first, every one finite (cut gaps out:
    ///     a missing period is not a value). Log-linear needs every value > 0.
    ///   - firstPeriod: The period index of `values[0]` (e.g. the year 2019); forecasts
    ///     and crossovers are reported in the same numbering.
    /// - Throws: `.tooFewPeriods` when the window holds fewer than `minimumPeriods`
    ///   values; `.nonFiniteValue`; `.nonPositiveValue` (log-linear);
    ///   `.invalidParameter` for a window < 1 or a Holt parameter outside its range.
    /// - Complexity: O(n) for linear and log-linear; O(n · evaluations) for Holt with
    ///   estimated smoothing parameters (see `HoltOptions`).
    public func fit(_ values: [Double], firstPeriod: Int = 0) throws(ProjectionError) -> TrendFit {
        var start = 0
        if let window {
            guard window >= 1 else {
                throw .invalidParameter(name: "window", value: Double(window), allowed: "at least 1 period")
            }
            start = max(0, values.count - window)
        }
        let y = Array(values[start...])
        let need = minimumPeriods
        guard y.count >= need else { throw .tooFewPeriods(model: kind, needed: need, got: y.count) }
        for (i, v) in y.enumerated() {
            guard v.isFinite else { throw .nonFiniteValue(position: start + i, value: v) }
            if kind == .logLinear && !(v > 0) { throw .nonPositiveValue(position: start + i, value: v) }
        }
        let first = firstPeriod + start
        switch kind {
        case .linear:
            let line = LinearTrend(fitting: y)
            let fitted = (0..<y.count).map { line.value(at: Double($0)) }
            return TrendFit(
                model: self, firstPeriod: first, values: y, fitted: fitted, sse: line.sse,
                sigma2: line.sigma2, line: line, smoother: nil)
        case .logLinear:
            let line = LinearTrend(fitting: y.map(Elementary.log))
            let fitted = (0..<y.count).map { Elementary.exp(line.value(at: Double($0))) }
            return TrendFit(
                model: self, firstPeriod: first, values: y, fitted: fitted, sse: line.sse,
                sigma2: line.sigma2, line: line, smoother: nil)
        case .holt:
            let h = try HoltTrend.fit(y, options: holt)
            return TrendFit(
                model: self, firstPeriod: first, values: y, fitted: h.fitted, sse: h.sse,
                sigma2: h.sse / Double(y.count), line: nil, smoother: h)
        }
    }
}

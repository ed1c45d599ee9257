/// When a subject series' forecast first exceeds a rival's: the projected crossover of
/// two fitted trends, with the range of crossing periods their intervals allow.
///
///     let china = try TrendModel.logLinear.fit([679_000, 1_203_000, 1_284_000, 2_615_000], firstPeriod: 2022)
///     let japan = try TrendModel.linear.fit([3_813_269, 4_422_682, 4_210_000, 4_172_815], firstPeriod: 2022)
///     let c = try china.projectedCrossover(over: japan, horizon: 10)
///     c.period    // the first year China's NEV forecast is above Japan's total, or nil
///
/// Definitions (periods are the fits' period indices):
/// - the **origin** is the later of the two last fitted periods; the forecasts are
///   compared at origin + 1 … origin + horizon (a series that ends earlier is forecast
///   further ahead to reach the same periods);
/// - **period**: the first of those where the subject's point forecast is strictly above
///   the rival's; nil when there is none within the horizon;
/// - **earliest**: the first period where the subject's upper bound exceeds the rival's
///   lower bound (the crossing cannot happen before, at the interval level);
/// - **latest**: the first period where the subject's lower bound exceeds the rival's
///   upper bound (the crossing has happened by then); nil when not within the horizon.
///   So earliest ≤ period ≤ latest whenever they exist;
/// - **crossingPoint**: the fractional period where the gap of point values (observed
///   at the origin when available, else forecast) changes sign, interpolated linearly
///   between `period − 1` and `period`, e.g. 2027.4;
/// - **subjectAheadAtOrigin**: the subject was already above the rival at the origin.
public struct ProjectedCrossover: Hashable, Sendable {
    /// The later of the two last fitted periods; forecasts start after it.
    public let origin: Int
    /// Periods compared: origin + 1 … origin + horizon.
    public let horizon: Int
    /// The interval level of the forecasts, e.g. 0.95.
    public let level: Double
    /// The first period the subject's forecast exceeds the rival's; nil: none within the horizon.
    public let period: Int?
    /// The first period the crossing is possible at the interval level; nil: not within the horizon.
    public let earliest: Int?
    /// The first period by which the crossing has happened at the interval level (the upper end of the interval of crossing periods: a projection is never certain); nil: not within the horizon.
    public let latest: Int?
    /// The linearly interpolated crossing point (e.g. 2027.4); nil when `period` is nil.
    public let crossingPoint: Double?
    /// Whether the subject's value at the origin was already above the rival's.
    public let subjectAheadAtOrigin: Bool
    /// Subject − rival at the origin (observed values where the series reach it).
    public let gapAtOrigin: Double
    /// The subject's forecasts for origin + 1 … origin + horizon.
    public let subject: Forecast
    /// The rival's forecasts for the same periods.
    public let rival: Forecast

    /// A plain sentence: "would first exceed … in 2031 (95% interval of crossing periods:
    /// 2029–2034)" or "no crossover within 10 periods (to 2035)".
    ///
    /// - Parameters:
    ///   - subjectName, rivalName: how to call the two series, e.g. "China's NEV exports".
    ///   - periodName: how to print a period index (default: the number).
    /// - Complexity: O(1).
    public func sentence(
        subject subjectName: String = "the subject", rival rivalName: String = "the rival",
        periodName: (Int) -> String = { String($0) }
    ) -> String {
        let pct = formatPercent(level)
        let last = periodName(origin + horizon)
        guard let period else {
            var s =
                "At current trends \(subjectName) would not exceed \(rivalName) within \(horizon) periods (to \(last))"
            if let earliest {
                s += "; at the \(pct) level a crossing from \(periodName(earliest)) cannot be ruled out"
            }
            return s + "."
        }
        var s = "At current trends \(subjectName) would first exceed \(rivalName) in \(periodName(period))"
        if subjectAheadAtOrigin { s += " (it was already ahead in \(periodName(origin)))" }
        s += " (\(pct) interval of crossing periods: "
        s += "\(earliest.map(periodName) ?? periodName(period))–\(latest.map(periodName) ?? "beyond \(last)"))."
        return s
    }
}

func formatPercent(_ level: Double) -> String {
    let p = level * 100
    if p == p.rounded() { return "\(Int(p))%" }
    return "\((p * 10).rounded() / 10)%"
}

extension TrendFit {
    /// The projected crossover of this fit (the subject) over `rival`.
    ///
    /// - Parameters:
    ///   - rival: the series to overtake.
    ///   - horizon: periods after the origin to examine, 1…`TrendModel.maximumHorizon`.
    ///   - level: the prediction-interval level, strictly between 0 and 1.
    /// - Throws: `.noOverlap` when the two fitted windows share no period;
    ///   `.horizonOutOfRange`; `.levelOutOfRange`.
    /// - Complexity: O(horizon + gap between the two last periods).
    public func projectedCrossover(
        over rival: TrendFit, horizon: Int, level: Double = 0.95
    )
        throws(ProjectionError) -> ProjectedCrossover
    {
        let s = firstPeriod...lastPeriod, r = rival.firstPeriod...rival.lastPeriod
        guard s.overlaps(r) else { throw .noOverlap(subject: s, rival: r) }
        guard horizon >= 1 && horizon <= TrendModel.maximumHorizon else {
            throw .horizonOutOfRange(horizon: horizon, maximum: TrendModel.maximumHorizon)
        }
        guard level > 0 && level < 1 else { throw .levelOutOfRange(level) }
        let origin = max(lastPeriod, rival.lastPeriod)
        func steps(_ f: TrendFit) -> ClosedRange<Int> {
            (origin + 1 - f.lastPeriod)...(origin + horizon - f.lastPeriod)
        }
        let fs = try forecast(steps: steps(self), level: level)
        let fr = try rival.forecast(steps: steps(rival), level: level)
        func valueAtOrigin(_ f: TrendFit) -> Double {
            f.lastPeriod == origin ? (f.values.last ?? .nan) : f.pointForecast(step: origin - f.lastPeriod)
        }
        let gap0 = valueAtOrigin(self) - valueAtOrigin(rival)
        var period: Int?, earliest: Int?, latest: Int?, point: Double?
        var previousGap = gap0
        for j in 0..<horizon {
            let p = origin + 1 + j
            let gap = fs.mean[j] - fr.mean[j]
            if period == nil && gap > 0 {
                period = p
                // Linear interpolation of the gap between p − 1 and p.
                let frac = previousGap <= 0 && gap > previousGap ? -previousGap / (gap - previousGap) : 0
                point = Double(p - 1) + frac
            }
            if earliest == nil && fs.upper[j] > fr.lower[j] { earliest = p }
            if latest == nil && fs.lower[j] > fr.upper[j] { latest = p }
            previousGap = gap
        }
        return ProjectedCrossover(
            origin: origin, horizon: horizon, level: level, period: period, earliest: earliest,
            latest: latest, crossingPoint: point, subjectAheadAtOrigin: gap0 > 0, gapAtOrigin: gap0,
            subject: fs, rival: fr)
    }
}

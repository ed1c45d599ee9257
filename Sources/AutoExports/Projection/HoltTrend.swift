/// Holt's linear trend exponential smoothing (optionally damped): the recursion, and the
/// least-squares estimation of its parameters the way statsmodels' `ExponentialSmoothing`
/// (`trend="add"`, `initialization_method="estimated"`) defines it.
///
/// The recursion (statsmodels' `holt_add_dam`), with states l, b before each observation:
///
///     ŷ_t     = l_t + φ b_t                           (one-step forecast of y_t)
///     l_{t+1} = α y_t + (1 − α)(l_t + φ b_t)
///     b_{t+1} = β (l_{t+1} − l_t) + (1 − β) φ b_t
///     ŷ_{n+h} = l_n + (φ + φ² + … + φ^h) b_n           (φ = 1 when not damped)
///
/// Estimation minimizes SSE = Σ (y_t − ŷ_t)² over the parameters not given:
/// - bounds are statsmodels': α ∈ [√ε, 1 − √ε] (ε = 2⁻⁵²), β ∈ [0, α] (written β = α·f,
///   f ∈ [0, 1], as statsmodels' `to_restricted` does), φ ∈ [0.8, 0.995];
/// - the initial states l_0 and b_0 enter the forecasts linearly, so for given smoothing
///   parameters their best values solve a linear least-squares problem exactly (variable
///   projection); statsmodels searches them numerically together with α, β, φ;
/// - the smoothing parameters are searched first on a grid (α: 31 points, f: 16, φ: 9),
///   then by a box-constrained Nelder–Mead from the three best grid points, restarted
///   until it stops improving.
/// The minimum found is never worse than statsmodels' L-BFGS-B result on the same
/// objective (measured in the tests); on short series statsmodels often stops in a
/// local minimum or at a bound, so parameters can differ where the optimum is flat.
///
/// - Complexity: O(n) per evaluation; estimation uses at most ~30 000 evaluations.
struct HoltTrend: Hashable, Sendable {
    var alpha: Double
    var beta: Double
    var phi: Double
    var initialLevel: Double
    var initialTrend: Double
    /// The states after the last observation, from which forecasts start.
    var finalLevel: Double
    var finalTrend: Double
    var sse: Double
    /// One-step-ahead forecasts ŷ_t of the observations.
    var fitted: [Double]
    /// Which of α, β, φ, l_0, b_0 were estimated.
    var estimated: (alpha: Bool, beta: Bool, phi: Bool, level: Bool, trend: Bool)

    static func == (a: HoltTrend, b: HoltTrend) -> Bool {
        a.alpha == b.alpha && a.beta == b.beta && a.phi == b.phi && a.initialLevel == b.initialLevel
            && a.initialTrend == b.initialTrend && a.sse == b.sse && a.fitted == b.fitted
    }
    func hash(into h: inout Hasher) {
        h.combine(alpha); h.combine(beta); h.combine(phi); h.combine(initialLevel); h.combine(initialTrend)
    }

    /// √ε, statsmodels' `LOWER_BOUND` for an estimated α.
    static let alphaEpsilon = Double.ulpOfOne.squareRoot()
    static let phiBounds = (lower: 0.8, upper: 0.995)

    /// Runs the recursion; returns SSE and the final states, and writes ŷ into `fitted`
    /// when given.
    @inline(__always)
    static func run(
        _ y: UnsafeBufferPointer<Double>, alpha: Double, beta: Double, phi: Double,
        level l0: Double, trend b0: Double, fitted: UnsafeMutableBufferPointer<Double>? = nil
    ) -> (sse: Double, level: Double, trend: Double) {
        let alphac = 1 - alpha, betac = 1 - beta
        var l = l0, b = b0, sse = 0.0
        for i in 0..<y.count {
            let f = l + phi * b
            fitted?[i] = f
            let e = y[i] - f
            sse += e * e
            let ln = alpha * y[i] + alphac * (l + phi * b)
            b = beta * (ln - l) + betac * phi * b
            l = ln
        }
        return (sse, l, b)
    }

    /// The SSE with the free initial states at their least-squares values, and those values.
    ///
    /// ŷ is affine in (l_0, b_0): ŷ = c + l_0 L + b_0 B, where c, L, B are the forecasts of
    /// the recursion from (y, given-or-0, given-or-0), (0, 1, 0) and (0, 0, 1).
    static func profile(
        _ y: UnsafeBufferPointer<Double>, alpha: Double, beta: Double, phi: Double,
        level: Double?, trend: Double?, scratch: UnsafeMutableBufferPointer<Double>
    ) -> (sse: Double, level: Double, trend: Double) {
        let n = y.count
        if let level, let trend {
            return (run(y, alpha: alpha, beta: beta, phi: phi, level: level, trend: trend).sse, level, trend)
        }
        // scratch: [c | L | B | zeros], 4n doubles.
        let c = UnsafeMutableBufferPointer(rebasing: scratch[0..<n])
        let lc = UnsafeMutableBufferPointer(rebasing: scratch[n..<(2 * n)])
        let bc = UnsafeMutableBufferPointer(rebasing: scratch[(2 * n)..<(3 * n)])
        let zeros = UnsafeBufferPointer(rebasing: scratch[(3 * n)..<(4 * n)])
        _ = run(y, alpha: alpha, beta: beta, phi: phi, level: level ?? 0, trend: trend ?? 0, fitted: c)
        for i in 0..<n { c[i] = y[i] - c[i] }  // residual with the free states at 0
        if level == nil { _ = run(zeros, alpha: alpha, beta: beta, phi: phi, level: 1, trend: 0, fitted: lc) }
        if trend == nil { _ = run(zeros, alpha: alpha, beta: beta, phi: phi, level: 0, trend: 1, fitted: bc) }
        var l0 = level ?? 0, b0 = trend ?? 0
        switch (level == nil, trend == nil) {
        case (true, true):
            // Least squares on two columns by Gram–Schmidt (QR), stable for near-collinear L, B.
            var nl = 0.0
            for i in 0..<n { nl += lc[i] * lc[i] }
            nl = nl.squareRoot()
            if nl == 0 {
                b0 = solve1(c, bc, n)
            } else {
                var r12 = 0.0, qc = 0.0
                for i in 0..<n { r12 += lc[i] / nl * bc[i]; qc += lc[i] / nl * c[i] }
                var r22 = 0.0, q2c = 0.0
                for i in 0..<n { let v = bc[i] - r12 * lc[i] / nl; r22 += v * v }
                r22 = r22.squareRoot()
                var nb = 0.0
                for i in 0..<n { nb += bc[i] * bc[i] }
                if r22 <= 1e-13 * nb.squareRoot() {
                    b0 = 0
                } else {
                    for i in 0..<n { q2c += (bc[i] - r12 * lc[i] / nl) / r22 * c[i] }
                    b0 = q2c / r22
                }
                l0 = (qc - r12 * b0) / nl
            }
        case (true, false): l0 = solve1(c, lc, n)
        case (false, true): b0 = solve1(c, bc, n)
        case (false, false): break
        }
        let sse = run(y, alpha: alpha, beta: beta, phi: phi, level: l0, trend: b0).sse
        return (sse, l0, b0)
    }

    /// argmin_k Σ (r − k x)².
    static func solve1(
        _ r: UnsafeMutableBufferPointer<Double>, _ x: UnsafeMutableBufferPointer<Double>, _ n: Int
    ) -> Double {
        var xx = 0.0, xr = 0.0
        for i in 0..<n { xx += x[i] * x[i]; xr += x[i] * r[i] }
        return xx > 0 ? xr / xx : 0
    }

    /// Fits Holt's model to `y` (at least `TrendModel.minimumPeriods` finite values; checked
    /// by the caller) with the parameters `options` gives.
    static func fit(_ y: [Double], options o: HoltOptions) throws(ProjectionError) -> HoltTrend {
        // Validate the given parameters.
        if let a = o.smoothingLevel, !(a > 0 && a <= 1) {
            throw .invalidParameter(name: "smoothing_level", value: a, allowed: "0 < α ≤ 1")
        }
        if let b = o.smoothingTrend {
            let top = o.smoothingLevel ?? 1
            if !(b >= 0 && b <= top) {
                throw .invalidParameter(
                    name: "smoothing_trend", value: b,
                    allowed: o.smoothingLevel == nil ? "0 ≤ β ≤ 1" : "0 ≤ β ≤ α = \(top)")
            }
        }
        if let p = o.dampingTrend {
            if !o.damped {
                throw .invalidParameter(name: "damping_trend", value: p, allowed: "only for a damped trend")
            }
            if !(p > 0 && p <= 1) { throw .invalidParameter(name: "damping_trend", value: p, allowed: "0 < φ ≤ 1") }
        }
        if let l = o.initialLevel, !l.isFinite {
            throw .invalidParameter(name: "initial_level", value: l, allowed: "a finite number")
        }
        if let b = o.initialTrend, !b.isFinite {
            throw .invalidParameter(name: "initial_trend", value: b, allowed: "a finite number")
        }
        let n = y.count
        let freeAlpha = o.smoothingLevel == nil
        let freeBeta = o.smoothingTrend == nil
        let freePhi = o.damped && o.dampingTrend == nil
        let eps = alphaEpsilon
        let alphaLower = max(eps, o.smoothingTrend ?? 0), alphaUpper = 1 - eps

        // Parameter vector x -> (α, β, φ); β = α·f when both are free (statsmodels' transform).
        func params(_ x: [Double]) -> (Double, Double, Double) {
            var k = 0
            var a = o.smoothingLevel ?? 0
            if freeAlpha { a = x[k]; k += 1 }
            var b = o.smoothingTrend ?? 0
            if freeBeta { b = a * x[k]; k += 1 }
            var p = o.damped ? (o.dampingTrend ?? 0.98) : 1
            if freePhi { p = x[k] }
            return (a, b, p)
        }
        var lower: [Double] = [], upper: [Double] = [], axes: [[Double]] = []
        func grid(_ lo: Double, _ hi: Double, _ count: Int) -> [Double] {
            (0..<count).map { lo + (hi - lo) * Double($0) / Double(count - 1) }
        }
        if freeAlpha {
            lower.append(alphaLower); upper.append(alphaUpper); axes.append(grid(alphaLower, alphaUpper, 31))
        }
        if freeBeta { lower.append(0); upper.append(1); axes.append(grid(0, 1, 16)) }
        if freePhi {
            lower.append(phiBounds.lower); upper.append(phiBounds.upper);
            axes.append(grid(phiBounds.lower, phiBounds.upper, 9))
        }

        let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 4 * max(n, 1))
        scratch.initialize(repeating: 0)
        defer { scratch.deallocate() }
        var best: (x: [Double], sse: Double) = ([], .infinity)
        y.withUnsafeBufferPointer { yb in
            func objective(_ x: [Double]) -> Double {
                let (a, b, p) = params(x)
                return profile(
                    yb, alpha: a, beta: b, phi: p, level: o.initialLevel, trend: o.initialTrend,
                    scratch: scratch
                ).sse
            }
            if axes.isEmpty {
                best = ([], objective([]))
                return
            }
            // Grid: keep the three best points.
            var top: [(x: [Double], sse: Double)] = []
            var index = [Int](repeating: 0, count: axes.count)
            gridLoop: while true {
                let x = (0..<axes.count).map { axes[$0][index[$0]] }
                let v = objective(x)
                if !v.isNaN {
                    top.append((x, v))
                    top.sort { $0.sse < $1.sse }
                    if top.count > 3 { top.removeLast() }
                }
                var k = 0
                while k < axes.count {
                    index[k] += 1
                    if index[k] < axes[k].count { continue gridLoop }
                    index[k] = 0
                    k += 1
                }
                break
            }
            for start in top {
                let r = BoxMinimizer.minimize(
                    start: start.x, lower: lower, upper: upper, maxEvaluations: 6000, objective)
                if r.value < best.sse { best = (r.x, r.value) }
            }
            if best.sse == .infinity, let first = top.first { best = first }
        }
        let (a, b, p) = params(best.x)
        var fitted = [Double](repeating: 0, count: n)
        let (l0, b0) = y.withUnsafeBufferPointer { yb in
            let r = profile(
                yb, alpha: a, beta: b, phi: p, level: o.initialLevel, trend: o.initialTrend, scratch: scratch)
            return (r.level, r.trend)
        }
        let run = y.withUnsafeBufferPointer { yb in
            fitted.withUnsafeMutableBufferPointer { fb in
                Self.run(yb, alpha: a, beta: b, phi: p, level: l0, trend: b0, fitted: fb)
            }
        }
        return HoltTrend(
            alpha: a, beta: b, phi: p, initialLevel: l0, initialTrend: b0,
            finalLevel: run.level, finalTrend: run.trend, sse: run.sse, fitted: fitted,
            estimated: (freeAlpha, freeBeta, freePhi, o.initialLevel == nil, o.initialTrend == nil))
    }

    /// The h-step forecast, h ≥ 1.
    func forecast(step h: Int) -> Double {
        finalLevel + dampedSum(h) * finalTrend
    }

    /// φ + φ² + … + φ^h (h when φ = 1).
    func dampedSum(_ h: Int) -> Double {
        if phi == 1 { return Double(h) }
        var s = 0.0, p = 1.0
        for _ in 0..<h { p *= phi; s += p }
        return s
    }
}

/// A small derivative-free minimizer on a box: Nelder–Mead with every trial point
/// projected onto the bounds, restarted from its own result until a restart no longer
/// improves. Used by Holt's model to estimate its smoothing parameters.
///
///     let r = BoxMinimizer.minimize(start: [0.5], lower: [0], upper: [1]) { x in (x[0] - 0.3) * (x[0] - 0.3) }
///     r.x  // [≈0.3]
///
/// - Complexity: at most `maxEvaluations` evaluations of the objective.
enum BoxMinimizer {
    /// The result: the best point, its value, and the number of evaluations used.
    struct Result: Sendable {
        var x: [Double]
        var value: Double
        var evaluations: Int
    }

    /// Minimizes `f` on the box `lower...upper` starting from `start` (clamped into it).
    ///
    /// - Parameters:
    ///   - tolerance: stop a run when the simplex's values differ by less than
    ///     `tolerance · (|f| + tiny)` and its vertices by less than `tolerance` relative
    ///     to the box's width.
    ///   - maxEvaluations: the budget over every restart.
    /// - Complexity: O(`maxEvaluations` · cost of `f`).
    static func minimize(
        start: [Double], lower: [Double], upper: [Double], tolerance: Double = 1e-12,
        maxEvaluations: Int = 4000, _ f: ([Double]) -> Double
    ) -> Result {
        let d = start.count
        precondition(lower.count == d && upper.count == d, "bounds must match the start")
        func clamp(_ x: [Double]) -> [Double] {
            var y = x
            for i in 0..<d { y[i] = Swift.min(Swift.max(y[i], lower[i]), upper[i]) }
            return y
        }
        var evaluations = 0
        func eval(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isNaN ? .infinity : v
        }
        var best = clamp(start)
        var bestValue = eval(best)
        if d == 0 { return Result(x: best, value: bestValue, evaluations: evaluations) }
        // Nelder–Mead restarted until it stops improving, then a coordinate-wise search
        // (a simplex squeezed against a bound can lose a dimension and stall there), and
        // Nelder–Mead again from the coordinate search's point while that improves.
        for _ in 0..<4 {
            var restarts = 0
            while evaluations < maxEvaluations && restarts < 8 {
                let before = bestValue
                let (x, v) = run(
                    from: best, value: bestValue, lower: lower, upper: upper,
                    tolerance: tolerance, budget: maxEvaluations - evaluations,
                    clamp: clamp, eval: eval)
                if v < bestValue { best = x; bestValue = v }
                restarts += 1
                if !(bestValue < before - tolerance * (abs(before) + 1e-300)) { break }
            }
            let before = bestValue
            for i in 0..<d where lower[i].isFinite && upper[i].isFinite && lower[i] < upper[i] {
                let (xi, v) = lineSearch(best, i, lower[i], upper[i], eval)
                if v < bestValue { best[i] = xi; bestValue = v }
            }
            if !(bestValue < before - tolerance * (abs(before) + 1e-300)) || evaluations >= maxEvaluations { break }
        }
        return Result(x: best, value: bestValue, evaluations: evaluations)
    }

    /// Minimizes along coordinate `i` on [lo, hi]: a scan of 17 points, then golden-section
    /// search in the bracket around the best of them.
    static func lineSearch(
        _ x: [Double], _ i: Int, _ lo: Double, _ hi: Double,
        _ eval: ([Double]) -> Double
    ) -> (Double, Double) {
        var p = x
        func f(_ t: Double) -> Double { p[i] = t; return eval(p) }
        let m = 16
        var bestK = 0, bestV = Double.infinity
        for k in 0...m {
            let v = f(lo + (hi - lo) * Double(k) / Double(m))
            if v < bestV { bestV = v; bestK = k }
        }
        var a = lo + (hi - lo) * Double(max(bestK - 1, 0)) / Double(m)
        var b = lo + (hi - lo) * Double(min(bestK + 1, m)) / Double(m)
        var bestT = lo + (hi - lo) * Double(bestK) / Double(m)
        let g = 0.6180339887498949
        var c = b - g * (b - a), e = a + g * (b - a)
        var fc = f(c), fe = f(e)
        for _ in 0..<60 where b - a > 1e-13 * max(1, abs(a)) {
            if fc < fe {
                b = e; e = c; fe = fc; c = b - g * (b - a); fc = f(c)
            } else {
                a = c; c = e; fc = fe; e = a + g * (b - a); fe = f(e)
            }
        }
        for (t, v) in [(c, fc), (e, fe), (lo, f(lo)), (hi, f(hi))] where v < bestV { bestV = v; bestT = t }
        return (bestT, bestV)
    }

    /// One Nelder–Mead run (coefficients 1, 2, ½, ½) from `x0`.
    static func run(
        from x0: [Double], value f0: Double, lower: [Double], upper: [Double], tolerance: Double,
        budget: Int, clamp: ([Double]) -> [Double], eval: ([Double]) -> Double
    ) -> ([Double], Double) {
        let d = x0.count
        var used = 0
        func ev(_ x: [Double]) -> Double { used += 1; return eval(x) }
        // Initial simplex: a step of 10% of the box (or of |x|) along each axis, turned
        // inward when it would leave the box.
        var pts: [[Double]] = [x0]
        var vals: [Double] = [f0]
        for i in 0..<d {
            var p = x0
            let width = upper[i] - lower[i]
            var step = width.isFinite && width > 0 ? 0.1 * width : Swift.max(0.1 * abs(x0[i]), 1e-3)
            if p[i] + step > upper[i] { step = -step }
            p[i] += step
            p = clamp(p)
            if p == x0 { p[i] = x0[i] - step; p = clamp(p) }
            pts.append(p)
            vals.append(ev(p))
        }
        let scale: [Double] = (0..<d).map { i in
            let w = upper[i] - lower[i]
            return w.isFinite && w > 0 ? w : Swift.max(abs(x0[i]), 1)
        }
        while used < budget {
            // Order the vertices by value.
            let order = (0...d).sorted { vals[$0] < vals[$1] }
            pts = order.map { pts[$0] }
            vals = order.map { vals[$0] }
            // Converged?
            let spreadF = vals[d] - vals[0]
            var spreadX = 0.0
            for k in 1...d { for i in 0..<d { spreadX = Swift.max(spreadX, abs(pts[k][i] - pts[0][i]) / scale[i]) } }
            if spreadF <= tolerance * (abs(vals[0]) + 1e-300) && spreadX <= tolerance.squareRoot() { break }
            if spreadX == 0 { break }
            // Centroid of the best d vertices.
            var c = [Double](repeating: 0, count: d)
            for k in 0..<d { for i in 0..<d { c[i] += pts[k][i] / Double(d) } }
            func along(_ t: Double) -> [Double] {
                clamp((0..<d).map { c[$0] + t * (pts[d][$0] - c[$0]) })
            }
            let xr = along(-1), fr = ev(xr)
            if fr < vals[0] {
                let xe = along(-2), fe = ev(xe)
                if fe < fr { pts[d] = xe; vals[d] = fe } else { pts[d] = xr; vals[d] = fr }
            } else if fr < vals[d - 1] {
                pts[d] = xr; vals[d] = fr
            } else {
                let outside = fr < vals[d]
                let xc = along(outside ? -0.5 : 0.5), fc = ev(xc)
                if fc < (outside ? fr : vals[d]) {
                    pts[d] = xc; vals[d] = fc
                } else {
                    // Shrink toward the best vertex.
                    for k in 1...d {
                        pts[k] = clamp((0..<d).map { pts[0][$0] + 0.5 * (pts[k][$0] - pts[0][$0]) })
                        vals[k] = ev(pts[k])
                    }
                }
            }
        }
        var bestK = 0
        for k in 1..<vals.count where vals[k] < vals[bestK] { bestK = k }
        return (pts[bestK], vals[bestK])
    }
}

import AutoExports
import CAutoExports

// The Projection section of include/autoexports.h: trend fits and projected crossovers
// as handles. Validates, converts, calls the core (Sources/AutoExports/Projection) and
// maps its errors; computes nothing itself.

/// A fitted trend held by C callers as `aex_trend_fit *`.
final class TrendFitObject: HandleObject {
    static let handleKind = "trend_fit"
    let fit: TrendFit
    init(_ fit: TrendFit) { self.fit = fit }
}

/// A projected crossover held by C callers as `aex_crossover *`.
final class CrossoverObject: HandleObject {
    static let handleKind = "crossover"
    let crossover: ProjectedCrossover
    init(_ crossover: ProjectedCrossover) { self.crossover = crossover }
}

extension ABIError {
    /// The status of a core projection error, with the core's message.
    init(_ e: ProjectionError) {
        let status: Int32
        switch e {
        case .tooFewPeriods, .noOverlap: status = AEX_E_INSUFFICIENT_DATA
        case .nonFiniteValue, .nonPositiveValue, .invalidParameter: status = AEX_E_INVALID_ARGUMENT
        case .horizonOutOfRange, .levelOutOfRange: status = AEX_E_OUT_OF_RANGE
        }
        self.init(status: status, message: e.description)
    }
}

/// Runs a core call, mapping a `ProjectionError` to its status.
@inline(__always)
func projecting<R>(_ body: () throws(ProjectionError) -> R) throws(ABIError) -> R {
    do { return try body() } catch { throw ABIError(error) }
}

/// Validates `window` (>= 0; 0 is "all").
func checkWindow(_ window: Int64) throws(ABIError) -> Int? {
    if window < 0 { throw .range("window is negative (\(window)); 0 fits every value") }
    return window == 0 ? nil : Int(clamping: window)
}

/// Validates a horizon against the core's maximum.
func checkHorizon(_ horizon: Int64) throws(ABIError) -> Int {
    guard horizon >= 1 && horizon <= Int64(TrendModel.maximumHorizon) else {
        throw .range("horizon \(horizon) is out of range (1...\(TrendModel.maximumHorizon))")
    }
    return Int(horizon)
}

/// Validates a first period number (any integer that leaves room for the series and a
/// forecast without overflow).
func checkFirstPeriod(_ p: Int64, _ n: Int64) throws(ABIError) -> Int {
    let limit: Int64 = 1 << 52
    guard p > -limit && p < limit else {
        throw .range("first_period \(p) is out of range (|first_period| < 2^52)")
    }
    return Int(p)
}

/// A NaN-means-estimate parameter.
@inline(__always)
func given(_ x: Double) -> Double? { x.isNaN ? nil : x }

func makeFit(
    _ out: UnsafeMutablePointer<OpaquePointer?>?, _ values: UnsafePointer<Double>?, _ n: Int64,
    _ firstPeriod: Int64, _ model: TrendModel
) throws(ABIError) {
    let outFit = try checkHandleOutput(out, "out_fit")
    let v = try checkArray(values, n, "values", "n")
    let first = try checkFirstPeriod(firstPeriod, n)
    // The fit keeps a few arrays as long as the values (copies, fitted values, logs).
    try ensureMemory(v.count, bytesEach: 64, for: "values (\(n) to fit)")
    let fit = try projecting { () throws(ProjectionError) in try model.fit(Array(v), firstPeriod: first) }
    outFit.pointee = try Handles.make(TrendFitObject(fit))
}

@c @implementation
public func aex_trend_fit_values(
    _ out_fit: UnsafeMutablePointer<OpaquePointer?>!, _ values: UnsafePointer<Double>!, _ n: Int64,
    _ first_period: Int32, _ model: Int32, _ window: Int64
) -> Int32 {
    guarded("aex_trend_fit_values") { () throws(ABIError) in
        let kind = try checkEnum(model, "model", as: TrendKind.self)
        let w = try checkWindow(window)
        try makeFit(out_fit, values, n, Int64(first_period), TrendModel(kind: kind, window: w))
    }
}

@c @implementation
public func aex_trend_fit_holt(
    _ out_fit: UnsafeMutablePointer<OpaquePointer?>!, _ values: UnsafePointer<Double>!, _ n: Int64,
    _ first_period: Int32, _ window: Int64, _ damped: Int32, _ smoothing_level: Double,
    _ smoothing_trend: Double, _ damping_trend: Double, _ initial_level: Double, _ initial_trend: Double
) -> Int32 {
    guarded("aex_trend_fit_holt") { () throws(ABIError) in
        guard damped == 0 || damped == 1 else { throw .invalid("damped must be 0 or 1, got \(damped)") }
        let w = try checkWindow(window)
        let options = HoltOptions(
            damped: damped == 1, smoothingLevel: given(smoothing_level), smoothingTrend: given(smoothing_trend),
            dampingTrend: given(damping_trend), initialLevel: given(initial_level),
            initialTrend: given(initial_trend))
        try makeFit(out_fit, values, n, Int64(first_period), TrendModel(kind: .holt, window: w, holt: options))
    }
}

@c @implementation
public func aex_trend_fit_free(_ fit: OpaquePointer!) -> Int32 {
    guarded("aex_trend_fit_free") { () throws(ABIError) in
        try Handles.free(fit, "fit", as: TrendFitObject.self)
    }
}

@c @implementation
public func aex_trend_fit_get(
    _ out_value: UnsafeMutablePointer<Double>!, _ fit: OpaquePointer!, _ field: Int32
) -> Int32 {
    guarded("aex_trend_fit_get") { () throws(ABIError) in
        guard let out_value else { throw .null("out_value") }
        let f = try Handles.get(fit, "fit", as: TrendFitObject.self).fit
        let which = try checkEnum(field, "field", as: TrendFit.Field.self)
        out_value.pointee = f[which]
    }
}

@c @implementation
public func aex_trend_fit_fitted(
    _ out_values: UnsafeMutablePointer<Double>!, _ capacity: Int64, _ out_count: UnsafeMutablePointer<Int64>!,
    _ fit: OpaquePointer!
) -> Int32 {
    guarded("aex_trend_fit_fitted") { () throws(ABIError) in
        let f = try Handles.get(fit, "fit", as: TrendFitObject.self).fit
        guard
            try checkArrayOutput(
                needed: f.fitted.count, capacities: [(capacity, "capacity")], count: out_count,
                buffers: [(UnsafeMutableRawPointer(out_values), "out_values")])
        else { return }
        guard let out_values else { return }
        for (i, x) in f.fitted.enumerated() { out_values[i] = x }
    }
}

@c @implementation
public func aex_trend_forecast(
    _ out_values: UnsafeMutablePointer<Double>!, _ horizon: Int64, _ fit: OpaquePointer!, _ part: Int32,
    _ level: Double
) -> Int32 {
    guarded("aex_trend_forecast") { () throws(ABIError) in
        let f = try Handles.get(fit, "fit", as: TrendFitObject.self).fit
        let which = try checkEnum(part, "part", as: Forecast.Part.self)
        let h = try checkHorizon(horizon)
        let out = try checkOutput(out_values, horizon, "out_values", "horizon")
        let forecast = try projecting { () throws(ProjectionError) in try f.forecast(horizon: h, level: level) }
        for (i, x) in forecast[which].enumerated() { out[i] = x }
    }
}

@c @implementation
public func aex_trend_fit_json(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ fit: OpaquePointer!, _ horizon: Int64, _ level: Double
) -> Int32 {
    guarded("aex_trend_fit_json") { () throws(ABIError) in
        let f = try Handles.get(fit, "fit", as: TrendFitObject.self).fit
        if horizon < 0 { throw .range("horizon is negative (\(horizon)); 0 leaves the forecast out") }
        let h = horizon == 0 ? 0 : try checkHorizon(horizon)
        let json = try projecting { () throws(ProjectionError) in try f.json(horizon: h, level: level) }
        try writeText(json.rendered, into: out_json, capacity: capacity, length: out_length, "out_json")
    }
}

@c @implementation
public func aex_crossover_project(
    _ out_crossover: UnsafeMutablePointer<OpaquePointer?>!, _ subject: OpaquePointer!, _ rival: OpaquePointer!,
    _ horizon: Int64, _ level: Double
) -> Int32 {
    guarded("aex_crossover_project") { () throws(ABIError) in
        let out = try checkHandleOutput(out_crossover, "out_crossover")
        let s = try Handles.get(subject, "subject", as: TrendFitObject.self).fit
        let r = try Handles.get(rival, "rival", as: TrendFitObject.self).fit
        let h = try checkHorizon(horizon)
        let c = try projecting { () throws(ProjectionError) in
            try s.projectedCrossover(over: r, horizon: h, level: level)
        }
        out.pointee = try Handles.make(CrossoverObject(c))
    }
}

@c @implementation
public func aex_crossover_free(_ crossover: OpaquePointer!) -> Int32 {
    guarded("aex_crossover_free") { () throws(ABIError) in
        try Handles.free(crossover, "crossover", as: CrossoverObject.self)
    }
}

@c @implementation
public func aex_crossover_get(
    _ out_value: UnsafeMutablePointer<Double>!, _ crossover: OpaquePointer!, _ field: Int32
) -> Int32 {
    guarded("aex_crossover_get") { () throws(ABIError) in
        guard let out_value else { throw .null("out_value") }
        let c = try Handles.get(crossover, "crossover", as: CrossoverObject.self).crossover
        let which = try checkEnum(field, "field", as: ProjectedCrossover.Field.self)
        let value = c[which]
        switch which {
        case .period, .earliest, .latest, .crossingPoint:
            // "No period" is AEX_NO_PERIOD (0) through every getter, int or double.
            out_value.pointee = value.isNaN ? Double(AEX_NO_PERIOD) : value
        default:
            out_value.pointee = value
        }
    }
}

@c @implementation
public func aex_crossover_forecast(
    _ out_values: UnsafeMutablePointer<Double>!, _ horizon: Int64, _ crossover: OpaquePointer!, _ side: Int32,
    _ part: Int32
) -> Int32 {
    guarded("aex_crossover_forecast") { () throws(ABIError) in
        let c = try Handles.get(crossover, "crossover", as: CrossoverObject.self).crossover
        let s = try checkEnum(side, "side", as: ProjectedCrossover.Side.self)
        let p = try checkEnum(part, "part", as: Forecast.Part.self)
        guard horizon == Int64(c.horizon) else {
            throw .range("horizon is \(horizon) but the crossover was projected over \(c.horizon) periods")
        }
        let out = try checkOutput(out_values, horizon, "out_values", "horizon")
        for (i, x) in c[s][p].enumerated() { out[i] = x }
    }
}

@c @implementation
public func aex_crossover_json(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ crossover: OpaquePointer!
) -> Int32 {
    guarded("aex_crossover_json") { () throws(ABIError) in
        let c = try Handles.get(crossover, "crossover", as: CrossoverObject.self).crossover
        try writeText(c.json().rendered, into: out_json, capacity: capacity, length: out_length, "out_json")
    }
}

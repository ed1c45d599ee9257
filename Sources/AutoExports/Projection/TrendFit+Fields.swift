extension TrendFit {
    /// The scalar facts of a fit, by number: the C ABI's `AEX_TREND_FIELD_*` (raw values
    /// pinned). Read them with `fit[.smoothingLevel]`.
    public enum Field: Int32, CaseIterable, Sendable, CustomStringConvertible {
        /// The model's `TrendKind` raw value (`AEX_TREND_*`).
        case model = 0
        /// 1 for a damped Holt trend, else 0.
        case damped = 1
        /// Number of fitted periods.
        case count = 2
        case firstPeriod = 3
        case lastPeriod = 4
        case sse = 5
        case sigma2 = 6
        case intercept = 7
        case slope = 8
        case cagr = 9
        case smoothingLevel = 10
        case smoothingTrend = 11
        case dampingTrend = 12
        case initialLevel = 13
        case initialTrend = 14
        case finalLevel = 15
        case finalTrend = 16

        /// The snake_case name used in JSON and Python, e.g. `smoothing_level`.
        public var description: String {
            switch self {
            case .model: "model"
            case .damped: "damped"
            case .count: "count"
            case .firstPeriod: "first_period"
            case .lastPeriod: "last_period"
            case .sse: "sse"
            case .sigma2: "sigma2"
            case .intercept: "intercept"
            case .slope: "slope"
            case .cagr: "cagr"
            case .smoothingLevel: "smoothing_level"
            case .smoothingTrend: "smoothing_trend"
            case .dampingTrend: "damping_trend"
            case .initialLevel: "initial_level"
            case .initialTrend: "initial_trend"
            case .finalLevel: "final_level"
            case .finalTrend: "final_trend"
            }
        }
    }

    /// One scalar fact as a Double; NaN where the model has no such parameter.
    ///
    ///     try TrendModel.linear.fit([1, 3, 5])[.slope]  // 2.0
    ///
    /// - Complexity: O(1).
    public subscript(field: Field) -> Double {
        switch field {
        case .model: Double(model.kind.rawValue)
        case .damped: model.kind == .holt && model.holt.damped ? 1 : 0
        case .count: Double(count)
        case .firstPeriod: Double(firstPeriod)
        case .lastPeriod: Double(lastPeriod)
        case .sse: sse
        case .sigma2: sigma2
        case .intercept: intercept
        case .slope: slope
        case .cagr: cagr
        case .smoothingLevel: smoothingLevel
        case .smoothingTrend: smoothingTrend
        case .dampingTrend: dampingTrend
        case .initialLevel: initialLevel
        case .initialTrend: initialTrend
        case .finalLevel: finalLevel
        case .finalTrend: finalTrend
        }
    }

    /// The fit as JSON: model, periods, every field, the estimated parameters, the fitted
    /// window and in-sample values, and (when `horizon` > 0) the forecast.
    ///
    ///     {"model":"log-linear","damped":false,"first_period":2021,…,"cagr":0.43,…,
    ///      "forecast":{"level":0.95,"periods":[2026,…],"mean":[…],"lower":[…],"upper":[…]}}
    ///
    /// - Throws: the errors of `forecast(horizon:level:)` when `horizon` > 0.
    /// - Complexity: O(n + horizon).
    public func json(horizon: Int = 0, level: Double = 0.95) throws(ProjectionError) -> JSON {
        var fields: [(String, JSON)] = [
            ("model", .string(model.kind.description)),
            ("damped", .bool(model.kind == .holt && model.holt.damped)),
        ]
        for f in Field.allCases where f != .model && f != .damped {
            fields.append((f.description, .number(self[f])))
        }
        fields.append(("estimated", .array(estimatedParameters.map { .string($0) })))
        fields.append(("values", .array(values.map { .number($0) })))
        fields.append(("fitted", .array(fitted.map { .number($0) })))
        if horizon > 0 {
            fields.append(("forecast", try forecast(horizon: horizon, level: level).json))
        }
        return .object(fields)
    }
}

extension Forecast {
    /// Which series of a forecast: the C ABI's `AEX_FORECAST_*` (raw values pinned).
    public enum Part: Int32, CaseIterable, Sendable {
        case mean = 0
        case lower = 1
        case upper = 2
    }

    /// The values of one part.
    ///
    /// - Complexity: O(1).
    public subscript(part: Part) -> [Double] {
        switch part {
        case .mean: mean
        case .lower: lower
        case .upper: upper
        }
    }

    /// `{"level":0.95,"periods":[…],"mean":[…],"lower":[…],"upper":[…]}`.
    ///
    /// - Complexity: O(horizon).
    public var json: JSON {
        .object([
            ("level", .number(level)),
            ("periods", .array(periods.map { .number(Double($0)) })),
            ("mean", .array(mean.map { .number($0) })),
            ("lower", .array(lower.map { .number($0) })),
            ("upper", .array(upper.map { .number($0) })),
        ])
    }
}

/// The trend models a series can be projected with (docs/design.md §6).
///
/// The raw values are the C ABI's `AEX_TREND_*` constants and never change.
public enum TrendKind: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// Ordinary least squares on a straight line: y = a + b·t.
    case linear = 0
    /// Least squares on ln y: constant growth, y = exp(a + b·t); CAGR = e^b − 1.
    case logLinear = 1
    /// Holt's linear trend exponential smoothing, optionally damped.
    case holt = 2

    /// Parses `linear` (`ols`), `log-linear` (`loglinear`, `log_linear`, `exponential`,
    /// `cagr`) and `holt` (`damped` and `holt-damped` give `.holt`; see `TrendModel(name:)`).
    ///
    ///     TrendKind(name: "log-linear")  // .logLinear
    ///
    /// - Complexity: O(1).
    public init?(name: String) {
        switch name.lowercased() {
        case "linear", "ols": self = .linear
        case "log-linear", "loglinear", "log_linear", "exponential", "cagr": self = .logLinear
        case "holt", "damped", "holt-damped", "holt_damped", "damped-holt": self = .holt
        default: return nil
        }
    }

    /// `linear`, `log-linear` or `holt`.
    public var description: String {
        switch self {
        case .linear: "linear"
        case .logLinear: "log-linear"
        case .holt: "holt"
        }
    }
}

/// The parameters of Holt's model a caller fixes; `nil` means "estimate".
///
/// Names follow statsmodels' `ExponentialSmoothing`: `smoothingLevel` (α),
/// `smoothingTrend` (β, in Holt's form b_t = β(l_t − l_{t−1}) + (1 − β)φ b_{t−1}),
/// `dampingTrend` (φ), `initialLevel` (l_0) and `initialTrend` (b_0), the states before
/// the first observation, so that the first one-step forecast is l_0 + φ b_0.
///
///     var h = HoltOptions(damped: true)
///     h.smoothingLevel = 0.8   // α given; β, φ, l_0, b_0 estimated
///
/// - Complexity: O(1) to build.
public struct HoltOptions: Hashable, Sendable {
    /// Damped trend (φ < 1). Undamped Holt has φ = 1.
    public var damped: Bool
    /// α in (0, 1]; estimated in [√ε, 1 − √ε] when nil (statsmodels' bounds).
    public var smoothingLevel: Double?
    /// β in [0, α]; estimated in [0, α] when nil (statsmodels' constraint β ≤ α).
    public var smoothingTrend: Double?
    /// φ in (0, 1]; estimated in [0.8, 0.995] when nil and `damped` (statsmodels' bounds).
    public var dampingTrend: Double?
    /// l_0; estimated by exact least squares when nil.
    public var initialLevel: Double?
    /// b_0; estimated by exact least squares when nil.
    public var initialTrend: Double?

    /// Options with every parameter estimated.
    ///
    /// - Complexity: O(1).
    public init(
        damped: Bool = false, smoothingLevel: Double? = nil, smoothingTrend: Double? = nil,
        dampingTrend: Double? = nil, initialLevel: Double? = nil, initialTrend: Double? = nil
    ) {
        self.damped = damped
        self.smoothingLevel = smoothingLevel
        self.smoothingTrend = smoothingTrend
        self.dampingTrend = dampingTrend
        self.initialLevel = initialLevel
        self.initialTrend = initialTrend
    }
}

/// A trend model specification: which model, on how many of the last periods, and (for
/// Holt) which parameters are given.
///
///     let fit = try TrendModel.logLinear.fit([995_000, 2_015_000, 3_110_000], firstPeriod: 2020)
///     fit.cagr  // ≈ 0.768 (76.8% a year)
///
/// - Complexity: O(1) to build; see `fit(_:firstPeriod:)`.
public struct TrendModel: Hashable, Sendable {
    /// The largest forecast horizon accepted (periods ahead).
    public static let maximumHorizon = 1000

    /// The model.
    public var kind: TrendKind
    /// Fit on at most the last `window` periods; nil fits every period given.
    public var window: Int?
    /// Holt's options (ignored by the other models).
    public var holt: HoltOptions

    /// A specification; `window` nil uses every period.
    ///
    /// - Complexity: O(1).
    public init(kind: TrendKind, window: Int? = nil, holt: HoltOptions = HoltOptions()) {
        self.kind = kind
        self.window = window
        self.holt = holt
    }

    /// Ordinary least squares on a line.
    public static let linear = TrendModel(kind: .linear)
    /// Constant growth (least squares on ln y).
    public static let logLinear = TrendModel(kind: .logLinear)
    /// Holt's linear trend with every parameter estimated.
    public static let holt = TrendModel(kind: .holt)
    /// Holt's damped trend with every parameter estimated.
    public static let dampedHolt = TrendModel(kind: .holt, holt: HoltOptions(damped: true))

    /// Parses a model name: `linear`, `log-linear`, `holt`, or `damped` (damped Holt).
    ///
    ///     TrendModel(name: "damped")?.holt.damped  // true
    ///
    /// - Complexity: O(1).
    public init?(name: String) {
        guard let kind = TrendKind(name: name) else { return nil }
        self.init(kind: kind)
        if kind == .holt && name.lowercased().contains("damped") { holt.damped = true }
    }

    /// The number of periods the model needs to fit and give an interval.
    ///
    /// Linear and log-linear: 3 (two coefficients and one residual degree of freedom).
    /// Holt: one more than the number of estimated parameters (α, β, φ, l_0, b_0 as
    /// applicable), and at least 3.
    ///
    /// - Complexity: O(1).
    public var minimumPeriods: Int {
        switch kind {
        case .linear, .logLinear: return 3
        case .holt:
            var k = 0
            if holt.smoothingLevel == nil { k += 1 }
            if holt.smoothingTrend == nil { k += 1 }
            if holt.damped && holt.dampingTrend == nil { k += 1 }
            if holt.initialLevel == nil { k += 1 }
            if holt.initialTrend == nil { k += 1 }
            return max(3, k + 1)
        }
    }
}

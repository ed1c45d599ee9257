/// Why a trend could not be fitted, forecast or compared.
///
/// Every case names the offending input, so that the message printed by the CLI or
/// returned by `aex_last_error_message()` says what to change.
public enum ProjectionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The series (or its fitting window) has fewer periods than the model needs.
    case tooFewPeriods(model: TrendKind, needed: Int, got: Int)
    /// A value is NaN or infinite (a gap must be cut out by the caller, not fitted).
    case nonFiniteValue(position: Int, value: Double)
    /// The log-linear model needs positive values.
    case nonPositiveValue(position: Int, value: Double)
    /// The two series of a crossover share no period (subject and rival period ranges).
    case noOverlap(subject: ClosedRange<Int>, rival: ClosedRange<Int>)
    /// The forecast horizon is outside 1...maximum.
    case horizonOutOfRange(horizon: Int, maximum: Int)
    /// The interval level is outside the open interval (0, 1).
    case levelOutOfRange(Double)
    /// A given parameter is outside its allowed range.
    case invalidParameter(name: String, value: Double, allowed: String)

    public var description: String {
        switch self {
        case let .tooFewPeriods(model, needed, got):
            return "too few periods to fit the \(model) model: it needs at least \(needed), got \(got)"
        case let .nonFiniteValue(position, value):
            return "values[\(position)] is \(value), not a finite number (cut gaps out before fitting)"
        case let .nonPositiveValue(position, value):
            return "the log-linear model needs positive values; values[\(position)] is \(value)"
        case let .noOverlap(s, r):
            return
                "the two series share no period (subject \(s.lowerBound)–\(s.upperBound), rival \(r.lowerBound)–\(r.upperBound))"
        case let .horizonOutOfRange(h, maximum):
            return "horizon \(h) is out of range (1...\(maximum))"
        case let .levelOutOfRange(level):
            return "interval level \(level) is out of range (strictly between 0 and 1, e.g. 0.95)"
        case let .invalidParameter(name, value, allowed):
            return "\(name) = \(value) is not allowed (\(allowed))"
        }
    }
}

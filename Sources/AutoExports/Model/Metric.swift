/// What a value measures: vehicles (`units`) or a value in a currency (`usd`, `eur`, …).
///
///     Metric(name: "USD")   // .usd (names are case-insensitive, stored lowercased)
///     Metric.units.isCurrency  // false
public struct Metric: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `units` or a lowercased ISO 4217 currency code.
    public let name: String

    /// Vehicles counted.
    public static let units = Metric(validated: "units")
    /// Export value in current US dollars.
    public static let usd = Metric(validated: "usd")

    private init(validated name: String) { self.name = name }

    /// `units`, or a three-letter currency code (letters only). nil otherwise.
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        let n = name.lowercased()
        if n == "units" || n == "unit" || n == "vehicles" { self = .units; return }
        guard n.utf8.count == 3, n.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return nil }
        self.name = n
    }

    /// True for a currency value, false for `units`.
    public var isCurrency: Bool { name != "units" }

    public var description: String { name }

    public static func < (a: Metric, b: Metric) -> Bool { a.name < b.name }
}

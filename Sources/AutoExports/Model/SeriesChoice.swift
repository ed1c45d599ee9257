/// Which series stands for an exporter when it has several for one metric and segment
/// (docs/design.md §2: "a league table picks one per exporter … and reports when the chosen
/// series have different scopes").
///
/// The default rule, applied to the candidates left after the filters:
/// 1. a per-exporter override (`perExporter`), if any;
/// 2. the scope earliest in `scopes` (all vehicles before light vehicles before passenger
///    cars …; a scope not listed comes after every listed one);
/// 3. the source earliest in `sources` (industry associations, whose series are the
///    headline figures, before customs and trade statistics);
/// 4. more observations; 5. the smaller series key (so the choice never depends on order).
///
/// On the reference data this picks China: CAAM all vehicles; Japan: JAMA; Germany: VDA
/// passenger cars; Korea: KAMA; Mexico: INEGI light vehicles; Thailand: FTI; Spain: ANFAC.
///
///     var choice = SeriesChoice.standard
///     choice.perExporter["CHN"] = .init(source: "GACC")    // China's customs figures instead
public struct SeriesChoice: Hashable, Sendable {
    /// A source and/or scope required for one exporter.
    public struct Override: Hashable, Sendable {
        public var source: String?
        public var scope: String?
        /// A choice preferring `source` and `scope` (nil = no preference).
        ///
        /// - Complexity: O(1).
        public init(source: String? = nil, scope: String? = nil) {
            self.source = source
            self.scope = scope
        }
    }

    /// Only series from this source (nil = any).
    public var source: String?
    /// Only series with this scope (nil = any).
    public var scope: String?
    /// Overrides for single exporters.
    public var perExporter: [Exporter: Override] = [:]
    /// Scopes in order of preference.
    public var scopes: [String]
    /// Sources in order of preference.
    public var sources: [String]

    /// A choice preferring `source` and `scope` (nil = no preference).
    ///
    /// - Complexity: O(overrides).
    public init(
        source: String? = nil, scope: String? = nil, perExporter: [Exporter: Override] = [:],
        scopes: [String] = SeriesChoice.defaultScopes,
        sources: [String] = SeriesChoice.defaultSources
    ) {
        self.source = source
        self.scope = scope
        self.perExporter = perExporter
        self.scopes = scopes
        self.sources = sources
    }

    /// The documented default.
    public static let standard = SeriesChoice()

    public static let defaultScopes = [
        "all_vehicles", "light_vehicles", "passenger_vehicles", "passenger_cars",
        "cbu_vehicles", "passenger_cars_trade", "hs8703_passenger_cars",
        "passenger_cars_extra_eu", "commercial_vehicles", "unspecified",
    ]

    public static let defaultSources = [
        "CAAM", "JAMA", "VDA", "KAMA", "INEGI", "ANFAC", "FTI", "ACEA", "SMMT", "OICA",
        "GACC", "KCS", "Destatis", "ITC/Comtrade (World's Top Exports)", "Comtrade", "unspecified",
    ]

    /// Whether `key` passes the filters for its exporter.
    ///
    /// - Complexity: O(1) average.
    public func admits(_ key: SeriesKey) -> Bool {
        if let o = perExporter[key.exporter] {
            if let s = o.source, s != key.source { return false }
            if let s = o.scope, s != key.scope { return false }
            return true
        }
        if let source, source != key.source { return false }
        if let scope, scope != key.scope { return false }
        return true
    }

    /// Sort key of a candidate: smaller is preferred.
    func preference(_ key: SeriesKey, observations: Int) -> (Int, Int, Int) {
        let sc = scopes.firstIndex(of: key.scope) ?? scopes.count
        let so = sources.firstIndex(of: key.source) ?? sources.count
        return (sc, so, -observations)
    }
}

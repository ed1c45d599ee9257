/// An exporting country or aggregate, identified by its code (docs/design.md §2).
///
/// Countries use ISO 3166-1 alpha-3 codes (`CHN`, `JPN`, `DEU`); aggregates have their own
/// codes (`EU27`, `WLD`) and are never ranked against their members unless asked.
/// `Exporter.resolve` maps the names and numbers statistics bodies use to a code.
///
///     Exporter.resolve("Korea, Rep.")   // KOR
///     Exporter.resolve("392")           // JPN (UN M49)
///     Exporter("CHN").name              // "China"
public struct Exporter: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The code: ISO alpha-3 for countries, or an aggregate's code.
    public let code: String

    /// An exporter with the given code, taken as is (uppercased). Use `resolve` to check
    /// and map names; an unknown code is allowed here so that data with new codes loads.
    ///
    /// - Complexity: O(length of `code`).
    public init(_ code: String) { self.code = code.uppercased() }

    public init(stringLiteral value: String) { self.init(value) }

    /// The aggregates this library knows: code, name, M49-style number (-1 if none).
    public static let aggregates: [(code: String, m49: Int, name: String, aliases: [String])] = [
        ("WLD", 0, "World", ["World", "All countries"]),
        ("EU27", 97, "European Union (27)", ["EU", "EU-27", "EU27_2020", "European Union"]),
        ("EU28", -1, "European Union (28)", ["EU-28"]),
    ]

    /// The world (`WLD`): the partner of a national total.
    public static let world: Exporter = "WLD"

    /// True for an aggregate such as `EU27` or `WLD`.
    public var isAggregate: Bool { Exporter.aggregates.contains { $0.code == code } }

    /// True when the code is a known country or aggregate.
    public var isKnown: Bool { Exporter.index.byCode[code] != nil }

    /// The short English name ("China", "South Korea", "World"); the code when unknown.
    public var name: String {
        guard let i = Exporter.index.byCode[code] else { return code }
        return Exporter.index.names[i]
    }

    /// The UN M49 numeric code, or nil for an unknown code or an aggregate without one.
    public var m49: Int? {
        guard let i = Exporter.index.byCode[code], Exporter.index.m49[i] >= 0 else { return nil }
        return Exporter.index.m49[i]
    }

    /// Maps a code ("CHN", "chn"), an English name or alias ("China", "Korea, Rep.",
    /// "Türkiye", "Turkey"; case-insensitive) or a UN M49 number ("156", "392") to a known
    /// exporter. nil when nothing matches.
    ///
    /// - Complexity: O(1) average (hash lookups).
    public static func resolve(_ text: String) -> Exporter? {
        let t = trimmed(text)
        if t.isEmpty { return nil }
        let upper = t.uppercased()
        if index.byCode[upper] != nil { return Exporter(upper) }
        if let n = Int(digits: t.utf8), let i = index.byM49[n] { return Exporter(index.codes[i]) }
        if let i = index.byName[t.lowercased()] { return Exporter(index.codes[i]) }
        return nil
    }

    /// Every known exporter: the ISO countries then the aggregates.
    public static var all: [Exporter] { index.codes.map { Exporter($0) } }

    public static func < (a: Exporter, b: Exporter) -> Bool { a.code < b.code }

    public var description: String { code }

    // MARK: - Lookup tables (built once, immutable)

    struct Index: Sendable {
        var codes: [String] = []
        var names: [String] = []
        var m49: [Int] = []
        var byCode: [String: Int] = [:]
        var byM49: [Int: Int] = [:]
        var byName: [String: Int] = [:]
    }

    static let index: Index = {
        var ix = Index()
        func add(_ code: String, _ m49: Int, _ name: String, _ aliases: [String]) {
            let i = ix.codes.count
            ix.codes.append(code)
            ix.names.append(name)
            ix.m49.append(m49)
            ix.byCode[code] = i
            if m49 >= 0 && ix.byM49[m49] == nil { ix.byM49[m49] = i }
            for a in [name] + aliases where ix.byName[a.lowercased()] == nil {
                ix.byName[a.lowercased()] = i
            }
        }
        for c in countryTable { add(c.code, c.m49, c.name, c.aliases) }
        for a in aggregates { add(a.code, a.m49, a.name, a.aliases) }
        return ix
    }()

    static func trimmed(_ s: String) -> String {
        var sub = Substring(s)
        while let f = sub.first, f == " " || f == "\t" || f == "\"" { sub = sub.dropFirst() }
        while let l = sub.last, l == " " || l == "\t" || l == "\"" { sub = sub.dropLast() }
        return String(sub)
    }
}

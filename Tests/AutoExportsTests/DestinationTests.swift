import Foundation
import Testing
@testable import AutoExports

/// Destination markets (issue 19, docs/destinations.md): the model rules of
/// `explainDestinations` on synthetic panels with an independent integer oracle, and on the
/// embedded reference data (China → Russia 2022 is a GACC passenger-car count, 2023 a CAAM
/// all-vehicle count: not like for like).
@Suite("Destinations")
struct DestinationTests {
    /// A panel of one exporter's total and markets from (partner, period, value, source, scope) rows.
    static func panel(_ rows: [(String, String, Double, String, String)], exporter: Exporter = "CHN") throws -> Panel {
        var b = PanelBuilder()
        for (partner, period, value, source, scope) in rows {
            try b.add(SeriesKey(exporter: exporter, partner: Exporter(partner), source: source, scope: scope),
                      try #require(Period(parsing: period)), value)
        }
        return b.build()
    }

    static let y22 = Period(year: 2022)!, y23 = Period(year: 2023)!

    /// Deterministic pseudo-random whole numbers.
    struct Rng { var s: UInt64; mutating func next(_ n: UInt64) -> UInt64 { s = s &* 6364136223846793005 &+ 1442695040888963407; return (s >> 33) % n } }

    @Test("the exact lines and rest of world sum exactly to the total change (integer oracle, 200 random panels)")
    func exactSumOracle() throws {
        var rng = Rng(s: 19)
        for trial in 0..<200 {
            let markets = ["RUS", "MEX", "BEL", "AUS", "GBR", "SAU", "THA"].prefix(Int(rng.next(7)) + 1)
            var rows: [(String, String, Double, String, String)] = []
            // Oracle in Int64, computed from the inputs only.
            var t0: Int64 = 0, t1: Int64 = 0
            var exact: [String: Int64] = [:]
            var sumExactChange: Int64 = 0
            for m in markets {
                let a = Int64(rng.next(3_000_000)), b = Int64(rng.next(3_000_000))
                let unlike = rng.next(4) == 0
                rows.append((m, "2022", Double(a), unlike ? "GACC" : "CAAM", unlike ? "passenger_cars" : "all_vehicles"))
                rows.append((m, "2023", Double(b), "CAAM", "all_vehicles"))
                t0 += a; t1 += b
                if !unlike { exact[m] = b - a; sumExactChange += b - a }
            }
            let rest0 = Int64(rng.next(5_000_000)), rest1 = Int64(rng.next(5_000_000))
            t0 += rest0; t1 += rest1
            rows.append(("WLD", "2022", Double(t0), "CAAM", "all_vehicles"))
            rows.append(("WLD", "2023", Double(t1), "CAAM", "all_vehicles"))
            let d = try Self.panel(rows).explainDestinations(of: "CHN", from: Self.y22, to: Self.y23)
            #expect(d.totalChange == Double(t1 - t0), "trial \(trial)")
            let got = Dictionary(uniqueKeysWithValues: d.lines.filter(\.inExactSum).filter { !$0.isRestOfWorld }
                .map { ($0.partner.code, $0.change!) })
            #expect(got == exact.mapValues(Double.init), "trial \(trial)")
            let lines = d.lines.filter { $0.inExactSum || $0.isRestOfWorld }
            let sum = lines.reduce(0.0) { $0 + $1.change! }
            if exact.isEmpty {
                #expect(lines.isEmpty && d.unexplained == Double(t1 - t0), "trial \(trial): nothing exact, nothing split")
            } else {
                #expect(sum == Double(t1 - t0), "trial \(trial): the exact lines + rest of world = the total change")
                #expect(d.unexplained == 0)
                let row = try #require(d.lines.last)
                #expect(row.isRestOfWorld && row.change == Double(t1 - t0 - sumExactChange))
                let sharesSum = lines.reduce(0.0) { $0 + ($1.share ?? 0) }
                if t1 != t0 { #expect(abs(sharesSum - 1) < 1e-9) }
            }
            // Lines not like for like have no change, a note, and are out of the exact sum.
            for l in d.lines where !l.isRestOfWorld && !l.inExactSum {
                #expect(l.change == nil && l.share == nil)
                #expect(l.note?.contains("not like for like") == true)
            }
        }
    }

    @Test("one period: values and shares of the total, rest of world, largest first")
    func onePeriod() throws {
        let p = try Self.panel([
            ("WLD", "2023", 1000, "S", "all"), ("RUS", "2023", 300, "S", "all"), ("MEX", "2023", 200, "S", "all"),
            ("BEL", "2023", 250, "T", "cars"),
        ])
        let d = try p.explainDestinations(of: "CHN", from: nil, to: Self.y23)
        #expect(d.lines.map(\.partner.code) == ["RUS", "BEL", "MEX", "ROW"])
        #expect(d.lines.map(\.to) == [300, 250, 200, 500])
        #expect(d.lines.map(\.share) == [0.3, nil, 0.2, 0.5])
        #expect(d.lines[1].note?.contains("(T, cars)") == true && !d.lines[1].inExactSum)
        #expect(d.warnings.contains { $0.contains("sources or scopes differ") && $0.contains("Belgium") })
    }

    @Test("a warning when the markets add up to more than the total")
    func aboveTotal() throws {
        let p = try Self.panel([("WLD", "2023", 100, "S", "all"), ("RUS", "2023", 80, "S", "all"), ("MEX", "2023", 40, "S", "all")])
        let d = try p.explainDestinations(of: "CHN", from: nil, to: Self.y23)
        #expect(d.warnings.contains { $0.contains("more than the total") })
        #expect(d.lines.last?.to == -20)
        #expect(d.sentence.contains("Warning"))
    }

    @Test("regions are shown but never summed with their members")
    func regions() throws {
        let p = try Self.panel([
            ("WLD", "2022", 1000, "S", "all"), ("WLD", "2023", 1200, "S", "all"),
            ("EU27", "2022", 400, "S", "all"), ("EU27", "2023", 500, "S", "all"),
            ("DEU", "2022", 100, "S", "all"), ("DEU", "2023", 150, "S", "all"),
        ])
        let d = try p.explainDestinations(of: "CHN", from: Self.y22, to: Self.y23)
        let eu = try #require(d.lines.first { $0.partner == "EU27" })
        #expect(!eu.inExactSum && eu.change == 100 && eu.note?.contains("region") == true)
        #expect(d.lines.last?.change == 150, "rest of world = 200 − Germany's 50, EU27 not subtracted")
        #expect(d.warnings.contains { $0.contains("EU27 is a region") })
        let markets = try p.selectMarkets(of: "CHN")
        #expect(markets.exporters == ["DEU"])
        #expect(try p.selectMarkets(of: "CHN", includeRegions: true).exporters == ["DEU", "EU27"])
    }

    @Test("a source and scope present in both periods is preferred to mixing")
    func prefersLikeForLike() throws {
        let p = try Self.panel([
            ("WLD", "2022", 1000, "CAAM", "all_vehicles"), ("WLD", "2023", 1500, "CAAM", "all_vehicles"),
            ("RUS", "2022", 100, "GACC", "passenger_cars"), ("RUS", "2023", 600, "CAAM", "all_vehicles"),
            ("RUS", "2022", 120, "CAAM", "all_vehicles"),
        ])
        let d = try p.explainDestinations(of: "CHN", from: Self.y22, to: Self.y23)
        let rus = try #require(d.lines.first)
        #expect(rus.partner == "RUS" && rus.inExactSum && rus.change == 480 && rus.fromKey?.source == "CAAM")
        #expect(rus.share == 480.0 / 500.0)
    }

    @Test("periods of different granularity are refused")
    func granularities() throws {
        let p = try Self.panel([("WLD", "2023", 1000, "S", "all"), ("WLD", "2023-01/2023-05", 400, "S", "all")])
        #expect(throws: AttributionError.self) {
            try p.explainDestinations(of: "CHN", from: Period(parsing: "2023-01/2023-05"), to: Self.y23)
        }
        #expect(throws: AttributionError.self) { try p.explainDestinations(of: "JPN", from: nil, to: Self.y23) }
    }

    @Test("partner × powertrain when the data have both, summing to the market's change")
    func bySegment() throws {
        var b = PanelBuilder()
        func add(_ partner: Exporter, _ seg: Segment, _ y: Int, _ v: Double) throws {
            try b.add(SeriesKey(exporter: "CHN", partner: partner, segment: seg, source: "C", scope: "all"), Period(year: y)!, v)
        }
        try add(.world, .total, 2022, 1000); try add(.world, .total, 2023, 1400)
        try add("BEL", .total, 2022, 100); try add("BEL", .total, 2023, 300)
        try add("BEL", .bev, 2022, 30); try add("BEL", .bev, 2023, 200)
        try add("BEL", .phev, 2022, 10); try add("BEL", .phev, 2023, 40)
        try add("BEL", .fcev, 2022, 0); try add("BEL", .fcev, 2023, 0)
        let d = try b.build().explainDestinations(of: "CHN", from: Self.y22, to: Self.y23)
        let bel = try #require(d.lines.first { $0.partner == "BEL" })
        #expect(bel.change == 200)
        #expect(bel.bySegment.map(\.segment) == [.bev, .phev, .fcev, .conventional])
        #expect(bel.bySegment.map(\.change) == [170, 30, 0, 0])
        #expect(bel.bySegment.reduce(0) { $0 + $1.change } == bel.change)
        #expect(bel.bySegment.last?.derived == true)
    }

    // MARK: - Embedded reference data

    @Test("the embedded destinations are the committed CSV, every row with its citation")
    func embedded() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(contentsOf: repo.appendingPathComponent("Sources/AutoExports/Data/Reference/destinations.csv"),
                              encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(ReferenceData.destinationsCSV == file.trimmingCharacters(in: .newlines))
        let lines = file.split(whereSeparator: \.isNewline).dropFirst()
        #expect(ReferenceData.destinationRows.count == lines.count)
        #expect(ReferenceData.destinationRows.allSatisfy { !$0.key.isWorld && $0.citation.hasPrefix("http") })
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared/data/reference/destinations.csv")
        if let s = try? String(contentsOf: shared, encoding: .utf8) {
            #expect(s.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
                == ReferenceData.destinationsCSV)
        }
        // Nothing that ranks exporters changes: the WLD selection is the same with or without them.
        let all = try ReferenceData.panel.select(metric: .units), totals = try ReferenceData.totalsPanel.select(metric: .units)
        #expect(all.keys == totals.keys && all.values.elementsEqual(totals.values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test("China 2023 by market: Russia first (CAAM all vehicles, like the total), rest of world, year-to-date spans named")
    func china2023() throws {
        let d = try ReferenceData.panel.explainDestinations(of: "CHN", from: nil, to: Self.y23)
        #expect(d.totalTo == 4_910_000 && d.total.source == "CAAM")
        let rus = try #require(d.lines.first)
        #expect(rus.partner == "RUS" && rus.to == 909_000 && rus.inExactSum && rus.share == 909_000.0 / 4_910_000)
        #expect(rus.toCitation?.hasPrefix("http") == true)
        #expect(d.lines.last?.isRestOfWorld == true && d.lines.last?.to == 4_910_000 - 909_000)
        #expect(d.warnings.contains { $0.contains("2023-01/2023-05") })
    }

    @Test("China 2022 → 2023: Russia's two figures are not like for like, said next to them, out of the exact sum")
    func chinaRussia() throws {
        let d = try ReferenceData.panel.explainDestinations(of: "CHN", from: Self.y22, to: Self.y23)
        #expect(d.totalChange == Double(1_800_000))
        let rus = try #require(d.lines.first { $0.partner == "RUS" })
        #expect(rus.from == 153_200 && rus.to == 909_000 && rus.change == nil && !rus.inExactSum && !rus.likeForLike)
        #expect(rus.fromKey?.source == "GACC" && rus.toKey?.source == "CAAM")
        let note = try #require(rus.note)
        #expect(note.contains("GACC") && note.contains("passenger cars") && note.contains("CAAM") && note.contains("not like for like"))
        #expect(!d.lines.contains { $0.isRestOfWorld }, "no market is exact, so no rest of world is claimed")
        #expect(d.sentence.contains("not split"))
    }

    @Test("without its growth in Russia: the caveat, and no number claimed exact")
    func counterfactualReference() throws {
        let c = try ReferenceData.panel.explainMarketOvertake(subject: "CHN", rival: "JPN", without: "RUS", period: Self.y23)
        #expect(c.subjectValue == 4_910_000 && c.rivalValue == 4_422_682 && c.previous == Self.y22)
        #expect(c.partnerGrowth == nil && c.subjectWithout == nil && c.overtakesWithout == nil)
        let caveat = try #require(c.caveat)
        #expect(caveat.contains("not like for like") && caveat.contains("indicative"))
        #expect(c.sentence.contains("Japan") && c.sentence.contains("4.42M"))
    }

    @Test("without a market's like-for-like growth: the number and whether the overtake holds")
    func counterfactualExact() throws {
        var b = PanelBuilder()
        try b.add(SeriesKey(exporter: "CHN", source: "C", scope: "all"), Self.y22, 3_000)
        try b.add(SeriesKey(exporter: "CHN", source: "C", scope: "all"), Self.y23, 5_000)
        try b.add(SeriesKey(exporter: "CHN", partner: "RUS", source: "C", scope: "all"), Self.y22, 100)
        try b.add(SeriesKey(exporter: "CHN", partner: "RUS", source: "C", scope: "all"), Self.y23, 900)
        try b.add(SeriesKey(exporter: "JPN", source: "J", scope: "all"), Self.y23, 4_500)
        let c = try b.build().explainMarketOvertake(subject: "CHN", rival: "JPN", without: "RUS", period: Self.y23)
        #expect(c.partnerGrowth == 800 && c.subjectWithout == 4_200 && c.overtakesWithout == false && c.caveat == nil)
        #expect(c.sentence.contains("no overtake without it"))
        #expect(throws: AttributionError.self) {
            try b.build().explainMarketOvertake(subject: "CHN", rival: "CHN", without: "RUS", period: Self.y23)
        }
    }

    @Test("JSON: kind, null for missing numbers, partner in the series")
    func json() throws {
        let d = try ReferenceData.panel.explainDestinations(of: "CHN", from: Self.y22, to: Self.y23)
        let text = d.json.rendered
        #expect(text.hasPrefix(#"{"kind":"destinations""#))
        #expect(text.contains(#""partner":"RUS""#) && text.contains(#""change":null"#))
        let c = try ReferenceData.panel.explainMarketOvertake(subject: "CHN", rival: "JPN", without: "RUS", period: Self.y23)
        #expect(c.json.rendered.hasPrefix(#"{"kind":"market_counterfactual""#))
        #expect(c.json.rendered.contains(#""partner_growth":null"#))
    }
}

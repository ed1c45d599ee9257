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
            try b.add(
                SeriesKey(exporter: exporter, partner: Exporter(partner), source: source, scope: scope),
                try #require(Period(parsing: period)), value)
        }
        return b.build()
    }

    static let y22 = Period(year: 2022)!, y23 = Period(year: 2023)!

    /// Deterministic pseudo-random whole numbers.
    struct Rng {
        var s: UInt64;
        mutating func next(_ n: UInt64) -> UInt64 {
            s = s &* 6364136223846793005 &+ 1442695040888963407; return (s >> 33) % n
        }
    }

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
                rows.append(
                    (m, "2022", Double(a), unlike ? "GACC" : "CAAM", unlike ? "passenger_cars" : "all_vehicles"))
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
            let got = Dictionary(
                uniqueKeysWithValues: d.lines.filter(\.inExactSum).filter { !$0.isRestOfWorld }
                    .map { ($0.partner.code, $0.change!) })
            #expect(got == exact.mapValues(Double.init), "trial \(trial)")
            let lines = d.lines.filter { $0.inExactSum || $0.isRestOfWorld }
            let sum = lines.reduce(0.0) { $0 + $1.change! }
            if exact.isEmpty {
                #expect(
                    lines.isEmpty && d.unexplained == Double(t1 - t0), "trial \(trial): nothing exact, nothing split")
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
        #expect(d.lines[1].note?.contains("a T count of cars, the total an S count") == true && !d.lines[1].inExactSum)
        #expect(d.warnings.contains { $0.contains("sources or scopes differ") && $0.contains("Belgium") })
    }

    @Test("a warning when the markets add up to more than the total")
    func aboveTotal() throws {
        let p = try Self.panel([
            ("WLD", "2023", 100, "S", "all"), ("RUS", "2023", 80, "S", "all"), ("MEX", "2023", 40, "S", "all"),
        ])
        let d = try p.explainDestinations(of: "CHN", from: nil, to: Self.y23)
        #expect(d.warnings.contains { $0.contains("more than the total") })
        #expect(d.lines.last?.to == -20)
        #expect(d.sentence.contains("Warning"))
    }

    @Test("markets of other sources or scopes above the total together: a warning, no exact claim")
    func mixedAboveTotal() throws {
        let p = try Self.panel([
            ("WLD", "2023", 100, "S", "all"), ("RUS", "2023", 80, "S", "all"), ("MEX", "2023", 40, "T", "cars"),
        ])
        let d = try p.explainDestinations(of: "CHN", from: nil, to: Self.y23)
        #expect(!d.warnings.contains { $0.contains("in the exact sum add up") }, "80 ≤ 100: the exact sum is fine")
        #expect(d.warnings.contains { $0.contains("add up to 120") && $0.contains("cannot be added") })
        #expect(d.lines.last?.to == 20 && d.unexplained == 0)
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
        // Without a member present, the region is summed like a country (nothing counted twice).
        let alone = try Self.panel([
            ("WLD", "2023", 1000, "S", "all"), ("EU27", "2023", 400, "S", "all"), ("USA", "2023", 100, "S", "all"),
        ]).explainDestinations(of: "CHN", from: nil, to: Self.y23)
        #expect(alone.lines.map(\.partner.code) == ["EU27", "USA", "ROW"] && alone.lines[0].inExactSum)
        #expect(
            alone.lines.last?.to == 500 && alone.lines[0].share == 0.4
                && !alone.warnings.contains { $0.contains("region") })
        #expect(Exporter.regionMembers["EU27"]?.count == 27 && Exporter.regionMembers["EU28"]?.contains("GBR") == true)
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
            try b.add(
                SeriesKey(exporter: "CHN", partner: partner, segment: seg, source: "C", scope: "all"), Period(year: y)!,
                v)
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
        let file = try String(
            contentsOf: repo.appendingPathComponent("Sources/AutoExports/Data/Reference/destinations.csv"),
            encoding: .utf8
        ).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(ReferenceData.destinationsCSV == file.trimmingCharacters(in: .newlines))
        let lines = file.split(whereSeparator: \.isNewline).dropFirst()
        #expect(ReferenceData.destinationRows.count == lines.count)
        #expect(ReferenceData.destinationRows.allSatisfy { !$0.key.isWorld && $0.citation.hasPrefix("http") })
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared/data/reference/destinations.csv")
        if let s = try? String(contentsOf: shared, encoding: .utf8) {
            #expect(
                s.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
                    == ReferenceData.destinationsCSV)
        }
        // Nothing that ranks exporters changes: the WLD selection is the same with or without them.
        let all = try ReferenceData.panel.select(metric: .units),
            totals = try ReferenceData.totalsPanel.select(metric: .units)
        #expect(
            all.keys == totals.keys && all.values.elementsEqual(totals.values) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    @Test("United Kingdom 2023: the EU27 (no member listed) and the USA summed, rest of world the remainder")
    func unitedKingdom() throws {
        let d = try ReferenceData.panel.explainDestinations(of: "GBR", from: nil, to: Self.y23)
        #expect(d.lines.map(\.partner.code) == ["EU27", "USA", "ROW"])
        #expect(d.lines.last?.to == d.totalTo - 430_411 - 73_571 && d.lines[0].inExactSum)
    }

    @Test(
        "China 2023 by market: Russia first (CAAM all vehicles, like the total), rest of world, year-to-date spans named"
    )
    func china2023() throws {
        let d = try ReferenceData.panel.explainDestinations(of: "CHN", from: nil, to: Self.y23)
        #expect(d.totalTo == 4_910_000 && d.total.source == "CAAM")
        let rus = try #require(d.lines.first)
        #expect(rus.partner == "RUS" && rus.to == 909_000 && rus.inExactSum && rus.share == 909_000.0 / 4_910_000)
        #expect(rus.toCitation?.hasPrefix("http") == true)
        #expect(d.lines.last?.isRestOfWorld == true && d.lines.last?.to == 4_910_000 - 909_000)
        #expect(d.warnings.contains { $0.contains("2023-01/2023-05: 10 series") && $0.contains("never added") })
    }

    @Test("China 2022 → 2023: Russia's two figures are not like for like, said next to them, out of the exact sum")
    func chinaRussia() throws {
        let d = try ReferenceData.panel.explainDestinations(of: "CHN", from: Self.y22, to: Self.y23)
        #expect(d.totalChange == Double(1_800_000))
        let rus = try #require(d.lines.first { $0.partner == "RUS" })
        #expect(rus.from == 153_200 && rus.to == 909_000 && rus.change == nil && !rus.inExactSum && !rus.likeForLike)
        #expect(rus.fromKey?.source == "GACC" && rus.toKey?.source == "CAAM")
        let note = try #require(rus.note)
        #expect(
            note.contains("GACC") && note.contains("passenger cars") && note.contains("CAAM")
                && note.contains("not like for like"))
        #expect(!d.lines.contains { $0.isRestOfWorld }, "no market is exact, so no rest of world is claimed")
        #expect(d.sentence.contains("not split"))
    }

    @Test("without its growth in Russia: the caveat, and no number claimed exact")
    func counterfactualReference() throws {
        let c = try ReferenceData.panel.explainMarketOvertake(
            subject: "CHN", rival: "JPN", without: "RUS", period: Self.y23)
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
        let c = try ReferenceData.panel.explainMarketOvertake(
            subject: "CHN", rival: "JPN", without: "RUS", period: Self.y23)
        #expect(c.json.rendered.hasPrefix(#"{"kind":"market_counterfactual""#))
        #expect(c.json.rendered.contains(#""partner_growth":null"#))
    }
}

/// The Comtrade fixture with partners (examples/data/comtrade-partners.csv): World and five
/// partners, HS 8703 and subheadings, 2022 and 2023.
@Suite("Destinations from UN Comtrade")
struct DestinationComtradeTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/data/comtrade-partners.csv")

    /// The oracle: (partnerISO, year, cmdCode) -> qty, read from the file with plain string
    /// splitting (the quoted description is the only field with commas, after cmdCode).
    static func oracle() throws -> [String: Int64] {
        let text = try String(contentsOf: path, encoding: .utf8)
        var out: [String: Int64] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            let iso = f[12] == "W00" ? "WLD" : String(f[12])
            out["\(iso)|\(f[3])|\(f[18])"] = Int64(f[f.count - 3])!
        }
        return out
    }

    @Test("every row loads: destination × powertrain at once")
    func loads() throws {
        let (panel, report) = try Importer.read(try String(contentsOf: Self.path, encoding: .utf8), format: .comtrade)
        #expect(report.rowsRejected == 0 && report.rowsSkipped == 0 && report.rowsLoaded == 84)
        #expect(report.discrepancies.isEmpty, "the subheadings sum to 8703 for every partner")
        #expect(panel.partners(of: "CHN").map(\.code) == ["AUS", "BEL", "GBR", "MEX", "RUS"])
        #expect(Set(panel.series.map(\.segment)) == [.total, .ice, .hev, .phev, .bev])
    }

    @Test("explain by partner: each partner's change and share of the total change, exactly")
    func explainByPartner() throws {
        let o = try Self.oracle()
        let (panel, _) = try Importer.read(try String(contentsOf: Self.path, encoding: .utf8), format: .comtrade)
        let d = try panel.explainDestinations(of: "CHN", from: Period(year: 2022)!, to: Period(year: 2023)!)
        let dt = o["WLD|2023|8703"]! - o["WLD|2022|8703"]!
        #expect(d.totalChange == Double(dt))
        var sum: Int64 = 0
        for p in ["RUS", "MEX", "BEL", "AUS", "GBR"] {
            let c = o["\(p)|2023|8703"]! - o["\(p)|2022|8703"]!
            sum += c
            let line = try #require(d.lines.first { $0.partner == Exporter(p) })
            #expect(line.inExactSum && line.change == Double(c) && line.share == Double(c) / Double(dt), "\(p)")
            // Partner × powertrain: the subheadings' changes, summing to the partner's change.
            let bev = o["\(p)|2023|870380"]! - o["\(p)|2022|870380"]!
            #expect(line.bySegment.first { $0.segment == .bev }?.change == Double(bev), "\(p) bev")
            #expect(line.bySegment.reduce(0.0) { $0 + $1.change } == Double(c), "\(p) segments")
        }
        let row = try #require(d.lines.last)
        #expect(row.isRestOfWorld && row.change == Double(dt - sum))
        #expect(
            d.lines.map(\.partner.code)
                == ["RUS", "MEX", "BEL", "AUS", "GBR", "ROW"].sorted { a, b in
                    if a == "ROW" || b == "ROW" { return b == "ROW" }
                    let ca = o["\(a)|2023|8703"]! - o["\(a)|2022|8703"]!,
                        cb = o["\(b)|2023|8703"]! - o["\(b)|2022|8703"]!
                    return ca > cb
                })
        #expect(d.warnings.isEmpty && d.unexplained == 0)
        // The markets as a selection: a league table of China's markets.
        let sel = try panel.selectMarkets(of: "CHN")
        #expect(sel.marketsOf == "CHN" && sel.exporters.map(\.code) == ["AUS", "BEL", "GBR", "MEX", "RUS"])
        #expect(sel.values[sel.periods.count == 2 ? 5 + 4 : 0] == Double(o["RUS|2023|8703"]!))
    }
}

/// Export round trips of the partner dimension: tidy CSV, JSON and Markdown.
@Suite("Destinations export")
struct DestinationExportTests {
    static func panel() throws -> Panel {
        try Importer.read(try String(contentsOf: DestinationComtradeTests.path, encoding: .utf8), format: .comtrade)
            .panel
    }

    /// (exporter, partner, period, segment, metric, value) of every row, sorted.
    static func cells(_ p: Panel) -> [String] {
        p.series.indices.flatMap { s in
            p.observations(of: s).map { o in
                let k = p.series[s]
                return
                    "\(k.exporter)|\(k.partner)|\(o.period)|\(k.segment)|\(k.metric)|\(o.value)|\(k.source)|\(k.scope)"
            }
        }.sorted()
    }

    @Test("tidy CSV: the partner column round-trips")
    func tidy() throws {
        let p = try Self.panel()
        let back = try Importer.read(p.exported(as: .csv), format: .tidy).panel
        #expect(
            Self.cells(back) == Self.cells(p) && Self.cells(p).count == 6 * 2 * 2 * 5,
            "6 partners (World included) x 2 years x 2 metrics x 5 segments (three ice subheadings summed)")
    }

    @Test("JSON: every series carries its partner; parsed back it gives the same cells")
    func json() throws {
        let p = try Self.panel()
        let text = PanelJSONWriter().write(p)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let series = try #require(obj["series"] as? [[String: Any]])
        var got: [String] = []
        for s in series {
            for o in try #require(s["observations"] as? [[String: Any]]) {
                got.append(
                    "\(s["exporter"]!)|\(s["partner"]!)|\(o["period"]!)|\(s["segment"]!)|\(s["metric"]!)|"
                        + "\(Double(truncating: o["value"] as! NSNumber))|\(s["source"]!)|\(s["scope"]!)")
            }
        }
        #expect(got.sorted() == Self.cells(p))
        #expect(series.contains { $0["partner"] as? String == "WLD" && $0["partner_name"] as? String == "World" })
        // A panel of national totals alone has no partner member (outputs stay as they were).
        #expect(!PanelJSONWriter().write(ReferenceData.totalsPanel).contains("\"partner\""))
    }

    @Test("Markdown: a partner column after exporter; parsed back it gives the same cells")
    func markdown() throws {
        let p = try Self.panel()
        let text = PanelMarkdownWriter().write(p)
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "| exporter | partner | period | segment | metric | value | source | scope |")
        let got = lines.dropFirst(2).map { l -> String in
            let f = l.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            return "\(f[0])|\(f[1])|\(f[2])|\(f[3])|\(f[4])|\(Double(f[5])!)|\(f[6])|\(f[7])"
        }
        #expect(got.sorted() == Self.cells(p))
        #expect(PanelMarkdownWriter().write(ReferenceData.totalsPanel).hasPrefix("| exporter | period |"))
    }

    @Test("a wide file of one destination re-keyed with withPartner")
    func withPartner() throws {
        let (p, _) = try Importer.read("country,2022,2023\nChina,153200,909000\n", format: .wide)
        let q = try p.withPartner("RUS")
        #expect(q.series.map(\.partner) == ["RUS"] && q.partners(of: "CHN") == ["RUS"])
        #expect(try p.withPartner(.world).series == p.series)
    }
}

/// League tables and milestones over one exporter's markets (coverage rules as everywhere).
@Suite("Destination markets ranked")
struct DestinationMarketRankTests {
    /// China's markets 2021–2023 (made up): Mexico leads until Russia passes it in 2023.
    static func panel() throws -> Panel {
        var b = PanelBuilder()
        let rows: [(Exporter, Int, Double)] = [
            (.world, 2021, 2_000_000), (.world, 2022, 3_110_000), (.world, 2023, 4_910_000),
            ("MEX", 2021, 200_000), ("MEX", 2022, 250_000), ("MEX", 2023, 400_000),
            ("RUS", 2021, 100_000), ("RUS", 2022, 160_000), ("RUS", 2023, 900_000),
            ("BEL", 2021, 90_000), ("BEL", 2022, 120_000), ("BEL", 2023, 210_000),
        ]
        for (p, y, v) in rows {
            try b.add(
                SeriesKey(exporter: "CHN", partner: p, source: "CAAM", scope: "all_vehicles"), Period(year: y)!, v)
        }
        try b.add(SeriesKey(exporter: "JPN", source: "JAMA", scope: "all_vehicles"), Period(year: 2023)!, 4_422_682)
        return b.build()
    }

    @Test("a league table of China's markets: ranks, shares of the total, and how many markets the data cover")
    func table() throws {
        let p = try Self.panel()
        let t = try p.leagueTable(period: Period(year: 2023)!, marketsOf: "CHN")
        #expect(t.marketsOf == "CHN" && t.rows.map(\.exporter.code) == ["RUS", "MEX", "BEL"])
        #expect(t.rows.map(\.rank) == [1, 2, 3] && t.rows[0].previousRank == 2 && t.rows[0].change == 740_000)
        let w = try #require(t.warnings.first { $0.kind == .partialCoverage })
        #expect(w.message.contains("3 of China's markets") && w.message.contains("not all of them"))
        // 1.51M of 4.91M covered: the oracle is the sum of the rows above.
        #expect(w.message.contains(Formatting.percent(1_510_000.0 / 4_910_000)))
        let share = try p.leagueTable(period: Period(year: 2023)!, by: .shareOf(.world), marketsOf: "CHN")
        #expect(share.rows[0].score == 900_000.0 / 4_910_000, "share of China's own total, not the world's")
        #expect(t.json.rendered.hasPrefix(#"{"markets_of":"CHN""#) && t.json.rendered.contains("partial_coverage"))
        // Exporters' tables are unchanged: WLD series only, no markets_of, no coverage warning.
        let ex = try p.leagueTable(period: Period(year: 2023)!)
        #expect(ex.rows.map(\.exporter.code) == ["CHN", "JPN"] && ex.marketsOf == nil)
        #expect(!ex.json.rendered.contains("markets_of") && !ex.warnings.contains { $0.kind == .partialCoverage })
    }

    @Test("Russia became the largest market for China's vehicle exports in 2023, among the markets with figures")
    func milestone() throws {
        var o = MilestoneOptions()
        o.marketsOf = "CHN"
        let r = try Self.panel().milestones(o)
        let m = try #require(r.milestones.first { $0.kind == .newLeader || $0.kind == .firstTimeLeader })
        #expect(m.subject == "RUS" && m.period == Period(year: 2023)!)
        #expect(
            m.sentence.contains("Russia")
                && m.sentence.contains("market for China's vehicle exports among the markets with figures"))
        #expect(r.exporters == ["BEL", "MEX", "RUS"])
    }

    @Test("the embedded data: China's calendar-year markets, mixed scopes said, stand-ins named")
    func reference() throws {
        let t = try ReferenceData.panel.leagueTable(period: Period(year: 2024)!, marketsOf: "CHN")
        #expect(t.rows.first?.exporter == "RUS")
        #expect(t.warnings.contains { $0.kind == .mixedScopes })
        #expect(t.warnings.contains { $0.kind == .partialCoverage && $0.message.contains("not all of them") })
    }
}

@Suite("Destination milestones JSON")
struct DestinationMilestoneJSONTests {
    @Test("a report of markets says whose; a report of exporters has no markets_of")
    func marketsOf() throws {
        var o = MilestoneOptions()
        o.marketsOf = "CHN"
        let r = try DestinationMarketRankTests.panel().milestones(o)
        #expect(r.marketsOf == "CHN" && r.json.rendered.hasPrefix(#"{"markets_of":"CHN","metric""#))
        #expect(try !DestinationMarketRankTests.panel().milestones().json.rendered.contains("markets_of"))
    }
}

@Suite("Destinations: Comtrade partners resolved")
struct DestinationComtradePartnerTests {
    @Test(
        "partnerISO, partnerDesc and the number resolve; an unknown partner such as 899 Areas nes is skipped with its reason"
    )
    func partners() throws {
        let csv = """
            freqCode,period,reporterCode,reporterISO,flowCode,partnerCode,partnerISO,partnerDesc,cmdCode,qtyUnitAbbr,qty,primaryValue
            A,2023,156,CHN,X,0,W00,World,8703,u,100,1000
            A,2023,156,CHN,X,899,X2,"Areas, nes",8703,u,5,50
            A,2023,156,CHN,X,643,,,8703,u,40,400
            A,2023,156,CHN,X,484,,Mexico,8703,u,30,300
            A,2023,156,CHN,X,842,USA,USA,8703,u,7,70
            A,2023,156,CHN,X,643,RUS,Russian Federation,8703,u,1,1
            """
        let (panel, report) = try Importer.read(csv, format: .comtrade, options: ImportOptions(policy: .lenient))
        #expect(panel.partners(of: "CHN").map(\.code) == ["MEX", "RUS", "USA"])
        #expect(
            report.rowsSkipped == 1 && report.skippedReasons.contains { $0.reason.contains("899") && $0.count == 1 })
        let dup = try #require(report.rejections.first)
        #expect(dup.reason == .duplicate && dup.line == 7 && dup.detail.contains("to RUS"))
        let d = try panel.explainDestinations(of: "CHN", from: nil, to: Period(year: 2023)!)
        // Rest of world keeps what no known partner holds (Areas, nes included): 100 − 40 − 30 − 7.
        #expect(d.lines.last?.to == 23 && d.lines.map(\.partner.code) == ["RUS", "MEX", "USA", "ROW"])
    }
}

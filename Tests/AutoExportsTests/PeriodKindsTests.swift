import Testing

@testable import AutoExports

/// Periods as sources publish them (docs/periods.md): year-to-date spans, halves and
/// fiscal years parse, encode, import, rank and yield milestones, each compared only with
/// its own kind; sums of complete months are derived and cited as derived.
@Suite("Period kinds")
struct PeriodKindsTests {
    func p(_ text: String) -> Period { Period(parsing: text)! }

    // MARK: Text and codes

    @Test("every kind reads back from its text and its C code; the old codes are unchanged")
    func roundTrip() throws {
        #expect(p("2023").code == 2023 && p("2023-Q1").code == 20231 && p("2023-03").code == 202303)
        let cases: [(String, Int32, String)] = [
            ("2023-H1", 1_202_301, "H1 2023"), ("2023h2", 1_202_302, "H2 2023"),
            ("2023-01/2023-05", 2_202_305, "January–May 2023"),
            (" 2023-01 / 2023-12 ", 2_202_312, "January–December 2023"),
            ("FY2024", 3_202_404, "FY2024 (April 2024 – March 2025)"),
            ("fy2024@07", 3_202_407, "FY2024@07 (July 2024 – June 2025)"),
            ("FY2023-24", 3_202_304, "FY2023 (April 2023 – March 2024)"),
            ("FY 2023/2024", 3_202_304, "FY2023 (April 2023 – March 2024)"),
        ]
        for (text, code, label) in cases {
            let q = try #require(Period(parsing: text), "\(text)")
            #expect(q.code == code, "\(text)")
            #expect(Period(code: code) == q && Period(parsing: q.description) == q, "\(text)")
            #expect(q.label == label)
        }
        #expect(p("FY2024").months.map(\.description).first == "2024-04")
        #expect(p("FY2024").months.map(\.description).last == "2025-03")
        #expect(Period(parsing: "FY2024", fiscalYearStart: 7) == p("FY2024@07"))
        for bad in [
            "2023-H3", "2023-02/2023-05", "2022-01/2023-05", "2023-01/2023-Q2", "FY24", "FY2023-25",
            "FY2024@13", "FY2024@", "2023-H", "2023-01/",
        ] {
            #expect(Period(parsing: bad) == nil, "\(bad)")
        }
        for bad: Int32 in [1_202_303, 2_202_300, 2_202_313, 3_202_400, 4_202_301, 1_000_001] {
            #expect(Period(code: bad) == nil, "\(bad)")
        }
    }

    @Test("kinds are kept apart: no distance, successor or roll-up across them")
    func keptApart() {
        #expect(p("FY2023").distance(to: p("2023")) == nil)
        #expect(p("FY2023").distance(to: p("FY2023@07")) == nil)
        #expect(p("2023-01/2023-05").distance(to: p("2023-01/2023-06")) == nil)
        #expect(p("2022-01/2022-05").distance(to: p("2023-01/2023-05")) == 1)
        #expect(p("2023-H2").successor == p("2024-H1") && p("FY2023").successor == p("FY2024"))
        #expect(p("2023-H1").yearEarlier == p("2022-H1") && p("2023-03").yearEarlier == p("2022-03"))
        #expect(p("2023-Q2").yearEarlier == p("2022-Q2") && p("2023").yearEarlier == p("2022"))
        #expect(
            p("2023-01/2023-05").yearEarlier == p("2022-01/2022-05") && p("FY2024@07").yearEarlier == p("FY2023@07"))
        #expect(p("2023-05").rolledUp(to: .half) == p("2023-H1") && p("2023-Q3").rolledUp(to: .half) == p("2023-H2"))
        #expect(p("2023-H1").rolledUp(to: .year) == p("2023") && p("FY2023").rolledUp(to: .year) == nil)
        #expect(p("2024-02").within(.fiscalYear(start: 4)) == p("FY2023"))
        #expect(p("2024-04").within(.fiscalYear(start: 4)) == p("FY2024"))
        #expect(p("2023-06").within(.yearToDate(through: 5)) == nil)
        #expect(p("2023-Q2").within(.yearToDate(through: 6)) == p("2023-01/2023-06"))
        #expect(
            Granularity(name: "ytd-05") == .yearToDate(through: 5) && Granularity(name: "fy") == .fiscalYear(start: 4))
        #expect(Granularity(name: "fy@07") == .fiscalYear(start: 7) && Granularity(name: "half") == .half)
        for g in Granularity.allCases {
            #expect(Granularity(rawValue: g.rawValue) == g && Granularity(name: g.description) == g)
        }
    }

    // MARK: Import

    static let tidy = """
        exporter,period,metric,value,source,scope
        CHN,2021-01/2021-05,units,800000,CAAM,all_vehicles
        CHN,2022-01/2022-05,units,1100000,CAAM,all_vehicles
        CHN,2023-01/2023-05,units,2140000,CAAM,all_vehicles
        JPN,2021-01/2021-05,units,1500000,JAMA,all_vehicles
        JPN,2022-01/2022-05,units,1400000,JAMA,all_vehicles
        JPN,2023-01/2023-05,units,1700000,JAMA,all_vehicles
        CHN,2022-H1,units,1220000,CAAM,all_vehicles
        CHN,2022-H2,units,1890000,CAAM,all_vehicles
        CHN,2023-H1,units,2140000,CAAM,all_vehicles
        JPN,2022-H1,units,1700000,JAMA,all_vehicles
        JPN,2022-H2,units,2110000,JAMA,all_vehicles
        JPN,2023-H1,units,2020000,JAMA,all_vehicles
        JPN,FY2022,units,3900000,JAMA,all_vehicles
        JPN,FY2023,units,4400000,JAMA,all_vehicles
        JPN,2022,units,3813269,JAMA,all_vehicles
        JPN,2023,units,4422682,JAMA,all_vehicles
        CHN,2022,units,3110000,CAAM,all_vehicles
        CHN,2023,units,4910000,CAAM,all_vehicles
        """

    func load(
        _ text: String = PeriodKindsTests.tidy, _ configure: (inout ImportOptions) -> Void = { _ in }
    )
        throws -> Panel
    {
        var o = ImportOptions()
        configure(&o)
        return try Importer.read(text, format: .tidy, options: o).panel
    }

    @Test("tidy and wide CSV load spans, halves and fiscal years; the start month is an option or a suffix")
    func imports() throws {
        let panel = try load()
        #expect(panel.periods.contains(p("2023-01/2023-05")) && panel.periods.contains(p("2023-H1")))
        #expect(panel.periods.contains(p("FY2023")) && panel.periods.count == 10)
        let july = try load("exporter,period,metric,value\nJPN,FY2024,units,1\nJPN,FY2025@04,units,2\n") {
            $0.fiscalYearStart = 7
        }
        #expect(Set(july.periods) == [p("FY2024@07"), p("FY2025@04")])
        let wide = try Importer.read("exporter,2023-H1,2023-H2,FY2023,2023-01/2023-05\nJPN,1,2,3,4\n", format: .wide)
            .panel
        #expect(Set(wide.periods) == [p("2023-H1"), p("2023-H2"), p("FY2023"), p("2023-01/2023-05")])
        var lenient = ImportOptions(policy: .lenient)
        lenient.maxRejections = 10
        let (_, report) = try Importer.read(
            "exporter,period,metric,value\nJPN,2023-H3,units,1\nJPN,2023-H1,units,2\n",
            format: .tidy, options: lenient)
        #expect(report.rowsLoaded == 1 && report.rejections.first?.reason == .badPeriod)
        #expect(report.rejections.first?.detail.contains("2023-01/2023-05") == true)
    }

    // MARK: Ranking and milestones

    @Test("a January–May league table ranks January–May figures only, with last year's span as previous")
    func ytdLeagueTable() throws {
        let t = try load().leagueTable(period: p("2023-01/2023-05"))
        #expect(t.rows.map(\.exporter) == ["CHN", "JPN"] && t.rows.map(\.value) == [2_140_000, 1_700_000])
        #expect(t.previousPeriod == p("2022-01/2022-05") && t.rows.first?.previousRank == 2)
        let h = try load().leagueTable(period: p("2023-H1"))
        #expect(h.rows.map(\.value) == [2_140_000, 2_020_000] && h.previousPeriod == p("2022-H2"))
    }

    @Test("in January–May 2023 China exported more than Japan for the first time in the data")
    func ytdMilestones() throws {
        var o = MilestoneOptions()
        o.granularity = .yearToDate(through: 5)
        o.kinds = [.overtake, .firstTimeLeader]
        let r = try load().milestones(o)
        let over = try #require(r.milestones.first { $0.kind == .overtake })
        #expect(over.period == p("2023-01/2023-05") && over.subject == "CHN" && over.rival == "JPN")
        #expect(
            over.since == p("2022-01/2022-05")
                && over.sentence.hasPrefix("2023-01/2023-05: China (2.14M) overtook Japan (1.7M)"))
        let first = try #require(r.milestones.first { $0.kind == .firstTimeLeader })
        #expect(first.period == p("2023-01/2023-05") && first.subject == "CHN")
        #expect(r.milestones.allSatisfy { $0.period.granularity == .yearToDate(through: 5) })
        o.granularity = .half
        let halves = try load().milestones(o)
        #expect(halves.milestones.contains { $0.kind == .overtake && $0.period == p("2023-H1") && $0.subject == "CHN" })
    }

    @Test("a fiscal year is never compared with a calendar year")
    func fiscalKeptFromCalendar() throws {
        let panel = try load()
        // Japan has fiscal and calendar figures, China calendar ones only: the fiscal
        // table holds Japan alone, the calendar table both, and neither mixes the kinds.
        let fy = try panel.leagueTable(period: p("FY2023"))
        #expect(fy.rows.map(\.exporter) == ["JPN"] && fy.rows.map(\.value) == [4_400_000])
        #expect(fy.previousPeriod == p("FY2022"))
        let cal = try panel.leagueTable(period: p("2023"))
        #expect(cal.rows.map(\.exporter) == ["CHN", "JPN"] && cal.rows.map(\.value) == [4_910_000, 4_422_682])
        // A selection at fiscal granularity has only fiscal periods; asking for fiscal
        // years from another month finds nothing rather than borrowing April's.
        let sel = try panel.select(metric: .units, granularity: .fiscalYear(start: 4))
        #expect(sel.exporters == ["JPN"] && sel.periods == [p("FY2022"), p("FY2023")])
        #expect(throws: PanelError.self) { try panel.select(metric: .units, granularity: .fiscalYear(start: 7)) }
        #expect(throws: RankingError.self) { try panel.leagueTable(period: p("FY2023@07")) }
        // Milestones at fiscal granularity: nobody to overtake, China's calendar lead unseen.
        var o = MilestoneOptions()
        o.granularity = .fiscalYear(start: 4)
        o.kinds = [.overtake, .firstTimeLeader, .newLeader]
        let r = try panel.milestones(o)
        #expect(r.milestones.isEmpty)
    }

    // MARK: Derived sums

    static func monthly(_ series: [(String, Int, [Double?])]) throws -> Panel {
        var b = PanelBuilder()
        for (code, year, values) in series {
            let key = SeriesKey(
                exporter: Exporter(code), segment: .total, metric: .units, source: "S", scope: "all_vehicles")
            for (i, v) in values.enumerated() {
                guard let v else { continue }
                try b.add(key, Period(year: year, month: i + 1)!, v)
            }
        }
        return b.build()
    }

    @Test("spans, halves and fiscal years are summed from complete months and cited as derived")
    func derived() throws {
        let months: [Double?] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]
        var gap = months
        gap[2] = nil  // JPN has no March 2023
        let panel = try Self.monthly([
            ("CHN", 2022, months), ("CHN", 2023, months), ("JPN", 2022, months.map { $0.map { $0 * 2 } }),
            ("JPN", 2023, gap), ("CHN", 2024, Array(months.prefix(3))),
        ])
        let sel = try panel.select(metric: .units, granularity: .yearToDate(through: 5))
        #expect(sel.periods == [p("2022-01/2022-05"), p("2023-01/2023-05")])
        let chn = try #require(sel.index(of: "CHN")), jpn = try #require(sel.index(of: "JPN"))
        #expect(sel.row(exporter: chn) == [150, 150])
        #expect(sel.value(exporter: jpn, period: 0) == 300 && sel.value(exporter: jpn, period: 1).isNaN)
        #expect(sel.cellCitations[0 * 2 + chn] == "derived: sum of 2022-01…2022-05")
        let halves = try panel.select(metric: .units, granularity: .half)
        #expect(halves.periods.map(\.description) == ["2022-H1", "2022-H2", "2023-H1", "2023-H2"])
        #expect(halves.row(exporter: chn) == [210, 570, 210, 570])
        #expect(halves.value(exporter: jpn, period: 2).isNaN && halves.value(exporter: jpn, period: 3) == 570)
        // FY2022 = April 2022 – March 2023: China complete (Jan–Mar 2023 present), Japan not.
        let fy = try panel.select(metric: .units, granularity: .fiscalYear(start: 4))
        // Japan has no complete fiscal year (March 2023 is missing, 2024 absent): left out.
        #expect(fy.periods == [p("FY2022"), p("FY2023")] && fy.exporters == ["CHN"])
        #expect(fy.row(exporter: 0) == [(40 + 50 + 60 + 70 + 80 + 90 + 100 + 110 + 120) + 10 + 20 + 30, 780])
        #expect(fy.cellCitations == ["derived: sum of 2022-04…2023-03", "derived: sum of 2023-04…2024-03"])
        let agg = panel.aggregated(to: .yearToDate(through: 5))
        let jpnPartial = agg.partial.filter { $0.series.exporter == "JPN" }
        #expect(jpnPartial.map(\.period) == [p("2023-01/2023-05")] && jpnPartial.first?.missing == [p("2023-03")])
        #expect(agg.partial.contains { $0.series.exporter == "CHN" && $0.missing == [p("2024-04"), p("2024-05")] })
    }

    @Test("a published half is kept; the derived sum fills only the periods without one")
    func publishedWins() throws {
        var b = PanelBuilder()
        let key = SeriesKey(exporter: "KOR", segment: .total, metric: .units, source: "KAMA", scope: "all_vehicles")
        for q in 1...4 { try b.add(key, Period(year: 2023, quarter: q)!, Double(q) * 100) }
        try b.add(key, p("2023-H1"), 333, citation: "KAMA release")
        let sel = try b.build().select(metric: .units, granularity: .half)
        #expect(sel.row(exporter: 0) == [333, 700])
        #expect(sel.cellCitations == ["KAMA release", "derived: sum of 2023-Q3…2023-Q4"])
    }
}

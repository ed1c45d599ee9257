import Testing

@testable import AutoExports

/// Statements of state under partial coverage (docs/coverage.md), and the "one answer to
/// one question" cases of issue 18. Every expected sentence is written here from the
/// figures of the synthetic panels or from exports.csv, not taken from the program; each
/// test failed on the code before the contender rule.
@Suite("Coverage-aware claims")
struct CoverageClaimsTests {
    static let sources = ["CHN": "CAAM", "JPN": "JAMA", "DEU": "VDA", "KOR": "KAMA", "MEX": "INEGI"]

    /// Yearly series from `start` (nil = no row), in millions of units.
    func panel(_ series: [(String, [Double?])], start: Int = 2015) throws -> Panel {
        var b = PanelBuilder()
        for (code, values) in series {
            let key = SeriesKey(
                exporter: Exporter(code), metric: .units, source: Self.sources[code] ?? "S",
                scope: "all_vehicles")
            for (i, v) in values.enumerated() {
                guard let v, let p = Period(year: start + i) else { continue }
                try b.add(key, p, v * 1e6)
            }
        }
        return b.build()
    }

    func y(_ year: Int) -> Period { Period(year: year)! }

    @Test("a large exporter whose series starts late: nobody is stated as the largest before its start")
    func lateStarter() throws {
        // Germany 4.4M 2015–2017, 3.99M 2018, 3.49M 2019; Japan (4.81M) only from 2019;
        // Korea 2.97M … : before 2019 Japan is a contender of everyone (never compared).
        let p = try panel([
            ("DEU", [4.4, 4.4, 4.4, 3.99, 3.49]), ("JPN", [nil, nil, nil, nil, 4.81]),
            ("KOR", [2.97, 2.62, 2.5, 2.45, 2.4]),
        ])
        let r = try p.milestones()
        let before = r.milestones.filter { $0.period < y(2019) }
        for m in before where m.sentence.contains("largest") {
            #expect(m.sentence.contains("among the exporters with figures"), "unqualified: \(m.sentence)")
        }
        #expect(!r.milestones.contains { $0.kind == .leaderStreak && $0.subject == "DEU" })
        #expect(
            !r.milestones.contains {
                [.newLeader, .firstTimeLeader, .leadChange].contains($0.kind) && $0.period < y(2019)
            })
        // The qualified statement, once per period, naming who is missing.
        let notes = r.notes.filter { $0.kind == .rankByCoverage && $0.exporter == "DEU" }.map(\.sentence)
        #expect(
            notes.contains(
                "2015: Germany is the largest vehicle exporter among the exporters with figures (Japan has none before 2019): not stated as the largest."
            ))
        #expect(
            notes.contains(
                "2018: Germany is the largest vehicle exporter among the exporters with figures (Japan has none before 2019): not stated as the largest."
            ))
    }

    @Test("a run at #1 that begins with the subject's first figure says 'at least'")
    func streakAtLeast() throws {
        let p = try panel([("JPN", [4.8, 4.7, 4.6, 4.5]), ("DEU", [4.0, 4.1, 4.2, 4.3])], start: 2019)
        let r = try p.milestones()
        let s = r.milestones.filter { $0.kind == .leaderStreak }
        #expect(
            s.map(\.sentence) == [
                "2021: Japan was the largest vehicle exporter for at least the 3rd year in a row (4.6M; a run of at least 4 years through 2022; Japan's figures start in 2019) (units; JAMA, all vehicles)"
            ])
        // Germany grows from its first figure: at least three years of growth too.
        let g = r.milestones.filter { $0.kind == .growthStreak }
        #expect(
            g.map(\.sentence) == [
                "2022: Germany grew for at least the 3rd year in a row (4.3M; Germany's figures start in 2019) (units; VDA, all vehicles)"
            ])
    }

    @Test("a record is the highest since the subject's figures start")
    func recordSince() throws {
        let p = try panel([("JPN", [4.8, 4.7, 4.9])], start: 2019)
        let r = try p.milestones()
        let rec = r.milestones.filter { $0.kind == .recordHigh }
        #expect(
            rec.map(\.sentence) == [
                "2021: Japan set a record of 4.9M, above its previous high of 4.8M in 2019: the highest since its figures start in 2019 (units; JAMA, all vehicles)"
            ])
    }

    @Test("a first-time lead that holds despite a gap keeps being claimed, with the gap named")
    func firstTimeWithGap() throws {
        // China 1M 2019, none 2020, 2M 2021, 3M 2022, 6M 2023; Japan 5M every year.
        let p = try panel([("CHN", [1, nil, 2, 3, 6]), ("JPN", [5, 5, 5, 5, 5])], start: 2019)
        let r = try p.milestones()
        let first = r.milestones.filter { $0.kind == .firstTimeLeader }
        #expect(
            first.map(\.sentence) == [
                "2023: China (6M) became the largest vehicle exporter, ahead of Japan (5M), for the first time in the years with figures, which for China start in 2019; China has none for 2020 (units; CAAM vs JAMA, all vehicles)"
            ])
    }

    @Test("an overtake's rank is qualified when a contender has no figure (Korea 2022)")
    func koreaBlank() throws {
        // 2021–2023 as in exports.csv on the KAMA basis (Korea's 2022 blank, no stand-in).
        let p = try panel(
            [
                ("JPN", [3.82, 3.813269, 4.422682]), ("CHN", [2.015, 3.11, 4.91]),
                ("MEX", [2.707, 2.86, 3.300876]), ("DEU", [2.37, 2.65, 3.11]), ("KOR", [2.04, nil, 2.76]),
            ],
            start: 2021)
        let r = try p.milestones()
        let o = r.milestones.filter { $0.kind == .overtake && $0.subject == "CHN" && $0.rival == "DEU" }
        #expect(
            o.map(\.sentence) == [
                "2022: China (3.11M) overtook Germany (2.65M) to become the second-largest vehicle exporter among the exporters with figures (South Korea has none for 2022) (units; CAAM vs VDA, all vehicles)"
            ])
        // China is #2 of those with figures; even with Korea ahead it would be #3: a top-3
        // entry is a plain statement, and no note contradicts it.
        #expect(r.milestones.contains { $0.kind == .topEntry && $0.subject == "CHN" && $0.period == y(2022) })
        #expect(!r.notes.contains { $0.exporter == "CHN" && $0.sentence.contains("top 3") })
    }

    @Test("a top-N entry that depends on a missing contender is a note, not an entry")
    func topEntryNeedsContenders() throws {
        // 2021: A 6, C 5, E 4, B 3.5, D 2 (D #5); 2022: A 6, C 5, D 4.5, E 2.4, B no figure.
        // Among the exporters present in both years D was #4 in 2021 (outside the top 3),
        // and it is #3 of those with figures in 2022, but B (ahead of D in 2021) could push
        // it to #4: not a plain top-3 entry.
        var b = PanelBuilder()
        for (code, values) in [
            ("AAA", [6.0, 6.0]), ("BBB", [3.5, nil]), ("CCC", [5.0, 5.0]), ("DDD", [2.0, 4.5]),
            ("EEE", [4.0, 2.4]),
        ] {
            for (i, v) in values.enumerated() {
                guard let v else { continue }
                try b.add(
                    SeriesKey(exporter: Exporter(code), metric: .units, source: "S", scope: "all_vehicles"),
                    y(2021 + i), v)
            }
        }
        var o = MilestoneOptions()
        o.kinds = [.topEntry]
        let r = try b.build().milestones(o)
        #expect(!r.milestones.contains { $0.subject == "DDD" })
        #expect(r.notes.contains { $0.exporter == "DDD" && $0.sentence.contains("not stated as a top-3 entry") })
    }

    @Test("ranks among a selection are not stated as world ranks")
    func selection() throws {
        var o = MilestoneOptions()
        o.exporters = ["CHN", "DEU"]
        let r = try ReferenceData.completedPanel.milestones(o)
        let ranked = r.milestones.filter { $0.sentence.contains("largest") }
        #expect(!ranked.isEmpty)
        for m in ranked { #expect(m.sentence.contains("vehicle exporter of those selected"), "\(m.sentence)") }
    }

    @Test("reference data: Germany is not stated as the largest in 2015–2018; Japan leads")
    func referenceGermany() throws {
        let r = try ReferenceData.completedPanel.milestones()
        for m in r.milestones where m.subject == "DEU" {
            #expect(
                !(m.sentence.contains("was the largest") || m.sentence.contains("became the largest")), "\(m.sentence)")
        }
        // JAMA 4,578,078 (2015) … vs VDA 4,400,000: Japan ahead every year both have.
        let h = try ReferenceData.completedPanel.rankHistory()
        for year in 2015...2018 {
            let p = try #require(h.periods.firstIndex(of: y(year)))
            #expect(h.exporter(ranked: 1, inPeriod: p) == "JPN")
        }
        // 2023: China's first lead, qualified by China's missing 2011 and 2014 (CAAM).
        let first = r.milestones.filter { $0.kind == .firstTimeLeader }
        #expect(first.count == 1 && first.first?.period == y(2023) && first.first?.subject == "CHN")
        #expect(
            first.first?.sentence.contains(
                "for the first time in the years with figures, which for China start in 2010; China has none for 2011 and 2014"
            ) == true)
    }

    @Test("bump-chart data: the periods whose ranking is incomplete name who is missing")
    func rankHistoryIncomplete() throws {
        let p = try panel([("DEU", [4.4, 4.4]), ("JPN", [nil, 4.81]), ("KOR", [2.97, 2.62])])
        let h = try p.rankHistory()
        #expect(h.missingContenders(inPeriod: 0).map(\.code) == ["JPN"])
        #expect(h.missingContenders(inPeriod: 1).isEmpty)
        // Japan would rank above Korea too, but not above a top-0 cut: nobody shown.
        #expect(h.missingContenders(inPeriod: 0, top: 0).isEmpty)
    }

    @Test("yoy at quarterly granularity compares with the same quarter a year earlier")
    func yoyQuarterly() throws {
        var b = PanelBuilder()
        // Q1 2023 … Q1 2024: A 10, 20, 30, 40, 12; B 10, 10, 10, 10, 30.
        let a: [Double] = [10, 20, 30, 40, 12], bb: [Double] = [10, 10, 10, 10, 30]
        for i in 0..<5 {
            let q = try #require(Period(year: 2023 + i / 4, quarter: i % 4 + 1))
            try b.add(SeriesKey(exporter: "AAA", metric: .units, source: "S", scope: "all_vehicles"), q, a[i])
            try b.add(SeriesKey(exporter: "BBB", metric: .units, source: "S", scope: "all_vehicles"), q, bb[i])
        }
        let t = try b.build().leagueTable(period: try #require(Period(year: 2024, quarter: 1)), by: .change)
        // Against Q1 2023 (A +2, B +20), not Q4 2023 (A −28, B +20).
        #expect(t.previousPeriod == Period(year: 2023, quarter: 1))
        #expect(t.rows.map(\.exporter.code) == ["BBB", "AAA"])
        #expect(t.rows.map(\.score) == [20, 2])
    }

    @Test("a projection is limited to what the fit supports, damped for long horizons, and never called certain")
    func projectionHorizon() throws {
        let x = Explainer(panel: ReferenceData.completedPanel, metric: .units)
        // China's NEV exports 2021–2025 (5 years, CAAM): 10 years ahead is more than half the
        // fit, so damped Holt trends (docs/design.md §6), carried at most 2 × 5 = 10 years.
        let p = try x.project(subject: ("CHN", .nev), rival: ("JPN", .total), horizon: 10)
        #expect(p.subjectFit.firstPeriod == 2021 && p.subjectFit.lastPeriod == 2025)
        #expect(p.crossover.horizon == 10 && p.requestedHorizon == 10)
        #expect(p.subjectFit.model.holt.damped && p.sentence.contains("Damped Holt trends replace"))
        #expect(!p.sentence.contains("certain"))
        let far = try x.project(subject: ("CHN", .nev), rival: ("JPN", .total), horizon: 40)
        #expect(far.crossover.horizon == 10)
        #expect(far.sentence.contains("Horizon limited to 10 years, twice the length of the shorter fit (asked: 40)."))
        #expect(!far.sentence.contains("certain"))
    }
}

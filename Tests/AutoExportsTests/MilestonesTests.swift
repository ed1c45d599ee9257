import Testing

@testable import AutoExports

/// Golden cases computed by hand: every kind, ties, equal values carried across periods,
/// gaps, confirmation and margin; then the reference data (figures written here from
/// exports.csv, not from the code).
@Suite("Milestones")
struct MilestonesTests {
    static let sources = ["CHN": "CAAM", "JPN": "JAMA", "DEU": "VDA", "KOR": "KAMA", "MEX": "INEGI"]

    /// A panel of yearly series from 2020 (nil = no row), in millions of units.
    func panel(
        _ series: [(String, [Double?])], start: Int = 2020, scopes: [String: String] = [:],
        segment: Segment = .total
    ) throws -> Panel {
        var b = PanelBuilder()
        for (code, values) in series {
            let key = SeriesKey(
                exporter: Exporter(code), segment: segment, metric: .units,
                source: Self.sources[code] ?? "S", scope: scopes[code] ?? "all_vehicles")
            for (i, v) in values.enumerated() {
                guard let v, let p = Period(year: start + i) else { continue }
                try b.add(key, p, v * 1e6)
            }
        }
        return b.build()
    }

    func find(
        _ p: Panel, _ kinds: [MilestoneKind], configure: (inout MilestoneOptions) -> Void = { _ in }
    ) throws -> MilestoneReport {
        var o = MilestoneOptions()
        o.kinds = Set(kinds)
        configure(&o)
        return try p.milestones(o)
    }

    func y(_ year: Int) -> Period { Period(year: year)! }

    // MARK: Overtakes

    @Test("an overtake carries both values, the last strict period and the crossing point")
    func overtake() throws {
        let r = try find(panel([("CHN", [1, 3]), ("JPN", [2, 2])]), [.overtake])
        #expect(r.milestones.count == 1)
        let m = try #require(r.milestones.first)
        #expect(m.kind == .overtake && m.period == y(2021) && m.subject == "CHN" && m.rival == "JPN")
        #expect(m.value == 3e6 && m.rivalValue == 2e6 && m.since == y(2020))
        #expect(m.valueSince == 1e6 && m.rivalValueSince == 2e6)
        #expect(m.crossing == 2020.5)  // difference -1M -> +1M: halfway
        #expect(m.rank == 1 && !m.bridged && !m.scopeWarning)
        #expect(
            m.sentence
                == "2021: China (3M) overtook Japan (2M) to become the largest vehicle exporter (units; CAAM vs JAMA, all vehicles)"
        )
    }

    @Test("sentences of unlabelled series leave out the unknown source and scope")
    func unlabelledSentences() throws {
        var b = PanelBuilder()
        for (code, values) in [("CHN", [1.0, 3.0]), ("JPN", [2.0, 2.0])] {
            for (i, v) in values.enumerated() { try b.add(SeriesKey(exporter: Exporter(code)), y(2020 + i), v * 1e6) }
        }
        let r = try find(b.build(), [.overtake, .firstTimeLeader])
        #expect(r.milestones.count == 2)
        for m in r.milestones { #expect(!m.sentence.contains("unspecified") && m.sentence.hasSuffix("(units)")) }
        // One source known, the other not: the known one is kept, the unknown one said.
        var c = PanelBuilder()
        try c.add(SeriesKey(exporter: "CHN", source: "CAAM"), y(2020), 1e6)
        try c.add(SeriesKey(exporter: "CHN", source: "CAAM"), y(2021), 3e6)
        try c.add(SeriesKey(exporter: "JPN"), y(2020), 2e6)
        try c.add(SeriesKey(exporter: "JPN"), y(2021), 2e6)
        let m = try #require(find(c.build(), [.overtake]).milestones.first)
        #expect(m.sentence.hasSuffix("(units; CAAM vs unspecified)"))
    }

    @Test("equal values carried across periods: the last strictly ordered period decides")
    func tiesCarried() throws {
        let r = try find(panel([("CHN", [1, 2, 2, 3]), ("JPN", [2, 2, 2, 1])]), [.overtake])
        #expect(r.milestones.map { "\($0.period) \($0.subject) \($0.since!)" } == ["2023 CHN 2020"])
        // -1M in 2020, +2M in 2023: a third of the way from 2020 to 2023.
        #expect(abs(r.milestones[0].crossing - 2021.0) < 1e-12)
        // Tied, then behind again: nothing happened.
        #expect(try find(panel([("CHN", [1, 2, 1]), ("JPN", [2, 2, 2])]), [.overtake]).milestones.isEmpty)
        // Tied since the start: no order to change.
        #expect(try find(panel([("CHN", [2, 3]), ("JPN", [2, 2])]), [.overtake]).milestones.isEmpty)
    }

    @Test("a gap breaks the comparison (a note says so); bridging reports it, flagged")
    func gapBridging() throws {
        let p = try panel([("CHN", [1, nil, 3]), ("JPN", [2, 2, 2])])
        let plain = try find(p, [.overtake])
        #expect(plain.milestones.isEmpty)
        #expect(
            plain.notes.contains {
                $0.kind == .hiddenByGap && $0.period == y(2022) && $0.exporter == "CHN" && $0.other == "JPN"
            })
        #expect(plain.notes.contains { $0.kind == .gap && $0.period == y(2021) && $0.exporter == "CHN" })
        let bridged = try find(p, [.overtake]) { $0.bridgingGaps = true }
        let m = try #require(bridged.milestones.first)
        #expect(bridged.milestones.count == 1 && m.bridged && m.since == y(2020) && m.period == y(2022))
        #expect(m.sentence.hasSuffix("[across missing figures]"))
        #expect(!bridged.notes.contains { $0.kind == .hiddenByGap })
    }

    @Test("a series starting is coverage, not an overtake or a new leader")
    func seriesStart() throws {
        let r = try find(panel([("CHN", [nil, 3]), ("JPN", [2, 2])]), MilestoneKind.allCases)
        #expect(
            !r.milestones.contains {
                $0.kind == .overtake || $0.kind == .newLeader || $0.kind == .firstTimeLeader || $0.kind == .leadChange
            })
        #expect(r.notes.contains { $0.kind == .seriesStarts && $0.exporter == "CHN" && $0.period == y(2021) })
        #expect(r.notes.contains { $0.kind == .rankByCoverage && $0.exporter == "CHN" && $0.period == y(2021) })
        // A series ending does not make the other a new leader either.
        let end = try find(panel([("CHN", [3, nil]), ("JPN", [2, 2])]), [.newLeader, .leadChange])
        #expect(end.milestones.isEmpty)
        #expect(end.notes.contains { $0.kind == .seriesEnds && $0.exporter == "CHN" })
        #expect(end.notes.contains { $0.kind == .rankByCoverage && $0.exporter == "JPN" })
    }

    @Test("confirmation: reported only if it holds k more periods; too recent is a note")
    func confirmation() throws {
        let held = try find(panel([("CHN", [1, 3, 4]), ("JPN", [2, 2, 2])]), [.overtake]) { $0.confirmation = 1 }
        #expect(held.milestones.map(\.period) == [y(2021)])
        let lost = try find(panel([("CHN", [1, 3, 1]), ("JPN", [2, 2, 2])]), [.overtake]) { $0.confirmation = 1 }
        #expect(lost.milestones.isEmpty)  // China fell back in 2022; Japan's pass in 2022 cannot be confirmed
        #expect(lost.notes.contains { $0.kind == .pendingConfirmation && $0.period == y(2022) && $0.exporter == "JPN" })
        let tooRecent = try find(panel([("CHN", [1, 3]), ("JPN", [2, 2])]), [.overtake]) { $0.confirmation = 2 }
        #expect(tooRecent.milestones.isEmpty && tooRecent.notes.contains { $0.kind == .pendingConfirmation })
    }

    @Test("margin: within it counts as a tie, so the pass comes when the lead reaches it")
    func margin() throws {
        let p = try panel([("CHN", [1.00, 1.02, 1.10]), ("JPN", [1.06, 1.00, 1.00])])
        #expect(try find(p, [.overtake]).milestones.map(\.period) == [y(2021)])
        let m = try find(p, [.overtake]) { $0.margin = 0.05 }.milestones
        // 2021: +2% is within 5% (a tie: Japan's 6% lead of 2020 carries); 2022: +10%.
        #expect(m.map(\.period) == [y(2022)] && m[0].since == y(2020))
    }

    @Test("pairs between series of different scopes carry the warning")
    func scopeWarning() throws {
        let r = try find(panel([("CHN", [1, 3]), ("DEU", [2, 2])], scopes: ["DEU": "passenger_cars"]), [.overtake])
        let m = try #require(r.milestones.first)
        #expect(m.scopeWarning && r.hasMixedScopes)
        #expect(m.sentence.hasSuffix("(units; CAAM all vehicles vs VDA passenger cars; scopes differ)"))
    }

    @Test("pair top N keeps only overtakes that end in the top N")
    func pairTopN() throws {
        let p = try panel([("JPN", [9, 9]), ("CHN", [1, 3]), ("KOR", [2, 2])])
        #expect(try find(p, [.overtake]).milestones.count == 1)
        #expect(try find(p, [.overtake]) { $0.pairTopN = 1 }.milestones.isEmpty)  // China ends #2
    }

    // MARK: Leaders

    @Test("new leader, first-time leader and lead change")
    func leaders() throws {
        let p = try panel([("JPN", [5, 5, 4, 6, 6]), ("CHN", [3, 4, 5, 5, 7]), ("DEU", [4, 3, 3, 3, 3])])
        let r = try find(p, [.newLeader, .leadChange])
        let got = r.milestones.map { "\($0.period) \($0.kind) \($0.subject) \($0.rival?.code ?? "-")" }
        #expect(
            got == [
                "2022 first_time_leader CHN JPN", "2022 lead_change CHN JPN",
                "2023 new_leader JPN CHN", "2023 lead_change JPN CHN",
                "2024 new_leader CHN JPN", "2024 lead_change CHN JPN",
            ])
        let first = r.milestones[0]
        #expect(first.firstTime && first.dataStart == y(2020) && first.since == y(2021))
        #expect(
            first.sentence
                == "2022: China (5M) became the largest vehicle exporter, ahead of Japan (4M), for the first time in the data, which for China start in 2020 (units; CAAM vs JAMA, all vehicles)"
        )
        #expect(
            r.milestones[1].sentence
                == "2022: the lead passed from Japan (4M) to China (5M) (units; CAAM vs JAMA, all vehicles)")
        // Asking for first-time leaders only.
        #expect(try find(p, [.firstTimeLeader]).milestones.map(\.period) == [y(2022)])
    }

    @Test(
        "a tie at the top carries the lead: no new leader out of a shared #1, a lead change from the last sole leader")
    func tieAtTop() throws {
        let p = try panel([("JPN", [5, 5, 5]), ("CHN", [3, 5, 6])])
        let r = try find(p, [.newLeader, .leadChange, .overtake])
        let got = r.milestones.map { "\($0.period) \($0.kind) \($0.subject) since \($0.since!)" }
        #expect(got == ["2022 overtake CHN since 2020", "2022 lead_change CHN since 2020"])
    }

    @Test("leader streak: k periods at #1")
    func leaderStreak() throws {
        let p = try panel([("JPN", [5, 5, 5, 4]), ("CHN", [3, 4, 4, 6])])
        let r = try find(p, [.leaderStreak]) { $0.streak = 2 }
        let m = try #require(r.milestones.first)
        #expect(r.milestones.count == 1 && m.subject == "JPN" && m.period == y(2021) && m.since == y(2020))
        #expect(m.runLength == 3)
        // The run starts with Japan's first figure: it may have begun earlier (docs/coverage.md).
        #expect(
            m.sentence
                == "2021: Japan was the largest vehicle exporter for at least the 2nd year in a row (5M; a run of at least 3 years through 2022; Japan's figures start in 2020) (units; JAMA, all vehicles)"
        )
    }

    // MARK: Records, thresholds, top N, growth

    @Test("records: above every earlier value; equal is not a record; a gap is named, bridging flags it")
    func records() throws {
        let r = try find(panel([("CHN", [3, 2, 4, 4, 5]), ("KOR", [3, nil, 4])]), [.recordHigh])
        #expect(
            r.milestones.map { "\($0.period) \($0.subject) since \($0.since!)" } == [
                "2022 CHN since 2020", "2022 KOR since 2020", "2024 CHN since 2022",
            ])
        #expect(
            r.milestones[0].sentence
                == "2022: China set a record of 4M, above its previous high of 3M in 2020: the highest since its figures start in 2020 (units; CAAM, all vehicles)"
        )
        let b = try find(panel([("KOR", [3, nil, 4])]), [.recordHigh]) { $0.bridgingGaps = true }
        #expect(b.milestones.count == 1 && b.milestones[0].bridged)
        // Without bridging the record is still made, the gap named (docs/coverage.md).
        let g = try find(panel([("KOR", [3, nil, 4])]), [.recordHigh])
        #expect(
            g.milestones.map(\.sentence) == [
                "2022: South Korea set a record of 4M, above its previous high of 3M in 2020: the highest in the years with figures since 2020; South Korea has none for 2021 (units; KAMA, all vehicles)"
            ])
        #expect(g.milestones.first?.bridged == false)
    }

    @Test("thresholds up and down, at the level counts as reached, share levels of a segment")
    func thresholds() throws {
        let r = try find(
            panel([("CHN", [0.9, 1.2, 2.5, 1.9]), ("JPN", [0.9, 1.0, 1.0, 1.0])]),
            [.thresholdUp, .thresholdDown]
        ) { $0.levels = [1e6, 2e6] }
        #expect(
            r.milestones.map { "\($0.period) \($0.kind) \($0.subject) \(Int($0.level))" } == [
                "2021 threshold_up CHN 1000000", "2021 threshold_up JPN 1000000",
                "2022 threshold_up CHN 2000000", "2023 threshold_down CHN 2000000",
            ])
        #expect(
            r.milestones[3].sentence
                == "2023: China fell below 2M (1.9M, from 2.5M in 2022) (units; CAAM, all vehicles)")
        // Share of NEV in the total: 5% -> 30% passes 10% and 25%.
        var b = PanelBuilder()
        for (seg, vals) in [(Segment.total, [1.0, 1.0]), (.nev, [0.05, 0.3])] {
            let key = SeriesKey(exporter: "CHN", segment: seg, metric: .units, source: "CAAM", scope: "all_vehicles")
            for (i, v) in vals.enumerated() { try b.add(key, y(2020 + i), v * 1e6) }
        }
        let s = try find(b.build(), [.thresholdUp]) { $0.levels = [] }
        #expect(s.milestones.map { "\($0.period) \($0.level) \($0.isShare)" } == ["2021 0.1 true", "2021 0.25 true"])
        #expect(
            s.milestones[1].sentence
                == "2021: NEV exports passed 25% of China's total (30.0%, from 5.0% in 2020) (NEV share of units; CAAM, all vehicles)"
        )
    }

    @Test("top-N entry and exit; a rise that comes from a missing figure is a note")
    func topMoves() throws {
        let p = try panel([("JPN", [5, 5, 5]), ("DEU", [4, 3, 3]), ("KOR", [3, 4, 4])])
        let r = try find(p, [.topEntry, .topExit]) { $0.topN = 2 }
        #expect(
            r.milestones.map { "\($0.period) \($0.kind) \($0.subject) #\($0.rank)" } == [
                "2021 top_entry KOR #2", "2021 top_exit DEU #3",
            ])
        #expect(
            r.milestones[0].sentence
                == "2021: South Korea entered the top 2 (#2, 4M; #3 in 2020) (units; KAMA, all vehicles)")
        let c = try find(panel([("JPN", [5, nil]), ("DEU", [4, 4]), ("KOR", [3, 3])]), [.topEntry]) { $0.topN = 2 }
        #expect(c.milestones.isEmpty)
        #expect(c.notes.contains { $0.kind == .rankByCoverage && $0.exporter == "KOR" && $0.period == y(2021) })
    }

    @Test("growth streaks: k periods of growth; an equal value ends the run")
    func growthStreaks() throws {
        let r = try find(panel([("CHN", [1, 2, 3, 4, 5, 4]), ("JPN", [1, 2, 2, 3, 4, 5])]), [.growthStreak])
        #expect(
            r.milestones.map { "\($0.period) \($0.subject) since \($0.since!) run \($0.runLength)" } == [
                "2023 CHN since 2020 run 4", "2025 JPN since 2022 run 3",
            ])
        // China's run starts from its first figure ("at least"); Japan's from a year without growth.
        #expect(
            r.milestones[0].sentence
                == "2023: China grew for at least the 3rd year in a row (4M; a run of at least 4 years through 2024; China's figures start in 2020) (units; CAAM, all vehicles)"
        )
        #expect(
            r.milestones[1].sentence == "2025: Japan grew for the 3rd year in a row (5M) (units; JAMA, all vehicles)")
    }

    @Test("kinds, exporters and options are honoured; bad options are errors")
    func optionsAndErrors() throws {
        let p = try panel([("JPN", [5, 5, 4]), ("CHN", [3, 4, 5])])
        #expect(try find(p, [.recordHigh]).milestones.allSatisfy { $0.kind == .recordHigh })
        #expect(
            try find(p, MilestoneKind.allCases) { $0.exporters = ["CHN"] }.milestones.allSatisfy {
                $0.subject == "CHN" && $0.rival == nil
            })
        let bads: [(inout MilestoneOptions) -> Void] = [
            { $0.margin = -1 }, { $0.margin = .nan }, { $0.topN = 0 }, { $0.streak = 1 }, { $0.confirmation = -1 },
            { $0.yearToDateMonth = 13 },
        ]
        for bad in bads {
            #expect(throws: MilestoneError.self) { try find(p, [.overtake], configure: bad) }
        }
        #expect(throws: MilestoneError.self) { try find(p, [.overtake]) { $0.metric = .usd } }
    }

    @Test("year-to-date: January to month m of each year from monthly data")
    func yearToDate() throws {
        var b = PanelBuilder()
        let chn = SeriesKey(exporter: "CHN", source: "CAAM", scope: "all_vehicles")
        let jpn = SeriesKey(exporter: "JPN", source: "JAMA", scope: "all_vehicles")
        for year in [2023, 2024] {
            for month in 1...12 {
                let p = Period(year: year, month: month)!
                try b.add(chn, p, year == 2023 ? 100 : (month <= 5 ? 300 : 0))
                try b.add(jpn, p, 200)
            }
        }
        let r = try find(b.build(), [.overtake]) { $0.yearToDateMonth = 5 }
        // Jan–May: China 500 vs Japan 1000 in 2023, 1500 vs 1000 in 2024 (full years: 1500 vs 2400).
        let m = try #require(r.milestones.first)
        #expect(
            r.milestones.count == 1 && m.periodLabel == "2024-01/2024-05" && m.value == 1500 && m.rivalValue == 1000)
        #expect(m.sentence.hasPrefix("2024-01/2024-05: China (1.5k) overtook Japan (1k)"))
        // Month by month instead: China passes in January 2024 and falls back in June.
        let monthly = try find(b.build(), [.overtake]) { $0.granularity = .month }
        #expect(monthly.milestones.map { "\($0.periodLabel) \($0.subject)" } == ["2024-01 CHN", "2024-06 JPN"])
    }

    // MARK: The reference data (figures from exports.csv)

    @Test("reference data: China overtakes Japan in 2023 on units, the first time China is #1 in the data")
    func chinaOvertakesJapan() throws {
        let r = try ReferenceData.completedPanel.milestones()
        let pass = r.milestones.filter { $0.kind == .overtake && $0.subject == "CHN" && $0.rival == "JPN" }
        #expect(pass.count == 1)
        let m = try #require(pass.first)
        // CAAM 4,910,000 vs JAMA 4,422,682 in 2023; 3,110,000 vs 3,813,269 in 2022.
        #expect(m.period == y(2023) && m.value == 4_910_000 && m.rivalValue == 4_422_682)
        #expect(m.since == y(2022) && m.valueSince == 3_110_000 && m.rivalValueSince == 3_813_269)
        let crossing = 2022.0 + 703_269.0 / (703_269.0 + 487_318.0)
        #expect(abs(m.crossing - crossing) < 1e-9)
        #expect(
            m.sentence
                == "2023: China (4.91M) overtook Japan (4.42M) to become the largest vehicle exporter (units; CAAM vs JAMA, all vehicles)"
        )
        let first = r.milestones.filter { $0.kind == .firstTimeLeader }
        #expect(first.map { "\($0.period) \($0.subject) \($0.rival?.code ?? "-")" } == ["2023 CHN JPN"])
        // CAAM's figures start in 2010 and miss 2011 and 2014: the claim is kept, the gaps named.
        #expect(first.first?.dataStart == y(2010))
        #expect(
            first.first?.sentence.contains(
                "for the first time in the years with figures, which for China start in 2010; China has none for 2011 and 2014"
            ) == true)
        #expect(
            r.milestones.contains {
                $0.kind == .leadChange && $0.period == y(2023) && $0.subject == "CHN" && $0.rival == "JPN"
            })
        // Japan's figures start in 2010 (JAMA) and it leads until 2023: no new lead for Japan.
        #expect(!r.milestones.contains { ($0.kind == .newLeader || $0.kind == .leadChange) && $0.subject == "JPN" })
        // Korea's KAMA 2022 is blank; MOTIE's 2,310,000 stands in, as in `rank` (one rule):
        // China (3,110,000) passes Korea (2,040,000 > 2,015,000 in 2021) in 2022, flagged.
        let kor = r.milestones.filter { $0.kind == .overtake && $0.subject == "CHN" && $0.rival == "KOR" }
        #expect(kor.map(\.period) == [y(2022)])
        #expect(
            kor.first?.sentence.hasSuffix("[stand-in: South Korea 2022 MOTIE, all vehicles, for KAMA, all vehicles]")
                == true)
        #expect(
            r.notes.contains {
                $0.kind == .gap && $0.exporter == "KOR" && $0.period == y(2022)
                    && $0.sentence.contains("MOTIE (all vehicles) stands in (2.31M)")
            })
    }

    @Test("reference data: China crosses 5 million units in 2024")
    func chinaFiveMillion() throws {
        let r = try ReferenceData.completedPanel.milestones()
        let m = r.milestones.filter { $0.kind == .thresholdUp && $0.level == 5e6 }
        #expect(m.map { "\($0.period) \($0.subject)" } == ["2024 CHN"])
        #expect(m.first?.value == 5_859_000 && m.first?.valueSince == 4_910_000 && m.first?.since == y(2023))
        #expect(m.first?.sentence == "2024: China passed 5M (5.86M, from 4.91M in 2023) (units; CAAM, all vehicles)")
    }

    @Test("reference data: Germany is #1 by value in 2024")
    func germanyByValue() throws {
        var o = MilestoneOptions()
        o.metric = .usd
        let plain = try ReferenceData.completedPanel.milestones(o)
        // No change at the top: neither a new leader nor a lead change, bridged or not.
        #expect(!plain.milestones.contains { [.newLeader, .firstTimeLeader, .leadChange].contains($0.kind) })
        o.bridgingGaps = true
        let r = try ReferenceData.completedPanel.milestones(o)
        #expect(!r.milestones.contains { [.newLeader, .firstTimeLeader, .leadChange].contains($0.kind) })
        // $174.5B in 2024, a record above $157.4B (2017), ranked #1 (Japan $106.8B, China $90.2B).
        let rec = r.milestones.filter { $0.kind == .recordHigh && $0.subject == "DEU" && $0.period == y(2024) }
        #expect(
            rec.count == 1 && rec.first?.rank == 1 && rec.first?.value == 174.5e9 && rec.first?.valueSince == 157.4e9)
        // Germany's run at #1 (2015, 2017–2019, 2024 across the missing years) reaches 2024.
        let run = r.milestones.filter { $0.kind == .leaderStreak && $0.subject == "DEU" }
        #expect(run.count == 1 && run.first?.runLength == 5 && run.first?.bridged == true)
        #expect(
            run.first?.sentence.contains("a run of at least 5 years through 2024; Germany's figures start in 2015")
                == true)
    }
}

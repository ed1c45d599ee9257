import Testing

@testable import AutoExports

/// League tables and rank histories on the embedded reference data.
@Suite("League tables")
struct LeagueTableTests {
    let panel = ReferenceData.completedPanel

    @Test("China is first by units in 2023, 2024 and 2025, with Japan second", arguments: [2023, 2024, 2025])
    func chinaFirstJapanSecond(year: Int) throws {
        let t = try panel.leagueTable(period: Period(year: year)!, metric: .units)
        #expect(t.rows.count >= 2)
        #expect(t.rows[0].exporter == "CHN" && t.rows[0].rank == 1)
        #expect(t.rows[1].exporter == "JPN" && t.rows[1].rank == 2)
        #expect(t.rows[0].source == "CAAM" && t.rows[0].scope == "all_vehicles")
        #expect(t.rows[1].source == "JAMA")
    }

    @Test("Germany is first by usd in 2024")
    func germanyFirstByValue() throws {
        let t = try panel.leagueTable(period: Period(year: 2024)!, metric: .usd)
        #expect(t.rows.first?.exporter == "DEU")
        #expect(t.rows.first?.value == 174_500_000_000)
        // Every usd series counts the same thing (HS 8703): no scope warning.
        #expect(!t.hasMixedScopes)
    }

    @Test("ranking Germany's passenger cars against China's all vehicles warns about scopes")
    func scopeWarning() throws {
        let t = try panel.leagueTable(period: Period(year: 2023)!, exporters: ["CHN", "DEU"])
        #expect(t.rows.map(\.exporter) == ["CHN", "DEU"])
        #expect(t.hasMixedScopes)
        let w = try #require(t.warnings.first { $0.kind == .mixedScopes })
        #expect(w.message.contains("passenger cars (DEU)") && w.message.contains("all vehicles (CHN)"))
        // Only series of one scope: no warning.
        let same = try panel.leagueTable(period: Period(year: 2024)!, exporters: ["CHN", "JPN"])
        #expect(!same.hasMixedScopes)
    }

    @Test("a missing figure of the chosen series is filled by another series of the exporter, with a warning")
    func substitution() throws {
        // VDA has no 2024 figure for Germany; Destatis' does.
        let t = try panel.leagueTable(period: Period(year: 2024)!, exporters: ["CHN", "DEU"])
        let deu = try #require(t.rows.first { $0.exporter == "DEU" })
        #expect(deu.value == 3_400_000 && deu.source == "Destatis" && deu.scope == "passenger_cars_trade")
        #expect(deu.previousValue == nil)  // Destatis has no 2023 figure: no cross-series change
        #expect(t.warnings.contains { $0.kind == .substitutedSeries && $0.exporters == ["DEU"] })
        #expect(t.hasMixedScopes)
    }

    @Test("shares, changes and rank changes are computed from the chosen series")
    func derivedColumns() throws {
        let t = try panel.leagueTable(period: Period(year: 2023)!)
        let chn = try #require(t.rows.first { $0.exporter == "CHN" })
        #expect(chn.value == 4_910_000)
        #expect(chn.previousValue == 3_110_000)
        #expect(chn.change == 1_800_000)
        #expect(abs((chn.changePercent ?? 0) - (4_910_000.0 / 3_110_000 - 1)) < 1e-15)
        #expect(chn.previousRank == 2 && chn.rankChange == 1)  // Japan led in 2022
        let total = t.rows.reduce(0.0) { $0 + $1.value }
        #expect(abs(t.rows.reduce(0.0) { $0 + $1.share } - 1) < 1e-12)
        #expect(t.total == total)
        #expect(t.moversUp.first?.exporter == "CHN")
        #expect(t.moversDown.contains { $0.exporter == "JPN" })
    }

    @Test("top-N keeps ranks up to N", arguments: [1, 2, 3])
    func top(n: Int) throws {
        let t = try panel.leagueTable(period: Period(year: 2024)!, top: n)
        #expect(t.rows.count == n)
        #expect(t.rankedCount > n)
    }

    @Test("ranking by NEV units, by NEV share of the total, by year-on-year change")
    func bases() throws {
        let nev = try panel.leagueTable(period: Period(year: 2024)!, segment: .nev)
        #expect(nev.rows.first?.exporter == "CHN" && nev.rows.first?.value == 1_284_000)
        let share = try panel.leagueTable(period: Period(year: 2024)!, segment: .nev, by: .segmentShare)
        #expect(abs((share.rows.first?.score ?? 0) - 1_284_000.0 / 5_859_000) < 1e-15)
        let yoy = try panel.leagueTable(period: Period(year: 2025)!, by: .change)
        let chn = try #require(yoy.rows.first { $0.exporter == "CHN" })
        #expect(chn.score == 7_098_000 - 5_859_000)
        #expect(yoy.rows.first?.exporter == "CHN")
        let pct = try panel.leagueTable(period: Period(year: 2025)!, by: .changePercent)
        #expect(pct.rows.allSatisfy { $0.score == ($0.value / ($0.previousValue ?? .nan) - 1) })
    }

    @Test("share of a reference total (WLD) and of the ranked set")
    func shares() throws {
        let t = try panel.leagueTable(period: Period(year: 2019)!, metric: .usd, by: .shareOf("WLD"))
        let deu = try #require(t.rows.first)
        #expect(deu.exporter == "DEU")
        #expect(deu.share == deu.score && deu.score > 0 && deu.score < 1)
        #expect(!t.rows.contains { $0.exporter == "WLD" })  // aggregates are not ranked
        #expect(deu.score == 142_300_000_000.0 / 758_400_000_000.0)
        // No WLD figure for 2024: one error that names the missing world total (before:
        // an empty table whose warning blamed every exporter).
        do {
            _ = try panel.leagueTable(period: Period(year: 2024)!, metric: .usd, by: .shareOf("WLD"))
            Issue.record("share-of:WLD in 2024 must throw")
        } catch {
            #expect(error.description.hasPrefix("WLD has no total usd figure for 2024"))
            #expect(error.description.contains("2015, 2017, 2018, 2019, 2020, 2023"))
        }
        let s = try panel.leagueTable(period: Period(year: 2024)!, by: .shareOfRanked)
        #expect(s.rows.map(\.exporter) == (try panel.leagueTable(period: Period(year: 2024)!)).rows.map(\.exporter))
    }

    @Test("bad requests are errors, not traps")
    func errors() {
        #expect(throws: RankingError.self) { try panel.leagueTable(period: Period(year: 1990)!) }
        #expect(throws: RankingError.self) { try panel.leagueTable(period: Period(year: 2024)!, by: .segmentShare) }
        #expect(throws: RankingError.self) {
            try panel.leagueTable(period: Period(year: 2024)!, metric: Metric(name: "eur")!)
        }
    }

    @Test("basis names")
    func names() {
        #expect(LeagueBasis(name: "share") == .shareOfRanked)
        #expect(LeagueBasis(name: "share-of:WLD") == .shareOf("WLD"))
        #expect(LeagueBasis(name: "yoy_pct") == .changePercent)
        #expect(LeagueBasis(name: "segment-share") == .segmentShare)
        #expect(LeagueBasis(name: "nope") == nil)
        #expect(LeagueBasis.shareOf("WLD").description == "share-of:WLD")
    }

    @Test("rank history: China climbs to first and stays there")
    func history() throws {
        let h = try panel.rankHistory(metric: .units)
        let chn = try #require(h.ranks(of: "CHN"))
        let years = h.periods.map(\.year)
        for (y, r) in zip(years, chn) where y >= 2023 { #expect(r == 1) }
        let p2022 = try #require(years.firstIndex(of: 2022))
        #expect(h.exporter(ranked: 1, inPeriod: p2022) == "JPN")
        // Each period's ranks equal that period's league table.
        for (p, period) in h.periods.enumerated() {
            guard let t = try? panel.leagueTable(period: period) else { continue }
            for row in t.rows {
                let e = try #require(h.exporters.firstIndex(of: row.exporter))
                #expect(h.ranks[p * h.exporters.count + e] == row.rank)
            }
        }
    }
}

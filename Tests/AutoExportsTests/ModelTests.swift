import Foundation
import Testing

@testable import AutoExports

@Suite("Periods")
struct PeriodTests {
    @Test("parse and print years, quarters and months")
    func roundTrip() throws {
        for text in ["2023", "2023-Q1", "2023-Q4", "2023-03", "2023-12", "0001", "9999-12"] {
            let p = try #require(Period(parsing: text))
            #expect(p.description == text)
            #expect(Period(code: p.code) == p)
        }
        #expect(Period(parsing: "2023Q2")?.description == "2023-Q2")
        #expect(Period(parsing: "2023-3")?.description == "2023-03")
        #expect(Period(parsing: " 2023 ")?.description == "2023")
    }

    @Test(
        "bad periods are rejected",
        arguments: [
            "", "23", "2023-Q5", "2023-Q0", "2023-13", "2023-00",
            "20x3", "2023-", "2023-Q", "abcd", "0000", "2023-001",
        ])
    func rejects(text: String) {
        #expect(Period(parsing: text) == nil)
    }

    @Test("the C encoding is YYYY, YYYYQ, YYYYMM")
    func codes() {
        #expect(Period(year: 2023)?.code == 2023)
        #expect(Period(year: 2023, quarter: 1)?.code == 20231)
        #expect(Period(year: 2023, month: 3)?.code == 202303)
        #expect(Period(code: 0) == nil && Period(code: 20235) == nil && Period(code: 202313) == nil)
    }

    @Test("predecessor and successor cross year boundaries")
    func neighbours() {
        #expect(Period(year: 2023, month: 1)?.predecessor == Period(year: 2022, month: 12))
        #expect(Period(year: 2023, quarter: 4)?.successor == Period(year: 2024, quarter: 1))
        #expect(Period(year: 2023)?.distance(to: Period(year: 2025)!) == 2)
        #expect(Period(year: 2023)?.distance(to: Period(year: 2023, month: 1)!) == nil)
        #expect(Period(year: 2023, month: 5)?.rolledUp(to: .quarter) == Period(year: 2023, quarter: 2))
    }
}

@Suite("Exporters and segments")
struct ExporterTests {
    @Test("common names, codes and UN M49 numbers resolve to alpha-3")
    func resolve() {
        #expect(Exporter.resolve("China")?.code == "CHN")
        #expect(Exporter.resolve("Korea, Rep.")?.code == "KOR")
        #expect(Exporter.resolve("Türkiye")?.code == "TUR")
        #expect(Exporter.resolve("Turkey")?.code == "TUR")
        #expect(Exporter.resolve("156")?.code == "CHN")
        #expect(Exporter.resolve("392")?.code == "JPN")
        #expect(Exporter.resolve("jpn")?.code == "JPN")
        #expect(Exporter.resolve("EU27")?.isAggregate == true)
        #expect(Exporter.resolve("Atlantis") == nil)
        #expect(Exporter("KOR").name == "South Korea")
    }

    @Test("segment groups are sums of exclusive segments")
    func segments() {
        #expect(Segment.nev.parts == [.bev, .phev, .fcev])
        #expect(Segment.plugin.parts == [.bev, .phev])
        #expect(Set(Segment.total.parts) == Set(Segment.nev.parts + Segment.conventional.parts))
        #expect(Segment(name: "EV") == .plugin)
        #expect(Segment(name: "hybrid") == nil)
    }
}

@Suite("Panel")
struct PanelTests {
    let chn = SeriesKey(exporter: "CHN", source: "CAAM", scope: "all_vehicles")
    let jpn = SeriesKey(exporter: "JPN", source: "JAMA", scope: "all_vehicles")

    @Test("rows are grouped by period and found without scanning")
    func lookups() throws {
        var b = PanelBuilder()
        try b.add(jpn, Period(year: 2023)!, 4_422_682)
        try b.add(chn, Period(year: 2023)!, 4_910_000, citation: "c1")
        try b.add(chn, Period(year: 2022)!, 3_110_000)
        let p = b.build()
        #expect(p.periods == [Period(year: 2022)!, Period(year: 2023)!])
        #expect(p.rows(inPeriod: 1).count == 2)
        let c = try #require(p.seriesIndex(of: chn))
        #expect(p.value(of: c, in: 1) == 4_910_000)
        #expect(p.value(of: try #require(p.seriesIndex(of: jpn)), in: 0) == nil)
        #expect(p.observations(of: c).map(\.value) == [3_110_000, 4_910_000])
        #expect(p.observations(of: c).map(\.citation) == [nil, "c1"])
    }

    @Test("the same series and period twice is a duplicate")
    func duplicate() throws {
        var b = PanelBuilder()
        try b.add(chn, Period(year: 2023)!, 1)
        #expect(throws: PanelError.duplicate(chn, Period(year: 2023)!)) {
            try b.add(chn, Period(year: 2023)!, 2)
        }
        #expect(b.count == 1)
    }

    @Test("the panel does not depend on the order rows were added in")
    func canonical() throws {
        var a = PanelBuilder(), b = PanelBuilder()
        let rows: [(SeriesKey, Int, Double)] = [(chn, 2021, 1), (jpn, 2020, 2), (chn, 2020, 3), (jpn, 2022, 4)]
        for r in rows { try a.add(r.0, Period(year: r.1)!, r.2) }
        for r in rows.reversed() { try b.add(r.0, Period(year: r.1)!, r.2) }
        let (x, y) = (a.build(), b.build())
        #expect(x.series == y.series && x.rowSeries == y.rowSeries && x.rowValues == y.rowValues)
    }
}

@Suite("Reference data")
struct ReferenceDataTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("the embedded text is the committed CSV, and the CSV is the shared reference when present")
    func embeddedEqualsFile() throws {
        let file = try String(
            contentsOf: Self.repo.appendingPathComponent(
                "Sources/AutoExports/Data/Reference/exports.csv"), encoding: .utf8)
        // The file has CRLF line ends; a Swift string literal has LF.
        #expect(
            ReferenceData.csv
                == file.replacingOccurrences(of: "\r\n", with: "\n")
                .trimmingCharacters(in: .newlines))
        // The committed file is the shared reference file, every row of which must parse
        // (the JAMA fiscal years `FY2015` … included, docs/periods.md).
        let shared = Self.repo.deletingLastPathComponent().appendingPathComponent("shared/data/reference/exports.csv")
        if let s = try? String(contentsOf: shared, encoding: .utf8) {
            let lines = s.replacingOccurrences(of: "\r\n", with: "\n").split(
                separator: "\n", omittingEmptySubsequences: true)
            let readable = lines.enumerated().filter { i, line in
                i == 0 || Period(parsing: line.split(separator: ",", maxSplits: 2)[1]) != nil
            }.map { String($0.1) }
            #expect(readable.joined(separator: "\n") == ReferenceData.csv)
            #expect(lines.count - readable.count == ReferenceData.fiscalYearRowsLeftOut)
        }
    }

    @Test("every row of the reference file is embedded, with its citation")
    func everyRow() throws {
        let file = try String(
            contentsOf: Self.repo.appendingPathComponent(
                "Sources/AutoExports/Data/Reference/exports.csv"), encoding: .utf8)
        let lines = file.split(whereSeparator: \.isNewline).dropFirst()
        #expect(ReferenceData.rows.count == lines.count)
        #expect(
            ReferenceData.rows.allSatisfy { $0.citation.hasPrefix("http") && ["cited", "derived"].contains($0.status) })
        #expect(ReferenceData.rows.count == 193, "every shared row, the 6 JAMA fiscal-year rows included")
        #expect(ReferenceData.rows.filter { $0.period.granularity == .fiscalYear(start: 4) }.count == 6)
        // The embedded panel also holds the destination series (destinations.csv, DestinationTests).
        #expect(ReferenceData.panel.rowCount == lines.count + ReferenceData.destinationRows.count)
        #expect(ReferenceData.totalsPanel.rowCount == lines.count)
    }

    @Test("the default choice picks CAAM, JAMA, VDA, KAMA and INEGI, and sees mixed scopes")
    func defaultChoice() throws {
        let sel = try ReferenceData.panel.select(metric: .units)
        func key(_ c: Exporter) -> SeriesKey? { sel.index(of: c).map { sel.keys[$0] } }
        #expect(key("CHN")?.source == "CAAM" && key("CHN")?.scope == "all_vehicles")
        #expect(key("JPN")?.source == "JAMA")
        #expect(key("DEU")?.source == "VDA" && key("DEU")?.scope == "passenger_cars")
        #expect(key("KOR")?.source == "KAMA")
        #expect(key("MEX")?.source == "INEGI" && key("MEX")?.scope == "light_vehicles")
        #expect(sel.index(of: "EU27") == nil, "aggregates are left out unless asked")
        #expect(sel.hasMixedScopes)
        // Hand-checked from exports.csv: CHN 2023 4,910,000; JPN 2023 4,422,682; KOR 2022 is a gap.
        let y23 = try #require(sel.index(of: Period(year: 2023)!))
        #expect(sel.value(exporter: sel.index(of: "CHN")!, period: y23) == 4_910_000)
        #expect(sel.value(exporter: sel.index(of: "JPN")!, period: y23) == 4_422_682)
        #expect(sel.value(exporter: sel.index(of: "KOR")!, period: sel.index(of: Period(year: 2022)!)!).isNaN)
        var customs = SeriesChoice.standard
        customs.perExporter["CHN"] = .init(source: "GACC")
        let g = try ReferenceData.panel.select(metric: .units, choice: customs, exporters: ["CHN"])
        #expect(g.keys == [SeriesKey(exporter: "CHN", source: "GACC", scope: "all_vehicles")])
    }

    @Test("complements are derived (China's conventional = total − nev) and 2023 checks out")
    func complements() throws {
        let (full, discrepancies) = ReferenceData.panel.completingSegments()
        #expect(discrepancies.isEmpty, "published 2023: 4,910,000 = 1,203,000 + 3,707,000")
        let conv = try #require(
            full.seriesIndex(
                of: SeriesKey(
                    exporter: "CHN", segment: .conventional,
                    source: "CAAM", scope: "all_vehicles")))
        let obs = full.observations(of: conv)
        // 2021: 2,015,000 − 310,000; 2022: 3,110,000 − 679,000; 2023 published; 2024: 5,859,000 − 1,284,000.
        #expect(obs.map(\.period.year) == [2021, 2022, 2023, 2024, 2025])
        #expect(obs.map(\.value) == [1_705_000, 2_431_000, 3_707_000, 4_575_000, 4_483_000])
        #expect(obs[2].citation?.hasPrefix("http") == true)
        #expect(obs[3].citation == "derived: conventional = total − nev")
    }

    @Test("a published total that disagrees with its parts is reported")
    func discrepancy() throws {
        var b = PanelBuilder()
        let k = SeriesKey(exporter: "CHN", source: "X", scope: "Y")
        var n = k; n.segment = .nev
        var c = k; c.segment = .conventional
        try b.add(k, Period(year: 2023)!, 100)
        try b.add(n, Period(year: 2023)!, 30)
        try b.add(c, Period(year: 2023)!, 60)
        let (_, d) = b.build().completingSegments()
        #expect(d.count == 1 && d.first?.published == 100 && d.first?.sumOfParts == 90)
    }
}

import Foundation
import Testing

@testable import AutoExports

/// Runs the pieces of a split serially: lets tests cut blocks into several pieces (as a
/// threaded runner would) and check the result does not depend on the split.
struct PiecesFor: ParallelFor {
    var width: Int
    func run(_ count: Int, _ body: (Int) -> Void) {
        for i in (0..<count).reversed() { body(i) }  // out of order on purpose
    }
}

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

func fixture(_ path: String) throws -> [UInt8] {
    Array(try Data(contentsOf: repoRoot.appendingPathComponent("Tests/fixtures/" + path)))
}

func importBytes(
    _ bytes: [UInt8], format: ImportFormat = .tidy, options: ImportOptions = ImportOptions(),
    parallel: some ParallelFor = SerialFor()
) throws(ImportError) -> (panel: Panel, report: ImportReport) {
    let r: Result<(panel: Panel, report: ImportReport), ImportError> = bytes.withUnsafeBytes { b in
        do throws(ImportError) {
            return .success(try Importer.read(bytes: b, format: format, options: options, parallel: parallel))
        } catch { return .failure(error) }
    }
    return try r.get()
}

/// The observable content of a panel: keys, periods, rows, values bit for bit, citations.
func sameContent(_ a: Panel, _ b: Panel) -> Bool {
    a.series == b.series && a.periods == b.periods && a.rowSeries == b.rowSeries
        && a.rowValues.map(\.bitPattern) == b.rowValues.map(\.bitPattern)
        && (0..<a.rowCount).allSatisfy { a.citation(ofRow: $0) == b.citation(ofRow: $0) }
}

@Suite("Tidy CSV import")
struct TidyImportTests {
    @Test("header-driven columns, defaults, quoting, spreadsheet numbers, names and M49 codes")
    func basics() throws {
        let csv = """
            value,metric,period,exporter,source,notes
            "4,910,000",units,2023,China,CAAM,"said ""hello"", twice"
            4422682,units,2023,392,JAMA,
            ,usd,2024,Korea, Rep.,KAMA,
            """
        // The third row has an unquoted comma in the exporter: too many fields.
        let (panel, report) = try Importer.read(csv, format: .tidy, options: ImportOptions(policy: .lenient))
        #expect(report.rowsRead == 3 && report.rowsLoaded == 2 && report.rowsRejected == 1)
        #expect(report.rejections.first?.reason == .columnCount && report.rejections.first?.line == 4)
        let chn = try #require(panel.seriesIndex(of: SeriesKey(exporter: "CHN", source: "CAAM")))
        #expect(panel.series[chn].scope == "unspecified" && panel.series[chn].segment == .total)
        #expect(panel.observations(of: chn).map(\.value) == [4_910_000])
        #expect(panel.seriesIndex(of: SeriesKey(exporter: "JPN", source: "JAMA")) != nil)
    }

    @Test("BOM, CRLF, blank lines and a missing final line end")
    func encodingVariants() throws {
        let body = "exporter,period,metric,value\r\nCHN,2023,units,1\r\n\r\nJPN,2023,units,\r\nDEU,2023-Q1,units,3"
        let (panel, report) = try importBytes([0xEF, 0xBB, 0xBF] + Array(body.utf8))
        #expect(report.rowsLoaded == 3 && panel.rowCount == 3)
        let jpn = try #require(panel.seriesIndex(of: SeriesKey(exporter: "JPN")))
        #expect(panel.observations(of: jpn).first?.value.isNaN == true, "a blank value is missing")
        #expect(panel.periods.contains(Period(year: 2023, quarter: 1)!))
    }

    @Test("a quoted field may span lines; line numbers count physical lines")
    func multiline() throws {
        let csv = "exporter,period,metric,value,citation\nCHN,2023,units,1,\"a\nb\"\nJPN,2023,units,x,\n"
        let (panel, report) = try Importer.read(csv, format: .tidy, options: ImportOptions(policy: .lenient))
        #expect(panel.citation(ofRow: 0) == "a\nb")
        #expect(report.rejections.map(\.line) == [4])
    }

    @Test("strict fails on the first bad row and loads nothing; lenient loads the rest")
    func policies() throws {
        let csv =
            "exporter,period,metric,value\nCHN,2023,units,1\nCHN,2024,units,oops\nJPN,2023,units,2\nJPN,2023,units,3\n"
        #expect(throws: ImportError.self) { try Importer.read(csv, format: .tidy) }
        do {
            _ = try Importer.read(csv, format: .tidy)
        } catch {
            #expect(error.rejection.reason == .badNumber && error.rejection.line == 3 && error.rejection.column == 4)
            #expect(error.rejection.columnName == "value")
        }
        let (panel, report) = try Importer.read(csv, format: .tidy, options: ImportOptions(policy: .lenient))
        #expect(panel.rowCount == 2)
        #expect(report.rowsRead == report.rowsLoaded + report.rowsRejected + report.rowsSkipped)
        #expect(report.rejections.map(\.reason) == [.badNumber, .duplicate])
        #expect(report.rejections.map(\.line) == [3, 5])
    }

    @Test("missing required columns and repeated columns refuse the input")
    func header() {
        for (csv, reason) in [
            ("exporter,period,value\nCHN,2023,1\n", RejectionReason.missingColumn),
            ("exporter,period,metric,value,country\n", .duplicateColumn),
        ] {
            do {
                _ = try Importer.read(csv, format: .tidy, options: ImportOptions(policy: .lenient))
                Issue.record("accepted \(csv)")
            } catch {
                #expect(error.rejection.reason == reason)
            }
        }
    }

    @Test("importing into a panel adds to it and refuses rows it already has")
    func intoBase() throws {
        let base = ReferenceData.panel
        let csv =
            "exporter,period,metric,value,source,scope\nCHN,2023,units,1,CAAM,all_vehicles\nCHN,2026,units,2,CAAM,all_vehicles\n"
        let (panel, report) = try Importer.read(
            csv, format: .tidy, options: ImportOptions(policy: .lenient), into: base)
        #expect(panel.rowCount == base.rowCount + 1)
        #expect(report.rejections.first?.reason == .duplicate && report.rejections.first?.line == 2)
    }
}

@Suite("Malformed inputs")
struct MalformedInputTests {
    struct Case: CustomStringConvertible, Sendable {
        var name, file, reason: String
        var line, column, loadedLenient: Int
        var description: String { name }
    }

    static let cases: [Case] = {
        guard
            let text = try? String(
                contentsOf: repoRoot.appendingPathComponent("Tests/fixtures/malformed/manifest.csv"),
                encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let l = Int(f[3]), let c = Int(f[4]), let n = Int(f[5]) else { return nil }
            return Case(name: f[0], file: f[1], reason: f[2], line: l, column: c, loadedLenient: n)
        }
    }()

    static func bytes(_ c: Case) throws -> [UInt8] {
        if c.file == "@long_line" {
            return Array("exporter,period,metric,value\nCHN,2023,units,".utf8) + [UInt8](repeating: 57, count: 10 << 20)
        }
        return try fixture("malformed/" + c.file)
    }

    @Test("the corpus is complete")
    func corpus() { #expect(Self.cases.count == 12) }

    @Test("each malformed input gives its documented error with line and column", arguments: cases)
    func strict(c: Case) throws {
        let data = try Self.bytes(c)
        do {
            _ = try importBytes(data)
            Issue.record("\(c.name) was accepted")
        } catch {
            #expect(error.rejection.reason.description == c.reason, "\(c.name): \(error.rejection)")
            #expect(
                error.rejection.line == c.line && error.rejection.column == c.column, "\(c.name): \(error.rejection)")
        }
    }

    @Test("lenient: the bad row is reported, the others load; input-level errors still fail", arguments: cases)
    func lenient(c: Case) throws {
        let data = try Self.bytes(c)
        do {
            let (panel, report) = try importBytes(data, options: ImportOptions(policy: .lenient))
            #expect(c.loadedLenient >= 0, "\(c.name) should fail as a whole")
            #expect(panel.rowCount == c.loadedLenient)
            #expect(report.rowsRead == report.rowsLoaded + report.rowsRejected + report.rowsSkipped)
            let r = try #require(report.rejections.first)
            #expect(r.reason.description == c.reason && r.line == c.line && r.column == c.column, "\(r)")
        } catch let error as ImportError {
            #expect(c.loadedLenient == -1, "\(c.name): \(error)")
            #expect(error.rejection.reason.description == c.reason)
        }
    }

    @Test("random bytes never crash the importer")
    func fuzz() {
        var rng = SplitMix64(seed: 7)
        let alphabet =
            Array("exporter,period,metric,value\n\"CHN2023-Q1,units,.e9 \r\n".utf8) + [0, 0xEF, 0xBB, 0xBF, 0xC3, 0xFF]
        for _ in 0..<3000 {
            let n = Int(rng.next() % 200)
            var bytes = Array("exporter,period,metric,value\n".utf8)
            for _ in 0..<n { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            for policy in [ImportPolicy.strict, .lenient] {
                if let r = try? importBytes(bytes, options: ImportOptions(policy: policy)) {
                    #expect(r.report.rowsRead == r.report.rowsLoaded + r.report.rowsRejected + r.report.rowsSkipped)
                }
            }
        }
    }
}

@Suite("Round trip")
struct RoundTripTests {
    @Test("the reference data exports and reads back identical, citations included")
    func reference() throws {
        let text = ReferenceData.panel.exported(as: .csv)
        let (back, _) = try Importer.read(text, format: .tidy)
        #expect(sameContent(ReferenceData.panel, back))
        #expect(back.rowCount == ReferenceData.rows.count + ReferenceData.destinationRows.count)
    }

    static func randomPanel(rows: Int, seed: UInt64) throws -> Panel {
        var rng = SplitMix64(seed: seed)
        let exporters = Exporter.all.filter { !$0.isAggregate }.prefix(60).map { $0 }
        let texts = [
            "CAAM", "=HYPERLINK(\"x\")", "-minus", "+plus", "@at", "\tTab", "'=quoted", "a,b", "say \"hi\"",
            " spaced ", "Ünïcödé", "line\nbreak", "unspecified",
        ]
        var b = PanelBuilder()
        b.reserveCapacity(rows)
        while b.count < rows {
            let key = SeriesKey(
                exporter: exporters[Int(rng.next() % UInt64(exporters.count))],
                segment: Segment.allCases[Int(rng.next() % 10)],
                metric: rng.next() % 3 == 0 ? .usd : .units,
                source: texts[Int(rng.next() % UInt64(texts.count))],
                scope: texts[Int(rng.next() % UInt64(texts.count))])
            let g = rng.next() % 3
            let period: Period? =
                g == 0
                ? Period(year: 1990 + Int(rng.next() % 40))
                : g == 1
                    ? Period(year: 1990 + Int(rng.next() % 40), quarter: 1 + Int(rng.next() % 4))
                    : Period(year: 1990 + Int(rng.next() % 40), month: 1 + Int(rng.next() % 12))
            guard let period, !b.contains(key, period) else { continue }
            let kind = rng.next() % 6
            let value: Double =
                kind == 0
                ? Double(bitPattern: rng.next())
                : kind == 1
                    ? .nan
                    : kind == 2
                        ? -0.0
                        : kind == 3
                            ? Double(rng.next() % 10_000_000)
                            : kind == 4 ? Double(rng.next() % 1_000_000) / 7 : Double(bitPattern: rng.next() >> 12)
            let citation: String? = rng.next() % 4 == 0 ? texts[Int(rng.next() % UInt64(texts.count))] : nil
            try b.add(key, period, value.isNaN && kind == 0 ? 1 : value, citation: citation)
        }
        return b.build()
    }

    @Test("a random panel of 100,000 rows exports and reads back identical, bit for bit")
    func random() throws {
        let panel = try Self.randomPanel(rows: 100_000, seed: 2024)
        for escape in [true, false] {
            let text = panel.exported(as: .csv, escapeFormulas: escape)
            var options = ImportOptions()
            options.unescapeFormulas = escape
            let (back, report) = try Importer.read(text, format: .tidy, options: options)
            #expect(report.rowsLoaded == 100_000)
            #expect(sameContent(panel, back), "escapeFormulas: \(escape)")
        }
    }

    @Test("formula injection: text cells that start with = + - @ tab CR are escaped unless turned off")
    func escaping() throws {
        var b = PanelBuilder()
        try b.add(
            SeriesKey(exporter: "CHN", source: "=cmd|' /C calc'!A0", scope: "@SUM(1)"), Period(year: 2023)!, -5,
            citation: "+1")
        let escaped = b.build().exported(as: .csv)
        let line = escaped.split(separator: "\n")[1]
        #expect(line == "CHN,2023,total,units,-5,'=cmd|' /C calc'!A0,'@SUM(1),'+1")
        let plain = b.build().exported(as: .csv, escapeFormulas: false)
        #expect(plain.split(separator: "\n")[1] == "CHN,2023,total,units,-5,=cmd|' /C calc'!A0,@SUM(1),+1")
    }

    @Test("the split into pieces and blocks does not change the result")
    func splitting() throws {
        let panel = try Self.randomPanel(rows: 20_000, seed: 99)
        var text = panel.exported(as: .csv)
        text += "CHN,2023,total,units,notanumber,,,\n"
        let bytes = Array(text.utf8)
        var small = ImportOptions(policy: .lenient)
        small.blockBytes = 100_000
        small.minPieceBytes = 1000
        let serial = try importBytes(bytes, options: ImportOptions(policy: .lenient))
        let pieces = try importBytes(bytes, options: small, parallel: PiecesFor(width: 3))
        #expect(sameContent(serial.panel, pieces.panel))
        #expect(serial.report.rejections == pieces.report.rejections)
        #expect(pieces.report.rejections.first?.line == bytes.filter { $0 == 10 }.count)
        // Streaming from a source that hands out a few bytes at a time.
        struct Trickle: ByteSource {
            var bytes: [UInt8]
            var at = 0
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
                let n = min(buffer.count, bytes.count - at, 7919)
                bytes.withUnsafeBytes { b in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[at..<(at + n)]))
                }
                at += n
                return n
            }
        }
        var source = Trickle(bytes: bytes)
        let streamed = try Importer.read(
            from: &source, sizeHint: bytes.count, format: .tidy, options: small,
            parallel: PiecesFor(width: 2))
        #expect(sameContent(serial.panel, streamed.panel))
        #expect(serial.report.rejections == streamed.report.rejections)
    }
}

@Suite("Wide CSV import")
struct WideImportTests {
    @Test("one row per exporter, one column per period; metric and source from the caller")
    func wide() throws {
        let csv = """
            Country Name,Country Code,2022,2023,2024
            China,CHN,"3,110,000","4,910,000","5,859,000"
            Japan,JPN,3813000,4422682,
            Atlantis,ATL,1,2,3
            """
        var o = ImportOptions(policy: .lenient)
        o.source = "mixed"
        o.scope = "all_vehicles"
        let (panel, report) = try Importer.read(csv, format: .wide, options: o)
        #expect(report.rowsLoaded == 2 && report.rowsRejected == 1)
        #expect(report.rejections.first?.reason == .unknownExporter && report.rejections.first?.column == 2)
        let jpn = try #require(
            panel.seriesIndex(of: SeriesKey(exporter: "JPN", source: "mixed", scope: "all_vehicles")))
        #expect(panel.observations(of: jpn).map(\.value) == [3_813_000, 4_422_682], "a blank cell is a gap")
        #expect(report.observationsLoaded == 5)
    }
}

@Suite("UN Comtrade import")
struct ComtradeImportTests {
    static func load() throws -> (panel: Panel, report: ImportReport) {
        try importBytes(try fixture("comtrade_8703.csv"), format: .comtrade)
    }

    @Test("exports to the world and to partners are read, the rest is skipped and counted")
    func filters() throws {
        let (panel, report) = try Self.load()
        #expect(report.rowsRead == 246)
        // Imports and breakdowns are skipped; the two exports to partner 842 (the USA) load (issue 19).
        #expect(report.rowsSkipped == 6)
        #expect(report.rowsLoaded == 240 && report.rowsRejected == 0)
        #expect(Set(panel.series.map(\.partner)) == [.world, "USA"])
        #expect(Set(panel.series.map(\.exporter)) == ["CHN", "JPN"])
        #expect(Set(panel.series.map(\.metric)) == [.units, .usd])
        #expect(panel.series.allSatisfy { $0.source == "Comtrade" && $0.scope == "hs8703_passenger_cars" })
        #expect(report.discrepancies.isEmpty)
    }

    @Test("per-segment series sum to the 8703 total, annually and monthly")
    func segmentsSumToTotal() throws {
        let (panel, _) = try Self.load()
        // The oracle: the fixture's own rows, summed by hand from the CSV with Foundation.
        for e in ["CHN", "JPN"] as [Exporter] {
            for m in [Metric.units, .usd] {
                for (p, period) in panel.periods.enumerated() {
                    let keys = panel.series.indices.filter {
                        panel.series[$0].exporter == e && panel.series[$0].metric == m && panel.series[$0].isWorld
                    }
                    var total: Double? = nil
                    var parts = 0.0
                    for s in keys {
                        guard let v = panel.value(of: s, in: p) else { continue }
                        if panel.series[s].segment == .total { total = v } else { parts += v }
                    }
                    guard let total else { continue }
                    #expect(total == parts, "\(e) \(m) \(period)")
                }
            }
        }
        let chnICE = try #require(
            panel.seriesIndex(
                of: SeriesKey(
                    exporter: "CHN", segment: .ice, metric: .units,
                    source: "Comtrade", scope: "hs8703_passenger_cars")))
        #expect(
            panel.observations(of: chnICE).count == 13, "870321…870332 summed into one ice series: 12 months + 2023")
    }

    @Test("monthly rows aggregate to the annual ones; a missing month makes the year partial")
    func monthsToYear() throws {
        let (panel, _) = try Self.load()
        let agg = panel.aggregated(to: .year)
        let y = Period(year: 2023)!
        var compared = 0
        for (s, key) in agg.panel.series.enumerated() {
            let published = try #require(panel.seriesIndex(of: key))
            let pa = try #require(agg.panel.periodIndex(of: y)), pp = try #require(panel.periodIndex(of: y))
            #expect(agg.panel.value(of: s, in: pa) == panel.value(of: published, in: pp), "\(key)")
            compared += 1
        }
        #expect(compared > 0 && agg.panel.series.allSatisfy { $0.exporter == "CHN" })
        #expect(
            !agg.partial.isEmpty
                && agg.partial.allSatisfy {
                    $0.series.exporter == "JPN" && $0.missing == [Period(year: 2023, month: 7)!]
                })
    }

    @Test("a repeated cell held to the end names its first row's line, whatever the block size")
    func heldLines() throws {
        let bytes = try fixture("comtrade_8703.csv")
        let first = try Self.load().panel
        // The oracle: the fixture's lines (1-based, header = 1) that are exports to the world or
        // to a partner (the generator writes flowCode, flowDesc, partnerCode, partnerISO side by side).
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let exportLines = Set(lines.indices.filter { $0 > 0 && lines[$0].contains(",X,Export,") }.map { $0 + 1 })
        #expect(exportLines.count >= 238, "every loaded row is among them")
        var seen: [[Int]] = []
        for blockBytes in [8 << 20, 4096, 1024] {
            var o = ImportOptions(policy: .lenient)
            o.blockBytes = blockBytes
            let result: Result<(panel: Panel, report: ImportReport), ImportError> = bytes.withUnsafeBytes { b in
                do throws(ImportError) {
                    return .success(try Importer.read(bytes: b, format: .comtrade, options: o, into: first))
                } catch { return .failure(error) }
            }
            let r = try result.get()
            #expect(r.report.observationsLoaded == 0 && !r.report.rejections.isEmpty)
            #expect(r.report.rejections.allSatisfy { $0.reason == .duplicate })
            let got = r.report.rejections.map(\.line)
            #expect(
                got.allSatisfy { exportLines.contains($0) },
                "block \(blockBytes): \(got.filter { !exportLines.contains($0) }.prefix(5))")
            seen.append(got)
        }
        #expect(seen.allSatisfy { $0 == seen[0] })
    }

    @Test("subheadings that disagree with the 8703 total are reported")
    func discrepancy() throws {
        let csv = """
            freqCode,period,reporterCode,reporterISO,flowCode,partnerCode,cmdCode,qtyUnitAbbr,qty,primaryValue
            A,2023,276,DEU,X,0,8703,u,100,1000
            A,2023,276,DEU,X,0,870380,u,40,400
            A,2023,276,DEU,X,0,870323,u,50,600
            A,2023,842,,X,0,8703,u,7,70
            A,2023,276,DEU,X,0,870380,u,1,1
            """
        let (panel, report) = try Importer.read(csv, format: .comtrade, options: ImportOptions(policy: .lenient))
        #expect(report.discrepancies.count == 1, "units: 40 + 50 = 90, not 100; usd: 400 + 600 = 1000")
        #expect(report.discrepancies.first?.published == 100 && report.discrepancies.first?.sumOfParts == 90)
        #expect(panel.series.contains { $0.exporter == "USA" }, "Comtrade's reporter 842 is the USA")
        #expect(report.rejections.first?.reason == .duplicate && report.rejections.first?.line == 6)
    }
}

@Suite("Import memory checks")
struct ImportMemoryCheckTests {
    /// 20,000 rows, each its own series (exporter codes kept as they are).
    static func rows() -> [UInt8] {
        var t = "exporter,period,metric,value\n"
        for i in 0..<20_000 { t += "X\(100_000 + i),\(2015 + i % 10),units,\(i)\n" }
        return Array(t.utf8)
    }

    @Test("a refused memory check ends the import with outOfMemory, under either policy")
    func refused() {
        for policy in [ImportPolicy.strict, .lenient] {
            var o = ImportOptions(policy: policy)
            o.keepUnknownExporters = true
            o.memoryCheck = { bytes in bytes < 64 << 10 }  // 64 KiB: far too little
            do {
                _ = try importBytes(Self.rows(), options: o)
                Issue.record("the import succeeded with 64 KiB")
            } catch {
                #expect((error.outOfMemory ?? 0) >= 64 << 10, "it names the refused size")
                #expect(error.rejection.detail.contains("out of memory"))
            }
        }
    }

    @Test("an accepting check changes nothing, and it is asked before the panel grows")
    func accepted() throws {
        var plain = ImportOptions(policy: .lenient)
        plain.keepUnknownExporters = true
        var checked = plain
        checked.memoryCheck = { bytes in bytes > 0 }
        let a = try importBytes(Self.rows(), options: plain)
        let b = try importBytes(Self.rows(), options: checked)
        #expect(a.panel.exported(as: .csv, escapeFormulas: true) == b.panel.exported(as: .csv, escapeFormulas: true))
        #expect(a.report.rowsLoaded == 20_000 && b.report.rowsLoaded == 20_000)
        // The largest request is at least the rows' columns.
        var large = plain
        large.memoryCheck = { bytes in bytes < 20_000 * 20 }
        #expect(throws: ImportError.self) { try importBytes(Self.rows(), options: large) }
    }
}

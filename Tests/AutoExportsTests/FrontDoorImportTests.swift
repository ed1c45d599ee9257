import Foundation
import Testing

@testable import AutoExports

/// Files as users write them (issue 23): descriptive columns in wide files, CSV saved by
/// spreadsheets in European locales, missing-value spellings, the documented examples.

/// A byte source over an array, a few bytes at a time (as a pipe would give them).
struct TrickleSource: ByteSource {
    var bytes: [UInt8]
    var at = 0
    let step: Int
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        let n = min(buffer.count, bytes.count - at, step)
        for k in 0..<n { buffer[k] = bytes[at + k] }
        at += n
        return n
    }
}

/// Windows-1252 bytes of text made of ASCII and Latin-1 letters (the test's own
/// encoder: every scalar below U+0100 is its own byte, which is Windows-1252 for these).
func cp1252(_ s: String) -> [UInt8] {
    s.unicodeScalars.map { scalar in
        precondition(scalar.value < 0x100 && !(0x80..<0xA0).contains(scalar.value))
        return UInt8(scalar.value)
    }
}

func observations(_ p: Panel) -> [String] {
    p.series.indices.flatMap { s in
        p.observations(of: s).map { "\(p.series[s]) \($0.period) \($0.value.bitPattern)" }
    }.sorted()
}

@Suite("Wide files with descriptive columns")
struct WideDescriptiveColumnTests {
    @Test("segment and unit columns are read, not dropped (was: CHN total units)")
    func segmentAndUnit() throws {
        let csv = "Country,Segment,Unit,2022,2023\nChina,nev,usd,679000,1203000\nJapan,,,5,6\n"
        let (panel, report) = try Importer.read(csv, format: .wide)
        #expect(report.rowsLoaded == 2 && report.rowsRejected == 0)
        let chn = try #require(panel.seriesIndex(of: SeriesKey(exporter: "CHN", segment: .nev, metric: .usd)))
        #expect(panel.observations(of: chn).map(\.value) == [679_000, 1_203_000])
        #expect(panel.seriesIndex(of: SeriesKey(exporter: "CHN")) == nil, "no total-units series made up")
        // Blank cells take the options' values.
        #expect(panel.seriesIndex(of: SeriesKey(exporter: "JPN")) != nil)
    }

    @Test("synonyms: powertrain, measure, provider, coverage; case and underscores ignored")
    func synonyms() throws {
        let csv = "COUNTRY_CODE,Powertrain,Measure,Provider,Coverage,2024\nDEU,bev,EUR,VDA,passenger_cars,100\n"
        let (panel, _) = try Importer.read(csv, format: .wide)
        #expect(
            panel.series == [
                SeriesKey(
                    exporter: "DEU", segment: .bev, metric: Metric(name: "eur")!,
                    source: "VDA", scope: "passenger_cars")
            ])
    }

    @Test("an unknown column is an error naming it; a bad segment is a row rejection")
    func unknownColumn() throws {
        do {
            _ = try Importer.read("country,notes,2023\nChina,CAAM,1\n", format: .wide)
            Issue.record("an unknown column loaded")
        } catch {
            #expect(error.rejection.column == 2 && error.rejection.columnName == "notes")
            #expect(error.rejection.detail.contains("\"notes\""))
        }
        let (_, r) = try Importer.read(
            "country,segment,2023\nChina,diesel-ish,1\nJapan,nev,2\n", format: .wide,
            options: ImportOptions(policy: .lenient))
        #expect(r.rowsRejected == 1 && r.rejections.first?.reason == .badSegment && r.rejections.first?.column == 2)
    }

    @Test("partner: World, WLD and blank are the world; a destination loads as a partner; an unknown one is refused")
    func partner() throws {
        let csv = "reporter,partner,2023\nChina,World,10\nJapan,WLD,11\nKorea,,12\nGermany,France,13\nChina,Frnace,14\n"
        let (panel, r) = try Importer.read(csv, format: .wide, options: ImportOptions(policy: .lenient))
        #expect(r.rowsLoaded == 4 && r.rowsRejected == 1 && panel.rowCount == 4)
        #expect(panel.series.filter { !$0.isWorld }.map { "\($0.exporter)>\($0.partner)" } == ["DEU>FRA"])
        let j = try #require(r.rejections.first)
        #expect(j.line == 6 && j.column == 2 && j.detail.contains("not a known partner") && j.detail.contains("FRA"))
    }

    @Test("one bad cell rejects that cell: the row's other cells load")
    func badCell() throws {
        let csv = "country,2021,2022,2023\nChina,1,abc,3\nJapan,4,5,6\n"
        let (panel, r) = try Importer.read(csv, format: .wide, options: ImportOptions(policy: .lenient))
        #expect(r.rowsRead == 2 && r.rowsLoaded == 1 && r.rowsRejected == 1 && r.rowsSkipped == 0)
        #expect(r.rejections.map(\.column) == [3] && r.rejections.first?.reason == .badNumber)
        let chn = try #require(panel.seriesIndex(of: SeriesKey(exporter: "CHN")))
        #expect(panel.observations(of: chn).map(\.value) == [1, 3])
        #expect(r.observationsLoaded == 5)
        // Strict: the bad cell fails the import.
        #expect(throws: ImportError.self) { try Importer.read(csv, format: .wide) }
    }
}

@Suite("CSV as spreadsheets save it")
struct SpreadsheetCSVTests {
    static let plainTidy = """
        exporter,period,segment,metric,value,source
        Türkiye,2023,total,units,1234567,OSD
        Réunion,2023,total,usd,174500000000.0,Customs
        China,2023,nev,units,0.25,CAAM
        China,2024,nev,usd,-1234.5,CAAM
        Japan,2023,total,units,4910000,JAMA
        "Korea, Republic of",2023,total,units,12,KAMA

        """
    static let europeanTidy = """
        exporter;period;segment;metric;value;source
        Türkiye;2023;total;units;1.234.567;OSD
        Réunion;2023;total;usd;174.500.000.000,0;Customs
        China;2023;nev;units;0,25;CAAM
        China;2024;nev;usd;-1.234,5;CAAM
        Japan;2023;total;units;4.910.000;JAMA
        Korea, Republic of;2023;total;units;12;KAMA

        """

    @Test("the European twin of a plain file (;, decimal comma, thousands dots, Windows-1252) loads identically")
    func europeanTwin() throws {
        let plain = try Importer.read(Self.plainTidy, format: .tidy)
        var o = ImportOptions()
        o.encoding = .windows1252
        let twin = try importBytes(cp1252(Self.europeanTidy), format: .tidy, options: o)
        #expect(plain.report.rowsLoaded == 6 && twin.report.rowsLoaded == 6)
        #expect(sameContent(plain.panel, twin.panel))
        #expect(observations(plain.panel) == observations(twin.panel))
        // Streamed (the C file import path) a few bytes at a time: the same.
        var source = TrickleSource(bytes: cp1252(Self.europeanTidy), step: 7)
        let streamed = try Importer.read(from: &source, format: .tidy, options: o)
        #expect(sameContent(plain.panel, streamed.panel))
    }

    @Test("wide twin: tab or ; delimited, spaces and no-break spaces as thousands separators")
    func wideTwin() throws {
        let plain = try Importer.read(
            "country,2022,2023\nChina,3110000,4910000.5\nJapan,3813000,4422682\n", format: .wide)
        for (sep, delim) in [(" ", ";"), ("\u{A0}", ";"), ("\u{202F}", "\t"), (".", "\t")] {
            let text =
                "country\(delim)2022\(delim)2023\r\nChina\(delim)3\(sep)110\(sep)000\(delim)4\(sep)910\(sep)000,5\r\n"
                + "Japan\(delim)3\(sep)813\(sep)000\(delim)4\(sep)422\(sep)682\r\n"
            let twin = try Importer.read(text, format: .wide)
            #expect(sameContent(plain.panel, twin.panel), "thousands \(Array(sep.unicodeScalars)) delimiter \(delim)")
        }
    }

    @Test("a decimal separator the file cannot tell is asked for, by line and column")
    func ambiguousDecimal() throws {
        let text = "country;2023\nChina;4.910\nJapan;12\n"
        do {
            _ = try Importer.read(text, format: .wide)
            Issue.record("an ambiguous number loaded")
        } catch {
            #expect(error.rejection.line == 2 && error.rejection.column == 2)
            #expect(error.rejection.detail.contains("decimal"))
        }
        var o = ImportOptions()
        o.decimal = ","
        let comma = try Importer.read(text, format: .wide, options: o)
        #expect(comma.panel.rowValues.sorted() == [12, 4910])
        o.decimal = "."
        let point = try Importer.read(text, format: .wide, options: o)
        #expect(point.panel.rowValues.sorted() == [4.91, 12])
        // Mixed evidence is refused too.
        #expect(throws: ImportError.self) { try Importer.read("country;2022;2023\nChina;1,5;2.5\n", format: .wide) }
    }

    @Test("explicit options: delimiter, thousands none, latin-1; invalid options are refused")
    func explicitOptions() throws {
        var o = ImportOptions()
        o.delimiter = "|"
        o.thousands = ""
        o.decimal = ","
        let r = try Importer.read("exporter|period|metric|value\nChina|2023|units|1,5\n", format: .tidy, options: o)
        #expect(r.panel.rowValues == [1.5])
        var l = ImportOptions()
        l.encoding = .latin1
        let t = try importBytes(cp1252("exporter,period,metric,value\nRéunion,2023,units,3\n"), options: l)
        #expect(t.panel.series.first?.exporter == "REU")
        var bad = ImportOptions()
        bad.delimiter = "x"
        #expect(throws: ImportError.self) { try Importer.read("a,b\n", format: .tidy, options: bad) }
        // Without the encoding, Windows-1252 bytes are refused with a hint.
        do {
            _ = try importBytes(cp1252("exporter,period,metric,value\nRéunion,2023,units,3\n"))
            Issue.record("Windows-1252 loaded as UTF-8")
        } catch {
            #expect(error.rejection.reason == .invalidUTF8 && error.rejection.detail.contains("cp1252"))
        }
    }

    @Test("quoted fields with line breaks keep their lines; a bad quote is still reported where it is")
    func linesKept() throws {
        let text = "exporter;period;metric;value;citation\n\nChina;2023;units;1;\"a\nb\"\nJapan;2023;units;x;\n"
        let r = try Importer.read(text, format: .tidy, options: ImportOptions(policy: .lenient))
        #expect(r.report.rejections.first?.line == 5 && r.report.rejections.first?.reason == .badNumber)
        let q = try Importer.read(
            "exporter;period;metric;value\nChina;2023;units;1\"2\n", format: .tidy,
            options: ImportOptions(policy: .lenient))
        #expect(q.report.rejections.first?.reason == .badQuote)
    }
}

@Suite("Missing-value spellings")
struct MissingValueTests {
    @Test("NA, N/A, #N/A, -, .., … and blank are gaps, not bad numbers, and are counted")
    func tidy() throws {
        let spellings = ["NA", "N/A", "#N/A", "-", "..", "…", "", " NA "]
        var csv = "exporter,period,metric,value\nChina,2000,units,1\n"
        for (k, s) in spellings.enumerated() { csv += "China,\(2001 + k),units,\(s)\n" }
        let (panel, r) = try Importer.read(csv, format: .tidy)
        #expect(r.rowsRead == 9 && r.rowsLoaded == 9 && r.rowsRejected == 0 && r.rowsSkipped == 0)
        #expect(r.missingValues == spellings.count)
        #expect(panel.rowValues.filter { !$0.isNaN } == [1])
    }

    @Test("wide: missing cells add no observation and are counted")
    func wide() throws {
        let (panel, r) = try Importer.read(
            "country,2021,2022,2023,2024\nChina,1,..,-,\nJapan,N/A,2,#N/A,…\n", format: .wide)
        #expect(r.rowsLoaded == 2 && r.rowsRejected == 0 && r.missingValues == 6)
        #expect(panel.rowValues.sorted() == [1, 2])
    }

    @Test("naValues replaces the spellings")
    func custom() throws {
        var o = ImportOptions(policy: .lenient)
        o.naValues = ["x"]
        let (_, r) = try Importer.read("country,2021,2022\nChina,x,NA\n", format: .wide, options: o)
        #expect(r.missingValues == 1 && r.rowsRejected == 1 && r.rejections.first?.column == 3)
    }
}

@Suite("Documented example files")
struct ExampleDataTests {
    @Test(
        "every file of examples/data loads without a rejection",
        arguments: [
            ("tidy.csv", ImportFormat.tidy), ("wide.csv", .wide), ("wide-european.csv", .wide),
            ("comtrade.csv", .comtrade),
        ])
    func loads(_ name: String, _ format: ImportFormat) throws {
        let bytes = Array(try Data(contentsOf: repoRoot.appendingPathComponent("examples/data/" + name)))
        var o = ImportOptions(policy: .lenient)
        if name.contains("european") { o.encoding = .windows1252 }
        let (panel, r) = try importBytes(bytes, format: format, options: o)
        #expect(r.rowsRejected == 0 && r.rowsLoaded > 0 && panel.rowCount > 0, "\(name): \(r.rejections)")
    }

    @Test("the European wide example holds the same figures as the plain one")
    func europeanExample() throws {
        let plain = try importBytes(
            Array(try Data(contentsOf: repoRoot.appendingPathComponent("examples/data/wide.csv"))),
            format: .wide)
        var o = ImportOptions()
        o.encoding = .windows1252
        let twin = try importBytes(
            Array(try Data(contentsOf: repoRoot.appendingPathComponent("examples/data/wide-european.csv"))),
            format: .wide, options: o)
        #expect(observations(plain.panel) == observations(twin.panel))
    }
}

import Dispatch
import Testing

@testable import AutoExports

/// Runs tasks on real threads (as the C library's runner does): the read-ahead, the
/// merge of the previous block and the pieces run at the same time.
struct ConcurrentFor: ParallelFor {
    var width: Int
    func run(_ count: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: count) { work($0) }
        }
    }
}

/// The tidy importer's fast path (plain records read straight from the bytes, special
/// bytes indexed 64 bytes a step across records (`SeparatorIndex`), the period and rest-of-key caches,
/// the short-exporter table) against its general path (`TidyCSV.generalOnly`: every
/// record through `CSVScanner` and `read`) as the oracle, on inputs built to hit the
/// cases where the two could part: quoted fields across word and block boundaries, CRLF
/// and lone CR, blank lines, tabs and spaces, numbers the fast path must hand on.
@Suite("Tidy CSV ingest fast path")
struct IngestFastPathTests {
    /// Imports `bytes` with the fast path on or off.
    static func run(
        _ bytes: [UInt8], general: Bool, options: ImportOptions,
        parallel: some ParallelFor
    ) -> Result<(panel: Panel, report: ImportReport), ImportError> {
        bytes.withUnsafeBytes { b in
            var prototype = TidyCSV(options: options)
            prototype.generalOnly = general
            var run = ImportRun(prototype: prototype, options: options, base: Panel())
            var blocks = MemoryBlocks(bytes: b, blockBytes: options.blockBytes)
            do throws(ImportError) {
                return .success(try run.run(&blocks, sizeHint: b.count, parallel: parallel))
            } catch { return .failure(error) }
        }
    }

    /// Fast and general agree: the same panel (bit for bit), the same counts and the same
    /// rejections, or the same error.
    static func agree(
        _ bytes: [UInt8], _ options: ImportOptions, width: Int = 3,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let fast = run(bytes, general: false, options: options, parallel: PiecesFor(width: width))
        let general = run(bytes, general: true, options: options, parallel: SerialFor())
        switch (fast, general) {
        case let (.success(a), .success(b)):
            #expect(sameContent(a.panel, b.panel), sourceLocation: sourceLocation)
            #expect(a.report.rejections == b.report.rejections, sourceLocation: sourceLocation)
            #expect(
                [
                    a.report.rowsRead, a.report.rowsLoaded, a.report.rowsRejected, a.report.observationsLoaded,
                    a.report.missingValues,
                ]
                    == [
                        b.report.rowsRead, b.report.rowsLoaded, b.report.rowsRejected, b.report.observationsLoaded,
                        b.report.missingValues,
                    ], sourceLocation: sourceLocation)
        case let (.failure(a), .failure(b)):
            #expect(a.rejection == b.rejection, sourceLocation: sourceLocation)
        default:
            Issue.record("fast \(fast), general \(general)", sourceLocation: sourceLocation)
        }
    }

    /// A tidy file of random rows, with the spellings that must leave the fast path.
    static func randomCSV(rows: Int, seed: UInt64, partner: Bool = false, crlf: Bool = false) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        let exporters = [
            "CHN", "JPN", "DEU", "E0001", "E0002", "EXPORTER7", "LONGEXPORTER12", "Japan", "X",
            "\"CHN\"", " KOR ", "United States", "ZZZ", "", "A\tB", "12345678", "1234567",
        ]
        let partners = ["", "WLD", "USA", "World", "\"DEU\"", "QQQ"]
        let periods = [
            "2023", "2023-Q1", "2023-03", "1999-12", "2024-Q4", "2023-13", "", "\"2022\"", "2021-H1",
            " 2020", "2019-Q5", "20X0",
        ]
        let metrics = ["units", "units", "usd", "\"units\"", "eur", "widgets", ""]
        let values = [
            "4910000", "0", "-12", "+7", "1e6", "2.5E-3", "12345678901234567890123", "1234567890123456",
            "123456789012345", "\"4,910,000\"", "4,910,000", "", "NA", "..", "-", "abc", "0.1",
            "00042", " 42 ", "1,5", "inf", "-0.0", "9007199254740993", "\"\"\"1\"\"\"", "1\"2",
        ]
        let breaks = crlf ? ["\r\n", "\r\n", "\r\n", "\n", "\r"] : ["\n", "\n", "\n", "\n", "\r\n", "\n\n", "\r"]
        var out = partner ? "exporter,partner,period,metric,value\n" : "exporter,period,metric,value\n"
        for _ in 0..<rows {
            var row = [pick(exporters)]
            if partner { row.append(pick(partners)) }
            row += [pick(periods), pick(metrics), pick(values)]
            if rng.next() % 50 == 0 { row.append("extra") }
            if rng.next() % 40 == 0 { row[0] = "\"multi\nline\"" }
            out += row.joined(separator: ",") + pick(breaks)
        }
        return Array(out.utf8)
    }

    @Test("random files: fast path and general path agree (lenient and strict, keep and refuse unknown exporters)")
    func randomFiles() {
        for seed in UInt64(1)...12 {
            let bytes = Self.randomCSV(rows: 600, seed: seed, partner: seed % 3 == 0, crlf: seed % 4 == 1)
            for (policy, keep, block) in [
                (ImportPolicy.lenient, true, 8 << 20), (.lenient, false, 257),
                (.lenient, true, 64), (.strict, true, 1000),
            ] {
                var o = ImportOptions(policy: policy)
                o.keepUnknownExporters = keep
                o.blockBytes = block
                o.minPieceBytes = 16
                Self.agree(bytes, o)
            }
        }
    }

    @Test("clean files (all rows on the fast path): agree, and the panel holds exactly the rows written")
    func cleanFiles() throws {
        for crlf in [false, true] {
            var text = "exporter,period,metric,value" + (crlf ? "\r\n" : "\n")
            var expected: [String: Double] = [:]
            for p in 0..<40 {
                for e in 0..<30 {
                    let code = e % 3 == 0 ? "EXPORTER\(e)" : "E\(e)"  // long and short keys
                    let v = Double(p * 1000 + e)
                    text += "\(code),\(2000 + p / 12)-\(p % 12 < 9 ? "0" : "")\(p % 12 + 1),units,\(Int(v))"
                    text += crlf ? "\r\n" : "\n"
                    expected["\(code) \(2000 + p / 12)-\(p % 12 + 1)"] = v
                }
            }
            let bytes = Array(text.utf8)
            var o = ImportOptions(policy: .strict)
            o.keepUnknownExporters = true
            for block in [8 << 20, 100, 64, 63] {
                o.blockBytes = block
                o.minPieceBytes = 16
                Self.agree(bytes, o)
            }
            guard case .success(let r) = Self.run(bytes, general: false, options: o, parallel: PiecesFor(width: 2))
            else { Issue.record("the clean file failed"); continue }
            #expect(r.panel.rowCount == expected.count)
            var got: [String: Double] = [:]
            for row in 0..<r.panel.rowCount {
                let period = r.panel.periods[r.panel.periodIndex(ofRow: row)]
                got["\(r.panel.series[Int(r.panel.rowSeries[row])].exporter.code) \(period.year)-\(period.sub)"] =
                    r.panel.rowValues[row]
            }
            #expect(got == expected)
        }
    }

    @Test("a quoted field at every offset around 8- and 64-byte boundaries")
    func quotesAtBoundaries() {
        for pad in 0..<72 {
            let name = String(repeating: "x", count: pad)
            var text = "exporter,period,metric,value,source\n"
            text += "CHN,2023,units,1,\(name)\n"
            text += "JPN,2023,units,\"2\",\"q,\(name)\"\n"  // a quote right after `pad` bytes
            text += "DEU,2023,units,3,\"a\r\nb\"\n"
            text += "KOR,2023,units,4,plain\n"
            text += "USA,2023,units,5,\"\(name)\"\"\"\n"
            var o = ImportOptions(policy: .lenient)
            for block in [8 << 20, 64, 72] {
                o.blockBytes = block
                o.minPieceBytes = 8
                Self.agree(Array(text.utf8), o)
            }
        }
    }

    @Test("rejections keep their line and column on the fast path's files")
    func rejectionLines() throws {
        var text = "exporter,period,metric,value\n"
        for i in 0..<500 { text += "E\(i % 7),\(1900 + i),units,\(i)\n" }
        text += "E1,2400,units,12abc\n"  // line 502
        for i in 0..<10 { text += "E\(i),2500,units,\(i)\r\n" }
        text += "E0,1900,units,5\n"  // line 513: a duplicate of line 2
        var o = ImportOptions(policy: .lenient)
        o.keepUnknownExporters = true
        o.blockBytes = 1000
        o.minPieceBytes = 16
        Self.agree(Array(text.utf8), o)
        guard
            case .success(let r) = Self.run(Array(text.utf8), general: false, options: o, parallel: PiecesFor(width: 2))
        else { Issue.record("import failed"); return }
        #expect(r.report.rejections.map(\.line) == [502, 513])
        #expect(r.report.rejections.map(\.column) == [4, 1])
        #expect(r.report.rejections.map(\.reason) == [.badNumber, .duplicate])
    }

    @Test("the quote test over every length and position against a byte loop")
    func containsQuote() {
        for n in 0..<80 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: n)
            bytes.withUnsafeBufferPointer { b in
                #expect(!RecordBoundaries.containsQuote(b.baseAddress ?? CSVScanner.emptyBase, n))
            }
            for q in 0..<n {
                bytes[q] = UInt8(ascii: "\"")
                bytes.withUnsafeBufferPointer { b in
                    #expect(RecordBoundaries.containsQuote(b.baseAddress!, n), "n \(n) quote at \(q)")
                    // Bytes that differ from a quote by one bit are not quotes.
                }
                bytes[q] = 0x22 ^ 0x01
                bytes.withUnsafeBufferPointer { b in #expect(!RecordBoundaries.containsQuote(b.baseAddress!, n)) }
                bytes[q] = 0x22 | 0x80
                bytes.withUnsafeBufferPointer { b in #expect(!RecordBoundaries.containsQuote(b.baseAddress!, n)) }
                bytes[q] = UInt8(ascii: "a")
            }
        }
    }

    @Test("the short-key table against a dictionary, through growth, with and without a successor guess")
    func shortKeyTable() {
        var rng = SplitMix64(seed: 7)
        let table = ShortKeyTable(capacity: 4)
        var oracle: [[UInt64]: Int32] = [:]
        var keys: [[UInt64]] = []
        var previous: Int32 = -1
        func lookup(_ word: UInt64, _ tag: UInt64, guess: Bool) -> Int32? {
            let e = guess ? table.find(word, tag: tag, after: previous) : table.find(word, tag: tag)
            return e < 0 ? nil : table.value(e)
        }
        for i in 0..<6000 {
            let n = 1 + Int(rng.next() % 8)
            var bytes = [UInt8](repeating: 0, count: 16)
            for k in 0..<n { bytes[k] = UInt8(truncatingIfNeeded: rng.next() % (i % 3 == 0 ? 3 : 256)) }
            let tag = UInt64(rng.next() % 4) << 4 | UInt64(n)
            let word = bytes.withUnsafeBufferPointer { ShortKeyTable.word($0.baseAddress!, n, readable: 16) }
            let tight = bytes.withUnsafeBufferPointer { ShortKeyTable.word($0.baseAddress!, n, readable: n) }
            #expect(word == tight)
            // Half the time, a key met before in the order met (what the guess is for).
            let k = i % 2 == 0 && !keys.isEmpty ? keys[(i / 2) % keys.count] : [word, tag]
            #expect(lookup(k[0], k[1], guess: i % 3 != 0) == oracle[k])
            if oracle[k] == nil {
                previous = table.insert(k[0], tag: k[1], value: Int32(i))
                oracle[k] = Int32(i)
                keys.append(k)
            } else {
                previous = table.find(k[0], tag: k[1])
            }
        }
        #expect(table.count == oracle.count)
        for (k, v) in oracle { #expect(lookup(k[0], k[1], guess: false) == v) }
        for (k, v) in oracle { #expect(lookup(k[0], k[1], guess: true) == v) }
    }
    @Test(
        "a streamed file of many blocks on real threads (read-ahead and merge beside the parsing) equals the serial general path"
    )
    func streamedOnThreads() throws {
        struct Chunks: ByteSource {
            var bytes: [UInt8]
            var at = 0
            mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
                let n = min(buffer.count, bytes.count - at, 5003)
                bytes.withUnsafeBytes { b in buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: b[at..<(at + n)]))
                }
                at += n
                return n
            }
            var failure: String { "" }
        }
        for seed in UInt64(20)...23 {
            var bytes = Self.randomCSV(rows: 4000, seed: seed, partner: seed % 2 == 0)
            // A long clean run after the random rows (most blocks on the fast path).
            let partner = seed % 2 == 0 ? "WLD," : ""
            for i in 0..<20_000 { bytes += Array("E\(i % 97),\(partner)\(1800 + i / 97),units,\(i)\n".utf8) }
            var o = ImportOptions(policy: .lenient)
            o.keepUnknownExporters = true
            o.blockBytes = 8192
            o.minPieceBytes = 64
            guard case .success(let oracle) = Self.run(bytes, general: true, options: o, parallel: SerialFor()) else {
                Issue.record("the general path failed"); continue
            }
            var source = Chunks(bytes: bytes)
            let streamed = try Importer.read(
                from: &source, sizeHint: bytes.count, format: .tidy, options: o,
                parallel: ConcurrentFor(width: 2))
            #expect(sameContent(oracle.panel, streamed.panel))
            #expect(oracle.report.rejections == streamed.report.rejections)
            #expect(
                oracle.report.rowsRead == streamed.report.rowsRead
                    && oracle.report.rowsLoaded == streamed.report.rowsLoaded)
            #expect(streamed.report.rowsLoaded > 20_000)
        }
    }
}

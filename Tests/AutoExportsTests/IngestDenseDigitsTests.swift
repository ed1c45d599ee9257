import Testing

@testable import AutoExports

/// The tidy importer's word-at-a-time digits, its dense pieces (no per-row record and
/// line columns while every record is one clean line) and the panel build's chunked
/// passes, each against an oracle: a digit loop, the general path (`TidyCSV.generalOnly`)
/// and the serial build.
@Suite("Ingest: SWAR digits, dense pieces, chunked panel build")
struct IngestDenseDigitsTests {
    /// The digit loop the fast path used before: nil unless 1 to 15 ASCII digits.
    static func loopDigits(_ bytes: [UInt8], _ n: Int) -> UInt64? {
        guard n >= 1 && n <= 15 else { return nil }
        var v: UInt64 = 0
        for i in 0..<n {
            let d = bytes[i] &- 48
            guard d <= 9 else { return nil }
            v = v * 10 + UInt64(d)
        }
        return v
    }

    @Test("wholeDigits against a digit loop: every length 0...17, every non-digit byte at every position")
    func wholeDigits() {
        var rng = SplitMix64(seed: 11)
        for n in 0...17 {
            for trial in 0..<40 {
                // n digits, then bytes that must be ignored (a comma, a newline, digits, anything).
                var bytes = (0..<24).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                for i in 0..<n { bytes[i] = 48 + UInt8(rng.next() % 10) }
                if trial % 4 == 0 { for i in n..<24 { bytes[i] = 48 + UInt8(rng.next() % 10) } }
                let got = bytes.withUnsafeBufferPointer { DecimalParser.wholeDigits($0.baseAddress!, n, readable: 24) }
                #expect(got == Self.loopDigits(bytes, n), "n \(n) \(bytes)")
                // Too few readable bytes: refused (the caller falls back), never read past.
                let short = bytes.withUnsafeBufferPointer {
                    DecimalParser.wholeDigits($0.baseAddress!, n, readable: min(n, 7))
                }
                #expect(short == nil)
            }
            // Every byte value at every position of the field spoils it, except the digits.
            for at in 0..<n {
                for b in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "7"), count: 24)
                    bytes[at] = UInt8(b)
                    let got = bytes.withUnsafeBufferPointer {
                        DecimalParser.wholeDigits($0.baseAddress!, n, readable: 24)
                    }
                    #expect(got == Self.loopDigits(bytes, n), "n \(n) byte \(b) at \(at)")
                }
            }
        }
        // The largest values of each length.
        for n in 1...15 {
            let bytes = [UInt8](repeating: UInt8(ascii: "9"), count: 16)
            let got = bytes.withUnsafeBufferPointer { DecimalParser.wholeDigits($0.baseAddress!, n, readable: 16) }
            #expect(got == Self.loopDigits(bytes, n))
        }
    }

    /// A tidy file of mostly clean rows (series in the same order every period, values
    /// of every digit length), with the records that end a dense piece sprinkled in.
    static func mixedCSV(seed: UInt64, rows: Int, exceptions: Int) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        let odd = [
            "-12", "+7", "0.5", "1e6", "", "NA", "..", "-", "\"42\"", "\"4,910,000\"", "abc", " 42 ", "00042",
            "1234567890123456", "12345678901234567", "9007199254740993", "-0.0", "1,5",
        ]
        let breaks = ["\n", "\r\n", "\n\n", "\r"]
        var out = "exporter,period,metric,value\n"
        var period = 0
        var e = 0
        for _ in 0..<rows {
            var value = String(rng.next() % 10_000_000_000_000_000)
            value = String(value.prefix(1 + Int(rng.next() % 17)))
            var exporter = "E\(e)"
            var line = "\n"
            if rng.next() % UInt64(max(1, rows / max(exceptions, 1))) == 0 {
                switch rng.next() % 6 {
                case 0: value = pick(odd)
                case 1: line = pick(breaks)
                case 2: exporter = "\"E\(e)\""
                case 3: exporter = "E\((e + 1) % 9)"  // likely a duplicate of a row before
                case 4: value = "12x"  // refused with its line and column
                default: exporter = "\"multi\nline\""
                }
            }
            out += "\(exporter),\(1900 + period / 12)-\(period % 12 < 9 ? "0" : "")\(period % 12 + 1),units,\(value)"
            out += line
            e += 1
            if e == 9 {
                e = 0
                period += 1
            }
        }
        return Array(out.utf8)
    }

    @Test("mixed files: fast (dense pieces, SWAR digits) and general agree, pieces split at every boundary")
    func mixedFiles() {
        for seed in UInt64(1)...6 {
            let bytes = Self.mixedCSV(seed: seed, rows: 300, exceptions: seed % 3 == 0 ? 0 : 6)
            for policy in [ImportPolicy.lenient, .strict] {
                var o = ImportOptions(policy: policy)
                o.keepUnknownExporters = true
                for block in [8 << 20, 4096, 1000, 333] {
                    o.blockBytes = block
                    o.minPieceBytes = 16
                    IngestFastPathTests.agree(bytes, o, width: 3)
                }
            }
        }
        // One small file, cut into two pieces at every byte (and three at every pair of
        // nearby targets): the dense bookkeeping restarts at every piece.
        let small = Self.mixedCSV(seed: 99, rows: 40, exceptions: 8)
        for block in stride(from: 40, through: small.count + 40, by: 7) {
            for width in [2, 3] {
                var o = ImportOptions(policy: .lenient)
                o.keepUnknownExporters = true
                o.blockBytes = block
                o.minPieceBytes = 1
                IngestFastPathTests.agree(small, o, width: width)
            }
        }
    }

    @Test("dense pieces: a duplicate or a refused row after clean rows keeps its line")
    func denseExceptions() throws {
        var text = "exporter,period,metric,value\n"
        for p in 0..<50 { for e in 0..<20 { text += "E\(e),\(1900 + p),units,\(p * 100 + e)\n" } }
        text += "E3,1910,units,1\n"  // line 1002: a duplicate
        text += "E3,1960,units,12345678901234567890\n"  // line 1003: loads (general parser)
        text += "E4,1960,units,1.5.\n"  // line 1004: not a number, column 4
        var o = ImportOptions(policy: .lenient)
        o.keepUnknownExporters = true
        o.minPieceBytes = 16
        IngestFastPathTests.agree(Array(text.utf8), o, width: 2)
        guard
            case .success(let r) = IngestFastPathTests.run(
                Array(text.utf8), general: false, options: o, parallel: PiecesFor(width: 2))
        else {
            Issue.record("import failed")
            return
        }
        #expect(r.report.rejections.map(\.line) == [1002, 1004])
        #expect(r.report.rejections.map(\.column) == [1, 4])
        #expect(r.report.rejections.map(\.reason) == [.duplicate, .badNumber])
        #expect(r.report.rowsRead == 1003 && r.report.rowsLoaded == 1001)
        o.policy = .strict
        guard
            case .failure(let err) = IngestFastPathTests.run(
                Array(text.utf8), general: false, options: o, parallel: PiecesFor(width: 2))
        else {
            Issue.record("strict import of a duplicate succeeded")
            return
        }
        #expect(err.rejection.line == 1002 && err.rejection.reason == .duplicate)
    }

    /// The per-series index by a dictionary of arrays (the obvious way).
    static func naiveIndex(_ p: Panel) -> [[Int32]] {
        var rows = [[Int32]](repeating: [], count: p.series.count)
        for (r, s) in p.rowSeries.enumerated() { rows[Int(s)].append(Int32(r)) }
        return rows
    }

    @Test("the chunked panel build and per-series index equal the serial ones (sorted and shuffled rows)")
    func chunkedBuild() {
        var rng = SplitMix64(seed: 5)
        let seriesCount = 700, periodCount = 600
        let keys = (0..<seriesCount).map { SeriesKey(exporter: Exporter("X\($0)"), source: "s") }
        let periods = (0..<periodCount).map { Period(year: 1500 + $0)! }
        for shuffled in [false, true] {
            var c = PanelColumns()
            // Ids given in a scrambled order, so the canonical ranks differ from them.
            c.series = keys.reversed()
            c.periods = periods.reversed()
            var pairs: [(Int32, Int32)] = []
            for p in 0..<periodCount {
                for s in 0..<seriesCount where (s * 7 + p) % 5 != 0 { pairs.append((Int32(s), Int32(p))) }
            }
            if shuffled { pairs.shuffle(using: &rng) }
            #expect(pairs.count >= 1 << 18)  // large enough for the chunked passes
            for (s, p) in pairs {
                c.rowSeries.append(s)
                c.rowPeriod.append(p)
                c.rowValues.append(Double(s) * 1000 + Double(p))
            }
            let serial = c.build(parallel: SerialFor())
            let chunked = c.build(parallel: ConcurrentFor(width: 3))
            #expect(sameContent(serial, chunked))
            #expect(serial.periodStart == chunked.periodStart)
            #expect(serial.seriesStart == chunked.seriesStart && serial.seriesRows == chunked.seriesRows)
            let naive = Self.naiveIndex(chunked)
            #expect((0..<seriesCount).allSatisfy { Array(chunked.rows(ofSeries: $0)) == naive[$0] })
            // Each row's value names its own series and period (their ids as given).
            var position: [SeriesKey: Int] = [:]
            for (i, k) in c.series.enumerated() { position[k] = i }
            let ok = (0..<chunked.rowCount).allSatisfy { r in
                let key = chunked.series[Int(chunked.rowSeries[r])]
                let per = chunked.periods[chunked.periodIndex(ofRow: r)]
                let s = position[key]!, p = periodCount - 1 - (per.year - 1500)
                return chunked.rowValues[r] == Double(s) * 1000 + Double(p)
            }
            #expect(ok)
        }
    }

    @Test("the per-series index directly: period-blocked, row-order and the fallback agree with a naive index")
    func seriesIndexPaths() {
        var rng = SplitMix64(seed: 9)
        // (series, periods, density in percent, rows in series order within periods)
        for (seriesCount, periodCount, density, ordered) in [
            (300, 1200, 90, true), (300, 1200, 90, false), (5000, 400, 15, true), (40, 9000, 100, true),
            (2000, 300, 100, true), (700, 500, 100, false), (20_000, 14, 100, true),
        ] {
            var rowSeries: [Int32] = []
            var periodStart = [0]
            for _ in 0..<periodCount {
                var ids = (0..<seriesCount).filter { _ in Int(rng.next() % 100) < density }.map { Int32($0) }
                if !ordered { ids.reverse() }
                rowSeries += ids
                periodStart.append(rowSeries.count)
            }
            var naive = [[Int32]](repeating: [], count: seriesCount)
            for (r, s) in rowSeries.enumerated() { naive[Int(s)].append(Int32(r)) }
            var expectedStart = [0]
            for list in naive { expectedStart.append(expectedStart[expectedStart.count - 1] + list.count) }
            for width in [1, 2, 3] {
                let (start, rows) = Panel.seriesIndex(
                    rowSeries, seriesCount: seriesCount, periodStart: periodStart,
                    parallel: ConcurrentFor(width: width))
                #expect(start == expectedStart, "\(seriesCount)x\(periodCount) width \(width)")
                #expect(rows == naive.flatMap { $0 }, "\(seriesCount)x\(periodCount) width \(width)")
            }
        }
    }

    @Test(
        "a complete panel with one period out of series order, or one series missing, leaves the complete-panel index")
    func seriesIndexNearlyComplete() {
        let seriesCount = 1000, periodCount = 400
        for flaw in ["swap", "missing", "repeat"] {
            var rowSeries: [Int32] = []
            var periodStart = [0]
            for p in 0..<periodCount {
                var ids = (0..<seriesCount).map { Int32($0) }
                if p == 257 {
                    switch flaw {
                    case "swap": ids.swapAt(10, 11)
                    case "missing": ids.remove(at: 500)
                    default: ids[500] = 499  // a series twice in a period: no longer in order
                    }
                }
                rowSeries += ids
                periodStart.append(rowSeries.count)
            }
            if flaw == "missing" {  // the same row count as a complete panel, one row short in period 257
                rowSeries.append(Int32(seriesCount - 1))
                periodStart[periodCount] += 1
            }
            var naive = [[Int32]](repeating: [], count: seriesCount)
            for (r, s) in rowSeries.enumerated() { naive[Int(s)].append(Int32(r)) }
            for width in [1, 2] {
                let (_, rows) = Panel.seriesIndex(
                    rowSeries, seriesCount: seriesCount, periodStart: periodStart,
                    parallel: ConcurrentFor(width: width))
                #expect(rows == naive.flatMap { $0 }, "\(flaw) width \(width)")
            }
        }
    }
}

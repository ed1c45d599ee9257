import Testing

@testable import AutoExports

/// While the rows merged so far are in (period, series) order the importer keeps no
/// duplicate bitset (`ImportRun.ordered`); the first row out of that order fills it with
/// every row before. Repeats are still found wherever they fall (at once after the order
/// breaks, far from it, in the first row of a block), with the lines a set of the pairs
/// seen, read in input order, gives: the oracle here.
struct IngestOrderedTests {
    /// An in-order tidy CSV of `series` × `periods` rows, then `edit` applied to its rows.
    static func csv(
        series: Int, periods: Int, _ edit: (inout [(s: Int, p: Int)]) -> Void
    ) -> (text: String, rows: [(s: Int, p: Int)]) {
        var rows: [(s: Int, p: Int)] = []
        for p in 0..<periods { for s in 0..<series { rows.append((s, p)) } }
        edit(&rows)
        var text = "exporter,period,metric,value\n"
        for (i, r) in rows.enumerated() { text += "E\(1000 + r.s),\(1900 + r.p),units,\(i)\n" }
        return (text, rows)
    }

    /// The lines (header = 1) of the rows that repeat an earlier (series, period).
    static func repeatLines(_ rows: [(s: Int, p: Int)]) -> [Int] {
        var seen = Set<Int>()
        var lines: [Int] = []
        for (i, r) in rows.enumerated() where !seen.insert(r.s << 32 | r.p).inserted { lines.append(i + 2) }
        return lines
    }

    static let cases: [String: @Sendable (inout [(s: Int, p: Int)]) -> Void] = [
        "none": { _ in },
        "first row again at the end": { $0.append($0[0]) },
        "adjacent repeat": { $0.insert($0[700], at: 701) },
        "order broken, repeat far later": { rows in
            rows.swapAt(1000, 1001)  // out of order, not a repeat
            rows.insert(rows[5], at: 3000)
        },
        "repeat of a row of the same period, later in it": { $0.insert($0[30 * 50 + 2], at: 30 * 50 + 40) },
        "period seen before, series new to it": { rows in
            // Period 3 comes back after period 4 with a series it did not have.
            rows.removeAll { $0.p == 3 && $0.s == 49 }
            let end = rows.lastIndex { $0.p == 4 }! + 1
            rows.insert((49, 3), at: end)
        },
    ]

    @Test(arguments: [
        "none", "first row again at the end", "adjacent repeat", "order broken, repeat far later",
        "repeat of a row of the same period, later in it", "period seen before, series new to it",
    ])
    func repeatsFoundWhereverTheyFall(_ name: String) throws {
        let (text, rows) = Self.csv(series: 50, periods: 120, Self.cases[name]!)
        let expected = Self.repeatLines(rows)
        var o = ImportOptions(policy: .lenient)
        o.keepUnknownExporters = true
        o.blockBytes = 4_096  // many blocks and pieces: the order is carried across them
        o.minPieceBytes = 16
        for parallel in [ConcurrentFor(width: 1), ConcurrentFor(width: 3)] {
            let (panel, report) = try Importer.read(text, format: .tidy, options: o, parallel: parallel)
            #expect(report.rejections.map(\.line) == expected)
            #expect(report.rejections.allSatisfy { $0.reason == .duplicate })
            #expect(panel.rowCount == rows.count - expected.count)
            #expect(report.rowsLoaded == rows.count - expected.count)
            // The first of each pair is the row kept (its value is its row ordinal).
            var firstIndex: [Int: Int] = [:]
            for (i, r) in rows.enumerated() where firstIndex[r.s << 32 | r.p] == nil { firstIndex[r.s << 32 | r.p] = i }
            let kept = (0..<panel.rowCount).allSatisfy { r in
                let code = panel.series[Int(panel.rowSeries[r])].exporter.code
                let s = Int(code.dropFirst())! - 1000, p = panel.periods[panel.periodIndex(ofRow: r)].year - 1900
                return panel.rowValues[r] == Double(firstIndex[s << 32 | p]!)
            }
            #expect(kept)
            // Strict: the first repeat fails the import, at its line.
            var strict = o
            strict.policy = .strict
            do {
                _ = try Importer.read(text, format: .tidy, options: strict, parallel: parallel)
                #expect(expected.isEmpty)
            } catch {
                #expect(error.rejection.line == expected.first)
                #expect(error.rejection.reason == .duplicate)
            }
        }
    }

    /// A repeat of the row just before it, at every position of an input several blocks
    /// long: some land on the first row of a block or a piece, where the order must be
    /// carried over from the piece before.
    @Test func repeatAtEveryPosition() throws {
        let (_, base) = Self.csv(series: 12, periods: 40) { _ in }
        var o = ImportOptions(policy: .lenient)
        o.keepUnknownExporters = true
        o.blockBytes = 4_096
        o.minPieceBytes = 16
        for parallel in [ConcurrentFor(width: 1), ConcurrentFor(width: 3)] {
            var missed: [Int] = []
            for j in 1..<base.count {
                var rows = base
                rows.insert(rows[j - 1], at: j)
                var text = "exporter,period,metric,value\n"
                for (i, r) in rows.enumerated() { text += "E\(1000 + r.s),\(1900 + r.p),units,\(i)\n" }
                let report = try Importer.read(text, format: .tidy, options: o, parallel: parallel).report
                if report.rejections.map(\.line) != [j + 2] { missed.append(j) }
            }
            #expect(missed.isEmpty, "width \(parallel.width): repeats not found at rows \(missed)")
        }
    }

    /// Rows grouped by series: the periods are held one a row by then (runs of one row), and
    /// the order breaks only when the second series starts, blocks later; a repeat after that
    /// is found against the rows replayed from that column.
    @Test func repeatAfterOrderBreaksInARowPerPeriodColumn() throws {
        let (text, rows) = Self.csv(series: 10, periods: 400) { rows in
            rows.sort { ($0.s, $0.p) < ($1.s, $1.p) }
            rows.insert(rows[3], at: 600)  // series 0, period 3, in series 1's rows
        }
        var o = ImportOptions(policy: .lenient)
        o.keepUnknownExporters = true
        o.blockBytes = 4_096
        o.minPieceBytes = 16
        for parallel in [ConcurrentFor(width: 1), ConcurrentFor(width: 3)] {
            let (panel, report) = try Importer.read(text, format: .tidy, options: o, parallel: parallel)
            #expect(report.rejections.map(\.line) == Self.repeatLines(rows))
            #expect(report.rejections.map(\.line) == [602])
            #expect(panel.rowCount == 4_000)
        }
    }

    /// Wide records hold several periods each: the rows replayed when the order breaks are
    /// the (series, period) pairs loaded, whatever the run they came in.
    @Test func wideRecordsAgainstEveryPairBefore() throws {
        let text = "exporter,1900,1901,1902\nE1000,,5,6\nE1000,7,,\nE1000,,8,\nE1001,1,2,3\nE1001,,,4\n"
        var o = ImportOptions(policy: .lenient)
        o.keepUnknownExporters = true
        o.blockBytes = 16  // a record a block: the order breaks in the second block, after a merge
        o.minPieceBytes = 16
        for parallel in [ConcurrentFor(width: 1), ConcurrentFor(width: 3)] {
            let (panel, report) = try Importer.read(text, format: .wide, options: o, parallel: parallel)
            // Line 3 is new (1900 was blank on line 2); line 4 repeats 1901, line 6 repeats 1902.
            #expect(report.rejections.map(\.line) == [4, 6])
            #expect(report.rejections.allSatisfy { $0.reason == .duplicate })
            #expect(panel.rowCount == 6)
            let values = (0..<panel.rowCount).map { panel.rowValues[$0] }.sorted()
            #expect(values == [1, 2, 3, 5, 6, 7])
        }
    }

    /// Rows imported into a panel that has rows already are checked against them.
    @Test func repeatOfTheBasePanel() throws {
        var o = ImportOptions(policy: .lenient)
        o.keepUnknownExporters = true
        let base = try Importer.read(Self.csv(series: 5, periods: 3) { _ in }.text, format: .tidy, options: o).panel
        let more = "exporter,period,metric,value\nE1004,1903,units,1\nE1004,1902,units,2\n"
        let (panel, report) = try Importer.read(more, format: .tidy, options: o, into: base)
        #expect(report.rejections.map(\.line) == [3])
        #expect(panel.rowCount == 16)
    }
}

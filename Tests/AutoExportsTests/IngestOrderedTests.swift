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

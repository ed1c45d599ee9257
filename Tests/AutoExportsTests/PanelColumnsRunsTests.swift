import Testing

@testable import AutoExports

/// The importers' periods held as runs (`PanelColumns.periodsAsRuns`) build the same
/// panel as one period id a row (the representation `PanelBuilder` uses, the oracle here),
/// for rows in every order.
struct PanelColumnsRunsTests {
    /// Columns over `series` × `periods` keys given in a scrambled id order (so canonical
    /// ranks differ from the ids unless `canonicalIDs`), rows `pairs` (series id, period id),
    /// each value naming its pair.
    static func columns(
        _ pairs: [(Int32, Int32)], seriesCount: Int, periodCount: Int, runs: Bool, canonicalIDs: Bool = false
    ) -> PanelColumns {
        var c = PanelColumns()
        let keys = (0..<seriesCount).map { SeriesKey(exporter: Exporter("X\(100_000 + $0)"), source: "s") }
        let periods = (0..<periodCount).map { Period(year: 1500 + $0)! }
        c.series = canonicalIDs ? keys : keys.reversed()
        c.periods = canonicalIDs ? periods : periods.reversed()
        c.periodsAsRuns = runs
        var chunk: [Int32] = []
        for (i, (s, p)) in pairs.enumerated() {
            c.rowSeries.append(s)
            c.rowValues.append(Double(s) * 100_000 + Double(p))
            // Periods appended in uneven chunks, as pieces of blocks arrive.
            chunk.append(p)
            if chunk.count == 1 + i % 7 || i == pairs.count - 1 {
                chunk.withUnsafeBufferPointer { c.appendPeriods($0.baseAddress!, $0.count) }
                chunk.removeAll()
            }
        }
        return c
    }

    static func same(_ a: Panel, _ b: Panel) -> Bool {
        sameContent(a, b) && a.periodStart == b.periodStart && a.seriesStart == b.seriesStart
            && a.seriesRows == b.seriesRows
    }

    /// Every shape of input order: grouped by period in order (complete, with gaps), a
    /// period split over two runs, periods descending, series not in order within a
    /// period, grouped by series (runs of one row), shuffled.
    @Test(arguments: ["complete", "gaps", "split", "descending", "unordered", "bySeries", "shuffled"])
    func sameAsOneIdPerRow(shape: String) {
        let seriesCount = 600, periodCount = 560
        var pairs: [(Int32, Int32)] = []
        for p in 0..<periodCount {
            for s in 0..<seriesCount where shape != "gaps" || (s * 7 + p) % 5 != 0 {
                pairs.append((Int32(s), Int32(p)))
            }
        }
        var rng = SplitMix64(seed: 11)
        switch shape {
        case "split":  // period 3's second half after period 4
            let a = pairs.firstIndex { $0.1 == 3 }! + seriesCount / 2
            let moved = Array(pairs[a..<(a + seriesCount / 2)])
            pairs.removeSubrange(a..<(a + seriesCount / 2))
            let b = pairs.lastIndex { $0.1 == 4 }! + 1
            pairs.insert(contentsOf: moved, at: b)
        case "descending": pairs.sort { ($0.1, $0.0) > ($1.1, $1.0) }
        case "unordered":  // one period's rows with two series swapped, deep inside a run
            let i = pairs.firstIndex { $0.1 == 250 }! + 290
            pairs.swapAt(i, i + 1)
        case "bySeries": pairs.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        case "shuffled": pairs.shuffle(using: &rng)
        default: break
        }
        #expect(pairs.count >= 1 << 18)  // large enough for the chunked passes
        for canonical in [false, true] {
            let runs = Self.columns(
                pairs, seriesCount: seriesCount, periodCount: periodCount, runs: true, canonicalIDs: canonical)
            let column = Self.columns(
                pairs, seriesCount: seriesCount, periodCount: periodCount, runs: false, canonicalIDs: canonical)
            // Runs are kept while rows come a period at a time, and given up otherwise.
            let grouped = ["complete", "gaps", "split", "descending", "unordered"].contains(shape)
            #expect(runs.periodsAsRuns == grouped)
            #expect(runs.periodCount == pairs.count && column.rowPeriod.count == pairs.count)
            let oracle = column.build(parallel: SerialFor())
            let serialSame = Self.same(runs.build(parallel: SerialFor()), oracle)
            let chunkedSame = Self.same(runs.build(parallel: ConcurrentFor(width: 3)), oracle)
            #expect(serialSame && chunkedSame, "canonical ids: \(canonical)")
            // The values name their (series, period): the panel holds the input's rows.
            let ok = (0..<oracle.rowCount).allSatisfy { r in
                let key = oracle.series[Int(oracle.rowSeries[r])]
                let year = oracle.periods[oracle.periodIndex(ofRow: r)].year
                let s =
                    canonical
                    ? Int(key.exporter.code.dropFirst())! - 100_000
                    : seriesCount - 1 - (Int(key.exporter.code.dropFirst())! - 100_000)
                let p = canonical ? year - 1500 : periodCount - 1 - (year - 1500)
                return oracle.rowValues[r] == Double(s) * 100_000 + Double(p)
            }
            #expect(ok)
        }
    }

    /// The fast path is taken where it should be: rows in order report sorted (no sort, no
    /// period column written), the series column untouched when its ids are canonical, and
    /// anything out of order reports unsorted.
    @Test func inOrderRowsNeedNoSort() {
        let seriesCount = 600, periodCount = 560
        var pairs: [(Int32, Int32)] = []
        for p in 0..<periodCount { for s in 0..<seriesCount { pairs.append((Int32(s), Int32(p))) } }
        let ranks = (Array(0..<Int32(seriesCount)), Array(0..<Int32(periodCount)))
        for parallel in [SerialFor() as any ParallelFor, ConcurrentFor(width: 3)] {
            var c = Self.columns(
                pairs, seriesCount: seriesCount, periodCount: periodCount, runs: true, canonicalIDs: true)
            let before = c.rowSeries
            let (start, sorted) = c.mapRuns(seriesRank: ranks.0, periodRank: ranks.1, parallel: parallel)
            #expect(sorted && c.periodsAsRuns && c.rowPeriod.isEmpty)
            #expect(c.rowSeries == before)
            #expect(start == (0...periodCount).map { $0 * seriesCount })
            var swapped = pairs
            swapped.swapAt(1000, 1001)
            var d = Self.columns(
                swapped, seriesCount: seriesCount, periodCount: periodCount, runs: true, canonicalIDs: true)
            #expect(!d.mapRuns(seriesRank: ranks.0, periodRank: ranks.1, parallel: parallel).sorted)
        }
    }

    /// A seam between two chunks of the chunked pass inside one long run: a pair out of
    /// series order right at the seam is still found (the run spans the seam).
    @Test func seamInsideARun() {
        let seriesCount = (1 << 18) + 7
        var pairs = (0..<seriesCount).map { (Int32($0), Int32(0)) }
        let seam = seriesCount / 3 + (seriesCount % 3 > 0 ? 1 : 0)  // ConcurrentFor(width: 3)'s first bound
        pairs.swapAt(seam - 1, seam)
        let runs = Self.columns(pairs, seriesCount: seriesCount, periodCount: 1, runs: true, canonicalIDs: true)
        let column = Self.columns(pairs, seriesCount: seriesCount, periodCount: 1, runs: false, canonicalIDs: true)
        #expect(runs.periodsAsRuns && runs.periodRuns.count == 1)
        let oracle = column.build(parallel: SerialFor())
        let panel = runs.build(parallel: ConcurrentFor(width: 3))
        let equal = Self.same(panel, oracle)
        #expect(equal)
        #expect(panel.rowSeries[seam - 1] == Int32(seam - 1) && panel.rowSeries[seam] == Int32(seam))
    }
}

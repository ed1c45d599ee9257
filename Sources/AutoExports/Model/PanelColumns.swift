/// Rows collected in columns, in any order and without duplicates: what `PanelBuilder`
/// and the importers gather before a `Panel` is built.
///
/// `build()` makes the ids canonical (series ordered by key, periods ascending, so the
/// same rows always give the same panel) and sorts the rows by (period, series) in place:
/// a stable counting sort by period applied as a permutation over the columns themselves,
/// then a sort of each period's rows by series only where they are not in order already.
/// The period column doubles as the permutation and is released before the panel's
/// per-series index is built, so memory never exceeds the columns plus 4 bytes a row.
///
/// - Complexity: O(n + s log s + p log p) for n rows, s series and p periods when each
///   period's rows arrive in series order (the usual case); O(n log n) at worst.
struct PanelColumns {
    var series: [SeriesKey] = []
    var periods: [Period] = []
    var rowSeries: [Int32] = []
    /// Period id of each row; empty while `periodRuns` holds the periods instead.
    var rowPeriod: [Int32] = []
    /// The periods as runs of rows (an importer's rows come a period at a time): run k
    /// holds rows `periodRuns[k - 1].end ..< periodRuns[k].end` (from 0 for k = 0), all
    /// of period `periodRuns[k].period`. Used only while `periodsAsRuns` is set; rows
    /// whose periods change more often than every 8 rows turn it into `rowPeriod`.
    var periodRuns: [PeriodRun] = []
    /// Whether `periodRuns` holds the periods (an importer sets it before the first row);
    /// else `rowPeriod` does.
    var periodsAsRuns = false
    var rowValues: [Double] = []
    /// Citation id of each row (-1 = none), or empty when no row has one.
    var rowCitations: [Int32] = []
    var citations: [String] = []

    /// A run of rows of one period (`periodRuns`).
    struct PeriodRun {
        var period: Int32
        /// One past the run's last row.
        var end: Int
    }

    mutating func reserveCapacity(_ n: Int) {
        rowSeries.reserveCapacity(n)
        if !periodsAsRuns { rowPeriod.reserveCapacity(n) }
        rowValues.reserveCapacity(n)
    }

    /// Rows whose period is recorded so far.
    var periodCount: Int { periodsAsRuns ? periodRuns.last?.end ?? 0 : rowPeriod.count }

    /// Appends the periods of `count` rows.
    ///
    /// - Complexity: O(count).
    mutating func appendPeriods(_ p: UnsafePointer<Int32>, _ count: Int) {
        guard periodsAsRuns else {
            rowPeriod.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
            return
        }
        guard count > 0 else { return }
        let base = periodCount
        var last = periodRuns.last?.period ?? -1
        for i in 0..<count where p[i] != last {
            if !periodRuns.isEmpty { periodRuns[periodRuns.count - 1].end = base + i }
            last = p[i]
            periodRuns.append(PeriodRun(period: last, end: base + i))
        }
        periodRuns[periodRuns.count - 1].end = base + count
        materializeShortRuns()
    }

    /// Gives up the runs for `rowPeriod` once they average under 8 rows (past the first 64).
    private mutating func materializeShortRuns() {
        if periodRuns.count > 64 && periodRuns.count > periodCount / 8 { materializePeriods() }
    }

    /// Appends `count` rows of period `p`.
    mutating func appendPeriod(_ p: Int32, count: Int = 1) {
        guard periodsAsRuns else {
            rowPeriod.append(contentsOf: repeatElement(p, count: count))
            return
        }
        guard count > 0 else { return }
        let end = periodCount + count
        if let last = periodRuns.last, last.period == p {
            periodRuns[periodRuns.count - 1].end = end
        } else {
            periodRuns.append(PeriodRun(period: p, end: end))
            materializeShortRuns()
        }
    }

    /// Writes the runs out as `rowPeriod` (each run's period mapped by `rank`, or as it is).
    mutating func materializePeriods(rank: [Int32]? = nil) {
        guard periodsAsRuns else { return }
        var column = [Int32]()
        column.reserveCapacity(Swift.max(rowValues.capacity, periodCount))
        var start = 0
        for run in periodRuns {
            let p = rank.map { $0[Int(run.period)] } ?? run.period
            column.append(contentsOf: repeatElement(p, count: run.end - start))
            start = run.end
        }
        rowPeriod = column
        periodRuns = []
        periodsAsRuns = false
    }

    /// Builds the panel, consuming the columns.
    ///
    /// - Parameter parallel: Maps the rows to canonical ids in chunks (and builds the
    ///   panel's per-series index the same way), so a threaded runner shares them out.
    consuming func build(parallel: any ParallelFor = SerialFor()) -> Panel {
        let n = rowValues.count
        if !rowCitations.isEmpty && rowCitations.count < n {
            rowCitations.append(contentsOf: repeatElement(-1, count: n - rowCitations.count))
        }
        let hasCitations = !rowCitations.isEmpty
        // 1. Canonical ids.
        let seriesOrder = series.indices.sorted { series[$0] < series[$1] }
        var seriesRank = [Int32](repeating: 0, count: series.count)
        for (rank, s) in seriesOrder.enumerated() { seriesRank[s] = Int32(rank) }
        let periodOrder = periods.indices.sorted { periods[$0] < periods[$1] }
        var periodRank = [Int32](repeating: 0, count: periods.count)
        for (rank, p) in periodOrder.enumerated() { periodRank[p] = Int32(rank) }
        // 2. Rows to canonical ids, counted per period, checked for order.
        let (periodStart, sorted) =
            periodsAsRuns
            ? mapRuns(seriesRank: seriesRank, periodRank: periodRank, parallel: parallel)
            : mapRows(seriesRank: seriesRank, periodRank: periodRank, parallel: parallel)
        if !sorted && periodsAsRuns {
            materializePeriods(rank: periodRank)
        }
        if !sorted {
            sortByPeriod(periodStart: periodStart, hasCitations: hasCitations)
            sortWithinPeriods(periodStart: periodStart, hasCitations: hasCitations)
        }
        rowPeriod = []
        return Panel(
            series: seriesOrder.map { series[$0] }, periods: periodOrder.map { periods[$0] },
            rowSeries: rowSeries, rowValues: rowValues, rowCitations: rowCitations,
            citations: citations, periodStart: periodStart, parallel: parallel)
    }

    /// Maps `rowSeries` and `rowPeriod` to canonical ids in place, per chunk of rows (each
    /// chunk its own counts and order flag, then the chunks' seams): where each period's
    /// rows start, and whether the rows are in (period, series) order already.
    private mutating func mapRows(
        seriesRank: [Int32], periodRank: [Int32], parallel: any ParallelFor
    ) -> (periodStart: [Int], sorted: Bool) {
        let n = rowValues.count
        let np = periods.count
        let chunks = n >= 1 << 18 && np <= n / 16 ? max(1, min(parallel.width, 8)) : 1
        let bounds = (0...chunks).map { n / chunks * $0 + min($0, n % chunks) }
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: chunks * (np + 1))
        defer { counts.deallocate() }
        counts.initialize(repeating: 0, count: chunks * (np + 1))
        var chunkSorted = [Bool](repeating: true, count: chunks)
        rowSeries.withUnsafeMutableBufferPointer { rsb in
            rowPeriod.withUnsafeMutableBufferPointer { rpb in
                seriesRank.withUnsafeBufferPointer { sr in
                    periodRank.withUnsafeBufferPointer { pr in
                        chunkSorted.withUnsafeMutableBufferPointer { cs in
                            let rs = rsb.baseAddress, rp = rpb.baseAddress, flags = cs
                            let map: (Int) -> Void = { c in
                                guard let rs, let rp else { return }
                                let k = counts + c * (np + 1)
                                var prev: Int64 = -1
                                var ok = true
                                for i in bounds[c]..<bounds[c + 1] {
                                    let s = sr[Int(rs[i])], p = pr[Int(rp[i])]
                                    rs[i] = s
                                    rp[i] = p
                                    k[Int(p) + 1] += 1
                                    let key = Int64(p) << 32 | Int64(s)
                                    if key <= prev { ok = false }
                                    prev = key
                                }
                                flags[c] = ok
                            }
                            if chunks > 1 { parallel.run(chunks, map) } else { map(0) }
                        }
                    }
                }
            }
        }
        var sorted = !chunkSorted.contains(false)
        for c in 1..<max(chunks, 1) where sorted && bounds[c] > bounds[c - 1] && bounds[c] < n {
            let a = Int64(rowPeriod[bounds[c] - 1]) << 32 | Int64(rowSeries[bounds[c] - 1])
            let b = Int64(rowPeriod[bounds[c]]) << 32 | Int64(rowSeries[bounds[c]])
            if b <= a { sorted = false }
        }
        var periodStart = [Int](repeating: 0, count: np + 1)
        periodStart.withUnsafeMutableBufferPointer { ps in
            for c in 0..<chunks {
                let k = counts + c * (np + 1)
                for p in 0..<np { ps[p + 1] &+= k[p + 1] }
            }
            for p in 0..<np { ps[p + 1] += ps[p] }
        }
        return (periodStart, sorted)
    }

    /// `mapRows` for periods held as runs: the runs give the counts and the order of the
    /// periods; the rows' series are mapped (not written when the ids are canonical
    /// already, as when the first period lists every series in order) and checked for
    /// order within each run, per chunk of rows, then the chunks' seams.
    ///
    /// - Complexity: O(rows + runs + series).
    mutating func mapRuns(
        seriesRank: [Int32], periodRank: [Int32], parallel: any ParallelFor
    ) -> (periodStart: [Int], sorted: Bool) {
        let n = rowValues.count, np = periods.count
        var periodStart = [Int](repeating: 0, count: np + 1)
        var sorted = true
        var previous: Int32 = -1
        var start = 0
        for run in periodRuns {
            let r = periodRank[Int(run.period)]
            periodStart[Int(r) + 1] += run.end - start
            if r <= previous { sorted = false }
            previous = r
            start = run.end
        }
        for p in 0..<np { periodStart[p + 1] += periodStart[p] }
        let identity = seriesRank.indices.allSatisfy { seriesRank[$0] == Int32(truncatingIfNeeded: $0) }
        let chunks = n >= 1 << 18 ? max(1, min(parallel.width, 8)) : 1
        let bounds = (0...chunks).map { n / chunks * $0 + min($0, n % chunks) }
        /// The run that holds row `r` (r < n): the first whose end is past it.
        let runs = periodRuns
        func run(of r: Int) -> Int {
            var lo = 0, hi = runs.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if runs[mid].end > r { hi = mid } else { lo = mid + 1 }
            }
            return lo
        }
        var chunkSorted = [Bool](repeating: true, count: chunks)
        rowSeries.withUnsafeMutableBufferPointer { rsb in
            seriesRank.withUnsafeBufferPointer { sr in
                runs.withUnsafeBufferPointer { rb in
                    chunkSorted.withUnsafeMutableBufferPointer { cs in
                        guard let rs = rsb.baseAddress else { return }
                        let flags = cs
                        let check: (Int) -> Void = { c in
                            var i = bounds[c]
                            let hi = bounds[c + 1]
                            guard i < hi else { return }
                            var k = run(of: i)
                            var bad = false
                            while i < hi {
                                let end = Swift.min(rb[k].end, hi)
                                var prev: Int32 = -1
                                if identity {
                                    for j in i..<end {
                                        let s = rs[j]
                                        bad = bad || s <= prev
                                        prev = s
                                    }
                                } else {
                                    for j in i..<end {
                                        let s = sr[Int(rs[j])]
                                        rs[j] = s
                                        bad = bad || s <= prev
                                        prev = s
                                    }
                                }
                                i = end
                                k += 1
                            }
                            flags[c] = !bad
                        }
                        if chunks > 1 { parallel.run(chunks, check) } else { check(0) }
                    }
                }
            }
        }
        if chunkSorted.contains(false) { sorted = false }
        // A seam inside a run: the rows either side must be in series order too.
        for c in 1..<chunks where sorted && bounds[c] > 0 && bounds[c] < n {
            let b = bounds[c], k = run(of: b)
            let runStart = k == 0 ? 0 : runs[k - 1].end
            if runStart < b && rowSeries[b - 1] >= rowSeries[b] { sorted = false }
        }
        return (periodStart, sorted)
    }

    /// Stable counting sort by period, in place: the period column becomes each row's
    /// destination, then the permutation is applied by following its cycles.
    private mutating func sortByPeriod(periodStart: [Int], hasCitations: Bool) {
        let n = rowValues.count
        var next = periodStart
        rowPeriod.withUnsafeMutableBufferPointer { rp in
            for i in 0..<n {
                let p = Int(rp[i])
                rp[i] = Int32(next[p])
                next[p] += 1
            }
        }
        rowSeries.withUnsafeMutableBufferPointer { rs in
            rowValues.withUnsafeMutableBufferPointer { rv in
                rowCitations.withUnsafeMutableBufferPointer { rc in
                    rowPeriod.withUnsafeMutableBufferPointer { dest in
                        for i in 0..<n {
                            var d = Int(dest[i])
                            if d < 0 { continue }
                            dest[i] = -1
                            if d == i { continue }
                            var cs = rs[i], cv = rv[i]
                            var cc: Int32 = hasCitations ? rc[i] : -1
                            while d != i {
                                let nd = Int(dest[d])
                                swap(&cs, &rs[d])
                                swap(&cv, &rv[d])
                                if hasCitations { swap(&cc, &rc[d]) }
                                dest[d] = -1
                                d = nd
                            }
                            rs[i] = cs
                            rv[i] = cv
                            if hasCitations { rc[i] = cc }
                        }
                    }
                }
            }
        }
    }

    /// Sorts each period's rows by series where they are out of order.
    private mutating func sortWithinPeriods(periodStart: [Int], hasCitations: Bool) {
        var keys: [UInt64] = []
        var values: [Double] = []
        var cites: [Int32] = []
        for p in 0..<(periodStart.count - 1) {
            let lo = periodStart[p], hi = periodStart[p + 1]
            var inOrder = true
            var i = lo + 1
            while i < hi {
                if rowSeries[i - 1] >= rowSeries[i] { inOrder = false; break }
                i += 1
            }
            if inOrder { continue }
            keys.removeAll(keepingCapacity: true)
            for r in lo..<hi { keys.append(UInt64(UInt32(rowSeries[r])) << 32 | UInt64(r - lo)) }
            keys.sort()
            values.removeAll(keepingCapacity: true)
            values.append(contentsOf: rowValues[lo..<hi])
            if hasCitations {
                cites.removeAll(keepingCapacity: true)
                cites.append(contentsOf: rowCitations[lo..<hi])
            }
            for (k, key) in keys.enumerated() {
                let from = Int(key & 0xFFFF_FFFF)
                rowSeries[lo + k] = Int32(key >> 32)
                rowValues[lo + k] = values[from]
                if hasCitations { rowCitations[lo + k] = cites[from] }
            }
        }
    }
}

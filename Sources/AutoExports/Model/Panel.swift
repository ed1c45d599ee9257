/// Many series of export figures in columnar storage (docs/design.md §1, §8).
///
/// Rows are sorted by (period, series) and stored as parallel columns: series id
/// (`Int32`), value (`Double`, NaN = missing) and citation id (`Int32`, -1 = none; the
/// column is empty when no row has a citation). Two offset tables make the two common
/// lookups cheap without scanning the panel:
/// - `rows(inPeriod:)`: the rows of one period, O(1);
/// - `rows(ofSeries:)`: the row indices of one series in period order, O(1).
///
/// A panel is immutable once built (use `PanelBuilder`), so it can be shared between
/// threads. Limits: fewer than 2^31 rows, series and periods.
///
///     var b = PanelBuilder()
///     try b.add(SeriesKey(exporter: "CHN", source: "CAAM", scope: "all_vehicles"),
///               Period(year: 2023)!, 4_910_000)
///     let panel = b.build()
///     panel.value(of: 0, in: panel.periodIndex(of: Period(year: 2023)!)!)   // 4910000
public struct Panel: Sendable {
    /// Every series, indexed by series id.
    public let series: [SeriesKey]
    /// Every period that has at least one row, ascending.
    public let periods: [Period]
    /// Series id of each row (rows sorted by period, then series id).
    public let rowSeries: [Int32]
    /// Value of each row; NaN is missing.
    public let rowValues: [Double]
    /// Citation id of each row (-1 = none), or empty when no row has a citation.
    public let rowCitations: [Int32]
    /// The distinct citation texts, indexed by citation id.
    public let citations: [String]
    /// Rows of period p are `periodStart[p] ..< periodStart[p + 1]`.
    let periodStart: [Int]
    /// Row indices of series s, in period order: `seriesRows[seriesStart[s] ..< seriesStart[s + 1]]`.
    let seriesStart: [Int]
    let seriesRows: [Int32]
    let seriesLookup: [SeriesKey: Int32]
    let periodLookup: [Period: Int32]

    /// - Parameter parallel: Runs the per-series index's passes over the rows in chunks
    ///   (counting, then placing), so a threaded runner shares them out.
    init(
        series: [SeriesKey], periods: [Period], rowSeries: [Int32], rowValues: [Double],
        rowCitations: [Int32], citations: [String], periodStart: [Int],
        parallel: any ParallelFor = SerialFor()
    ) {
        self.series = series
        self.periods = periods
        self.rowSeries = rowSeries
        self.rowValues = rowValues
        self.rowCitations = rowCitations
        self.citations = citations
        self.periodStart = periodStart
        var lookup: [SeriesKey: Int32] = [:]
        lookup.reserveCapacity(series.count)
        for (i, k) in series.enumerated() { lookup[k] = Int32(i) }
        self.seriesLookup = lookup
        var plookup: [Period: Int32] = [:]
        for (i, p) in periods.enumerated() { plookup[p] = Int32(i) }
        self.periodLookup = plookup
        (self.seriesStart, self.seriesRows) = Panel.seriesIndex(
            rowSeries, seriesCount: series.count, periodStart: periodStart, parallel: parallel)
    }

    /// The per-series row index: a counting sort of the rows by series. Rows are already
    /// in period order, so each series' rows come out in period order. With a threaded
    /// runner the rows are cut into chunks: each chunk's rows are counted per series, the
    /// counts give every (series, chunk) its place, and the chunks place their rows at
    /// the same time (the result is the same as one pass in row order).
    ///
    /// - Complexity: O(rows + series × chunks).
    static func seriesIndex(
        _ rowSeries: [Int32], seriesCount: Int, periodStart: [Int] = [], parallel: any ParallelFor
    ) -> (start: [Int], rows: [Int32]) {
        let n = rowSeries.count
        let chunks = n >= 1 << 18 && seriesCount <= n / 16 ? max(1, min(parallel.width, 8)) : 1
        var start = [Int](repeating: 0, count: seriesCount + 1)
        if chunks == 1 && n < 1 << 18 {
            // A small panel: one pass in row order with the arrays. (Kept as it was: the C
            // memory-limit test's malloc probes on a 200,000-row panel depend on its
            // allocation pattern.)
            for s in rowSeries { start[Int(s) + 1] += 1 }
            for i in 0..<seriesCount { start[i + 1] += start[i] }
            var next = start
            var rows = [Int32](repeating: 0, count: n)
            for (r, s) in rowSeries.enumerated() {
                rows[next[Int(s)]] = Int32(r)
                next[Int(s)] += 1
            }
            return (start, rows)
        }
        // A complete panel in (period, series) order: every period holds every series once,
        // so series s's rows are s, s + seriesCount, s + 2·seriesCount, … (one check pass,
        // then sequential writes with nothing to look up).
        if let complete = completeIndex(
            rowSeries, seriesCount: seriesCount, periodStart: periodStart, chunks: chunks, parallel: parallel)
        {
            return complete
        }
        // Rows in (period, series) order and few empty (series, period) cells: each chunk
        // is whole periods and places its rows a block of periods at a time, every
        // series' rows of the block together (sequential writes instead of one page per
        // row); a period whose rows are not in series order makes it fall back.
        let np = periodStart.count - 1
        let transpose = np > 0 && periodStart[np] == n && seriesCount * np <= 2 * n
        var failed = false
        let rows = rowSeries.withUnsafeBufferPointer { rsb -> [Int32] in
            guard let rs = rsb.baseAddress, n > 0 else { return [] }
            let stride = seriesCount + 1
            let pb = transpose ? (0...chunks).map { np / chunks * $0 + min($0, np % chunks) } : []
            // counts[c * stride + s]: rows of series s in chunk c, then where they go.
            let counts = UnsafeMutablePointer<Int>.allocate(capacity: chunks * stride)
            defer { counts.deallocate() }
            counts.initialize(repeating: 0, count: chunks * stride)
            let bounds =
                transpose ? pb.map { periodStart[$0] } : (0...chunks).map { n / chunks * $0 + min($0, n % chunks) }
            let count: (Int) -> Void = { c in
                let k = counts + c * stride
                for r in bounds[c]..<bounds[c + 1] { k[Int(rs[r])] += 1 }
            }
            if chunks > 1 { parallel.run(chunks, count) } else { count(0) }
            var at = 0
            start.withUnsafeMutableBufferPointer { st in
                for s in 0..<seriesCount {
                    st[s] = at
                    for c in 0..<chunks {
                        let k = c * stride + s
                        let m = counts[k]
                        counts[k] = at
                        at += m
                    }
                }
                st[seriesCount] = at
            }
            let chunkFailed = UnsafeMutablePointer<Bool>.allocate(capacity: chunks)
            chunkFailed.initialize(repeating: false, count: chunks)
            defer { chunkFailed.deallocate() }
            let result = [Int32](unsafeUninitializedCapacity: n) { out, initialized in
                let o = out.baseAddress!
                let place: (Int) -> Void = { c in
                    let next = counts + c * stride
                    for r in bounds[c]..<bounds[c + 1] {
                        let s = Int(rs[r])
                        o[next[s]] = Int32(truncatingIfNeeded: r)
                        next[s] += 1
                    }
                }
                let placeBlocks: (Int) -> Void = { c in
                    let next = counts + c * stride
                    let block = 64
                    let cur = UnsafeMutablePointer<Int>.allocate(capacity: block + 1)
                    defer { cur.deallocate() }
                    periodStart.withUnsafeBufferPointer { ps in
                        var p = pb[c]
                        while p < pb[c + 1] {
                            let m = min(block, pb[c + 1] - p)
                            for i in 0..<m { cur[i] = ps[p + i] }
                            for s in 0..<seriesCount {
                                var at = next[s]
                                let target = Int32(truncatingIfNeeded: s)
                                for i in 0..<m {
                                    let r = cur[i]
                                    if r < ps[p + i + 1] && rs[r] == target {
                                        o[at] = Int32(truncatingIfNeeded: r)
                                        at += 1
                                        cur[i] = r + 1
                                    }
                                }
                                next[s] = at
                            }
                            for i in 0..<m where cur[i] != ps[p + i + 1] { chunkFailed[c] = true }
                            p += m
                        }
                    }
                }
                let work = transpose ? placeBlocks : place
                if chunks > 1 { parallel.run(chunks, work) } else { work(0) }
                initialized = n
            }
            for c in 0..<chunks where chunkFailed[c] { failed = true }
            return result
        }
        if failed {
            // Not in series order within a period: the row-order pass.
            return seriesIndex(rowSeries, seriesCount: seriesCount, periodStart: [], parallel: parallel)
        }
        return (start, rows)
    }

    /// The per-series index of a complete panel whose rows are in (period, series) order
    /// (period p's rows are series 0, 1, … in turn), or nil when the rows are not that.
    ///
    ///     // 2 series × 3 periods, rows s0 s1 s0 s1 s0 s1  ->  start [0, 3, 6], rows [0, 2, 4, 1, 3, 5]
    ///
    /// - Complexity: O(rows): one pass reading the rows, one writing the index.
    static func completeIndex(
        _ rowSeries: [Int32], seriesCount: Int, periodStart: [Int], chunks: Int, parallel: any ParallelFor
    ) -> (start: [Int], rows: [Int32])? {
        let n = rowSeries.count, np = periodStart.count - 1
        guard np > 0, seriesCount > 0, n == seriesCount * np, n <= Int(Int32.max) else { return nil }
        for p in 0...np where periodStart[p] != p * seriesCount { return nil }
        let complete = rowSeries.withUnsafeBufferPointer { rsb -> Bool in
            guard let rs = rsb.baseAddress else { return false }
            let bounds = (0...chunks).map { np / chunks * $0 + min($0, np % chunks) }
            let ok = UnsafeMutablePointer<Bool>.allocate(capacity: chunks)
            defer { ok.deallocate() }
            ok.initialize(repeating: true, count: chunks)
            let check: (Int) -> Void = { c in
                for p in bounds[c]..<bounds[c + 1] {
                    let row = rs + p * seriesCount
                    var differ: Int32 = 0
                    for i in 0..<seriesCount { differ |= row[i] ^ Int32(truncatingIfNeeded: i) }
                    if differ != 0 { ok[c] = false; return }
                }
            }
            if chunks > 1 { parallel.run(chunks, check) } else { check(0) }
            return (0..<chunks).allSatisfy { ok[$0] }
        }
        guard complete else { return nil }
        let start = (0...seriesCount).map { $0 * np }
        let bounds = (0...chunks).map { seriesCount / chunks * $0 + min($0, seriesCount % chunks) }
        let rows = [Int32](unsafeUninitializedCapacity: n) { out, initialized in
            let o = out.baseAddress!
            let write: (Int) -> Void = { c in
                for s in bounds[c]..<bounds[c + 1] {
                    let column = o + s * np
                    let step = Int32(truncatingIfNeeded: seriesCount)
                    var r = Int32(truncatingIfNeeded: s)
                    for p in 0..<np {
                        column[p] = r
                        r &+= step
                    }
                }
            }
            if chunks > 1 { parallel.run(chunks, write) } else { write(0) }
            initialized = n
        }
        return (start, rows)
    }

    /// An empty panel.
    ///
    /// - Complexity: O(1).
    public init() {
        self.init(
            series: [], periods: [], rowSeries: [], rowValues: [], rowCitations: [],
            citations: [], periodStart: [0])
    }

    /// Number of rows (observations, including missing ones).
    public var rowCount: Int { rowValues.count }

    /// The id of a series, or nil.
    ///
    /// - Complexity: O(1) average (a hash lookup).
    public func seriesIndex(of key: SeriesKey) -> Int? { seriesLookup[key].map(Int.init) }

    /// The index of a period in `periods`, or nil.
    ///
    /// - Complexity: O(1) average (a hash lookup).
    public func periodIndex(of period: Period) -> Int? { periodLookup[period].map(Int.init) }

    /// The rows of period index `p`.
    ///
    /// - Complexity: O(1).
    public func rows(inPeriod p: Int) -> Range<Int> { periodStart[p]..<periodStart[p + 1] }

    /// The period index of a row.
    ///
    /// - Complexity: O(log periods).
    public func periodIndex(ofRow row: Int) -> Int {
        var lo = 0, hi = periods.count  // invariant: periodStart[lo] <= row < periodStart[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if periodStart[mid] <= row { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// The row indices of series `s`, in period order.
    ///
    /// - Complexity: O(1).
    public func rows(ofSeries s: Int) -> ArraySlice<Int32> {
        seriesRows[seriesStart[s]..<seriesStart[s + 1]]
    }

    /// The row of series `s` in period index `p`, or nil.
    ///
    /// - Complexity: O(log rows in the period).
    public func row(series s: Int, period p: Int) -> Int? {
        var lo = periodStart[p], hi = periodStart[p + 1]
        let target = Int32(s)
        while lo < hi {
            let mid = (lo + hi) / 2
            if rowSeries[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < periodStart[p + 1] && rowSeries[lo] == target ? lo : nil
    }

    /// The value of series `s` in period index `p`; nil when there is no row, NaN when the
    /// row's value is missing.
    ///
    /// - Complexity: O(log rows in the period).
    public func value(of s: Int, in p: Int) -> Double? {
        row(series: s, period: p).map { rowValues[$0] }
    }

    /// The citation of a row, if any.
    ///
    /// - Complexity: O(1).
    public func citation(ofRow row: Int) -> String? {
        guard !rowCitations.isEmpty else { return nil }
        let c = rowCitations[row]
        return c < 0 ? nil : citations[Int(c)]
    }

    /// The observations of series `s`, in period order.
    ///
    /// - Complexity: O(rows of the series × log periods).
    public func observations(of s: Int) -> [Observation] {
        rows(ofSeries: s).map { r in
            let row = Int(r)
            return Observation(
                period: periods[periodIndex(ofRow: row)], value: rowValues[row],
                citation: citation(ofRow: row))
        }
    }

    /// The ids of the series matching every given field (nil = any).
    ///
    /// - Complexity: O(series).
    public func seriesIndices(
        exporter: Exporter? = nil, segment: Segment? = nil,
        metric: Metric? = nil, source: String? = nil,
        scope: String? = nil, partner: Exporter? = nil
    ) -> [Int] {
        series.indices.filter { i in
            let k = series[i]
            return (exporter == nil || k.exporter == exporter!)
                && (partner == nil || k.partner == partner!)
                && (segment == nil || k.segment == segment!)
                && (metric == nil || k.metric == metric!)
                && (source == nil || k.source == source!)
                && (scope == nil || k.scope == scope!)
        }
    }
}

/// One value of one series in one period, with its citation.
public struct Observation: Hashable, Sendable {
    public var period: Period
    /// NaN when the value is missing.
    public var value: Double
    /// Where the figure was published, if known.
    public var citation: String?

    /// An observation.
    ///
    /// - Complexity: O(1).
    public init(period: Period, value: Double, citation: String? = nil) {
        self.period = period
        self.value = value
        self.citation = citation
    }
}

/// Errors of building and querying panels.
public enum PanelError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The same series and period were given twice.
    case duplicate(SeriesKey, Period)
    /// Too many rows, series or periods for the 32-bit ids.
    case tooLarge(String)
    /// Nothing matches a request (no series of that metric and segment, unknown exporter…).
    case notFound(String)

    public var description: String {
        switch self {
        case .duplicate(let k, let p): "duplicate row: \(k) in \(p) is given twice"
        case .tooLarge(let what): "too large: \(what)"
        case .notFound(let what): what
        }
    }
}

/// Collects rows and builds an immutable `Panel`.
///
/// - Complexity: `add` is O(1) average; `build` is O(n log n) for n rows.
public struct PanelBuilder: Sendable {
    var keys: [SeriesKey] = []
    var keyLookup: [SeriesKey: Int32] = [:]
    var periodList: [Period] = []
    var periodLookup: [Period: Int32] = [:]
    var rowSeries: [Int32] = []
    var rowPeriod: [Int32] = []
    var rowValues: [Double] = []
    var rowCitations: [Int32] = []
    var citationTexts: [String] = []
    var citationLookup: [String: Int32] = [:]
    var seen: Set<UInt64> = []

    /// An empty builder.
    ///
    /// - Complexity: O(1).
    public init() {}

    /// Number of rows added so far.
    public var count: Int { rowValues.count }

    /// Reserves room for `n` rows.
    ///
    /// - Complexity: O(`n`).
    public mutating func reserveCapacity(_ n: Int) {
        rowSeries.reserveCapacity(n)
        rowPeriod.reserveCapacity(n)
        rowValues.reserveCapacity(n)
        seen.reserveCapacity(n)
    }

    /// The id of `key`, creating the series if needed.
    ///
    /// - Complexity: O(1) average (a hash lookup).
    public mutating func seriesID(for key: SeriesKey) throws(PanelError) -> Int32 {
        if let id = keyLookup[key] { return id }
        guard keys.count < Int(Int32.max) else { throw .tooLarge("more than 2^31 series") }
        let id = Int32(keys.count)
        keys.append(key)
        keyLookup[key] = id
        return id
    }

    /// Adds one observation. Throws `.duplicate` when the series already has this period.
    ///
    /// - Complexity: O(1) amortised.
    public mutating func add(
        _ key: SeriesKey, _ period: Period, _ value: Double,
        citation: String? = nil
    ) throws(PanelError) {
        let s = try seriesID(for: key)
        try add(series: s, period, value, citation: citation)
    }

    /// Adds one observation to a series id from `seriesID(for:)`.
    ///
    /// - Complexity: O(1) amortised.
    public mutating func add(
        series s: Int32, _ period: Period, _ value: Double,
        citation: String? = nil
    ) throws(PanelError) {
        let p: Int32
        if let id = periodLookup[period] {
            p = id
        } else {
            guard periodList.count < Int(Int32.max) else { throw .tooLarge("more than 2^31 periods") }
            p = Int32(periodList.count)
            periodList.append(period)
            periodLookup[period] = p
        }
        guard rowValues.count < Int(Int32.max) else { throw .tooLarge("more than 2^31 rows") }
        let packed = UInt64(UInt32(bitPattern: s)) << 32 | UInt64(UInt32(bitPattern: p))
        guard seen.insert(packed).inserted else { throw .duplicate(keys[Int(s)], period) }
        rowSeries.append(s)
        rowPeriod.append(p)
        rowValues.append(value)
        if let citation {
            if rowCitations.count < rowValues.count - 1 {
                rowCitations.append(contentsOf: repeatElement(-1, count: rowValues.count - 1 - rowCitations.count))
            }
            let c: Int32
            if let id = citationLookup[citation] {
                c = id
            } else {
                c = Int32(citationTexts.count)
                citationTexts.append(citation)
                citationLookup[citation] = c
            }
            rowCitations.append(c)
        }
    }

    /// True when the series already has a row in `period`.
    ///
    /// - Complexity: O(1) average (a hash lookup).
    public func contains(_ key: SeriesKey, _ period: Period) -> Bool {
        guard let s = keyLookup[key], let p = periodLookup[period] else { return false }
        return seen.contains(UInt64(UInt32(bitPattern: s)) << 32 | UInt64(UInt32(bitPattern: p)))
    }

    /// The panel of every row added, sorted by (period, series).
    ///
    /// - Complexity: O(n) for n rows added in period or series order, O(n log n) at worst.
    public func build() -> Panel {
        let columns = PanelColumns(
            series: keys, periods: periodList, rowSeries: rowSeries, rowPeriod: rowPeriod,
            rowValues: rowValues, rowCitations: rowCitations, citations: citationTexts)
        return columns.build()
    }
}

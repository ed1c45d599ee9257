/// The state of one import of one format.
struct ImportRun<F: RecordFormat> {
    var prototype: F
    let options: ImportOptions
    var columns = PanelColumns()
    var seriesLookup: [SeriesKey: Int32] = [:]
    var periodLookup: [Period: Int32] = [:]
    var citationLookup: [String: Int32] = [:]
    var detector = DuplicateDetector()
    /// Whether every row merged so far is in order, (period id, series id) strictly
    /// increasing from each row to the next: that check alone rules out a repeated (series,
    /// period), so `detector` is neither filled nor grown. (Tidy files grouped by period
    /// pass it because ids are given in order of first appearance; a wide file's period ids
    /// follow its columns and break it at the second record, which only costs the bitset.)
    /// The first row out of that order fills the bitset with every row before it
    /// (`leaveOrder`); a base panel or held-back rows end the order first.
    var ordered = true
    /// The last row merged while `ordered`.
    var lastSeries: Int32 = -1
    var lastPeriod: Int32 = -1
    var report = ImportReport()
    var skipped: [Int]
    var line = 1
    var headerRead = false
    var hasCitations = false

    init(prototype: F, options: ImportOptions, base: Panel) {
        self.prototype = prototype
        self.options = options
        skipped = [Int](repeating: 0, count: F.skipReasons.count)
        columns.periodsAsRuns = true  // rows come a period at a time in most files
        seed(with: base)
    }

    /// Starts from the rows of `base`, so that the import adds to it.
    mutating func seed(with base: Panel) {
        guard base.rowCount > 0 || !base.series.isEmpty else { return }
        ordered = false  // the base's rows are in the detector
        columns.series = base.series
        columns.periods = base.periods
        for (i, k) in base.series.enumerated() { seriesLookup[k] = Int32(i) }
        for (i, p) in base.periods.enumerated() { periodLookup[p] = Int32(i) }
        columns.citations = base.citations
        for (i, c) in base.citations.enumerated() { citationLookup[c] = Int32(i) }
        columns.reserveCapacity(base.rowCount)
        detector.grow(series: base.series.count, periods: base.periods.count, rows: base.rowCount)
        for p in 0..<base.periods.count {
            let rows = base.rows(inPeriod: p)
            for r in rows {
                let s = base.rowSeries[r]
                columns.rowSeries.append(s)
                columns.rowValues.append(base.rowValues[r])
                _ = detector.insert(s, Int32(p))
            }
            columns.appendPeriod(Int32(p), count: rows.count)
        }
        if !base.rowCitations.isEmpty {
            columns.rowCitations = []
            columns.rowCitations.reserveCapacity(base.rowCount)
            for p in 0..<base.periods.count {
                for r in base.rows(inPeriod: p) { columns.rowCitations.append(base.rowCitations[r]) }
            }
        }
    }

    /// Bytes per row of the columns (series, period, value, citation) and of the duplicate
    /// detector's hash set; per series of the key arrays, lookup tables and their text.
    static var rowBytes: Int { 48 }
    static var seriesBytes: Int { MemoryLayout<SeriesKey>.stride * 4 + 64 }

    /// Asks `options.memoryCheck` for `bytes` more; ends the import when refused.
    func ensure(_ bytes: Int) throws(ImportError) {
        guard let check = options.memoryCheck, bytes > 0, !check(bytes) else { return }
        var e = failure(
            Rejection(
                line: line, column: 1, reason: .readFailure,
                detail: "out of memory: the import needs about \(bytes) more bytes, which cannot be allocated"))
        e.outOfMemory = bytes
        throw e
    }

    /// What parsing and merging a block of `n` bytes may allocate: the pieces' output (a
    /// few bytes per input byte) and, when its new series (at most one per 16 bytes) could
    /// outgrow a table of series (the workers' and the panel's keys, lookups and
    /// duplicate bits, all grown by doubling), every table at that size.
    func blockMemory(_ n: Int, _ workers: [F]) -> Int {
        let newSeries = n / 16
        var count = columns.series.count, outgrows = count + newSeries > columns.series.capacity
        for w in workers {
            count = max(count, w.tables.seriesKeys.count)
            outgrows = outgrows || w.tables.seriesKeys.count + newSeries > w.tables.seriesKeys.capacity
        }
        return n * 4 + (outgrows ? (count + newSeries) * Self.seriesBytes : 0)
    }

    func failure(_ rejection: Rejection) -> ImportError {
        var r = report
        r.skippedReasons = zip(F.skipReasons, skipped).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
        return ImportError(rejection: rejection, report: r)
    }

    mutating func run(
        _ blocks: inout some BlockProducer, sizeHint: Int?, parallel: some ParallelFor
    )
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        // One thread for a small input of known size (under 16 pieces' worth, 1 MB by
        // default): starting a thread, a second set of piece buffers and a second worker
        // that learns every series again cost more there than half the parse saves.
        let small = sizeHint.map { $0 < options.minPieceBytes &* 16 } ?? false
        let width = F.sequentialOnly || small ? 1 : max(1, parallel.width)
        var workers: [F] = []
        var outputs: [PieceOutput] = (0..<width).map { _ in PieceOutput() }
        defer { for o in outputs { o.free() } }
        // Pipelined (a threaded runner and a format without sequential state): the
        // pieces of one block, their ids mapped, wait in `pending` and are merged beside
        // the parsing of the next block.
        let pipelined = width > 1
        var pending: [PieceOutput] = pipelined ? (0..<width).map { _ in PieceOutput() } : []
        defer { for o in pending { o.free() } }
        var pendingCount = 0
        var pendingBytes = 0
        var maps = [IDMaps](repeating: IDMaps(), count: width)
        var records = [CSVRecord](repeating: CSVRecord(), count: width)
        var firstBlock = true
        var reserved = false
        var bytesRead = 0
        while true {
            let block: UnsafeRawBufferPointer
            var quoteFree = false
            switch blocks.next(maxRecordBytes: options.maxRecordBytes) {
            case .end:
                if firstBlock {
                    throw failure(Rejection(line: 1, column: 1, reason: .emptyInput, detail: "the input is empty"))
                }
                try mergePending(&pending, pendingCount, maps)
                pendingCount = 0
                return try finish(&workers, &outputs, &maps, parallel: parallel)
            case .failure(let reason, let detail):
                try mergePending(&pending, pendingCount, maps)
                pendingCount = 0
                throw failure(Rejection(line: line, column: 1, reason: reason, detail: detail))
            case .block(let b, let q):
                block = b
                quoteFree = q
                bytesRead += b.count
            }
            defer { options.progress?(bytesRead, sizeHint) }
            guard var p = block.baseAddress?.assumingMemoryBound(to: UInt8.self) else { continue }
            var n = block.count
            if firstBlock {
                firstBlock = false
                // A byte-order mark at the very start is dropped.
                if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { p += 3; n -= 3 }
            }
            if !headerRead {
                var scanner = CSVScanner(
                    UnsafeRawBufferPointer(start: p, count: n), line: line,
                    maxFieldBytes: options.maxFieldBytes)
                var header = CSVRecord()
                guard scanner.next(into: &header) else {
                    line = scanner.line
                    continue  // only blank lines so far
                }
                if let problem = header.problem {
                    throw failure(
                        Rejection(
                            line: problem.line, column: problem.field + 1, reason: problem.reason,
                            detail: "in the header: " + problem.detail))
                }
                do throws(Rejection) { try prototype.readHeader(header, scanner) } catch { throw failure(error) }
                headerRead = true
                hasCitations = prototype.hasCitations
                workers = [F](repeating: prototype, count: width)
                line = scanner.line
                p += scanner.pos
                n -= scanner.pos
            }
            if n == 0 { continue }
            try ensure(blockMemory(n + pendingBytes, workers))
            // Pieces. Beside them run the reading of the next block (`prefetch`) and the
            // merge of the previous one; a threaded runner gives the k-th of these extra
            // tasks to the thread of piece k, so those pieces are made smaller by the
            // task's share (reading a byte costs about an eighth of parsing it, merging
            // its rows about a quarter).
            let prefetch = blocks.prefetches && width > 1
            let merging = pendingCount > 0
            var extras: [Double] = []
            if prefetch { extras.append(Double(blocks.prefetchBytes) * 0.125) }
            if merging { extras.append(Double(pendingBytes) * 0.25) }
            var starts = [0]
            if width > 1 && n >= options.minPieceBytes {
                let share = (Double(n) + extras.reduce(0, +)) / Double(width)
                var at = 0.0
                var targets: [Int] = []
                for t in 0..<(width - 1) {
                    at += max(share - (t < extras.count ? extras[t] : 0), Double(n) * 0.05)
                    targets.append(min(Int(at), n))
                }
                let found = RecordBoundaries.find(
                    p, n, targets: targets, final: true,
                    quoteFree: quoteFree ? true : nil
                ).starts
                for s in found { if let s, s > starts[starts.count - 1], s < n { starts.append(s) } }
            }
            starts.append(n)
            let pieces = starts.count - 1
            let strict = options.policy == .strict
            let maxField = options.maxFieldBytes
            let base = p
            let mergeTask = merging ? pieces + (prefetch ? 1 : 0) : -1
            var mergeError: ImportError? = nil
            if F.sequentialOnly { for k in workers.indices { workers[k].startPiece(lineBase: line) } }
            workers.withUnsafeMutableBufferPointer { wp in
                outputs.withUnsafeMutableBufferPointer { op in
                    records.withUnsafeMutableBufferPointer { rp in
                        parallel.run(pieces + (prefetch ? 1 : 0) + (merging ? 1 : 0)) { k in
                            if k == mergeTask {
                                do throws(ImportError) { try self.mergePending(&pending, pendingCount, maps) } catch {
                                    mergeError = error
                                }
                                return
                            }
                            if k >= pieces {
                                blocks.prefetch()
                                return
                            }
                            let bytes = UnsafeRawBufferPointer(
                                start: base + starts[k], count: starts[k + 1] - starts[k])
                            ImportRun.parse(bytes, &wp[k], &op[k], &rp[k], strict: strict, maxFieldBytes: maxField)
                        }
                    }
                }
            }
            if let mergeError { throw mergeError }
            pendingCount = 0
            let obs = outputs[0..<pieces].reduce(0) { $0 + $1.values.count }
            let rows = columns.rowValues.count
            if rows + obs > columns.rowValues.capacity {
                try ensure(max(columns.rowValues.capacity * 2, rows + obs) * Self.rowBytes)
            }
            if !reserved, let sizeHint, sizeHint > 0 {
                reserved = true
                let estimate = Int(Double(sizeHint) / Double(max(n, 1)) * Double(obs) * 1.03) + 1024
                try ensure((rows + estimate) * Self.rowBytes)
                columns.reserveCapacity(columns.rowValues.count + estimate)
                if hasCitations { columns.rowCitations.reserveCapacity(columns.rowValues.count + estimate) }
            }
            // The pieces' new ids enter the panel's tables in input order, then each
            // piece's ids are mapped to the panel's; the rest of the merge (duplicates,
            // rows, rejections) goes in order. Pipelined, the mapping and the merge run
            // together beside the next block's parsing (`mergePending`: the maps only
            // grow, and only after that block's pieces are done); else both run now.
            for k in 0..<pieces { updateMaps(workers[k], &maps[k]) }
            if !pipelined {
                let withCitations = hasCitations
                for k in 0..<pieces { ImportRun.mapIDs(&outputs[k], maps[k], citations: withCitations) }
            }
            if pipelined {
                swap(&outputs, &pending)
                pendingCount = pieces
                pendingBytes = n
            } else {
                try mergeMapped(&outputs, pieces)
            }
        }
    }

    /// Maps the ids of the first `count` piece outputs (piece k parsed by worker k) with
    /// `maps`, then merges them, in order.
    mutating func mergePending(_ outs: inout [PieceOutput], _ count: Int, _ maps: [IDMaps]) throws(ImportError) {
        for k in 0..<count { Self.mapIDs(&outs[k], maps[k], citations: hasCitations) }
        try mergeMapped(&outs, count)
    }

    /// Merges the first `count` mapped piece outputs, in order.
    mutating func mergeMapped(_ outs: inout [PieceOutput], _ count: Int) throws(ImportError) {
        var unused = IDMaps()
        for k in 0..<count {
            try merge(piece: &outs[k], worker: prototype, maps: &unused, mapped: true)
        }
    }

    /// Parses one piece of records (runs on a worker).
    static func parse(
        _ bytes: UnsafeRawBufferPointer, _ format: inout F, _ out: inout PieceOutput,
        _ record: inout CSVRecord, strict: Bool, maxFieldBytes: Int
    ) {
        out.reset(skipReasons: F.skipReasons.count)
        format.parsePiece(bytes, into: &out, record: &record, strict: strict, maxFieldBytes: maxFieldBytes)
    }

    /// Maps the worker-local values not mapped yet (`local[map.count...]`) to panel ids,
    /// adding the values the panel does not have yet.
    ///
    /// - Complexity: O(new values), one hash lookup each.
    static func intern<K: Hashable>(
        _ local: [K], into map: inout [Int32], _ global: inout [K],
        _ lookup: inout [K: Int32]
    ) {
        while map.count < local.count {
            let k = local[map.count]
            if let g = lookup[k] {
                map.append(g)
            } else {
                let g = Int32(global.count)
                global.append(k)
                lookup[k] = g
                map.append(g)
            }
        }
    }

    /// Rewrites a piece's worker-local series, period and citation ids as panel ids
    /// (`maps` must be up to date: `updateMaps`). Touches only the piece: pieces may be
    /// mapped in parallel.
    ///
    /// - Complexity: O(observations).
    static func mapIDs(_ out: inout PieceOutput, _ maps: IDMaps, citations hasCitations: Bool) {
        let nObs = out.values.count
        let series = out.series.base, periods = out.periods.base
        maps.series.withUnsafeBufferPointer { ms in
            maps.periods.withUnsafeBufferPointer { mp in
                for i in 0..<nObs {
                    series[i] = ms[Int(series[i])]
                    periods[i] = mp[Int(periods[i])]
                }
            }
        }
        if hasCitations && out.citations.count == nObs && nObs > 0 {
            let c = out.citations.base
            maps.citations.withUnsafeBufferPointer { mc in
                for i in 0..<nObs where c[i] >= 0 { c[i] = mc[Int(c[i])] }
            }
        }
    }

    /// Brings a worker's new local ids into the panel's ids.
    mutating func updateMaps(_ worker: F, _ maps: inout IDMaps) {
        let t = worker.tables
        Self.intern(t.seriesKeys, into: &maps.series, &columns.series, &seriesLookup)
        Self.intern(t.periods, into: &maps.periods, &columns.periods, &periodLookup)
        Self.intern(t.citations, into: &maps.citations, &columns.citations, &citationLookup)
        if !ordered {
            detector.grow(
                series: columns.series.count, periods: columns.periods.count,
                rows: columns.rowValues.count + 1)
        }
    }

    /// The first of `n` (series, period) pairs that breaks the order of `ordered`, or nil;
    /// when nil, the last pair becomes `lastSeries` and `lastPeriod`.
    ///
    /// - Complexity: O(n), no memory but the pairs'.
    mutating func firstOutOfOrder(_ series: UnsafePointer<Int32>, _ periods: UnsafePointer<Int32>, _ n: Int) -> Int? {
        var s0 = lastSeries, p0 = lastPeriod
        for i in 0..<n {
            let s = series[i], p = periods[i]
            if p == p0 ? s <= s0 : p < p0 { return i }
            s0 = s
            p0 = p
        }
        lastSeries = s0
        lastPeriod = p0
        return nil
    }

    /// Ends `ordered`: the detector is sized and given every row merged so far.
    ///
    /// - Complexity: O(rows merged + series × periods / 64).
    mutating func leaveOrder() {
        guard ordered else { return }
        ordered = false
        detector.grow(series: columns.series.count, periods: columns.periods.count, rows: columns.rowValues.count + 1)
        let n = columns.rowSeries.count
        if columns.periodsAsRuns {
            var start = 0
            for run in columns.periodRuns {
                for r in start..<run.end { _ = detector.insert(columns.rowSeries[r], run.period) }
                start = run.end
            }
        } else {
            for r in 0..<n { _ = detector.insert(columns.rowSeries[r], columns.rowPeriod[r]) }
        }
    }

    mutating func reject(_ r: Rejection) throws(ImportError) {
        report.rowsRejected += 1
        if options.policy == .strict { throw failure(r) }
        if report.rejections.count < options.maxRejections { report.rejections.append(r) }
    }

    /// Merges one parsed piece in input order: ids mapped in place, duplicates found with
    /// the bitset, the columns appended in bulk. A record with a repeated (series,
    /// period) is refused whole; the first refusal in input order fails a strict import.
    ///
    /// - Parameter mapped: Whether `updateMaps` and `mapIDs` have been applied already.
    mutating func merge(
        piece out: inout PieceOutput, worker: F, maps: inout IDMaps, mapped: Bool = false
    )
        throws(ImportError)
    {
        let lineBase = line
        let nObs = out.values.count
        let nRec = out.recordCount
        let citations = hasCitations && out.citations.count == nObs && nObs > 0
        // 1. Worker ids -> panel ids, in place.
        if !mapped {
            updateMaps(worker, &maps)
            Self.mapIDs(&out, maps, citations: hasCitations)
        }
        // 2. Duplicates: the bitset over the whole piece; a repeat (rare) goes record by
        //    record so that a refused record leaves nothing marked.
        var dropped: [Bool] = []
        var duplicates: [(record: Int32, rejection: Rejection)] = []
        var firstRepeat: Int? = nil
        if ordered, let broken = firstOutOfOrder(out.series.base, out.periods.base, nObs) {
            // The piece's rows before `broken` are in order: no repeats among them.
            leaveOrder()
            for m in 0..<broken { _ = detector.insert(out.series[m], out.periods[m]) }
            firstRepeat = detector.insertAll(out.series.base + broken, out.periods.base + broken, nObs - broken)
                .map { $0 + broken }
        } else if !ordered {
            firstRepeat = detector.insertAll(out.series.base, out.periods.base, nObs)
        }
        if let first = firstRepeat {
            out.materialize()
            dropped = [Bool](repeating: false, count: nObs)
            var i = first  // an observation whose pair is marked already
            while true {
                let r = out.observationRecord[i]
                var j = i
                while j > 0 && out.observationRecord[j - 1] == r { j -= 1 }
                var k = i + 1
                while k < nObs && out.observationRecord[k] == r { k += 1 }
                // The record's own marks, made before the repeat, are undone.
                for m in j..<i { detector.remove(out.series[m], out.periods[m]) }
                for m in j..<k { dropped[m] = true }
                let key = columns.series[Int(out.series[i])]
                let period = columns.periods[Int(out.periods[i])]
                duplicates.append(
                    (
                        r,
                        Rejection(
                            line: lineBase + Int(out.recordLines[Int(r)]), column: 1,
                            reason: .duplicate, detail: "\(key) in \(period) was given before")
                    ))
                guard k < nObs, let next = detector.insertAll(out.series.base + k, out.periods.base + k, nObs - k)
                else { break }
                i = k + next
            }
        }
        // 3. Rows and rejections, in record order.
        var events = out.rejections.map {
            (
                record: $0.record,
                rejection: Rejection(
                    line: $0.rejection.line + lineBase, column: $0.rejection.column,
                    columnName: $0.rejection.columnName,
                    reason: $0.rejection.reason, detail: $0.rejection.detail)
            )
        }
        if !duplicates.isEmpty {
            events.append(contentsOf: duplicates)
            events.sort { $0.record < $1.record }
        }
        if options.policy == .strict, let first = events.first {
            // Counted up to the refused row, which is the last one read.
            let skippedBefore = out.skippedRecords.reduce(0) { $0 + ($1 < first.record ? 1 : 0) }
            report.rowsRead += Int(first.record) + 1
            report.rowsSkipped += skippedBefore
            report.rowsRejected += 1
            report.rowsLoaded += Int(first.record) - skippedBefore
            throw failure(first.rejection)
        }
        // A wide row may have several refused cells: rows are counted once.
        var rejectedRows = 0
        var previous: Int32 = -1
        for e in events where e.record != previous {
            rejectedRows += 1
            previous = e.record
        }
        report.rowsRead += nRec
        report.rowsSkipped += out.skippedRecords.count
        report.rowsRejected += rejectedRows
        report.rowsLoaded += nRec - out.skippedRecords.count - rejectedRows
        report.missingValues += out.missing
        for e in events where report.rejections.count < options.maxRejections { report.rejections.append(e.rejection) }
        for (i, c) in out.skipped.enumerated() { skipped[i] += c }
        // 4. Columns, in bulk (compacted when records were refused).
        if citations && columns.rowCitations.count < columns.rowValues.count {
            columns.rowCitations.append(
                contentsOf: repeatElement(-1, count: columns.rowValues.count - columns.rowCitations.count))
        }
        if dropped.isEmpty {
            columns.rowSeries.append(contentsOf: out.series.buffer)
            columns.appendPeriods(out.periods.base, nObs)
            columns.rowValues.append(contentsOf: out.values.buffer)
            if citations { columns.rowCitations.append(contentsOf: out.citations.buffer) }
            report.observationsLoaded += nObs
        } else {
            for i in 0..<nObs where !dropped[i] {
                columns.rowSeries.append(out.series[i])
                columns.appendPeriod(out.periods[i])
                columns.rowValues.append(out.values[i])
                if citations { columns.rowCitations.append(out.citations[i]) }
                report.observationsLoaded += 1
            }
        }
        line = lineBase + out.lines
    }

    mutating func finish(
        _ workers: inout [F], _ outputs: inout [PieceOutput], _ maps: inout [IDMaps],
        parallel: any ParallelFor = SerialFor()
    )
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        if !headerRead {
            throw failure(
                Rejection(line: 1, column: 1, reason: .emptyInput, detail: "the input has no header (only blank lines)")
            )
        }
        if F.sequentialOnly, !workers.isEmpty {
            outputs[0].reset(skipReasons: F.skipReasons.count)
            workers[0].finish(into: &outputs[0], report: &report)
            try mergeHeld(outputs[0], worker: workers[0], maps: &maps[0])
        }
        if report.rowsRead == 0 && !options.allowEmpty {
            let none = Rejection(
                line: line, column: 1, reason: .noDataRows, detail: "the input has a header but no data rows")
            // Strict: an error. Lenient: nothing loads and the report says why (a note, not a row).
            if options.policy == .strict { throw failure(none) }
            report.rejections.append(none)
        }
        report.skippedReasons = zip(F.skipReasons, skipped).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
        // The build sorts a copy of the columns and indexes the panel.
        try ensure(columns.rowValues.count * Self.rowBytes + columns.series.count * Self.seriesBytes)
        if !hasCitations || columns.rowCitations.allSatisfy({ $0 < 0 }) {
            if columns.citations.isEmpty { columns.rowCitations = [] }
        }
        let all = columns
        columns = PanelColumns()  // the build below owns the only copy: it sorts in place
        return (all.build(parallel: parallel), report)
    }

    /// Merges observations a sequential format held back until the end (their rows were
    /// counted as loaded when read; a clash with the base panel turns one into a rejection).
    mutating func mergeHeld(_ out: PieceOutput, worker: F, maps: inout IDMaps) throws(ImportError) {
        leaveOrder()
        updateMaps(worker, &maps)
        for i in 0..<out.values.count {
            let s = maps.series[Int(out.series[i])]
            let p = maps.periods[Int(out.periods[i])]
            guard detector.insert(s, p) else {
                report.rowsLoaded = max(0, report.rowsLoaded - 1)
                let line = i < out.recordLines.count ? Int(out.recordLines[i]) : 0
                try reject(
                    Rejection(
                        line: line, column: 1, reason: .duplicate,
                        detail: "\(columns.series[Int(s)]) in \(columns.periods[Int(p)]) is in the panel already"))
                continue
            }
            columns.rowSeries.append(s)
            columns.appendPeriod(p)
            columns.rowValues.append(out.values[i])
            if !columns.rowCitations.isEmpty { columns.rowCitations.append(-1) }
            report.observationsLoaded += 1
        }
    }
}

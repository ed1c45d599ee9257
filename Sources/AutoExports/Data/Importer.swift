/// Reads tidy CSV, wide CSV and UN Comtrade CSV into a panel, with one error model.
///
/// Every refused row is reported with its line, column and reason (`Rejection`). Under
/// the strict policy the first refused row fails the import (`ImportError`) and nothing
/// is loaded; under the lenient policy the valid rows load and the refusals come back in
/// the `ImportReport`. A repeated (series, period) — within the input or against the
/// panel imported into — is a refusal like any other. Rows read = rows loaded + rows
/// rejected + rows skipped, always.
///
/// Input is UTF-8 with or without a byte-order mark, LF or CRLF line ends, RFC 4180
/// quoting. It is cut into blocks of a few megabytes at record boundaries, each block
/// into pieces that are parsed independently (in parallel with a threaded `ParallelFor`)
/// over bytes, and the pieces are merged in input order: the result never depends on the
/// split. Memory beyond the panel's columns is a few blocks.
///
///     let csv = "exporter,period,metric,value\nCHN,2023,units,4910000\n"
///     let (panel, report) = try Importer.read(csv, format: .tidy)
///     report.rowsLoaded                    // 1
///
/// - Complexity: O(input bytes + n log n) for n observations in the worst case, O(input
///   bytes + n) when rows come grouped by period or by series.
public enum Importer {
    /// Reads text already in memory.
    public static func read(_ text: String, format: ImportFormat, options: ImportOptions = ImportOptions(),
                            into base: Panel = Panel(), parallel: some ParallelFor = SerialFor())
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        var t = text
        let r: Result<(panel: Panel, report: ImportReport), ImportError> = t.withUTF8 { u in
            do throws(ImportError) {
                return .success(try read(bytes: UnsafeRawBufferPointer(u), format: format, options: options,
                                         into: base, parallel: parallel))
            } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Reads bytes in memory (not copied).
    public static func read(bytes: UnsafeRawBufferPointer, format: ImportFormat,
                            options: ImportOptions = ImportOptions(), into base: Panel = Panel(),
                            parallel: some ParallelFor = SerialFor())
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        var blocks = MemoryBlocks(bytes: bytes, blockBytes: options.blockBytes)
        return try dispatch(format, &blocks, sizeHint: bytes.count, options, base, parallel)
    }

    /// Reads from a byte source block by block (a file, a pipe).
    ///
    /// - Parameter sizeHint: The input's size if known (a file's size): lets the importer
    ///   reserve the columns once instead of growing them.
    public static func read(from source: inout some ByteSource, sizeHint: Int? = nil, format: ImportFormat,
                            options: ImportOptions = ImportOptions(), into base: Panel = Panel(),
                            parallel: some ParallelFor = SerialFor())
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        var blocks = StreamBlocks(source: source, blockBytes: options.blockBytes)
        defer { blocks.release() }
        return try dispatch(format, &blocks, sizeHint: sizeHint, options, base, parallel)
    }

    static func dispatch(_ format: ImportFormat, _ blocks: inout some BlockProducer, sizeHint: Int?,
                         _ options: ImportOptions, _ base: Panel, _ parallel: some ParallelFor)
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        switch format {
        case .tidy:
            var run = ImportRun(prototype: TidyCSV(options: options), options: options, base: base)
            return try run.run(&blocks, sizeHint: sizeHint, parallel: parallel)
        case .wide:
            var run = ImportRun(prototype: WideCSV(options: options), options: options, base: base)
            return try run.run(&blocks, sizeHint: sizeHint, parallel: parallel)
        case .comtrade:
            var run = ImportRun(prototype: ComtradeCSV(options: options), options: options, base: base)
            return try run.run(&blocks, sizeHint: sizeHint, parallel: parallel)
        }
    }
}

// MARK: - Blocks

/// The next block of input: it starts and ends at record boundaries.
enum BlockResult {
    case block(UnsafeRawBufferPointer)
    case end
    /// No record end within the record limit (`recordTooLong`), or a read failure.
    case failure(RejectionReason, String)
}

protocol BlockProducer {
    /// The next block; the previous one stays valid until this is called again.
    mutating func next(maxRecordBytes: Int) -> BlockResult
}

/// Blocks over bytes in memory, without copying.
struct MemoryBlocks: BlockProducer {
    let base: UnsafePointer<UInt8>
    let count: Int
    let blockBytes: Int
    var pos = 0

    init(bytes: UnsafeRawBufferPointer, blockBytes: Int) {
        base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? CSVScanner.emptyBase
        count = bytes.count
        self.blockBytes = blockBytes
    }

    mutating func next(maxRecordBytes: Int) -> BlockResult {
        if pos >= count { return .end }
        var len = min(blockBytes, count - pos)
        while true {
            let final = pos + len == count
            if let end = RecordBoundaries.find(base + pos, len, targets: [], final: final).lastEnd, end > 0 {
                let block = UnsafeRawBufferPointer(start: base + pos, count: end)
                pos += end
                return .block(block)
            }
            if len >= maxRecordBytes {
                return .failure(.recordTooLong, "no line end within \(maxRecordBytes) bytes")
            }
            len = min(len * 2, count - pos)
        }
    }
}

/// Blocks read from a `ByteSource` into one reused buffer.
struct StreamBlocks<S: ByteSource>: BlockProducer {
    var source: S
    var buffer: UnsafeMutableRawBufferPointer
    var filled = 0
    var consumed = 0
    var eof = false

    init(source: S, blockBytes: Int) {
        self.source = source
        buffer = .allocate(byteCount: blockBytes, alignment: 16)
    }

    func release() { buffer.deallocate() }

    mutating func next(maxRecordBytes: Int) -> BlockResult {
        // Keep the unconsumed tail.
        if consumed > 0 {
            let tail = filled - consumed
            if tail > 0, let b = buffer.baseAddress {
                b.copyMemory(from: b + consumed, byteCount: tail)
            }
            filled = tail
            consumed = 0
        }
        while true {
            while !eof && filled < buffer.count {
                guard let n = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])) else {
                    return .failure(.readFailure, source.failure)
                }
                if n == 0 { eof = true } else { filled += n }
            }
            if filled == 0 { return .end }
            guard let b = buffer.baseAddress else { return .end }
            let p = b.assumingMemoryBound(to: UInt8.self)
            if let end = RecordBoundaries.find(p, filled, targets: [], final: eof).lastEnd, end > 0 {
                consumed = end
                return .block(UnsafeRawBufferPointer(start: b, count: end))
            }
            if buffer.count >= maxRecordBytes {
                return .failure(.recordTooLong, "no line end within \(maxRecordBytes) bytes")
            }
            // A record longer than the buffer: grow it.
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: min(buffer.count * 2, maxRecordBytes), alignment: 16)
            if let nb = bigger.baseAddress { nb.copyMemory(from: b, byteCount: filled) }
            buffer.deallocate()
            buffer = bigger
        }
    }
}

// MARK: - One import

/// Which of a worker's local ids map to which panel ids.
struct IDMaps {
    var series: [Int32] = []
    var periods: [Int32] = []
    var citations: [Int32] = []
}

/// Whether a (series, period) was seen: one bit per period for each series while that is
/// small, a hash set otherwise.
struct DuplicateDetector {
    var bits: [[UInt64]] = []
    var set: Set<UInt64> = []
    var usesSet = false
    var periodCount = 0

    /// Makes room for `series` series and `periods` periods.
    mutating func grow(series: Int, periods: Int, rows: Int) {
        periodCount = max(periodCount, periods)
        if usesSet { return }
        let words = (periodCount + 63) / 64
        // Switch to the hash set when the bitsets would cost more than the rows.
        if series * (words * 8 + 32) > max(1 << 24, rows * 4) {
            usesSet = true
            set.reserveCapacity(rows)
            for (s, ws) in bits.enumerated() {
                for (w, word) in ws.enumerated() where word != 0 {
                    for b in 0..<64 where word & (1 << UInt64(b)) != 0 {
                        set.insert(UInt64(s) << 32 | UInt64(w * 64 + b))
                    }
                }
            }
            bits = []
            return
        }
        while bits.count < series { bits.append([]) }
    }

    /// Marks (s, p); false when it was marked already.
    @inline(__always)
    mutating func insert(_ s: Int32, _ p: Int32) -> Bool {
        if usesSet { return set.insert(UInt64(UInt32(s)) << 32 | UInt64(UInt32(p))).inserted }
        let w = Int(p) >> 6, mask: UInt64 = 1 << UInt64(p & 63)
        if bits[Int(s)].count <= w {
            bits[Int(s)].append(contentsOf: repeatElement(0, count: max(w + 1, (periodCount + 63) / 64) - bits[Int(s)].count))
        }
        if bits[Int(s)][w] & mask != 0 { return false }
        bits[Int(s)][w] |= mask
        return true
    }

    mutating func remove(_ s: Int32, _ p: Int32) {
        if usesSet { set.remove(UInt64(UInt32(s)) << 32 | UInt64(UInt32(p))); return }
        bits[Int(s)][Int(p) >> 6] &= ~(1 << UInt64(p & 63))
    }
}

/// The state of one import of one format.
struct ImportRun<F: RecordFormat> {
    var prototype: F
    let options: ImportOptions
    var columns = PanelColumns()
    var seriesLookup: [SeriesKey: Int32] = [:]
    var periodLookup: [Period: Int32] = [:]
    var citationLookup: [String: Int32] = [:]
    var detector = DuplicateDetector()
    var report = ImportReport()
    var skipped: [Int]
    var line = 1
    var headerRead = false
    var hasCitations = false

    init(prototype: F, options: ImportOptions, base: Panel) {
        self.prototype = prototype
        self.options = options
        skipped = [Int](repeating: 0, count: F.skipReasons.count)
        seed(with: base)
    }

    /// Starts from the rows of `base`, so that the import adds to it.
    mutating func seed(with base: Panel) {
        guard base.rowCount > 0 || !base.series.isEmpty else { return }
        columns.series = base.series
        columns.periods = base.periods
        for (i, k) in base.series.enumerated() { seriesLookup[k] = Int32(i) }
        for (i, p) in base.periods.enumerated() { periodLookup[p] = Int32(i) }
        columns.citations = base.citations
        for (i, c) in base.citations.enumerated() { citationLookup[c] = Int32(i) }
        columns.reserveCapacity(base.rowCount)
        detector.grow(series: base.series.count, periods: base.periods.count, rows: base.rowCount)
        for p in 0..<base.periods.count {
            for r in base.rows(inPeriod: p) {
                let s = base.rowSeries[r]
                columns.rowSeries.append(s)
                columns.rowPeriod.append(Int32(p))
                columns.rowValues.append(base.rowValues[r])
                _ = detector.insert(s, Int32(p))
            }
        }
        if !base.rowCitations.isEmpty {
            columns.rowCitations = []
            columns.rowCitations.reserveCapacity(base.rowCount)
            for p in 0..<base.periods.count {
                for r in base.rows(inPeriod: p) { columns.rowCitations.append(base.rowCitations[r]) }
            }
        }
    }

    func failure(_ rejection: Rejection) -> ImportError {
        var r = report
        r.skippedReasons = zip(F.skipReasons, skipped).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
        return ImportError(rejection: rejection, report: r)
    }

    mutating func run(_ blocks: inout some BlockProducer, sizeHint: Int?, parallel: some ParallelFor)
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        let width = F.sequentialOnly ? 1 : max(1, parallel.width)
        var workers: [F] = []
        var outputs = [PieceOutput](repeating: PieceOutput(), count: width)
        var maps = [IDMaps](repeating: IDMaps(), count: width)
        var records = [CSVRecord](repeating: CSVRecord(), count: width)
        var firstBlock = true
        var reserved = false
        while true {
            let block: UnsafeRawBufferPointer
            switch blocks.next(maxRecordBytes: options.maxRecordBytes) {
            case .end:
                if firstBlock { throw failure(Rejection(line: 1, column: 1, reason: .emptyInput, detail: "the input is empty")) }
                return try finish(&workers, &outputs, &maps)
            case .failure(let reason, let detail):
                throw failure(Rejection(line: line, column: 1, reason: reason, detail: detail))
            case .block(let b):
                block = b
            }
            guard var p = block.baseAddress?.assumingMemoryBound(to: UInt8.self) else { continue }
            var n = block.count
            if firstBlock {
                firstBlock = false
                // A byte-order mark at the very start is dropped.
                if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { p += 3; n -= 3 }
            }
            if !headerRead {
                var scanner = CSVScanner(UnsafeRawBufferPointer(start: p, count: n), line: line,
                                         maxFieldBytes: options.maxFieldBytes)
                var header = CSVRecord()
                guard scanner.next(into: &header) else {
                    line = scanner.line
                    continue  // only blank lines so far
                }
                if let problem = header.problem {
                    throw failure(Rejection(line: problem.line, column: problem.field + 1, reason: problem.reason,
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
            // Pieces.
            var starts = [0]
            if width > 1 && n >= options.minPieceBytes {
                let targets = (1..<width).map { n / width * $0 }
                let found = RecordBoundaries.find(p, n, targets: targets, final: true).starts
                for s in found { if let s, s > starts[starts.count - 1], s < n { starts.append(s) } }
            }
            starts.append(n)
            let pieces = starts.count - 1
            let strict = options.policy == .strict
            let maxField = options.maxFieldBytes
            let base = p
            workers.withUnsafeMutableBufferPointer { wp in
                outputs.withUnsafeMutableBufferPointer { op in
                    records.withUnsafeMutableBufferPointer { rp in
                        parallel.run(pieces) { k in
                            let bytes = UnsafeRawBufferPointer(start: base + starts[k], count: starts[k + 1] - starts[k])
                            ImportRun.parse(bytes, &wp[k], &op[k], &rp[k], strict: strict, maxFieldBytes: maxField)
                        }
                    }
                }
            }
            if !reserved, let sizeHint, sizeHint > 0 {
                reserved = true
                let obs = outputs[0..<pieces].reduce(0) { $0 + $1.values.count }
                let estimate = Int(Double(sizeHint) / Double(max(n, 1)) * Double(obs) * 1.03) + 1024
                columns.reserveCapacity(columns.rowValues.count + estimate)
                if hasCitations { columns.rowCitations.reserveCapacity(columns.rowValues.count + estimate) }
            }
            for k in 0..<pieces {
                try merge(piece: &outputs[k], worker: workers[k], maps: &maps[k])
            }
        }
    }

    /// Parses one piece of records (runs on a worker).
    static func parse(_ bytes: UnsafeRawBufferPointer, _ format: inout F, _ out: inout PieceOutput,
                      _ record: inout CSVRecord, strict: Bool, maxFieldBytes: Int) {
        out.reset(skipReasons: F.skipReasons.count)
        var scanner = CSVScanner(bytes, line: 0, maxFieldBytes: maxFieldBytes)
        var ordinal: Int32 = 0
        while scanner.next(into: &record) {
            out.recordLines.append(Int32(truncatingIfNeeded: record.line))
            switch format.read(record, scanner, ordinal: ordinal, into: &out) {
            case .loaded:
                break
            case .rejected(let r):
                out.rejections.append((ordinal, r))
                if strict {
                    out.stopped = true
                    out.lines = scanner.line
                    return
                }
            case .skipped(let i):
                out.skipped[i] += 1
                out.rejections.append((ordinal, Rejection(line: -1, column: i, reason: .badField, detail: "")))
            }
            ordinal += 1
        }
        out.lines = scanner.line
    }

    /// Brings a worker's new local ids into the panel's ids.
    mutating func updateMaps(_ worker: F, _ maps: inout IDMaps) {
        let t = worker.tables
        while maps.series.count < t.seriesKeys.count {
            let k = t.seriesKeys[maps.series.count]
            if let g = seriesLookup[k] {
                maps.series.append(g)
            } else {
                let g = Int32(columns.series.count)
                columns.series.append(k)
                seriesLookup[k] = g
                maps.series.append(g)
            }
        }
        while maps.periods.count < t.periods.count {
            let p = t.periods[maps.periods.count]
            if let g = periodLookup[p] {
                maps.periods.append(g)
            } else {
                let g = Int32(columns.periods.count)
                columns.periods.append(p)
                periodLookup[p] = g
                maps.periods.append(g)
            }
        }
        while maps.citations.count < t.citations.count {
            let c = t.citations[maps.citations.count]
            if let g = citationLookup[c] {
                maps.citations.append(g)
            } else {
                let g = Int32(columns.citations.count)
                columns.citations.append(c)
                citationLookup[c] = g
                maps.citations.append(g)
            }
        }
        detector.grow(series: columns.series.count, periods: columns.periods.count,
                      rows: columns.rowValues.count + 1)
    }

    mutating func reject(_ r: Rejection) throws(ImportError) {
        report.rowsRejected += 1
        if options.policy == .strict { throw failure(r) }
        if report.rejections.count < options.maxRejections { report.rejections.append(r) }
    }

    /// Merges one parsed piece, record by record in input order.
    mutating func merge(piece out: inout PieceOutput, worker: F, maps: inout IDMaps) throws(ImportError) {
        updateMaps(worker, &maps)
        let lineBase = line
        var obs = 0
        var rej = 0
        let nObs = out.values.count
        let citations = hasCitations && !out.citations.isEmpty
        if citations && columns.rowCitations.count < columns.rowValues.count {
            columns.rowCitations.append(contentsOf: repeatElement(-1, count: columns.rowValues.count - columns.rowCitations.count))
        }
        for r in 0..<out.recordLines.count {
            let ordinal = Int32(r)
            report.rowsRead += 1
            if rej < out.rejections.count && out.rejections[rej].record == ordinal {
                var rejection = out.rejections[rej].rejection
                rej += 1
                if rejection.line < 0 {  // a skip
                    report.rowsSkipped += 1
                    continue
                }
                rejection.line += lineBase
                try reject(rejection)
                continue
            }
            // The record's observations, all or none.
            let first = obs
            var duplicateAt = -1
            while obs < nObs && out.observationRecord[obs] == ordinal {
                let s = maps.series[Int(out.series[obs])]
                let p = maps.periods[Int(out.periods[obs])]
                if duplicateAt < 0 && !detector.insert(s, p) { duplicateAt = obs }
                columns.rowSeries.append(s)
                columns.rowPeriod.append(p)
                columns.rowValues.append(out.values[obs])
                if citations {
                    let c = out.citations[obs]
                    columns.rowCitations.append(c < 0 ? -1 : maps.citations[Int(c)])
                }
                obs += 1
            }
            if duplicateAt >= 0 {
                for i in first..<obs where i != duplicateAt {
                    detector.remove(maps.series[Int(out.series[i])], maps.periods[Int(out.periods[i])])
                }
                let removed = obs - first
                columns.rowSeries.removeLast(removed)
                columns.rowPeriod.removeLast(removed)
                columns.rowValues.removeLast(removed)
                if citations { columns.rowCitations.removeLast(removed) }
                let key = columns.series[Int(maps.series[Int(out.series[duplicateAt])])]
                let period = columns.periods[Int(maps.periods[Int(out.periods[duplicateAt])])]
                try reject(Rejection(line: lineBase + Int(out.recordLines[r]), column: 1, reason: .duplicate,
                                     detail: "\(key) in \(period) was given before"))
                continue
            }
            report.rowsLoaded += 1
            report.observationsLoaded += obs - first
        }
        for (i, c) in out.skipped.enumerated() { skipped[i] += c }
        line = lineBase + out.lines
    }

    mutating func finish(_ workers: inout [F], _ outputs: inout [PieceOutput], _ maps: inout [IDMaps])
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        if !headerRead { throw failure(Rejection(line: 1, column: 1, reason: .emptyInput, detail: "the input has no header (only blank lines)")) }
        if F.sequentialOnly, !workers.isEmpty {
            outputs[0].reset(skipReasons: F.skipReasons.count)
            workers[0].finish(into: &outputs[0], report: &report)
            try mergeHeld(outputs[0], worker: workers[0], maps: &maps[0])
        }
        if report.rowsRead == 0 && !options.allowEmpty {
            let none = Rejection(line: line, column: 1, reason: .noDataRows, detail: "the input has a header but no data rows")
            // Strict: an error. Lenient: nothing loads and the report says why (a note, not a row).
            if options.policy == .strict { throw failure(none) }
            report.rejections.append(none)
        }
        report.skippedReasons = zip(F.skipReasons, skipped).filter { $0.1 > 0 }.map { ($0.0, $0.1) }
        if !hasCitations || columns.rowCitations.allSatisfy({ $0 < 0 }) {
            if columns.citations.isEmpty { columns.rowCitations = [] }
        }
        let panel = columns.build()
        return (panel, report)
    }

    /// Merges observations a sequential format held back until the end (their rows were
    /// counted as loaded when read; a clash with the base panel turns one into a rejection).
    mutating func mergeHeld(_ out: PieceOutput, worker: F, maps: inout IDMaps) throws(ImportError) {
        updateMaps(worker, &maps)
        for i in 0..<out.values.count {
            let s = maps.series[Int(out.series[i])]
            let p = maps.periods[Int(out.periods[i])]
            guard detector.insert(s, p) else {
                report.rowsLoaded = max(0, report.rowsLoaded - 1)
                let line = i < out.recordLines.count ? Int(out.recordLines[i]) : 0
                try reject(Rejection(line: line, column: 1, reason: .duplicate,
                                     detail: "\(columns.series[Int(s)]) in \(columns.periods[Int(p)]) is in the panel already"))
                continue
            }
            columns.rowSeries.append(s)
            columns.rowPeriod.append(p)
            columns.rowValues.append(out.values[i])
            if !columns.rowCitations.isEmpty { columns.rowCitations.append(-1) }
            report.observationsLoaded += 1
        }
    }
}

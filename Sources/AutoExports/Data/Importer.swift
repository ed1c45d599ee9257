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
        if let canonical = try CSVDialect.canonical(bytes, options: options) {
            // Another delimiter, decimal comma, encoding: read the rewritten text.
            let r: Result<(panel: Panel, report: ImportReport), ImportError> = canonical.withUnsafeBytes { b in
                var blocks = MemoryBlocks(bytes: b, blockBytes: options.blockBytes)
                do throws(ImportError) {
                    return .success(try dispatch(format, &blocks, sizeHint: b.count, options, base, parallel))
                } catch { return .failure(error) }
            }
            return try r.get()
        }
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
        // The header line decides whether the input is canonical (UTF-8, commas); if not,
        // the whole input is read into memory and rewritten (`CSVDialect`).
        var head: [UInt8] = []
        var ended = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !ended && head.count < 1 << 20 && !(head.contains(10) || head.contains(13)) {
            let n = chunk.withUnsafeMutableBytes { source.read(into: $0) }
            guard let n else {
                throw ImportError(rejection: Rejection(line: 1, column: 1, reason: .readFailure, detail: source.failure),
                                  report: ImportReport())
            }
            if n == 0 { ended = true } else { head.append(contentsOf: chunk[0..<n]) }
        }
        let delimiter = options.delimiter?.asciiValue
            ?? head.withUnsafeBufferPointer { CSVDialect.detectDelimiter($0.baseAddress ?? CSVScanner.emptyBase, $0.count) }
        if delimiter != UInt8(ascii: ",") || CSVDialect.optionsNeedRewrite(options) {
            var all = head
            while !ended {
                let n = chunk.withUnsafeMutableBytes { source.read(into: $0) }
                guard let n else {
                    throw ImportError(rejection: Rejection(line: 1, column: 1, reason: .readFailure, detail: source.failure),
                                      report: ImportReport())
                }
                if n == 0 { ended = true; break }
                if all.count + n > all.capacity, let memoryCheck = options.memoryCheck, !memoryCheck(all.count * 2 + n) {
                    var e = ImportError(rejection: Rejection(line: 1, column: 1, reason: .readFailure,
                                                             detail: "out of memory: reading the input whole (it is not comma-delimited UTF-8) needs about \(all.count * 2 + n) bytes, which cannot be allocated"),
                                        report: ImportReport())
                    e.outOfMemory = all.count * 2 + n
                    throw e
                }
                all.append(contentsOf: chunk[0..<n])
            }
            let r: Result<(panel: Panel, report: ImportReport), ImportError> = all.withUnsafeBytes { b in
                do throws(ImportError) {
                    return .success(try read(bytes: b, format: format, options: options, into: base, parallel: parallel))
                } catch { return .failure(error) }
            }
            return try r.get()
        }
        var blocks = StreamBlocks(source: PrefixedSource(prefix: head, source: source), blockBytes: options.blockBytes)
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

/// A source that first gives `prefix` (bytes already read from `source`), then the rest.
struct PrefixedSource<S: ByteSource>: ByteSource {
    var prefix: [UInt8]
    var at = 0
    var source: S

    init(prefix: [UInt8], source: S) {
        self.prefix = prefix
        self.source = source
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        if at < prefix.count {
            let n = min(buffer.count, prefix.count - at)
            prefix.withUnsafeBytes { p in
                if let b = buffer.baseAddress, let s = p.baseAddress { b.copyMemory(from: s + at, byteCount: n) }
            }
            at += n
            return n
        }
        return source.read(into: buffer)
    }

    var failure: String { source.failure }
}

/// The next block of input: it starts and ends at record boundaries.
enum BlockResult {
    /// A block, and whether it is known to hold no `"` (then its record ends are its line
    /// ends, and cutting it into pieces needs no second look for quotes).
    case block(UnsafeRawBufferPointer, quoteFree: Bool)
    case end
    /// No record end within the record limit (`recordTooLong`), or a read failure.
    case failure(RejectionReason, String)
}

protocol BlockProducer {
    /// The next block; the previous one stays valid until this is called again.
    mutating func next(maxRecordBytes: Int) -> BlockResult
    /// Whether `prefetch` does any work (then the importer runs it beside the parsing).
    var prefetches: Bool { get }
    /// Prepares the next block while the current one is parsed (on another thread): it
    /// may read ahead, but must not touch the current block's bytes.
    mutating func prefetch()
}

extension BlockProducer {
    var prefetches: Bool { false }
    mutating func prefetch() {}
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
            let quoteFree = !RecordBoundaries.containsQuote(base + pos, len)
            if let end = RecordBoundaries.find(base + pos, len, targets: [], final: final, quoteFree: quoteFree).lastEnd,
               end > 0 {
                let block = UnsafeRawBufferPointer(start: base + pos, count: end)
                pos += end
                return .block(block, quoteFree: quoteFree)
            }
            if len >= maxRecordBytes {
                return .failure(.recordTooLong, "no line end within \(maxRecordBytes) bytes")
            }
            len = min(len * 2, count - pos)
        }
    }
}

/// Blocks read from a `ByteSource` into two buffers: while one block is parsed,
/// `prefetch` reads the next into the other (and looks for quotes in it).
struct StreamBlocks<S: ByteSource>: BlockProducer {
    var source: S
    var buffer: UnsafeMutableRawBufferPointer
    var filled = 0
    var consumed = 0
    var eof = false
    /// The read-ahead buffer, its bytes, whether they hold no quote, whether a read failed.
    var spare: UnsafeMutableRawBufferPointer? = nil
    var spareFilled = 0
    var spareQuoteFree = false
    var spareFailed = false
    var prefetched = false

    init(source: S, blockBytes: Int) {
        self.source = source
        buffer = .allocate(byteCount: blockBytes, alignment: 16)
    }

    func release() {
        buffer.deallocate()
        spare?.deallocate()
    }

    var prefetches: Bool { true }

    mutating func prefetch() {
        // Nothing to read ahead once the source has ended (a small input is one block).
        guard !prefetched, !eof, consumed > 0, let b = buffer.baseAddress else { return }
        if let s = spare, s.count != buffer.count { s.deallocate(); spare = nil }
        if spare == nil { spare = .allocate(byteCount: buffer.count, alignment: 16) }
        guard let s = spare, let sb = s.baseAddress else { return }
        // The current block's tail (the bytes after it), then as much as fits.
        let tail = filled - consumed
        if tail > 0 { sb.copyMemory(from: b + consumed, byteCount: tail) }
        var f = tail
        spareFailed = false
        while !eof && f < s.count {
            guard let n = source.read(into: UnsafeMutableRawBufferPointer(rebasing: s[f...])) else {
                spareFailed = true
                break
            }
            if n == 0 { eof = true } else { f += n }
        }
        spareFilled = f
        spareQuoteFree = !RecordBoundaries.containsQuote(sb.assumingMemoryBound(to: UInt8.self), f)
        prefetched = true
    }

    mutating func next(maxRecordBytes: Int) -> BlockResult {
        var knownQuoteFree: Bool? = nil
        if prefetched, let s = spare {
            prefetched = false
            spare = buffer
            buffer = s
            filled = spareFilled
            consumed = 0
            if spareFailed { return .failure(.readFailure, source.failure) }
            knownQuoteFree = spareQuoteFree
        }
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
                if n == 0 { eof = true } else { filled += n; knownQuoteFree = nil }
            }
            if filled == 0 { return .end }
            guard let b = buffer.baseAddress else { return .end }
            let p = b.assumingMemoryBound(to: UInt8.self)
            let quoteFree = knownQuoteFree ?? !RecordBoundaries.containsQuote(p, filled)
            knownQuoteFree = nil
            if let end = RecordBoundaries.find(p, filled, targets: [], final: eof, quoteFree: quoteFree).lastEnd, end > 0 {
                consumed = end
                return .block(UnsafeRawBufferPointer(start: b, count: end), quoteFree: quoteFree)
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

/// Whether a (series, period) was seen: a flat bitset (series × periods, grown by
/// doubling) while that is small next to the rows, a hash set otherwise.
struct DuplicateDetector {
    var words: [UInt64] = []
    /// Words per series.
    var stride = 0
    var seriesCapacity = 0
    var set: Set<UInt64> = []
    var usesSet = false

    /// Makes room for `series` series and `periods` periods.
    mutating func grow(series: Int, periods: Int, rows: Int) {
        if usesSet { return }
        let needStride = (periods + 63) / 64
        if series <= seriesCapacity && needStride <= stride { return }
        var newStride = max(stride, 1)
        while newStride < needStride { newStride *= 2 }
        var newCapacity = max(seriesCapacity, 16)
        while newCapacity < series { newCapacity *= 2 }
        if newCapacity * newStride * 8 > max(64 << 20, rows * 4) {
            // Sparse: many series times many periods. A hash set of the pairs instead.
            usesSet = true
            set.reserveCapacity(rows)
            for s in 0..<seriesCapacity {
                for w in 0..<stride where words[s * stride + w] != 0 {
                    let word = words[s * stride + w]
                    for b in 0..<64 where word & (1 << UInt64(b)) != 0 {
                        set.insert(UInt64(s) << 32 | UInt64(w * 64 + b))
                    }
                }
            }
            words = []
            return
        }
        var bigger = [UInt64](repeating: 0, count: newCapacity * newStride)
        for s in 0..<seriesCapacity {
            for w in 0..<stride { bigger[s * newStride + w] = words[s * stride + w] }
        }
        words = bigger
        stride = newStride
        seriesCapacity = newCapacity
    }

    /// Marks (s, p); false when it was marked already.
    @inline(__always)
    mutating func insert(_ s: Int32, _ p: Int32) -> Bool {
        if usesSet { return set.insert(UInt64(UInt32(s)) << 32 | UInt64(UInt32(p))).inserted }
        let i = Int(s) * stride + Int(p >> 6), mask: UInt64 = 1 << UInt64(p & 63)
        if words[i] & mask != 0 { return false }
        words[i] |= mask
        return true
    }

    mutating func remove(_ s: Int32, _ p: Int32) {
        if usesSet { set.remove(UInt64(UInt32(s)) << 32 | UInt64(UInt32(p))); return }
        words[Int(s) * stride + Int(p >> 6)] &= ~(1 << UInt64(p & 63))
    }

    /// Marks every pair of a batch; the index of the first pair marked already, or nil.
    /// Pairs before it stay marked.
    mutating func insertAll(_ series: UnsafePointer<Int32>, _ periods: UnsafePointer<Int32>, _ n: Int) -> Int? {
        if usesSet {
            for i in 0..<n where !insert(series[i], periods[i]) { return i }
            return nil
        }
        let stride = self.stride
        return words.withUnsafeMutableBufferPointer { w -> Int? in
            for i in 0..<n {
                let p = periods[i]
                let k = Int(series[i]) * stride + Int(p >> 6), mask: UInt64 = 1 << UInt64(p & 63)
                if w[k] & mask != 0 { return i }
                w[k] |= mask
            }
            return nil
        }
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

    /// Bytes per row of the columns (series, period, value, citation) and of the duplicate
    /// detector's hash set; per series of the key arrays, lookup tables and their text.
    static var rowBytes: Int { 48 }
    static var seriesBytes: Int { MemoryLayout<SeriesKey>.stride * 4 + 64 }

    /// Asks `options.memoryCheck` for `bytes` more; ends the import when refused.
    func ensure(_ bytes: Int) throws(ImportError) {
        guard let check = options.memoryCheck, bytes > 0, !check(bytes) else { return }
        var e = failure(Rejection(line: line, column: 1, reason: .readFailure,
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

    mutating func run(_ blocks: inout some BlockProducer, sizeHint: Int?, parallel: some ParallelFor)
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        let width = F.sequentialOnly ? 1 : max(1, parallel.width)
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
                if firstBlock { throw failure(Rejection(line: 1, column: 1, reason: .emptyInput, detail: "the input is empty")) }
                try mergeMapped(&pending, pendingCount)
                pendingCount = 0
                return try finish(&workers, &outputs, &maps)
            case .failure(let reason, let detail):
                try mergeMapped(&pending, pendingCount)
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
            try ensure(blockMemory(n + pendingBytes, workers))
            // Pieces. Beside them run the reading of the next block (`prefetch`) and the
            // merge of the previous one; a threaded runner gives the k-th of these extra
            // tasks to the thread of piece k, so those pieces are made smaller by the
            // task's share (reading a byte costs about an eighth of parsing it, merging
            // its rows about a quarter).
            let prefetch = blocks.prefetches && width > 1
            let merging = pendingCount > 0
            var extras: [Double] = []
            if prefetch { extras.append(Double(n) * 0.125) }
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
                let found = RecordBoundaries.find(p, n, targets: targets, final: true,
                                                   quoteFree: quoteFree ? true : nil).starts
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
                                do throws(ImportError) { try self.mergeMapped(&pending, pendingCount) } catch { mergeError = error }
                                return
                            }
                            if k >= pieces {
                                blocks.prefetch()
                                return
                            }
                            let bytes = UnsafeRawBufferPointer(start: base + starts[k], count: starts[k + 1] - starts[k])
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
            // piece's ids are mapped to the panel's (in parallel); the rest of the merge
            // (duplicates, rows, rejections) goes in order, now or beside the next block.
            for k in 0..<pieces { updateMaps(workers[k], &maps[k]) }
            // (A small block is mapped on this thread: handing it to threads costs more.)
            let withCitations = hasCitations
            outputs.withUnsafeMutableBufferPointer { op in
                maps.withUnsafeBufferPointer { mp in
                    if obs >= 1 << 16 {
                        parallel.run(pieces) { k in ImportRun.mapIDs(&op[k], mp[k], citations: withCitations) }
                    } else {
                        for k in 0..<pieces { ImportRun.mapIDs(&op[k], mp[k], citations: withCitations) }
                    }
                }
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

    /// Merges the first `count` mapped piece outputs, in order.
    mutating func mergeMapped(_ outs: inout [PieceOutput], _ count: Int) throws(ImportError) {
        var unused = IDMaps()
        for k in 0..<count {
            try merge(piece: &outs[k], worker: prototype, maps: &unused, mapped: true)
        }
    }

    /// Parses one piece of records (runs on a worker).
    static func parse(_ bytes: UnsafeRawBufferPointer, _ format: inout F, _ out: inout PieceOutput,
                      _ record: inout CSVRecord, strict: Bool, maxFieldBytes: Int) {
        out.reset(skipReasons: F.skipReasons.count)
        format.parsePiece(bytes, into: &out, record: &record, strict: strict, maxFieldBytes: maxFieldBytes)
    }

    /// Maps the worker-local values not mapped yet (`local[map.count...]`) to panel ids,
    /// adding the values the panel does not have yet.
    ///
    /// - Complexity: O(new values), one hash lookup each.
    static func intern<K: Hashable>(_ local: [K], into map: inout [Int32], _ global: inout [K],
                                    _ lookup: inout [K: Int32]) {
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
        detector.grow(series: columns.series.count, periods: columns.periods.count,
                      rows: columns.rowValues.count + 1)
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
    mutating func merge(piece out: inout PieceOutput, worker: F, maps: inout IDMaps, mapped: Bool = false)
        throws(ImportError)
    {
        let lineBase = line
        let nObs = out.values.count
        let nRec = out.recordLines.count
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
        if let first = detector.insertAll(out.series.base, out.periods.base, nObs) {
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
                duplicates.append((r, Rejection(line: lineBase + Int(out.recordLines[Int(r)]), column: 1,
                                                reason: .duplicate, detail: "\(key) in \(period) was given before")))
                guard k < nObs, let next = detector.insertAll(out.series.base + k, out.periods.base + k, nObs - k)
                else { break }
                i = k + next
            }
        }
        // 3. Rows and rejections, in record order.
        var events = out.rejections.map { (record: $0.record, rejection: Rejection(
            line: $0.rejection.line + lineBase, column: $0.rejection.column, columnName: $0.rejection.columnName,
            reason: $0.rejection.reason, detail: $0.rejection.detail)) }
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
            columns.rowCitations.append(contentsOf: repeatElement(-1, count: columns.rowValues.count - columns.rowCitations.count))
        }
        if dropped.isEmpty {
            columns.rowSeries.append(contentsOf: out.series.buffer)
            columns.rowPeriod.append(contentsOf: out.periods.buffer)
            columns.rowValues.append(contentsOf: out.values.buffer)
            if citations { columns.rowCitations.append(contentsOf: out.citations.buffer) }
            report.observationsLoaded += nObs
        } else {
            for i in 0..<nObs where !dropped[i] {
                columns.rowSeries.append(out.series[i])
                columns.rowPeriod.append(out.periods[i])
                columns.rowValues.append(out.values[i])
                if citations { columns.rowCitations.append(out.citations[i]) }
                report.observationsLoaded += 1
            }
        }
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
        // The build sorts a copy of the columns and indexes the panel.
        try ensure(columns.rowValues.count * Self.rowBytes + columns.series.count * Self.seriesBytes)
        if !hasCitations || columns.rowCitations.allSatisfy({ $0 < 0 }) {
            if columns.citations.isEmpty { columns.rowCitations = [] }
        }
        let all = columns
        columns = PanelColumns()  // the build below owns the only copy: it sorts in place
        return (all.build(), report)
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

// The block producers of an import: input cut into blocks at record boundaries, read
// ahead while the block before is parsed (docs/ingest-profile.md).

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
    /// About how many bytes `prefetch` will read (0 when it does not read).
    var prefetchBytes: Int { get }
}

extension BlockProducer {
    var prefetches: Bool { false }
    mutating func prefetch() {}
    var prefetchBytes: Int { 0 }
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
            if let end = RecordBoundaries.find(base + pos, len, targets: [], final: final, quoteFree: quoteFree)
                .lastEnd,
                end > 0
            {
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
    /// Bytes the first block holds at most: a small first block lets the parse start
    /// (and the read-ahead of the next, full block run beside it) before a whole block
    /// has been read on one thread.
    var firstBytes: Int
    var first = true

    init(source: S, blockBytes: Int, firstBlockBytes: Int? = nil) {
        self.source = source
        buffer = .allocate(byteCount: blockBytes, alignment: 16)
        firstBytes = min(firstBlockBytes ?? blockBytes, blockBytes)
    }

    var prefetchBytes: Int { eof ? 0 : buffer.count }

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
        // The first block: at most `firstBytes` (unless a record needs more: the buffer's
        // whole size is used once the small block holds no record end).
        var limit = buffer.count
        if first {
            first = false
            limit = firstBytes
        }
        while true {
            while !eof && filled < limit {
                guard let n = source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<limit])) else {
                    return .failure(.readFailure, source.failure)
                }
                if n == 0 { eof = true } else { filled += n; knownQuoteFree = nil }
            }
            if filled == 0 { return .end }
            guard let b = buffer.baseAddress else { return .end }
            let p = b.assumingMemoryBound(to: UInt8.self)
            let quoteFree = knownQuoteFree ?? !RecordBoundaries.containsQuote(p, filled)
            knownQuoteFree = nil
            if let end = RecordBoundaries.find(p, filled, targets: [], final: eof, quoteFree: quoteFree).lastEnd,
                end > 0
            {
                consumed = end
                return .block(UnsafeRawBufferPointer(start: b, count: end), quoteFree: quoteFree)
            }
            if limit < buffer.count {  // no record end within the small first block
                limit = buffer.count
                continue
            }
            if buffer.count >= maxRecordBytes {
                return .failure(.recordTooLong, "no line end within \(maxRecordBytes) bytes")
            }
            // A record longer than the buffer: grow it.
            let bigger = UnsafeMutableRawBufferPointer.allocate(
                byteCount: min(buffer.count * 2, maxRecordBytes), alignment: 16)
            if let nb = bigger.baseAddress { nb.copyMemory(from: b, byteCount: filled) }
            buffer.deallocate()
            buffer = bigger
            limit = buffer.count
        }
    }
}

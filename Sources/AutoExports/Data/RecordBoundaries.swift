/// Where CSV records start, without parsing them: how the importers cut their input into
/// blocks and blocks into pieces that are parsed independently (in parallel).
///
/// A record ends at a LF, a CRLF or a lone CR outside quotes. Quotes follow exactly the
/// rules of `CSVScanner`: a `"` opens a quoted field only at the start of a field; inside,
/// `""` is a quote and `"` closes; the rest of a field after its closing quote is
/// unquoted text. When a buffer contains no `"` at all (checked eight bytes at a time),
/// every line break is a record end and no state is needed.
enum RecordBoundaries {
    /// True when some byte of `p[0..<n]` is `"`.
    ///
    /// - Complexity: O(n), 32 bytes per step (four words tested together).
    static func containsQuote(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes: UInt64 = 0x2222_2222_2222_2222
        @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        while i + 32 <= n {
            let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ quotes
            let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self) ^ quotes
            let c = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) ^ quotes
            let d = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self) ^ quotes
            if zeroByte(a) | zeroByte(b) | zeroByte(c) | zeroByte(d) != 0 { return true }
            i += 32
        }
        while i + 8 <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ quotes
            if zeroByte(x) != 0 { return true }
            i += 8
        }
        while i < n {
            if p[i] == UInt8(ascii: "\"") { return true }
            i += 1
        }
        return false
    }

    /// Record starts in `p[0..<n]`, which begins at a record start.
    ///
    /// - Parameters:
    ///   - targets: Ascending offsets; for each, the first record start at or after it
    ///     (nil when there is none before the end).
    ///   - final: Whether `n` is the end of the input (then it ends the last record).
    ///   - quoteFree: Whether the bytes are known to hold no `"` (nil: look).
    /// - Returns: The record start found for each target, and the end of the last
    ///   complete record (the offset after its line break; nil when no record ends).
    /// - Complexity: O(n).
    static func find(
        _ p: UnsafePointer<UInt8>, _ n: Int, targets: [Int], final: Bool, quoteFree: Bool? = nil
    )
        -> (starts: [Int?], lastEnd: Int?)
    {
        if quoteFree ?? !containsQuote(p, n) {
            var starts: [Int?] = []
            for t in targets { starts.append(nextBreak(p, n, from: t)) }
            return (starts, lastBreak(p, n, final: final))
        }
        return findWithQuotes(p, n, targets: targets, final: final)
    }

    /// The offset after the first record end at or after `from` (no quotes in the buffer).
    static func nextBreak(_ p: UnsafePointer<UInt8>, _ n: Int, from: Int) -> Int? {
        if from <= 0 { return 0 }
        // A record starts at `from` when the byte before ends a line.
        var i = from
        if i <= n, isBreakEnd(p, n, i) { return i }
        while i < n {
            let c = p[i]
            if c == 10 { return i + 1 }
            if c == 13 {
                if i + 1 < n { return p[i + 1] == 10 ? i + 2 : i + 1 }
                return nil
            }
            i += 1
        }
        return nil
    }

    /// Whether offset `i` (> 0) directly follows a record end (no quotes in the buffer).
    static func isBreakEnd(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> Bool {
        let prev = p[i - 1]
        if prev == 10 { return true }
        if prev == 13 { return i < n && p[i] != 10 }
        return false
    }

    /// The offset after the last record end (no quotes in the buffer).
    static func lastBreak(_ p: UnsafePointer<UInt8>, _ n: Int, final: Bool) -> Int? {
        if final { return n }
        var i = n - 1
        while i >= 0 {
            let c = p[i]
            if c == 10 { return i + 1 }
            if c == 13 && i + 1 < n { return i + 1 }  // a lone CR (a CRLF was caught at its LF)
            i -= 1
        }
        return nil
    }

    static func findWithQuotes(
        _ p: UnsafePointer<UInt8>, _ n: Int, targets: [Int], final: Bool
    )
        -> (starts: [Int?], lastEnd: Int?)
    {
        var starts = [Int?](repeating: nil, count: targets.count)
        var t = 0
        while t < targets.count && targets[t] <= 0 { starts[t] = 0; t += 1 }
        var lastEnd: Int? = nil
        var i = 0
        var fieldStart = true
        func recordEnd(_ at: Int) {
            lastEnd = at
            while t < targets.count && targets[t] <= at { starts[t] = at; t += 1 }
        }
        while i < n {
            let c = p[i]
            if fieldStart && c == UInt8(ascii: "\"") {
                // Inside quotes until a lone closing quote.
                i += 1
                var closed = false
                while i < n {
                    if p[i] == UInt8(ascii: "\"") {
                        if i + 1 < n && p[i + 1] == UInt8(ascii: "\"") { i += 2; continue }
                        if i + 1 >= n && !final { break }  // cannot tell "" from " yet
                        closed = true
                        i += 1
                        break
                    }
                    i += 1
                }
                if !closed { break }
                fieldStart = false
                continue
            }
            if c == UInt8(ascii: ",") {
                fieldStart = true
            } else if c == 10 {
                fieldStart = true
                recordEnd(i + 1)
            } else if c == 13 {
                if i + 1 < n {
                    if p[i + 1] == 10 { i += 1 }
                    fieldStart = true
                    recordEnd(i + 1)
                } else if final {
                    recordEnd(i + 1)
                } else {
                    break  // cannot tell CR from CRLF yet
                }
            } else {
                fieldStart = false
            }
            i += 1
        }
        if final { lastEnd = n }
        return (starts, lastEnd)
    }
}

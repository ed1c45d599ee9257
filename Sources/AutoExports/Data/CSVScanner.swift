/// One CSV record: its fields as byte ranges, the line each starts on, and the first
/// problem found while scanning it.
///
/// A field's bytes live in the input, or — for a quoted field with doubled quotes — in
/// the record's scratch buffer (unescaped). Read them with `withField(_:_:)`; they are
/// valid until the next record is scanned.
struct CSVRecord {
    /// Offset of each field's first byte (in the input, or in `scratch` when negative:
    /// `-1 - offset`).
    var starts: [Int] = []
    var counts: [Int] = []
    var lines: [Int] = []
    var quoted: [Bool] = []
    var scratch: [UInt8] = []
    /// The line the record starts on.
    var line = 0
    /// The first problem: reason, field index (0-based), line, detail.
    var problem: (reason: RejectionReason, field: Int, line: Int, detail: String)? = nil
    /// True when the problem leaves the rest of the input unreadable (an unclosed quote).
    var fatal = false
    /// True when some byte was >= 0x80 (the fields are then checked for UTF-8).
    var highBytes = false

    var count: Int { starts.count }

    mutating func reset(line: Int) {
        starts.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        quoted.removeAll(keepingCapacity: true)
        scratch.removeAll(keepingCapacity: true)
        self.line = line
        problem = nil
        fatal = false
        highBytes = false
    }

    mutating func note(_ reason: RejectionReason, field: Int, line: Int, _ detail: @autoclosure () -> String) {
        if problem == nil { problem = (reason, field, line, detail()) }
    }
}

/// Splits UTF-8 CSV bytes into records (RFC 4180): fields separated by commas, records by
/// LF, CRLF or a lone CR; a field may be quoted with `"` and then hold commas, line
/// breaks and doubled quotes (`""` = one `"`). Completely blank lines are skipped.
///
/// Problems are recorded on the record (the scanner always moves on to the next record):
/// a quote inside an unquoted field or text after a closing quote (`badQuote`), a control
/// character (`controlCharacter`), a field above the size limit (`fieldTooLong`), bytes
/// that are not UTF-8 (`invalidUTF8`), a byte-order mark (`byteOrderMark`); an unclosed
/// quote (`unterminatedQuote`) consumes the rest of the input.
///
/// - Complexity: O(bytes); one table lookup per byte outside quotes.
struct CSVScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    var pos: Int
    /// The current physical line (1-based).
    var line: Int
    let maxFieldBytes: Int

    /// Byte classes outside quotes: 0 ordinary, 1 comma, 2 LF, 3 CR, 4 quote, 5 control,
    /// 6 non-ASCII.
    static let classes: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in 0..<32 where b != 9 { t[b] = 5 }
        t[127] = 5
        t[Int(UInt8(ascii: ","))] = 1
        t[10] = 2
        t[13] = 3
        t[Int(UInt8(ascii: "\""))] = 4
        for b in 128..<256 { t[b] = 6 }
        return t
    }()

    init(_ bytes: UnsafeRawBufferPointer, line: Int, maxFieldBytes: Int) {
        // An empty buffer has no base address; point at a static byte instead.
        self.base = bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? CSVScanner.emptyBase
        self.end = bytes.count
        self.pos = 0
        self.line = line
        self.maxFieldBytes = maxFieldBytes
    }

    /// The first offset at or after `pos` (up to `end`) of a byte that is not ordinary
    /// outside quotes: a comma, quote, control character (tab included) or non-ASCII
    /// byte; eight bytes per step.
    ///
    /// - Complexity: O(distance).
    @inline(__always)
    static func nextSpecial(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        let raw = UnsafeRawPointer(p)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var pos = from
        while pos + 8 <= end {
            let x = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
            let comma = x ^ (ones &* 0x2C), quote = x ^ (ones &* 0x22)
            let special = ((x &- ones &* 0x20) & ~x) | ((comma &- ones) & ~comma) | ((quote &- ones) & ~quote) | x
            let m = special & highs
            if m != 0 { return pos + m.trailingZeroBitCount >> 3 }
            pos += 8
        }
        while pos < end {
            let c = p[pos]
            if c < 0x20 || c == 0x2C || c == 0x22 || c >= 0x80 { return pos }
            pos += 1
        }
        return end
    }

    /// The special-byte mask of 8 bytes: bit 7 of each byte that is a comma, quote,
    /// control character or non-ASCII.
    @inline(__always)
    static func specialMask(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let comma = x ^ (ones &* 0x2C), quote = x ^ (ones &* 0x22)
        return (((x &- ones &* 0x20) & ~x) | ((comma &- ones) & ~comma) | ((quote &- ones) & ~quote) | x) & highs
    }

    nonisolated(unsafe) static let emptyBase: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    /// The bytes of field `i` of `record` (valid until the next scan).
    @inline(__always)
    func withField<R>(_ record: CSVRecord, _ i: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        let s = record.starts[i], n = record.counts[i]
        if s >= 0 { return body(base + s, n) }
        return record.scratch.withUnsafeBufferPointer { buf in
            body(buf.baseAddress.map { $0 + (-1 - s) } ?? CSVScanner.emptyBase, n)
        }
    }

    /// Scans the next record into `record`; false at the end of the input.
    mutating func next(into record: inout CSVRecord) -> Bool {
        // Skip blank lines.
        while pos < end {
            let c = base[pos]
            if c == 10 { pos += 1; line += 1 }
            else if c == 13 { pos += 1; if pos < end && base[pos] == 10 { pos += 1 }; line += 1 }
            else { break }
        }
        if pos >= end { return false }
        record.reset(line: line)
        CSVScanner.classes.withUnsafeBufferPointer { cls in
            scanFields(&record, cls)
        }
        if record.highBytes { checkText(&record) }
        return true
    }

    private mutating func scanFields(_ record: inout CSVRecord, _ cls: UnsafeBufferPointer<UInt8>) {
        while true {
            let field = record.count
            let fieldLine = line
            if pos < end && base[pos] == UInt8(ascii: "\"") {
                scanQuoted(&record, field: field, fieldLine: fieldLine)
                if record.fatal { return }
            } else {
                let s = pos
                while pos < end {
                    let c = cls[Int(base[pos])]
                    if c == 0 { pos += 1; continue }
                    if c <= 3 { break }
                    if c == 4 {
                        record.note(.badQuote, field: field, line: line, "a quote inside an unquoted field (quote the whole field and double the quote)")
                    } else if c == 5 {
                        record.note(.controlCharacter, field: field, line: line,
                                    "control character 0x\(String(base[pos], radix: 16, uppercase: true)) in the field")
                    } else {
                        record.highBytes = true
                    }
                    pos += 1
                }
                record.starts.append(s)
                record.counts.append(pos - s)
                record.lines.append(fieldLine)
                record.quoted.append(false)
            }
            let length = record.counts[field]
            if length > maxFieldBytes {
                record.note(.fieldTooLong, field: field, line: fieldLine,
                            "the field has \(length) bytes, more than the limit of \(maxFieldBytes)")
            }
            // The delimiter.
            if pos >= end { return }
            let d = base[pos]
            pos += 1
            if d == UInt8(ascii: ",") { continue }
            if d == 13 && pos < end && base[pos] == 10 { pos += 1 }
            line += 1
            return
        }
    }

    /// A quoted field: pos is at the opening quote.
    private mutating func scanQuoted(_ record: inout CSVRecord, field: Int, fieldLine: Int) {
        pos += 1
        var segment = pos
        var usesScratch = false
        var scratchStart = 0
        while true {
            guard pos < end else {
                record.note(.unterminatedQuote, field: field, line: fieldLine,
                            "the quote opened here is never closed")
                record.fatal = true
                record.starts.append(segment)
                record.counts.append(0)
                record.lines.append(fieldLine)
                record.quoted.append(true)
                return
            }
            let c = base[pos]
            if c == UInt8(ascii: "\"") {
                if pos + 1 < end && base[pos + 1] == UInt8(ascii: "\"") {
                    if !usesScratch { usesScratch = true; scratchStart = record.scratch.count }
                    record.scratch.append(contentsOf: UnsafeBufferPointer(start: base + segment, count: pos + 1 - segment))
                    pos += 2
                    segment = pos
                    continue
                }
                break
            }
            if c == 10 { line += 1 }
            else if c == 13 { if !(pos + 1 < end && base[pos + 1] == 10) { line += 1 } }
            else if c >= 128 { record.highBytes = true }
            else if c < 32 && c != 9 || c == 127 {
                record.note(.controlCharacter, field: field, line: line,
                            "control character 0x\(String(c, radix: 16, uppercase: true)) in the field")
            }
            pos += 1
        }
        if usesScratch {
            record.scratch.append(contentsOf: UnsafeBufferPointer(start: base + segment, count: pos - segment))
            record.starts.append(-1 - scratchStart)
            record.counts.append(record.scratch.count - scratchStart)
        } else {
            record.starts.append(segment)
            record.counts.append(pos - segment)
        }
        record.lines.append(fieldLine)
        record.quoted.append(true)
        pos += 1  // the closing quote
        // Only a delimiter may follow.
        if pos < end {
            let d = base[pos]
            if d != UInt8(ascii: ",") && d != 10 && d != 13 {
                record.note(.badQuote, field: field, line: line, "text after the closing quote")
                // The rest of the field is unquoted text up to the next delimiter (the
                // boundary finder, `RecordBoundaries`, follows the same rule).
                while pos < end && base[pos] != UInt8(ascii: ",") && base[pos] != 10 && base[pos] != 13 { pos += 1 }
            }
        }
    }

    /// Checks every field of a record with non-ASCII bytes for UTF-8 and byte-order marks.
    private func checkText(_ record: inout CSVRecord) {
        for i in 0..<record.count {
            let r = withField(record, i) { p, n in UTF8Check.scan(p, n) }
            switch r {
            case .valid: continue
            case .invalid(let offset):
                record.note(.invalidUTF8, field: i, line: record.lines[i], "bytes that are not UTF-8 (at byte \(offset + 1) of the field)")
            case .byteOrderMark:
                record.note(.byteOrderMark, field: i, line: record.lines[i], "a byte-order mark (U+FEFF) inside the data")
            }
        }
    }
}

/// UTF-8 validation of a field (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
enum UTF8Check {
    enum Result: Equatable {
        case valid
        case invalid(offset: Int)
        case byteOrderMark
    }

    /// - Complexity: O(n).
    static func scan(_ p: UnsafePointer<UInt8>, _ n: Int) -> Result {
        var i = 0
        var bom = false
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            var len = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return .invalid(offset: i)
            }
            guard i + len <= n else { return .invalid(offset: i) }
            guard p[i + 1] >= lo && p[i + 1] <= hi else { return .invalid(offset: i) }
            for k in 2..<max(len, 2) where !(p[i + k] >= 0x80 && p[i + k] <= 0xBF) {
                return .invalid(offset: i)
            }
            if len == 3 && b0 == 0xEF && p[i + 1] == 0xBB && p[i + 2] == 0xBF { bom = true }
            i += len
        }
        return bom ? .byteOrderMark : .valid
    }
}

/// Enumerates the offsets of special bytes (see `CSVScanner.specialMask`) in order, one
/// 8-byte word at a time: each word is loaded once however many delimiters it holds; the
/// bytes after the last whole word are looked at one by one.
struct SpecialBytes {
    var word = 0
    var mask: UInt64 = 0
    var primed = false
    /// The next byte to look at in byte mode, or -1 in word mode.
    var byteAt = -1

    /// Starts over at `pos` (bytes before it are not reported).
    @inline(__always)
    mutating func restart(at pos: Int) {
        word = pos
        mask = 0
        primed = false
        byteAt = -1
    }

    /// The next special byte's offset, or `end`.
    @inline(__always)
    mutating func next(_ p: UnsafePointer<UInt8>, _ end: Int) -> Int {
        if byteAt >= 0 { return scanBytes(p, end) }
        let raw = UnsafeRawPointer(p)
        if !primed {
            primed = true
            guard word + 8 <= end else {
                byteAt = word
                return scanBytes(p, end)
            }
            mask = CSVScanner.specialMask(raw.loadUnaligned(fromByteOffset: word, as: UInt64.self))
        }
        while mask == 0 {
            word += 8
            guard word + 8 <= end else {
                byteAt = word
                return scanBytes(p, end)
            }
            mask = CSVScanner.specialMask(raw.loadUnaligned(fromByteOffset: word, as: UInt64.self))
        }
        let at = word + mask.trailingZeroBitCount >> 3
        mask &= mask &- 1
        return at
    }

    @inline(__always)
    mutating func scanBytes(_ p: UnsafePointer<UInt8>, _ end: Int) -> Int {
        var i = byteAt
        while i < end {
            let c = p[i]
            if c < 0x20 || c == 0x2C || c == 0x22 || c >= 0x80 {
                byteAt = i + 1
                return i
            }
            i += 1
        }
        byteAt = end
        return end
    }
}

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

    /// Whether a byte is not ordinary outside quotes: a comma, quote, control character
    /// (tab and DEL included) or non-ASCII byte (the byte-at-a-time `specialMask`).
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func isSpecial(_ c: UInt8) -> Bool { c < 0x20 || c == 0x2C || c == 0x22 || c >= 0x7F }

    /// The first offset at or after `pos` (up to `end`) of a byte that is not ordinary
    /// outside quotes (`isSpecial`); eight bytes per step.
    ///
    /// - Complexity: O(distance).
    @inline(__always)
    static func nextSpecial(_ p: UnsafePointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        let raw = UnsafeRawPointer(p)
        var pos = from
        while pos + 8 <= end {
            let x = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
            let m = specialMask(x)
            if m != 0 { return pos + m.trailingZeroBitCount >> 3 }
            pos += 8
        }
        while pos < end {
            if isSpecial(p[pos]) { return pos }
            pos += 1
        }
        return end
    }

    /// The special-byte mask of 8 bytes: bit 7 of each byte that is a comma, quote,
    /// control character (below 0x20, or DEL, 0x7F) or non-ASCII. A byte found here leaves
    /// the fast paths for the general reader, which refuses the control characters: DEL
    /// was once missing, so a row the fast path read could hold a DEL the general reader
    /// (and the panel's own export read back) refuses.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func specialMask(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let comma = x ^ (ones &* 0x2C), quote = x ^ (ones &* 0x22), del = x ^ (ones &* 0x7F)
        return
            (((x &- ones &* 0x20) & ~x) | ((comma &- ones) & ~comma) | ((quote &- ones) & ~quote)
            | ((del &- ones) & ~del) | x) & highs
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
            if c == 10 {
                pos += 1; line += 1
            } else if c == 13 {
                pos += 1; if pos < end && base[pos] == 10 { pos += 1 }; line += 1
            } else {
                break
            }
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
                        record.note(
                            .badQuote, field: field, line: line,
                            "a quote inside an unquoted field (quote the whole field and double the quote)")
                    } else if c == 5 {
                        record.note(
                            .controlCharacter, field: field, line: line,
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
                record.note(
                    .fieldTooLong, field: field, line: fieldLine,
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
                record.note(
                    .unterminatedQuote, field: field, line: fieldLine,
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
                    record.scratch.append(
                        contentsOf: UnsafeBufferPointer(start: base + segment, count: pos + 1 - segment))
                    pos += 2
                    segment = pos
                    continue
                }
                break
            }
            if c == 10 {
                line += 1
            } else if c == 13 {
                if !(pos + 1 < end && base[pos + 1] == 10) { line += 1 }
            } else if c >= 128 {
                record.highBytes = true
            } else if c < 32 && c != 9 || c == 127 {
                record.note(
                    .controlCharacter, field: field, line: line,
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
                record.note(
                    .invalidUTF8, field: i, line: record.lines[i],
                    "bytes that are not UTF-8 (at byte \(offset + 1) of the field; a file saved as Windows-1252 or Latin-1 needs the encoding set: --encoding cp1252, encoding=\"cp1252\")"
                )
            case .byteOrderMark:
                record.note(
                    .byteOrderMark, field: i, line: record.lines[i], "a byte-order mark (U+FEFF) inside the data")
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

/// The offsets of the special bytes (a byte below 0x20, a comma, a quote, DEL or
/// non-ASCII) of a stretch of input, found ahead of the rows that use them: a chunk of
/// bytes at a time, 64 bytes a step, written to a buffer without a branch per byte (12
/// offsets are stored for every step whatever it holds; a denser step takes a short loop).
/// Unlike `CSVScanner.specialMask`, whose borrows can also mark a byte just after a special
/// one, the offsets are exact; the bytes after the last whole step of the input are looked
/// at one by one.
/// A row then takes its field ends from the buffer in order, so how long its fields are
/// decides no branch (the search loop it replaces left once per field, at a word that
/// depended on the field lengths, and mispredicted there; docs/ingest-profile.md, sixth
/// round). The end of the input is reported as one last offset, `end`.
struct SeparatorIndex {
    /// Offsets found and not yet taken: `offsets[head ..< tail]`, ascending.
    let offsets: UnsafeMutablePointer<Int>
    let capacity: Int
    var head = 0, tail = 0
    /// Bytes before this offset are indexed (and `end` has been added once it is `end`).
    var scanned = 0
    /// Bytes indexed by one `refill`.
    static let chunkBytes = 4096
    /// Bytes looked at so far, over all refills (for the tests: each byte once, whatever
    /// the reader skipped).
    var indexedBytes = 0

    init(keep: Int) {
        capacity = SeparatorIndex.chunkBytes + keep + 32
        offsets = .allocate(capacity: capacity)
    }

    func deallocate() { offsets.deallocate() }

    /// Starts over at `pos` (bytes before it are not reported).
    @inline(__always)
    mutating func reset(at pos: Int) {
        head = 0
        tail = 0
        scanned = pos
    }

    /// Drops the offsets below `pos` (the bytes a record read another way took), or starts
    /// over at `pos` when it is past the bytes indexed. A file whose every record is read
    /// another way (quoted fields) so costs one look at each byte, not a chunk a record.
    @inline(__always)
    mutating func skip(below pos: Int) {
        if pos >= scanned {
            reset(at: pos)
            return
        }
        while head < tail && offsets[head] < pos { head &+= 1 }
    }

    /// Offsets available.
    @inline(__always)
    var available: Int { tail &- head }

    /// Makes at least `need` offsets available, unless the input ends first (then every
    /// offset up to the end, and `end` itself, are available). `need` is at most the
    /// `keep` given to `init`.
    @inline(__always)
    mutating func ensure(_ need: Int, _ p: UnsafePointer<UInt8>, _ end: Int) {
        while tail &- head < need && scanned <= end { refill(p, end) }
    }

    /// Bit i set when byte i of the 64 at `p` is special (`CSVScanner.specialMask`).
    /// Sixteen bytes a step with lane-wise vector arithmetic (the SIMD types' comparison
    /// operators are not used: they compile to a loop over the lanes), bit 7 of each
    /// lane's result gathered by a multiply per 8 lanes.
    ///
    /// - Complexity: O(1).
    @inline(__always)
    static func specialBits(_ p: UnsafeRawPointer) -> UInt64 {
        @inline(__always) func lanes(_ v: SIMD16<UInt8>) -> SIMD16<UInt8> {
            let below = (v &- SIMD16(repeating: 0x20)) & ~v  // below 0x20
            let high = v | (v &+ SIMD16(repeating: 1))  // DEL (0x7F) or non-ASCII
            let c = v ^ SIMD16(repeating: 0x2C), q = v ^ SIMD16(repeating: 0x22)
            let equal = ((c &- SIMD16(repeating: 1)) & ~c) | ((q &- SIMD16(repeating: 1)) & ~q)
            return (below | high | equal) & SIMD16(repeating: 0x80)
        }
        @inline(__always) func gather(_ x: UInt64) -> UInt64 {
            ((x &>> 7) &* 0x0102_0408_1020_4080) &>> 56
        }
        var bits: UInt64 = 0
        for k in 0..<4 {
            let m = unsafeBitCast(
                lanes(p.loadUnaligned(fromByteOffset: 16 &* k, as: SIMD16<UInt8>.self)), to: SIMD2<UInt64>.self)
            bits |= (gather(m[0]) | gather(m[1]) &<< 8) &<< UInt64(16 &* k)
        }
        return bits
    }

    /// Indexes the next chunk (keeping the offsets not yet taken).
    mutating func refill(_ p: UnsafePointer<UInt8>, _ end: Int) {
        let keep = tail - head
        if head > 0 {
            if keep > 0 { offsets.update(from: offsets + head, count: keep) }
            head = 0
            tail = keep
        }
        let raw = UnsafeRawPointer(p)
        let stop = min(scanned + SeparatorIndex.chunkBytes, end)
        indexedBytes &+= stop - scanned
        var w = scanned
        var t = tail
        let o = offsets
        // 64 bytes a step: their special bytes as one bit each, then the offsets of the
        // first 12 written whatever the count (a 64-byte stretch of rows of 20 to 40 bytes
        // holds about 9); a loop takes the rest of a denser stretch.
        while w + 64 <= stop {
            var m = SeparatorIndex.specialBits(raw + w)
            let count = m.nonzeroBitCount
            for i in 0..<12 {
                o[t &+ i] = w &+ m.trailingZeroBitCount
                m &= m &- 1
            }
            if count > 12 {
                var k = t &+ 12
                while m != 0 {
                    o[k] = w &+ m.trailingZeroBitCount
                    m &= m &- 1
                    k &+= 1
                }
            }
            t &+= count
            w &+= 64
        }
        if stop == end {
            while w < end {
                if CSVScanner.isSpecial(p[w]) {
                    o[t] = w
                    t += 1
                }
                w += 1
            }
            o[t] = end
            t += 1
            scanned = end + 1  // the end is reported: nothing more to index
        } else {
            scanned = w
        }
        tail = t
    }
}

// MARK: - Dialects: delimiters, decimal commas, encodings

/// CSV as spreadsheets save it in other locales — `;` or tab between fields, a decimal
/// comma, thousands separators, Windows-1252 — rewritten up front into the canonical form
/// the scanners read (UTF-8, commas, decimal points, no grouping), so the common path
/// stays as fast as it is: `canonical` returns nil (nothing to do) for a UTF-8,
/// comma-delimited input with default number options, and only looks at its header line.
///
/// The rewrite keeps every line where it was (blank lines and line breaks inside quoted
/// fields included), so rejections name the lines of the original file; a field that is
/// not well quoted is passed on as it was, so the scanner reports it as before. Only
/// fields shaped like numbers (digits with the separators in force) are rewritten; text,
/// periods and codes are left alone.
enum CSVDialect {
    /// The resolved settings of one input.
    struct Settings {
        var delimiter: UInt8 = UInt8(ascii: ",")
        var decimal: UInt8 = UInt8(ascii: ".")
        /// Accepted thousands separators, as UTF-8 byte sequences.
        var thousands: [[UInt8]] = []
        var encoding: TextEncoding = .utf8
        /// Whether a byte starts the decimal or a thousands separator.
        var separatorStarts = [Bool](repeating: false, count: 256)

        mutating func indexSeparators() {
            separatorStarts[Int(decimal)] = true
            for t in thousands where !t.isEmpty { separatorStarts[Int(t[0])] = true }
        }
    }

    static let space: [UInt8] = [32], nbsp: [UInt8] = [0xC2, 0xA0], nnbsp: [UInt8] = [0xE2, 0x80, 0xAF]

    /// The delimiter of the header line: a comma when it has one; else `;` or a tab,
    /// whichever it has more of; a comma when it has neither.
    static func detectDelimiter(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt8 {
        var i = 0
        if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
        while i < n && (p[i] == 10 || p[i] == 13) { i += 1 }
        var commas = 0, semicolons = 0, tabs = 0
        var inQuotes = false
        while i < n {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == 10 || c == 13 { break }
                if c == UInt8(ascii: ",") {
                    commas += 1
                } else if c == UInt8(ascii: ";") {
                    semicolons += 1
                } else if c == 9 {
                    tabs += 1
                }
            }
            i += 1
        }
        if commas > 0 { return UInt8(ascii: ",") }
        if semicolons > 0 && semicolons >= tabs { return UInt8(ascii: ";") }
        if tabs > 0 { return 9 }
        return UInt8(ascii: ",")
    }

    /// Whether the options ask for something only a rewrite gives, before looking at the
    /// input.
    static func optionsNeedRewrite(_ o: ImportOptions) -> Bool {
        if o.encoding != .utf8 { return true }
        if let d = o.delimiter, d != "," { return true }
        if let d = o.decimal, d != "." { return true }
        if let t = o.thousands, t != "," { return true }
        return false
    }

    /// Checks the options' values.
    static func check(_ o: ImportOptions) throws(ImportError) {
        func fail(_ detail: String) -> ImportError {
            ImportError(
                rejection: Rejection(line: 1, column: 1, reason: .badField, detail: detail), report: ImportReport())
        }
        if let d = o.delimiter, !(d == "," || d == ";" || d == "\t" || d == "|") {
            throw fail("the delimiter \"\(d)\" is not supported (a comma, a semicolon, a tab or |)")
        }
        if let d = o.decimal, !(d == "." || d == ",") {
            throw fail("the decimal separator \"\(d)\" is not supported (. or ,)")
        }
        if let t = o.thousands,
            t.unicodeScalars.count > 1 || t == "\"" || t == "-" || t == "+" || t.first?.isNumber == true
        {
            throw fail(
                "the thousands separator \"\(t)\" is not supported (one character such as . , ' or a space, or none)")
        }
        if let d = o.decimal, let t = o.thousands, String(d) == t {
            throw fail("the decimal and thousands separators are both \"\(d)\"")
        }
        if let d = o.delimiter, let c = o.decimal, d == c, d != "," {
            throw fail("the delimiter and the decimal separator are both \"\(d)\"")
        }
    }

    /// The canonical bytes of `input` under `options`, or nil when it is canonical
    /// already (UTF-8, comma-delimited, default numbers).
    ///
    /// - Throws: when the options are invalid or the decimal separator cannot be told.
    /// - Complexity: O(header line) when nothing is to be done, else O(bytes) (two
    ///   passes when the decimal separator is detected).
    static func canonical(_ input: UnsafeRawBufferPointer, options: ImportOptions) throws(ImportError) -> [UInt8]? {
        guard let raw = input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count > 0 else {
            if optionsNeedRewrite(options) { try check(options) }
            return nil
        }
        let delimiter = options.delimiter?.asciiValue ?? detectDelimiter(raw, input.count)
        if delimiter == UInt8(ascii: ",") && !optionsNeedRewrite(options) { return nil }
        try check(options)
        // The rewrite holds the input, its UTF-8 and the canonical text at once.
        if let memoryCheck = options.memoryCheck, !memoryCheck(input.count * 3) {
            var e = ImportError(
                rejection: Rejection(
                    line: 1, column: 1, reason: .readFailure,
                    detail:
                        "out of memory: rewriting the input needs about \(input.count * 3) bytes, which cannot be allocated"
                ),
                report: ImportReport())
            e.outOfMemory = input.count * 3
            throw e
        }
        // 1. UTF-8.
        var text: [UInt8]
        switch options.encoding {
        case .utf8: text = Array(UnsafeBufferPointer(start: raw, count: input.count))
        case .windows1252, .latin1: text = transcode(raw, input.count, options.encoding)
        }
        if text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF { text.removeFirst(3) }
        var s = Settings()
        s.delimiter = delimiter
        s.encoding = options.encoding
        // 2. The decimal separator.
        if let d = options.decimal?.asciiValue {
            s.decimal = d
        } else if delimiter == UInt8(ascii: ",") {
            s.decimal = UInt8(ascii: ".")
        } else {
            s.decimal = try detectDecimal(text, delimiter: delimiter)
        }
        // 3. The thousands separators.
        if let t = options.thousands {
            s.thousands = t.isEmpty ? [] : [Array(t.utf8)]
        } else {
            s.thousands = [
                [s.decimal == UInt8(ascii: ",") ? UInt8(ascii: ".") : UInt8(ascii: ",")],
                space, nbsp, nnbsp, [UInt8(ascii: "'")], [0xE2, 0x80, 0x99],
            ]
        }
        s.indexSeparators()
        return rewrite(text, s)
    }

    /// Windows-1252 or Latin-1 bytes as UTF-8.
    static func transcode(_ p: UnsafePointer<UInt8>, _ n: Int, _ encoding: TextEncoding) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(n + n / 8)
        for i in 0..<n {
            let b = p[i]
            if b < 0x80 { out.append(b); continue }
            var scalar = UInt32(b)
            if encoding == .windows1252 && b < 0xA0 { scalar = windows1252[Int(b - 0x80)] }
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | scalar >> 6))
                out.append(UInt8(0x80 | scalar & 0x3F))
            } else {
                out.append(UInt8(0xE0 | scalar >> 12))
                out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
                out.append(UInt8(0x80 | scalar & 0x3F))
            }
        }
        return out
    }

    /// Windows-1252 0x80...0x9F (the five undefined bytes as the C1 controls).
    static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178,
    ]

    /// One field met by `fields`: its content (unquoted), whether it was quoted, whether
    /// it is malformed (then `raw` is its original text), its 1-based line and column.
    struct Field {
        var content: ArraySlice<UInt8>
        var quoted: Bool
        var malformed: Bool
        var raw: ArraySlice<UInt8>
        var line: Int
        var column: Int
    }

    /// What ends a field: the delimiter, a line end (`lineEnd`), or the input's end.
    enum Terminator { case delimiter, lineEnd, end, blankLine }

    /// Walks the records of `t` (RFC 4180 with `delimiter`), calling `body` for each
    /// field with its terminator; a blank line is reported as `.blankLine` with an empty
    /// field. `body` returns false to stop.
    static func fields(
        _ t: [UInt8], delimiter: UInt8, _ body: (Field, Terminator) throws(ImportError) -> Bool
    ) throws(ImportError) {
        let n = t.count
        var pos = 0, line = 1, column = 1
        var atRecordStart = true
        var scratch: [UInt8] = []
        while pos < n {
            if atRecordStart && (t[pos] == 10 || t[pos] == 13) {
                if t[pos] == 13 && pos + 1 < n && t[pos + 1] == 10 { pos += 1 }
                pos += 1
                let f = Field(content: [], quoted: false, malformed: false, raw: [], line: line, column: 1)
                line += 1
                if try !body(f, .blankLine) { return }
                continue
            }
            atRecordStart = false
            let start = pos, fieldLine = line
            var f: Field
            if t[pos] == UInt8(ascii: "\"") {
                pos += 1
                scratch.removeAll(keepingCapacity: true)
                var closed = false
                while pos < n {
                    let c = t[pos]
                    if c == UInt8(ascii: "\"") {
                        if pos + 1 < n && t[pos + 1] == UInt8(ascii: "\"") { scratch.append(c); pos += 2; continue }
                        closed = true
                        pos += 1
                        break
                    }
                    if c == 10 || (c == 13 && !(pos + 1 < n && t[pos + 1] == 10)) { line += 1 }
                    scratch.append(c)
                    pos += 1
                }
                var malformed = !closed
                if closed && pos < n && t[pos] != delimiter && t[pos] != 10 && t[pos] != 13 {
                    malformed = true
                    while pos < n && t[pos] != delimiter && t[pos] != 10 && t[pos] != 13 { pos += 1 }
                }
                f = Field(
                    content: ArraySlice(scratch), quoted: true, malformed: malformed, raw: t[start..<pos],
                    line: fieldLine, column: column)
            } else {
                var malformed = false
                while pos < n && t[pos] != delimiter && t[pos] != 10 && t[pos] != 13 {
                    if t[pos] == UInt8(ascii: "\"") { malformed = true }
                    pos += 1
                }
                f = Field(
                    content: t[start..<pos], quoted: false, malformed: malformed, raw: t[start..<pos],
                    line: fieldLine, column: column)
            }
            let term: Terminator
            if pos >= n {
                term = .end
            } else if t[pos] == delimiter {
                pos += 1
                term = .delimiter
            } else {
                if t[pos] == 13 && pos + 1 < n && t[pos + 1] == 10 { pos += 1 }
                pos += 1
                line += 1
                term = .lineEnd
            }
            if term == .delimiter { column += 1 } else { column = 1; atRecordStart = true }
            if try !body(f, term) { return }
            if term == .delimiter && pos >= n {
                // A delimiter at the very end: one more (empty) field.
                let e = Field(content: [], quoted: false, malformed: false, raw: [], line: line, column: column)
                _ = try body(e, .end)
            }
        }
    }

    /// Trims ASCII spaces.
    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var a = s.startIndex, b = s.endIndex
        while a < b && s[a] == 32 { a += 1 }
        while b > a && s[b - 1] == 32 { b -= 1 }
        return s[a..<b]
    }

    enum Evidence { case none, commaDecimal, pointDecimal, ambiguous }

    /// What a number-shaped field says about its decimal separator.
    static func evidence(_ field: ArraySlice<UInt8>) -> Evidence {
        var s = trimmed(field)
        if let f = s.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { s = s.dropFirst() }
        guard let first = s.first, first >= 48 && first <= 57 else { return .none }
        var dots = 0, commas = 0, digitsAfterLast = 0, lastSep: UInt8 = 0
        var intDigits = 0
        for c in s {
            if c >= 48 && c <= 57 { digitsAfterLast += 1; if lastSep == 0 { intDigits += 1 }; continue }
            if c == 32 || c == UInt8(ascii: "'") || c >= 0x80 { continue }  // other group separators
            if c == UInt8(ascii: ".") { dots += 1 } else if c == UInt8(ascii: ",") { commas += 1 } else { return .none }  // letters, dashes: not a number
            lastSep = c
            digitsAfterLast = 0
        }
        if dots == 0 && commas == 0 { return .none }
        if dots > 0 && commas > 0 { return lastSep == UInt8(ascii: ",") ? .commaDecimal : .pointDecimal }
        let isComma = commas > 0
        if (isComma ? commas : dots) > 1 { return isComma ? .pointDecimal : .commaDecimal }
        if digitsAfterLast != 3 || intDigits > 3 || (intDigits == 1 && first == 48) {
            return isComma ? .commaDecimal : .pointDecimal
        }
        return .ambiguous
    }

    /// The decimal separator the numbers of a `;`- or tab-delimited file use.
    static func detectDecimal(_ t: [UInt8], delimiter: UInt8) throws(ImportError) -> UInt8 {
        var comma: Field? = nil, point: Field? = nil, ambiguous: Field? = nil
        try fields(t, delimiter: delimiter) { f, _ in
            if f.malformed { return true }
            switch evidence(f.content) {
            case .commaDecimal: if comma == nil { comma = f }
            case .pointDecimal: if point == nil { point = f }
            case .ambiguous: if ambiguous == nil { ambiguous = f }
            case .none: break
            }
            return comma == nil || point == nil
        }
        func text(_ f: Field) -> String { "\"" + String(decoding: trimmed(f.content), as: UTF8.self) + "\"" }
        func fail(_ f: Field, _ detail: String) -> ImportError {
            ImportError(
                rejection: Rejection(line: f.line, column: f.column, reason: .badNumber, detail: detail),
                report: ImportReport())
        }
        switch (comma, point) {
        case let (c?, p?):
            throw fail(
                c,
                "the numbers mix a decimal comma (\(text(c)), line \(c.line)) and a decimal point (\(text(p)), line \(p.line)); set the decimal separator (--decimal, decimal=)"
            )
        case (.some, nil): return UInt8(ascii: ",")
        case (nil, .some): return UInt8(ascii: ".")
        case (nil, nil):
            if let a = ambiguous {
                let digits = String(decoding: trimmed(a.content).filter { $0 >= 48 && $0 <= 57 }, as: UTF8.self)
                throw fail(
                    a,
                    "\(text(a)) could be \(digits) or a fraction: the file does not tell its decimal separator; set it (--decimal , or --decimal . ; decimal= in Python)"
                )
            }
            return UInt8(ascii: ",")
        }
    }

    /// The canonical text of a number-shaped field (`-4910000.5`), or nil when the field
    /// is not a number in these settings or needs no change.
    static func number(_ field: ArraySlice<UInt8>, _ s: Settings) -> [UInt8]? {
        // Most fields (text, whole numbers) hold no separator at all: nothing to do.
        var separator = false
        for c in field where s.separatorStarts[Int(c)] {
            separator = true
            break
        }
        if !separator { return nil }
        let f = trimmed(field)
        var i = f.startIndex
        let e = f.endIndex
        var out: [UInt8] = []
        if i < e && (f[i] == UInt8(ascii: "-") || f[i] == UInt8(ascii: "+")) { out.append(f[i]); i += 1 }
        var changed = false
        var group = 0, groups = 0
        var sawDigit = false
        // Integer part with grouping.
        intLoop: while i < e {
            let c = f[i]
            if c >= 48 && c <= 57 { out.append(c); group += 1; sawDigit = true; i += 1; continue }
            if c == s.decimal { break }
            for sep in s.thousands where sep.count <= e - i && f[i..<(i + sep.count)].elementsEqual(sep) {
                guard sawDigit, groups == 0 ? group <= 3 : group == 3 else { return nil }
                groups += 1
                group = 0
                i += sep.count
                changed = true
                continue intLoop
            }
            break
        }
        if groups > 0 && group != 3 { return nil }
        if !sawDigit { return nil }
        if i < e && f[i] == s.decimal {
            i += 1
            out.append(UInt8(ascii: "."))
            var fraction = 0
            while i < e && f[i] >= 48 && f[i] <= 57 { out.append(f[i]); i += 1; fraction += 1 }
            guard fraction > 0 || s.decimal != UInt8(ascii: ",") else { return nil }
            if s.decimal != UInt8(ascii: ".") { changed = true }
        }
        if i < e && (f[i] == UInt8(ascii: "e") || f[i] == UInt8(ascii: "E")) {
            out.append(f[i]); i += 1
            if i < e && (f[i] == UInt8(ascii: "-") || f[i] == UInt8(ascii: "+")) { out.append(f[i]); i += 1 }
            var d = 0
            while i < e && f[i] >= 48 && f[i] <= 57 { out.append(f[i]); i += 1; d += 1 }
            if d == 0 { return nil }
        }
        guard i == e, changed else { return nil }
        return out
    }

    /// The canonical text of `t`.
    static func rewrite(_ t: [UInt8], _ s: Settings) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(t.count + t.count / 16)
        func needsQuotes(_ c: ArraySlice<UInt8>) -> Bool {
            c.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        }
        try? fields(t, delimiter: s.delimiter) { f, term in
            if term == .blankLine { out.append(10); return true }
            if f.malformed {
                out.append(contentsOf: f.raw)
            } else if let n = number(f.content, s) {
                out.append(contentsOf: n)
            } else if f.quoted || needsQuotes(f.content) {
                out.append(UInt8(ascii: "\""))
                for c in f.content {
                    out.append(c)
                    if c == UInt8(ascii: "\"") { out.append(c) }
                }
                out.append(UInt8(ascii: "\""))
            } else {
                out.append(contentsOf: f.content)
            }
            switch term {
            case .delimiter: out.append(UInt8(ascii: ","))
            case .lineEnd: out.append(10)
            case .end, .blankLine: break
            }
            return true
        }
        return out
    }
}

/// The spellings of a missing value, matched against a field's bytes (spaces trimmed).
/// Only looked at when a field is not a number, so it costs nothing on good data.
struct MissingValues: Sendable {
    let spellings: [[UInt8]]

    init(_ values: [String]) {
        spellings = values.map { Array($0.trimmingSpaces().utf8) }.filter { !$0.isEmpty }
    }

    func matches(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var a = 0, b = n
        while a < b && (p[a] == 32 || p[a] == 9) { a += 1 }
        while b > a && (p[b - 1] == 32 || p[b - 1] == 9) { b -= 1 }
        let len = b - a
        for s in spellings where s.count == len {
            var k = 0
            while k < len && s[k] == p[a + k] { k += 1 }
            if k == len { return true }
        }
        return false
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}

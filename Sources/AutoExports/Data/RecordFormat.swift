/// What parsing one piece of input produced: observations (with worker-local ids),
/// rejections and counts, all with piece-local line numbers. `Importer` merges pieces in
/// input order, so the result does not depend on how the input was split.
///
/// The columns are raw buffers reused from block to block; `free()` releases them.
struct PieceOutput {
    var series = RawColumn<Int32>()
    var periods = RawColumn<Int32>()
    var values = RawColumn<Double>()
    /// Worker-local citation id of each observation (-1 = none); empty when the format
    /// has no citations.
    var citations = RawColumn<Int32>()
    /// The record (ordinal within the piece) of each observation (empty while `dense`).
    var observationRecord = RawColumn<Int32>()
    /// The piece-local line of each record (empty while `dense`).
    var recordLines = RawColumn<Int32>()
    /// Whether the piece so far is one observation per record, one record per line,
    /// nothing refused or skipped: then observation i is record i on piece-local line i,
    /// and `observationRecord` and `recordLines` are not stored (`materialize` writes them
    /// when that stops being so).
    var dense = false
    var rejections: [(record: Int32, rejection: Rejection)] = []
    /// Skipped rows per skip reason of the format.
    var skipped: [Int] = []
    /// Skipped records (ordinals), in order.
    var skippedRecords: [Int32] = []
    /// Line breaks consumed (the next piece starts this many lines later).
    var lines = 0
    /// Strict policy: parsing stopped at the first rejection.
    var stopped = false
    /// Missing values met (blank cells and `ImportOptions.naValues` spellings).
    var missing = 0

    func free() {
        series.free()
        periods.free()
        values.free()
        citations.free()
        observationRecord.free()
        recordLines.free()
    }

    mutating func reset(skipReasons: Int) {
        series.removeAll()
        periods.removeAll()
        values.removeAll()
        citations.removeAll()
        observationRecord.removeAll()
        recordLines.removeAll()
        rejections.removeAll(keepingCapacity: true)
        skipped = [Int](repeating: 0, count: skipReasons)
        skippedRecords.removeAll(keepingCapacity: true)
        lines = 0
        stopped = false
        missing = 0
        dense = false
    }

    /// The number of records read (loaded, refused or skipped).
    var recordCount: Int { dense ? values.count : recordLines.count }

    /// Writes out the implicit record of each observation and line of each record of a
    /// `dense` piece, and ends dense mode.
    ///
    /// - Complexity: O(observations).
    mutating func materialize() {
        guard dense else { return }
        dense = false
        let n = values.count
        observationRecord.grow(to: n + 1024)
        recordLines.grow(to: n + 1024)
        for i in 0..<n {
            observationRecord.append(Int32(truncatingIfNeeded: i))
            recordLines.append(Int32(truncatingIfNeeded: i))
        }
    }

    /// Makes room for about `n` more records without growing.
    mutating func reserve(_ n: Int, citations withCitations: Bool) {
        series.grow(to: n)
        periods.grow(to: n)
        values.grow(to: n)
        observationRecord.grow(to: n)
        recordLines.grow(to: n)
        if withCitations { citations.grow(to: n) }
    }

    @inline(__always)
    mutating func add(series s: Int32, period p: Int32, value v: Double, record: Int32) {
        series.append(s)
        periods.append(p)
        values.append(v)
        observationRecord.append(record)
    }
}

/// The outcome of reading one record.
enum RecordOutcome {
    case loaded
    case rejected(Rejection)
    /// Left out by design; the index into the format's `skipReasons`.
    case skipped(Int)
}

/// A CSV layout the importer can read (tidy, wide, UN Comtrade). One value per worker:
/// `Importer` reads the header with one, copies it to every worker, and gives each
/// worker its own pieces of input.
protocol RecordFormat {
    /// Reasons a row may be skipped (not rejected), for the report.
    static var skipReasons: [String] { get }
    /// Whether every piece must be parsed by one worker in input order (a format that
    /// aggregates rows before emitting observations).
    static var sequentialOnly: Bool { get }
    /// Whether observations carry citations.
    var hasCitations: Bool { get }
    /// The worker's ids of series, periods and citations.
    var tables: LocalTables { get }

    /// Reads the header record.
    ///
    /// - Throws: an input-level rejection (a missing or repeated column).
    mutating func readHeader(_ record: CSVRecord, _ scanner: CSVScanner) throws(Rejection)

    /// Reads one data record: appends its observations to `out` (all or none).
    mutating func read(
        _ record: CSVRecord, _ scanner: CSVScanner, ordinal: Int32,
        into out: inout PieceOutput
    ) -> RecordOutcome

    /// Emits observations held back until the end of the input (sequential formats);
    /// adds what it found (discrepancies) to the report.
    mutating func finish(into out: inout PieceOutput, report: inout ImportReport)

    /// Told, before each piece of a sequential format, how many lines of the input come
    /// before it: observations held back until `finish` keep their absolute line.
    mutating func startPiece(lineBase: Int)

    /// Parses a piece of whole records into `out` (reset first). The default scans each
    /// record with `CSVScanner` and calls `read`; a format may do the common case faster
    /// with the same results.
    mutating func parsePiece(
        _ bytes: UnsafeRawBufferPointer, into out: inout PieceOutput,
        record: inout CSVRecord, strict: Bool, maxFieldBytes: Int)
}

extension RecordFormat {
    static var sequentialOnly: Bool { false }
    mutating func finish(into out: inout PieceOutput, report: inout ImportReport) {}
    mutating func startPiece(lineBase: Int) {}

    mutating func parsePiece(
        _ bytes: UnsafeRawBufferPointer, into out: inout PieceOutput,
        record: inout CSVRecord, strict: Bool, maxFieldBytes: Int
    ) {
        var scanner = CSVScanner(bytes, line: 0, maxFieldBytes: maxFieldBytes)
        var ordinal: Int32 = 0
        while scanner.next(into: &record) {
            if !handle(
                read(record, scanner, ordinal: ordinal, into: &out), line: record.line,
                ordinal: ordinal, into: &out, strict: strict)
            {
                break
            }
            ordinal += 1
        }
        out.lines = scanner.line
    }

    /// Records the outcome of one record; false when parsing must stop (strict).
    @inline(__always)
    func handle(
        _ outcome: RecordOutcome, line: Int, ordinal: Int32, into out: inout PieceOutput,
        strict: Bool
    ) -> Bool {
        out.recordLines.append(Int32(truncatingIfNeeded: line))
        switch outcome {
        case .loaded:
            return true
        case .rejected(let r):
            out.rejections.append((ordinal, r))
            if strict {
                out.stopped = true
                return false
            }
            return true
        case .skipped(let i):
            out.skipped[i] += 1
            out.skippedRecords.append(ordinal)
            return true
        }
    }
}

/// A worker's ids: series keys, periods and citations, each numbered in the order the
/// worker first met them, with byte-keyed lookups for the hot path.
struct LocalTables {
    var seriesKeys: [SeriesKey] = []
    var seriesTable = ByteKeyTable()
    /// Cached failures of key bytes that did not resolve: the table stores `-1 - index`.
    var keyFailures: [(reason: RejectionReason, field: Int, detail: String)] = []
    var periods: [Period] = []
    /// Worker-local id of each period by `slot(of:)`, -1 when not met yet.
    var periodSlots: [Int32] = []
    var citations: [String] = []
    var citationTable = ByteKeyTable()

    /// A dense index of every period: year × 43 + (0 | quarter | 4 + month | 16 + half
    /// | 18 + last month of a year-to-date span | 30 + start month of a fiscal year).
    @inline(__always)
    static func slot(of p: Period) -> Int {
        switch p.granularity {
        case .year: p.year * 43
        case .quarter: p.year * 43 + p.sub
        case .month: p.year * 43 + 4 + p.sub
        case .half: p.year * 43 + 16 + p.sub
        case .yearToDate(let m): p.year * 43 + 18 + m
        case .fiscalYear(let m): p.year * 43 + 30 + m
        }
    }

    /// The worker-local id of a period.
    @inline(__always)
    mutating func periodID(_ p: Period) -> Int32 {
        if periodSlots.isEmpty { periodSlots = [Int32](repeating: -1, count: 10_000 * 43) }
        let s = LocalTables.slot(of: p)
        let id = periodSlots[s]
        if id >= 0 { return id }
        let new = Int32(periods.count)
        periods.append(p)
        periodSlots[s] = new
        return new
    }

    /// The worker-local id of a citation's text (the field's bytes; a quoted field keeps
    /// its surrounding spaces, an unquoted one is trimmed first).
    mutating func citationID(_ p: UnsafePointer<UInt8>, _ n: Int, unescape: Bool, quoted: Bool) -> Int32 {
        var i = 0, e = n
        if !quoted {
            while i < e && (p[i] == 32 || p[i] == 9) { i += 1 }
            while e > i && (p[e - 1] == 32 || p[e - 1] == 9) { e -= 1 }
        }
        let q = p + i, m = e - i
        let h = ByteKeyTable.hash(q, m)
        if let id = citationTable.find(q, m, hash: h) { return id }
        let id = Int32(citations.count)
        citations.append(FieldText.string(q, m, unescape: unescape, trim: false))
        citationTable.insert(q, m, hash: h, value: id)
        return id
    }
}

/// Turning field bytes into values: text, periods.
enum FieldText {
    /// The field as a String; with `trim` (for unquoted fields) without surrounding
    /// spaces and tabs; with `unescape`, an apostrophe before `=`, `+`, `-`, `@`, tab or
    /// CR (the formula-injection escape) is removed.
    static func string(_ p: UnsafePointer<UInt8>, _ n: Int, unescape: Bool, trim: Bool = true) -> String {
        var i = 0, e = n
        if trim {
            while i < e && (p[i] == 32 || p[i] == 9) { i += 1 }
            while e > i && (p[e - 1] == 32 || p[e - 1] == 9) { e -= 1 }
        }
        if unescape && e - i >= 2 && p[i] == UInt8(ascii: "'") {
            // The writer's escape: ' before a formula character, or before ' + formula character.
            if FieldText.isFormulaStart(p[i + 1])
                || (e - i >= 3 && p[i + 1] == UInt8(ascii: "'") && FieldText.isFormulaStart(p[i + 2]))
            {
                i += 1
            }
        }
        return String(decoding: UnsafeBufferPointer(start: p + i, count: e - i), as: UTF8.self)
    }

    /// `=`, `+`, `-`, `@`, tab, CR: the first characters spreadsheets read as a formula.
    @inline(__always)
    static func isFormulaStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "=") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") || c == UInt8(ascii: "@")
            || c == 9 || c == 13
    }

    /// True when the field is empty or only spaces.
    @inline(__always)
    static func isBlank(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i < n {
            if p[i] != 32 && p[i] != 9 { return false }
            i += 1
        }
        return true
    }

    /// A period: `2023`, `2023-Q1`, `2023-03` directly, anything else (`2023-H1`,
    /// `2023-01/2023-05`, `FY2024`) through `Period(parsing:fiscalYearStart:)` (same
    /// result, slower).
    @inline(__always)
    static func period(_ p: UnsafePointer<UInt8>, _ n: Int, fiscalYearStart: Int = 4) -> Period? {
        @inline(__always) func d(_ i: Int) -> Int? {
            let c = p[i]
            return c >= 48 && c <= 57 ? Int(c - 48) : nil
        }
        if n == 4, let a = d(0), let b = d(1), let c = d(2), let e = d(3) {
            return Period(year: a * 1000 + b * 100 + c * 10 + e)
        }
        if n == 7, p[4] == UInt8(ascii: "-"), let a = d(0), let b = d(1), let c = d(2), let e = d(3) {
            let y = a * 1000 + b * 100 + c * 10 + e
            if p[5] == UInt8(ascii: "Q"), let q = d(6) { return Period(year: y, quarter: q) }
            if let m1 = d(5), let m2 = d(6) { return Period(year: y, month: m1 * 10 + m2) }
        }
        return Period(
            parsing: String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self),
            fiscalYearStart: fiscalYearStart)
    }

    /// Up to 60 characters of the field for a message, quoted.
    static func quoted(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
        let s = String(decoding: UnsafeBufferPointer(start: p, count: min(n, 240)), as: UTF8.self)
        let cut = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "\"" + cut + "\""
    }
}

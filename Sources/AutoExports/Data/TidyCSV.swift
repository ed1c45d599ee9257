/// The tidy CSV layout, the project's canonical format: one observation per row.
///
/// Columns are found by their header names (any order, case-insensitive; unknown columns
/// are ignored):
///
/// | column | required | meaning (default when the column is absent or the cell blank) |
/// |---|---|---|
/// | `exporter` (or `country`, `reporter`) | yes | code, English name or UN M49 number |
/// | `partner` (or `destination`, `partner_code`) | no | the destination market: code, name or M49 number (`WLD`, the world: a national total) |
/// | `period` (or `year`) | yes | `2023`, `2023-Q1`, `2023-03` |
/// | `segment` | no | `total`, `nev`, `bev`, … (total) |
/// | `metric` | yes | `units` or a currency code such as `usd` |
/// | `value` | yes | a number; blank or an `ImportOptions.naValues` spelling (`NA`, `..`, `-`, …) = missing (a gap); spreadsheet forms such as `"4,910,000"` |
/// | `source` | no | the statistics body (`unspecified`) |
/// | `scope` | no | what is counted (`unspecified`) |
/// | `citation` | no | where the figure was published (none) |
///
/// The reference file `exports.csv` is in this layout (its `status` column is ignored).
///
///     exporter,period,segment,metric,value,source,scope,citation
///     CHN,2023,total,units,4910000,CAAM,all_vehicles,https://…
///     Japan,2023,,units,"4,422,682",JAMA,all_vehicles,
struct TidyCSV: RecordFormat {
    static let skipReasons: [String] = []
    var tables = LocalTables()
    var hasCitations: Bool { citation != nil }
    let unescape: Bool
    let keepUnknown: Bool

    // Field index of each role (nil = absent).
    var exporter = 0, period = 0, metric = 0, value = 0
    var segment: Int? = nil, source: Int? = nil, scope: Int? = nil, citation: Int? = nil, partner: Int? = nil
    var columnNames: [String] = []
    /// Fields of exporter, segment, metric, source, scope, partner (-1 = absent).
    var keyFields: [Int] = []
    /// The key bytes of the previous row and its id (most files repeat a series on
    /// consecutive rows).
    var keyBytes: [UInt8] = []
    var lastKey: [UInt8] = []
    var lastID: Int32 = -1
    /// The fast path's two-part lookup: the bytes of segment, metric, source, scope and partner
    /// (which rarely change from row to row) -> a "rest" id; then, per rest id, the
    /// exporter's bytes -> series id.
    var restTable = ByteKeyTable()
    var exporterTables: [ByteKeyTable] = []
    /// The same for exporters of 1 to 8 bytes, keyed by (bytes, rest id); made by each
    /// worker on its first piece (never shared between copies that parse).
    var shortKeys: ShortKeyTable? = nil
    /// Every record through the general scanner and reader (the tests' oracle for the
    /// fast path).
    var generalOnly = false

    let fiscalYearStart: Int
    let naValues: MissingValues

    init(options: ImportOptions) {
        unescape = options.unescapeFormulas
        keepUnknown = options.keepUnknownExporters
        fiscalYearStart = options.fiscalYearStart
        naValues = MissingValues(options.naValues)
    }

    static let aliases: [(role: String, names: [String])] = [
        ("exporter", ["exporter", "country", "reporter"]),
        ("period", ["period", "year"]),
        ("segment", ["segment"]),
        ("metric", ["metric"]),
        ("value", ["value"]),
        ("source", ["source"]),
        ("scope", ["scope"]),
        ("citation", ["citation"]),
        ("partner", ["partner", "destination", "partner_code", "partner code", "partnercode"]),
    ]

    mutating func readHeader(_ record: CSVRecord, _ scanner: CSVScanner) throws(Rejection) {
        var found: [String: Int] = [:]
        for i in 0..<record.count {
            let name = scanner.withField(record, i) { p, n in FieldText.string(p, n, unescape: false) }.lowercased()
            columnNames.append(name)
            guard let role = TidyCSV.aliases.first(where: { $0.names.contains(name) })?.role else { continue }
            if let first = found[role] {
                throw Rejection(
                    line: record.lines[i], column: i + 1, columnName: name, reason: .duplicateColumn,
                    detail: "a second \(role) column (the first is column \(first + 1))")
            }
            found[role] = i
        }
        for role in ["exporter", "period", "metric", "value"] where found[role] == nil {
            throw Rejection(
                line: record.line, column: record.count + 1, reason: .missingColumn,
                detail:
                    "the header has no \(role) column (required: exporter, period, metric, value; found: \(columnNames.joined(separator: ", ")))"
            )
        }
        exporter = found["exporter"] ?? 0
        period = found["period"] ?? 0
        metric = found["metric"] ?? 0
        value = found["value"] ?? 0
        segment = found["segment"]
        source = found["source"]
        scope = found["scope"]
        citation = found["citation"]
        partner = found["partner"]
        keyFields = [exporter, segment ?? -1, metric, source ?? -1, scope ?? -1, partner ?? -1]
    }

    func reject(_ record: CSVRecord, _ field: Int, _ reason: RejectionReason, _ detail: String) -> RecordOutcome {
        .rejected(
            Rejection(
                line: record.lines[min(field, record.count - 1)], column: field + 1,
                columnName: field < columnNames.count ? columnNames[field] : nil,
                reason: reason, detail: detail))
    }

    mutating func read(
        _ record: CSVRecord, _ scanner: CSVScanner, ordinal: Int32,
        into out: inout PieceOutput
    ) -> RecordOutcome {
        if let p = record.problem { return reject(record, p.field, p.reason, p.detail) }
        guard record.count == columnNames.count else {
            return .rejected(
                Rejection(
                    line: record.line, column: min(record.count, columnNames.count) + 1, reason: .columnCount,
                    detail: "the row has \(record.count) fields, the header \(columnNames.count)"))
        }
        // Value.
        var v = Double.nan
        var bad = false, missing = false
        scanner.withField(record, value) { p, n in
            if FieldText.isBlank(p, n) { missing = true; return }
            if let x = DecimalParser.parse(p, n) {
                v = x
            } else if naValues.matches(p, n) {
                missing = true
            } else {
                bad = true
            }
        }
        if bad {
            let text = scanner.withField(record, value) { p, n in FieldText.quoted(p, n) }
            return reject(record, value, .badNumber, "\(text) is not a number")
        }
        // Period.
        var per: Period? = nil
        var blankPeriod = false
        scanner.withField(record, period) { p, n in
            if FieldText.isBlank(p, n) { blankPeriod = true; return }
            per = FieldText.period(p, n, fiscalYearStart: fiscalYearStart)
        }
        guard let per else {
            if blankPeriod { return reject(record, period, .emptyField, "the period is empty") }
            let text = scanner.withField(record, period) { p, n in FieldText.quoted(p, n) }
            return reject(record, period, .badPeriod, "\(text) is not a period (\(Period.examples))")
        }
        // Series key: the bytes of exporter, segment, metric, source, scope, partner.
        keyBytes.removeAll(keepingCapacity: true)
        for f in keyFields {
            if f >= 0 {
                scanner.withField(record, f) { p, n in
                    keyBytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
                }
                if record.quoted[f] { keyBytes.append(0x1E) }
            }
            keyBytes.append(0x1F)
        }
        var id: Int32
        if keyBytes == lastKey && lastID >= 0 {
            id = lastID
        } else {
            id = keyBytes.withUnsafeBufferPointer { kb -> Int32 in
                let base = kb.baseAddress ?? CSVScanner.emptyBase
                let h = ByteKeyTable.hash(base, kb.count)
                if let found = tables.seriesTable.find(base, kb.count, hash: h) { return found }
                let resolved = resolveKey(record, scanner)
                tables.seriesTable.insert(base, kb.count, hash: h, value: resolved)
                return resolved
            }
            lastKey = keyBytes
            lastID = id
        }
        if id < 0 {
            let f = tables.keyFailures[Int(-1 - id)]
            return reject(record, f.field, f.reason, f.detail)
        }
        let pid = tables.periodID(per)
        out.add(series: id, period: pid, value: v, record: ordinal)
        if let citation {
            let c: Int32 = scanner.withField(record, citation) { p, n in
                FieldText.isBlank(p, n)
                    ? -1 : tables.citationID(p, n, unescape: unescape, quoted: record.quoted[citation])
            }
            out.citations.append(c)
        }
        if missing { out.missing += 1 }
        return .loaded
    }

    /// The common case fast: a record without quotes, control characters or non-ASCII
    /// bytes, with the header's number of fields, a known series, a number and a period,
    /// is read straight from the bytes. Every other record goes through `CSVScanner` and
    /// `read` (so results, rejections and their messages are the same either way).
    ///
    /// - Complexity: O(bytes): the separators indexed 64 bytes a step (`SeparatorIndex`),
    ///   one hash lookup per row whose series differs from the row before.
    mutating func parsePiece(
        _ bytes: UnsafeRawBufferPointer, into out: inout PieceOutput,
        record: inout CSVRecord, strict: Bool, maxFieldBytes: Int
    ) {
        guard let raw = bytes.baseAddress, bytes.count > 0 else { return }
        let base = raw.assumingMemoryBound(to: UInt8.self)
        let end = bytes.count
        let ncol = columnNames.count
        out.reserve(end / 8 + 16, citations: citation != nil)
        out.dense = true
        let fields = UnsafeMutablePointer<Int>.allocate(capacity: 2 * ncol + 2)
        let keyCapacity = 1024
        let key = UnsafeMutablePointer<UInt8>.allocate(capacity: keyCapacity)
        defer { fields.deallocate(); key.deallocate() }
        // The key fields other than the exporter that the header has (segment, metric,
        // source, scope, partner), and per such field the previous row's bytes (start, length).
        let restList = [segment ?? -1, metric, source ?? -1, scope ?? -1, partner ?? -1].filter { $0 >= 0 }
        let restCount = restList.count
        let restFields = UnsafeMutablePointer<Int>.allocate(capacity: restCount)
        let lastRest = UnsafeMutablePointer<Int>.allocate(capacity: 2 * restCount)
        defer { restFields.deallocate(); lastRest.deallocate() }
        for r in 0..<restCount { restFields[r] = restList[r] }
        var lastRestValid = false
        var restID = 0
        // Exporters of 1 to 8 bytes: (bytes, rest id) -> series id in one word-keyed table.
        if shortKeys == nil { shortKeys = ShortKeyTable() }
        let shortTable = shortKeys!
        var lastEntry: Int32 = -1  // the previous short exporter's entry (its successor is tried first)
        // The previous row's period bytes (as a word) and their period id.
        var lastPeriodWord: UInt64 = 0, lastPeriodLength = -1
        var lastPeriodID: Int32 = -1
        let exporterField = exporter
        var pos = 0, line = 0
        var ordinal: Int32 = 0
        // The field ends of the rows ahead (a row takes ncol of them, a CRLF one more).
        var index = SeparatorIndex(keep: ncol + 1)
        defer { index.deallocate() }
        let valueField = value, periodField = period, citationField = citation ?? -1
        let fiscalStart = fiscalYearStart
        while pos < end {
            let c0 = base[pos]
            if c0 == 10 || c0 == 13 {  // a blank line (its break is the next offset)
                pos += 1
                if c0 == 13 && pos < end && base[pos] == 10 { pos += 1 }
                line += 1
                index.skip(below: pos)
                continue
            }
            let start = pos
            var learnShort: (word: UInt64, tag: UInt64)? = nil
            var learn: (rest: Int, start: Int, count: Int, hash: UInt64)? = nil
            // A plain record: ncol - 1 commas, then a line break or the end of the input,
            // and no other special byte (quote, control character, tab, non-ASCII).
            var plain = false
            var ended = false
            var taken = ncol
            index.ensure(ncol + 1, base, end)
            if index.available >= ncol {
                let o = index.offsets + index.head
                var s = pos
                var commas = true
                for f in 0..<(ncol - 1) {
                    let q = o[f]
                    fields[2 * f] = s
                    fields[2 * f + 1] = q
                    commas = commas && q < end && base[q] == 0x2C
                    s = q + 1
                }
                let q = o[ncol - 1]
                fields[2 * (ncol - 1)] = s
                fields[2 * (ncol - 1) + 1] = q
                if commas {
                    if q >= end {
                        plain = true
                        pos = end
                    } else if base[q] == 10 {
                        plain = true
                        ended = true
                        pos = q + 1
                    } else if base[q] == 13 {
                        plain = true
                        ended = true
                        pos = q + 1
                        if pos < end && base[pos] == 10 {
                            pos += 1
                            taken += 1  // the LF is the next offset (ensured above)
                        }
                    }
                }
            }
            fast: if plain && !generalOnly {
                // Value.
                let vs = fields[2 * valueField], vn = fields[2 * valueField + 1] - vs
                var v = Double.nan
                // Whole numbers of up to 15 digits directly (eight bytes at a time);
                // everything else by the parser.
                var blank = false
                if let digits = DecimalParser.wholeDigits(base + vs, vn, readable: end - vs) {
                    v = Double(digits)
                } else if !FieldText.isBlank(base + vs, vn) {
                    guard vn <= maxFieldBytes, let x = DecimalParser.parse(base + vs, vn) else { break fast }
                    v = x
                } else {
                    blank = true
                }
                // Period: the same bytes as the row before (most files group rows by
                // period or by series) reuse its id; the id itself is taken only once the
                // row is known to load.
                let ps = fields[2 * periodField], pn = fields[2 * periodField + 1] - ps
                var periodWord: UInt64 = 0
                var per: Period? = nil
                if pn >= 1 && pn <= 8 {
                    periodWord = ShortKeyTable.word(base + ps, pn, readable: end - ps)
                }
                if !(pn == lastPeriodLength && periodWord == lastPeriodWord && lastPeriodID >= 0) {
                    guard pn <= 64, let p = FieldText.period(base + ps, pn, fiscalYearStart: fiscalStart) else {
                        break fast
                    }
                    per = p
                }
                // Series: the rest fields against the row before, then the exporter.
                var same = lastRestValid
                if same {
                    for r in 0..<restCount {
                        let f = restFields[r]
                        let a = fields[2 * f], n = fields[2 * f + 1] - a
                        let b = lastRest[2 * r]
                        if n != lastRest[2 * r + 1] { same = false; break }
                        if n <= 8 && a + 8 <= end && b + 8 <= end {
                            let m: UInt64 = n == 8 ? ~0 : (1 << UInt64(n &* 8)) &- 1
                            let x = UnsafeRawPointer(base + a).loadUnaligned(as: UInt64.self)
                            let y = UnsafeRawPointer(base + b).loadUnaligned(as: UInt64.self)
                            if (x ^ y) & m != 0 { same = false; break }
                        } else if !memoryEqual(base + a, base + b, n) {
                            same = false
                            break
                        }
                    }
                }
                if !same {
                    var kn = 0
                    for r in 0..<restCount {
                        let f = restFields[r]
                        let a = fields[2 * f], n = fields[2 * f + 1] - a
                        guard kn + n + 1 <= keyCapacity else { break fast }
                        var b = 0
                        while b < n { key[kn + b] = base[a + b]; b += 1 }
                        kn += n
                        lastRest[2 * r] = a
                        lastRest[2 * r + 1] = n
                        key[kn] = 0x1F
                        kn += 1
                    }
                    let h = ByteKeyTable.hash(key, kn)
                    if let found = restTable.find(key, kn, hash: h) {
                        restID = Int(found)
                    } else {
                        restID = exporterTables.count
                        restTable.insert(key, kn, hash: h, value: Int32(restID))
                        exporterTables.append(ByteKeyTable())
                    }
                    lastRestValid = true
                }
                let ea = fields[2 * exporterField], en = fields[2 * exporterField + 1] - ea
                let id: Int32
                if en >= 1 && en <= 8 {
                    let w = ShortKeyTable.word(base + ea, en, readable: end - ea)
                    let tag = UInt64(restID) << 4 | UInt64(en)
                    let e = shortTable.find(w, tag: tag, after: lastEntry)
                    guard e >= 0 else {
                        learnShort = (w, tag)
                        break fast
                    }
                    lastEntry = e
                    let found = shortTable.value(e)
                    guard found >= 0 else { break fast }
                    id = found
                } else {
                    let h = ByteKeyTable.hash(base + ea, en, readable: end - ea)
                    guard let found = exporterTables[restID].find(base + ea, en, hash: h, readable: end - ea) else {
                        learn = (restID, ea, en, h)
                        break fast
                    }
                    guard found >= 0 else { break fast }
                    id = found
                }
                var cite: Int32 = -1
                if citationField >= 0 {
                    let a = fields[2 * citationField], n = fields[2 * citationField + 1] - a
                    guard n <= maxFieldBytes else { break fast }
                    if !FieldText.isBlank(base + a, n) {
                        cite = tables.citationID(base + a, n, unescape: unescape, quoted: false)
                    }
                }
                let pid: Int32
                if let per {
                    pid = tables.periodID(per)
                    if pn >= 1 && pn <= 8 {
                        lastPeriodWord = periodWord
                        lastPeriodLength = pn
                        lastPeriodID = pid
                    }
                } else {
                    pid = lastPeriodID
                }
                if out.dense && line != Int(ordinal) { out.materialize() }
                if out.dense {
                    out.series.append(id)
                    out.periods.append(pid)
                    out.values.append(v)
                } else {
                    out.add(series: id, period: pid, value: v, record: ordinal)
                    out.recordLines.append(Int32(truncatingIfNeeded: line))
                }
                if blank { out.missing += 1 }
                if citationField >= 0 { out.citations.append(cite) }
                if ended { line += 1 }
                index.head += taken
                ordinal += 1
                continue
            }
            // Anything else: the general scanner and reader, from the record's start.
            out.materialize()
            var scanner = CSVScanner(bytes, line: line, maxFieldBytes: maxFieldBytes)
            scanner.pos = start
            guard scanner.next(into: &record) else { pos = end; break }
            let outcome = read(record, scanner, ordinal: ordinal, into: &out)
            if learnShort != nil || learn != nil {
                // Teach the fast path this exporter: its series, or that it does not resolve.
                var id: Int32 = -1
                if case .loaded = outcome, out.series.count > 0 { id = out.series[out.series.count - 1] }
                if let learnShort { lastEntry = shortTable.insert(learnShort.word, tag: learnShort.tag, value: id) }
                if let learn {
                    exporterTables[learn.rest].insert(base + learn.start, learn.count, hash: learn.hash, value: id)
                }
            }
            pos = scanner.pos
            line = scanner.line
            index.skip(below: pos)
            if !handle(outcome, line: record.line, ordinal: ordinal, into: &out, strict: strict) { return }
            ordinal += 1
        }
        out.lines = line
    }

    /// Resolves the key fields of a row met for the first time: a new series id, or
    /// `-1 - index` of a cached failure.
    mutating func resolveKey(_ record: CSVRecord, _ scanner: CSVScanner) -> Int32 {
        func text(_ f: Int?) -> String? {
            guard let f else { return nil }
            let s = scanner.withField(record, f) { p, n in
                FieldText.string(p, n, unescape: unescape, trim: !record.quoted[f])
            }
            return s.isEmpty ? nil : s
        }
        func fail(_ f: Int, _ reason: RejectionReason, _ detail: String) -> Int32 {
            tables.keyFailures.append((reason, f, detail))
            return Int32(-tables.keyFailures.count)
        }
        guard let exporterText = text(exporter) else { return fail(exporter, .emptyField, "the exporter is empty") }
        guard let e = Exporter.resolve(exporterText) ?? (keepUnknown ? Exporter(exporterText) : nil) else {
            return fail(
                exporter, .unknownExporter,
                Exporter.notFoundMessage(exporterText))
        }
        var seg = Segment.total
        if let s = text(segment) {
            guard let parsed = Segment(name: s) else {
                return fail(
                    segment ?? 0, .badSegment,
                    "\"\(s)\" is not a segment (\(Segment.allCases.map(\.description).joined(separator: ", ")))")
            }
            seg = parsed
        }
        guard let m = text(metric) else { return fail(metric, .emptyField, "the metric is empty") }
        guard let met = Metric(name: m) else {
            return fail(
                metric, .badMetric, "\"\(m)\" is not a metric (units, or a three-letter currency code such as usd)")
        }
        var to = Exporter.world
        if let p = text(partner) {
            guard let resolved = Exporter.resolve(p) ?? (keepUnknown ? Exporter(p) : nil) else {
                let shown = p.count > 64 ? String(p.prefix(64)) + "…" : p
                return fail(
                    partner ?? 0, .unknownExporter,
                    "\"\(shown)\" is not a known partner (an ISO 3166-1 alpha-3 code, an English name, a UN M49 number or WLD)"
                        + Exporter.didYouMean(p))
            }
            to = resolved
        }
        let key = SeriesKey(
            exporter: e, partner: to, segment: seg, metric: met, source: text(source) ?? "unspecified",
            scope: text(scope) ?? "unspecified")
        let id = Int32(tables.seriesKeys.count)
        tables.seriesKeys.append(key)
        return id
    }
}

/// Whether `n` bytes at `a` and `b` are equal.
@inline(__always)
func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    var i = 0
    while i + 8 <= n {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        {
            return false
        }
        i += 8
    }
    while i < n {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}

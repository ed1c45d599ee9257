/// The tidy CSV layout, the project's canonical format: one observation per row.
///
/// Columns are found by their header names (any order, case-insensitive; unknown columns
/// are ignored):
///
/// | column | required | meaning (default when the column is absent or the cell blank) |
/// |---|---|---|
/// | `exporter` (or `country`, `reporter`) | yes | code, English name or UN M49 number |
/// | `period` (or `year`) | yes | `2023`, `2023-Q1`, `2023-03` |
/// | `segment` | no | `total`, `nev`, `bev`, … (total) |
/// | `metric` | yes | `units` or a currency code such as `usd` |
/// | `value` | yes | a number; blank = missing; spreadsheet forms such as `"4,910,000"` |
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

    // Field index of each role (nil = absent).
    var exporter = 0, period = 0, metric = 0, value = 0
    var segment: Int? = nil, source: Int? = nil, scope: Int? = nil, citation: Int? = nil
    var columnNames: [String] = []
    /// Fields of exporter, segment, metric, source, scope (-1 = absent).
    var keyFields: [Int] = []
    /// The key bytes of the previous row and its id (most files repeat a series on
    /// consecutive rows).
    var keyBytes: [UInt8] = []
    var lastKey: [UInt8] = []
    var lastID: Int32 = -1

    init(options: ImportOptions) {
        unescape = options.unescapeFormulas
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
    ]

    mutating func readHeader(_ record: CSVRecord, _ scanner: CSVScanner) throws(Rejection) {
        var found: [String: Int] = [:]
        for i in 0..<record.count {
            let name = scanner.withField(record, i) { p, n in FieldText.string(p, n, unescape: false) }.lowercased()
            columnNames.append(name)
            guard let role = TidyCSV.aliases.first(where: { $0.names.contains(name) })?.role else { continue }
            if let first = found[role] {
                throw Rejection(line: record.lines[i], column: i + 1, columnName: name, reason: .duplicateColumn,
                                detail: "a second \(role) column (the first is column \(first + 1))")
            }
            found[role] = i
        }
        for role in ["exporter", "period", "metric", "value"] where found[role] == nil {
            throw Rejection(line: record.line, column: record.count + 1, reason: .missingColumn,
                            detail: "the header has no \(role) column (required: exporter, period, metric, value; found: \(columnNames.joined(separator: ", ")))")
        }
        exporter = found["exporter"] ?? 0
        period = found["period"] ?? 0
        metric = found["metric"] ?? 0
        value = found["value"] ?? 0
        segment = found["segment"]
        source = found["source"]
        scope = found["scope"]
        citation = found["citation"]
        keyFields = [exporter, segment ?? -1, metric, source ?? -1, scope ?? -1]
    }

    func reject(_ record: CSVRecord, _ field: Int, _ reason: RejectionReason, _ detail: String) -> RecordOutcome {
        .rejected(Rejection(line: record.lines[min(field, record.count - 1)], column: field + 1,
                            columnName: field < columnNames.count ? columnNames[field] : nil,
                            reason: reason, detail: detail))
    }

    mutating func read(_ record: CSVRecord, _ scanner: CSVScanner, ordinal: Int32,
                       into out: inout PieceOutput) -> RecordOutcome {
        if let p = record.problem { return reject(record, p.field, p.reason, p.detail) }
        guard record.count == columnNames.count else {
            return .rejected(Rejection(
                line: record.line, column: min(record.count, columnNames.count) + 1, reason: .columnCount,
                detail: "the row has \(record.count) fields, the header \(columnNames.count)"))
        }
        // Value.
        var v = Double.nan
        var bad = false
        scanner.withField(record, value) { p, n in
            if FieldText.isBlank(p, n) { return }
            if let x = DecimalParser.parse(p, n) { v = x } else { bad = true }
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
            per = FieldText.period(p, n)
        }
        guard let per else {
            if blankPeriod { return reject(record, period, .emptyField, "the period is empty") }
            let text = scanner.withField(record, period) { p, n in FieldText.quoted(p, n) }
            return reject(record, period, .badPeriod, "\(text) is not a period (2023, 2023-Q1 or 2023-03)")
        }
        // Series key: the bytes of exporter, segment, metric, source, scope.
        keyBytes.removeAll(keepingCapacity: true)
        for f in keyFields {
            if f >= 0 {
                scanner.withField(record, f) { p, n in keyBytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n)) }
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
                FieldText.isBlank(p, n) ? -1 : tables.citationID(p, n, unescape: unescape, quoted: record.quoted[citation])
            }
            out.citations.append(c)
        }
        return .loaded
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
        guard let e = Exporter.resolve(exporterText) else {
            return fail(exporter, .unknownExporter,
                        "\"\(exporterText)\" is not a known exporter (an ISO 3166-1 alpha-3 code, an English name or a UN M49 number)")
        }
        var seg = Segment.total
        if let s = text(segment) {
            guard let parsed = Segment(name: s) else {
                return fail(segment ?? 0, .badSegment,
                            "\"\(s)\" is not a segment (\(Segment.allCases.map(\.description).joined(separator: ", ")))")
            }
            seg = parsed
        }
        guard let m = text(metric) else { return fail(metric, .emptyField, "the metric is empty") }
        guard let met = Metric(name: m) else {
            return fail(metric, .badMetric, "\"\(m)\" is not a metric (units, or a three-letter currency code such as usd)")
        }
        let key = SeriesKey(exporter: e, segment: seg, metric: met, source: text(source) ?? "unspecified",
                            scope: text(scope) ?? "unspecified")
        let id = Int32(tables.seriesKeys.count)
        tables.seriesKeys.append(key)
        return id
    }
}

/// The spreadsheet layout of published tables: one row per exporter, one column per
/// period. What the cells hold — metric, segment, source, scope — comes from
/// `ImportOptions`, not from the file.
///
/// The exporter column is the one named `exporter`, `code`, `country code`, `iso3`,
/// `country`, `country name` or `reporter` (in that order of preference), else the first
/// column. Every column whose header is a period (`2023`, `2023-Q1`, `2023-03`) is a
/// period column; other columns (names, notes) are ignored. A blank cell is no
/// observation (a gap); anything else must be a number.
///
///     country,2022,2023,2024
///     China,"3,110,000","4,910,000","5,859,000"
///     Japan,3813000,4422682,4215000
struct WideCSV: RecordFormat {
    static let skipReasons: [String] = []
    var tables = LocalTables()
    var hasCitations: Bool { false }
    let metric: Metric
    let segment: Segment
    let source: String
    let scope: String
    let unescape: Bool
    let keepUnknown: Bool
    var exporterColumn = 0
    var periodColumns: [Int] = []
    var periodIDs: [Int32] = []
    var columnNames: [String] = []
    var values: [Double] = []
    var present: [Int32] = []

    let fiscalYearStart: Int

    init(options: ImportOptions) {
        fiscalYearStart = options.fiscalYearStart
        metric = options.metric
        segment = options.segment
        source = options.source ?? "unspecified"
        scope = options.scope ?? "unspecified"
        unescape = options.unescapeFormulas
        keepUnknown = options.keepUnknownExporters
    }

    static let exporterNames = ["exporter", "code", "country code", "iso3", "country", "country name", "reporter"]

    mutating func readHeader(_ record: CSVRecord, _ scanner: CSVScanner) throws(Rejection) {
        var periodsSeen: [Period: Int] = [:]
        for i in 0..<record.count {
            let name = scanner.withField(record, i) { p, n in FieldText.string(p, n, unescape: false) }
            columnNames.append(name)
            if let p = Period(parsing: name, fiscalYearStart: fiscalYearStart) {
                if let first = periodsSeen[p] {
                    throw Rejection(line: record.lines[i], column: i + 1, columnName: name, reason: .duplicateColumn,
                                    detail: "period \(p) is column \(first + 1) already")
                }
                periodsSeen[p] = i
                periodColumns.append(i)
                periodIDs.append(tables.periodID(p))
            }
        }
        let lower = columnNames.map { $0.lowercased() }
        if let named = WideCSV.exporterNames.lazy.compactMap({ lower.firstIndex(of: $0) }).first {
            exporterColumn = named
        } else if Period(parsing: columnNames.first ?? "", fiscalYearStart: fiscalYearStart) == nil
                    && !columnNames.isEmpty {
            exporterColumn = 0
        } else {
            throw Rejection(line: record.line, column: 1, reason: .missingColumn,
                            detail: "the header has no exporter column (name one exporter, country or code, or put the exporters first)")
        }
        if periodColumns.isEmpty {
            throw Rejection(line: record.line, column: record.count + 1, reason: .missingColumn,
                            detail: "the header has no period columns (2023, 2023-Q1, 2023-03)")
        }
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
        // The exporter, resolved once per distinct text.
        let id: Int32 = scanner.withField(record, exporterColumn) { p, n in
            let h = ByteKeyTable.hash(p, n)
            if let found = tables.seriesTable.find(p, n, hash: h) { return found }
            let resolved = resolveExporter(FieldText.string(p, n, unescape: unescape))
            tables.seriesTable.insert(p, n, hash: h, value: resolved)
            return resolved
        }
        if id < 0 {
            let f = tables.keyFailures[Int(-1 - id)]
            return reject(record, f.field, f.reason, f.detail)
        }
        values.removeAll(keepingCapacity: true)
        present.removeAll(keepingCapacity: true)
        for (k, f) in periodColumns.enumerated() {
            var bad = false
            scanner.withField(record, f) { p, n in
                if FieldText.isBlank(p, n) { return }
                if let x = DecimalParser.parse(p, n) {
                    values.append(x)
                    present.append(periodIDs[k])
                } else {
                    bad = true
                }
            }
            if bad {
                let text = scanner.withField(record, f) { p, n in FieldText.quoted(p, n) }
                return reject(record, f, .badNumber, "\(text) is not a number")
            }
        }
        for (i, v) in values.enumerated() { out.add(series: id, period: present[i], value: v, record: ordinal) }
        return .loaded
    }

    mutating func resolveExporter(_ text: String) -> Int32 {
        func fail(_ reason: RejectionReason, _ detail: String) -> Int32 {
            tables.keyFailures.append((reason, exporterColumn, detail))
            return Int32(-tables.keyFailures.count)
        }
        if text.isEmpty { return fail(.emptyField, "the exporter is empty") }
        guard let e = Exporter.resolve(text) ?? (keepUnknown ? Exporter(text) : nil) else {
            return fail(.unknownExporter,
                        "\"\(text)\" is not a known exporter (an ISO 3166-1 alpha-3 code, an English name or a UN M49 number)")
        }
        let id = Int32(tables.seriesKeys.count)
        tables.seriesKeys.append(SeriesKey(exporter: e, segment: segment, metric: metric, source: source, scope: scope))
        return id
    }
}

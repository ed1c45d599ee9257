/// The spreadsheet layout of published tables: one row per exporter, one column per
/// period.
///
/// Columns are told by their header names (case-insensitive; `_` reads as a space):
///
/// | role | header names | a cell holds (blank: the option's value) |
/// |---|---|---|
/// | exporter | `exporter`, `code`, `country code`, `iso3`, `country`, `country name`, `reporter` (that order of preference; else the first column) | code, English name or UN M49 number |
/// | segment | `segment`, `powertrain`, `power train`, `fuel`, `fuel type`, `propulsion`, `drivetrain` | `total`, `nev`, `bev`, … (`ImportOptions.segment`) |
/// | metric | `metric`, `unit`, `units`, `measure`, `currency` | `units` or a currency code (`ImportOptions.metric`) |
/// | source | `source`, `provider`, `data source`, `publisher` | the statistics body (`ImportOptions.source`) |
/// | scope | `scope`, `coverage` | what is counted (`ImportOptions.scope`) |
/// | partner | `partner`, `destination`, `partner country`, `partner code`, `partner name` | the destination market: code, English name or UN M49 number; `World`, `WLD`, `W00`, `0` or blank are exports to all destinations (a national total, docs/destinations.md) |
/// | period | `2023`, `2023-Q1`, `2023-03`, … | a number, or a missing value |
///
/// A second exporter column (`Country Name` beside `Country Code`) is a label and is not
/// read. Any other named column is an error naming it: nothing is dropped silently. A
/// column with an empty header must have empty cells.
///
/// A blank cell or an `ImportOptions.naValues` spelling is a missing value (no
/// observation, counted in `ImportReport.missingValues`). A cell that is not a number is
/// refused on its own: the row's other cells load, the row counts once as rejected.
///
///     country,segment,unit,2022,2023
///     China,nev,usd,"31,200,000,000","54,100,000,000"
///     Japan,total,units,3813000,4422682
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
    /// Fields of the series key besides the exporter: segment, metric, source, scope,
    /// partner (-1 = absent); empty when the file has none of them.
    var keyFields: [Int] = []
    var partnerColumn = -1
    /// Columns with an empty header (their cells must be empty).
    var unnamedColumns: [Int] = []
    var keyBytes: [UInt8] = []
    let naValues: MissingValues

    let fiscalYearStart: Int

    init(options: ImportOptions) {
        fiscalYearStart = options.fiscalYearStart
        metric = options.metric
        segment = options.segment
        source = options.source ?? "unspecified"
        scope = options.scope ?? "unspecified"
        unescape = options.unescapeFormulas
        keepUnknown = options.keepUnknownExporters
        naValues = MissingValues(options.naValues)
    }

    static let exporterNames = ["exporter", "code", "country code", "iso3", "country", "country name", "reporter"]
    /// The descriptive columns by role: segment, metric, source, scope, partner.
    static let roleNames: [(role: String, names: [String])] = [
        ("segment", ["segment", "powertrain", "power train", "fuel", "fuel type", "propulsion", "drivetrain"]),
        ("metric", ["metric", "unit", "units", "measure", "currency"]),
        ("source", ["source", "provider", "data source", "publisher"]),
        ("scope", ["scope", "coverage"]),
        ("partner", ["partner", "destination", "partner country", "partner code", "partner name"]),
    ]
    /// Partner cells that mean "all destinations" (lowercased).
    static let worldNames: Set<String> = ["", "world", "wld", "0", "w00"]

    /// A header name as compared: trimmed, lowercased, `_` as a space.
    static func normalised(_ name: String) -> String {
        var s = Substring(name.lowercased())
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s.map { $0 == "_" ? " " : $0 })
    }

    mutating func readHeader(_ record: CSVRecord, _ scanner: CSVScanner) throws(Rejection) {
        var periodsSeen: [Period: Int] = [:]
        for i in 0..<record.count {
            let name = scanner.withField(record, i) { p, n in FieldText.string(p, n, unescape: false) }
            columnNames.append(name)
            if let p = Period(parsing: name, fiscalYearStart: fiscalYearStart) {
                if let first = periodsSeen[p] {
                    throw Rejection(
                        line: record.lines[i], column: i + 1, columnName: name, reason: .duplicateColumn,
                        detail: "period \(p) is column \(first + 1) already")
                }
                periodsSeen[p] = i
                periodColumns.append(i)
                periodIDs.append(tables.periodID(p))
            }
        }
        let lower = columnNames.map { WideCSV.normalised($0) }
        if let named = WideCSV.exporterNames.lazy.compactMap({ lower.firstIndex(of: $0) }).first {
            exporterColumn = named
        } else if Period(parsing: columnNames.first ?? "", fiscalYearStart: fiscalYearStart) == nil
            && !columnNames.isEmpty
        {
            exporterColumn = 0
        } else {
            throw Rejection(
                line: record.line, column: 1, reason: .missingColumn,
                detail:
                    "the header has no exporter column (name one exporter, country or code, or put the exporters first)"
            )
        }
        if periodColumns.isEmpty {
            throw Rejection(
                line: record.line, column: record.count + 1, reason: .missingColumn,
                detail: "the header has no period columns (2023, 2023-Q1, 2023-03)")
        }
        // The other columns: descriptive roles, labels, or an error.
        var roles: [String: Int] = [:]
        let periodSet = Set(periodColumns)
        for i in 0..<columnNames.count where i != exporterColumn && !periodSet.contains(i) {
            let name = lower[i]
            if name.isEmpty { unnamedColumns.append(i); continue }
            if WideCSV.exporterNames.contains(name) { continue }  // a label: Country Name beside Country Code
            guard let role = WideCSV.roleNames.first(where: { $0.names.contains(name) })?.role else {
                throw Rejection(
                    line: record.lines[i], column: i + 1, columnName: columnNames[i], reason: .badField,
                    detail:
                        "column \"\(columnNames[i])\" is neither a period (2023, 2023-Q1, 2023-03) nor a column the wide layout knows (exporter/country/code, segment/powertrain/fuel, metric/unit/measure/currency, source/provider, scope/coverage, partner); remove or rename it"
                )
            }
            if let first = roles[role] {
                throw Rejection(
                    line: record.lines[i], column: i + 1, columnName: columnNames[i], reason: .duplicateColumn,
                    detail: "a second \(role) column (the first is column \(first + 1))")
            }
            roles[role] = i
        }
        partnerColumn = roles["partner"] ?? -1
        if roles["segment"] != nil || roles["metric"] != nil || roles["source"] != nil || roles["scope"] != nil
            || partnerColumn >= 0
        {
            keyFields = [
                roles["segment"] ?? -1, roles["metric"] ?? -1, roles["source"] ?? -1, roles["scope"] ?? -1,
                partnerColumn,
            ]
        }
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
        // The series, resolved once per distinct exporter (and descriptive cells).
        let id: Int32
        if keyFields.isEmpty {
            id = scanner.withField(record, exporterColumn) { p, n in
                let h = ByteKeyTable.hash(p, n)
                if let found = tables.seriesTable.find(p, n, hash: h) { return found }
                let resolved = resolveExporter(FieldText.string(p, n, unescape: unescape))
                tables.seriesTable.insert(p, n, hash: h, value: resolved)
                return resolved
            }
        } else {
            keyBytes.removeAll(keepingCapacity: true)
            for f in [exporterColumn] + keyFields {
                if f >= 0 {
                    scanner.withField(record, f) { p, n in
                        keyBytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
                    }
                }
                keyBytes.append(0x1F)
            }
            id = keyBytes.withUnsafeBufferPointer { kb -> Int32 in
                let base = kb.baseAddress ?? CSVScanner.emptyBase
                let h = ByteKeyTable.hash(base, kb.count)
                if let found = tables.seriesTable.find(base, kb.count, hash: h) { return found }
                let resolved = resolveKey(record, scanner)
                tables.seriesTable.insert(base, kb.count, hash: h, value: resolved)
                return resolved
            }
        }
        if id < 0 {
            let f = tables.keyFailures[Int(-1 - id)]
            return reject(record, f.field, f.reason, f.detail)
        }
        values.removeAll(keepingCapacity: true)
        present.removeAll(keepingCapacity: true)
        // Each cell on its own: a bad cell is refused, the others load.
        var refused: [Rejection] = []
        for (k, f) in periodColumns.enumerated() {
            var bad = false
            scanner.withField(record, f) { p, n in
                if FieldText.isBlank(p, n) { out.missing += 1; return }
                if let x = DecimalParser.parse(p, n) {
                    values.append(x)
                    present.append(periodIDs[k])
                } else if naValues.matches(p, n) {
                    out.missing += 1
                } else {
                    bad = true
                }
            }
            if bad {
                let text = scanner.withField(record, f) { p, n in FieldText.quoted(p, n) }
                if case .rejected(let r) = reject(record, f, .badNumber, "\(text) is not a number") {
                    refused.append(r)
                }
            }
        }
        for f in unnamedColumns {
            let blank = scanner.withField(record, f) { p, n in FieldText.isBlank(p, n) }
            if !blank {
                let text = scanner.withField(record, f) { p, n in FieldText.quoted(p, n) }
                if case .rejected(let r) = reject(
                    record, f, .badField,
                    "column \(f + 1) has no header but holds \(text): name the column or empty it")
                {
                    refused.append(r)
                }
            }
        }
        for (i, v) in values.enumerated() { out.add(series: id, period: present[i], value: v, record: ordinal) }
        guard let last = refused.last else { return .loaded }
        for r in refused.dropLast() { out.rejections.append((ordinal, r)) }
        return .rejected(last)
    }

    /// Resolves the exporter and descriptive cells of a row met for the first time: a new
    /// series id, or `-1 - index` of a cached failure.
    mutating func resolveKey(_ record: CSVRecord, _ scanner: CSVScanner) -> Int32 {
        func text(_ f: Int) -> String? {
            guard f >= 0 else { return nil }
            let s = scanner.withField(record, f) { p, n in
                FieldText.string(p, n, unescape: unescape, trim: !record.quoted[f])
            }
            return s.isEmpty ? nil : s
        }
        func fail(_ f: Int, _ reason: RejectionReason, _ detail: String) -> Int32 {
            tables.keyFailures.append((reason, f, detail))
            return Int32(-tables.keyFailures.count)
        }
        let exporterID = resolveExporter(
            scanner.withField(record, exporterColumn) { p, n in
                FieldText.string(p, n, unescape: unescape)
            })
        if exporterID < 0 { return exporterID }
        let exporter = tables.seriesKeys.removeLast().exporter
        var seg = segment, met = metric
        if let s = text(keyFields[0]) {
            guard let parsed = Segment(name: s) else {
                return fail(
                    keyFields[0], .badSegment,
                    "\"\(s)\" is not a segment (\(Segment.allCases.map(\.description).joined(separator: ", ")))")
            }
            seg = parsed
        }
        if let m = text(keyFields[1]) {
            guard let parsed = Metric(name: m) else {
                return fail(
                    keyFields[1], .badMetric,
                    "\"\(m)\" is not a metric (units, or a three-letter currency code such as usd)")
            }
            met = parsed
        }
        var to = Exporter.world
        if let p = text(keyFields[4]), !WideCSV.worldNames.contains(p.lowercased()) {
            guard let resolved = Exporter.resolve(p) ?? (keepUnknown ? Exporter(p) : nil) else {
                let shown = p.count > 64 ? String(p.prefix(64)) + "…" : p
                return fail(
                    keyFields[4], .unknownExporter,
                    "\"\(shown)\" is not a known partner (an ISO 3166-1 alpha-3 code, an English name, a UN M49 number or World)"
                        + Exporter.didYouMean(p))
            }
            to = resolved
        }
        let id = Int32(tables.seriesKeys.count)
        tables.seriesKeys.append(
            SeriesKey(
                exporter: exporter, partner: to, segment: seg, metric: met,
                source: text(keyFields[2]) ?? source, scope: text(keyFields[3]) ?? scope))
        return id
    }

    mutating func resolveExporter(_ text: String) -> Int32 {
        func fail(_ reason: RejectionReason, _ detail: String) -> Int32 {
            tables.keyFailures.append((reason, exporterColumn, detail))
            return Int32(-tables.keyFailures.count)
        }
        if text.isEmpty { return fail(.emptyField, "the exporter is empty") }
        guard let e = Exporter.resolve(text) ?? (keepUnknown ? Exporter(text) : nil) else {
            return fail(
                .unknownExporter,
                Exporter.notFoundMessage(text))
        }
        let id = Int32(tables.seriesKeys.count)
        tables.seriesKeys.append(SeriesKey(exporter: e, segment: segment, metric: metric, source: source, scope: scope))
        return id
    }
}

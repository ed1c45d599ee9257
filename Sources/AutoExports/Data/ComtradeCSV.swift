/// UN Comtrade data API CSV: exports of HS heading 8703 (motor cars) to the world and to
/// each partner, annual and monthly, by powertrain (destination × powertrain at once,
/// docs/destinations.md).
///
/// Fields read (the API's names; others are ignored): `freqCode` (A or M), `refYear`,
/// `refMonth`, `period` (`2023` or `202303`), `reporterCode` (UN M49 as Comtrade numbers
/// it), `reporterISO`, `flowCode`, `partnerCode`, `partner2Code`, `customsCode`,
/// `motCode`, `cmdCode`, `qtyUnitAbbr`, `qty`, `primaryValue`, `partnerISO`, `partnerDesc`.
///
/// The partner: `partnerCode` 0 is the world (`WLD`, a national total); another partner is
/// read from `partnerISO` (when present and not `W00`), else `partnerDesc`, else its
/// number (Comtrade's numbers, UN M49 where they agree). A partner that is no country or
/// region this library knows (899 "Areas, nes", 837 "Bunkers", 838 "Free zones", 839
/// "Special categories"…) is skipped with its reason: its exports stay in the world total,
/// and so in a derived rest of world.
///
/// Rows kept: `flowCode` X (exports), every resolvable partner, no breakdown by second
/// partner (`partner2Code` 0), customs procedure (`customsCode` C00) or mode of transport
/// (`motCode` 0) when those columns exist, and `cmdCode` 8703 or one of its subheadings,
/// mapped to segments:
///
/// | cmdCode | segment |
/// |---|---|
/// | 870321–870324, 870331–870333 | ice (spark and compression ignition, by engine size) |
/// | 870340, 870350 | hev (hybrids that cannot be plugged in) |
/// | 870360, 870370 | phev (plug-in hybrids) |
/// | 870380 | bev (electric motor only; fuel-cell cars are classified here too) |
/// | 870310, 870390 | other (snow and golf vehicles; not classified by powertrain) |
/// | 8703 | total |
///
/// Other rows are skipped, counted by reason. Each kept row gives `primaryValue` as a
/// `usd` observation and, when `qtyUnitAbbr` is `u` (number of items), `qty` as a `units`
/// observation; subheadings of one segment are summed (870321 + … + 870333 = ice). The
/// series have source `Comtrade` and scope `hs8703_passenger_cars` unless the options say
/// otherwise. Where heading 8703 and subheadings are both present for a reporter, period
/// and metric, their sum is checked against the total (tolerance 0.5 or 1e-9 relative);
/// disagreements are reported as `ImportReport.discrepancies` (for each partner). The same
/// reporter, partner, period and commodity twice is a duplicate row.
struct ComtradeCSV: RecordFormat {
    static let skipReasons = [
        "flowCode is not X (exports)",
        "partnerCode is not a country or region this library knows (e.g. 899 Areas, nes; counted in the world total)",
        "a breakdown by second partner, customs procedure or mode of transport",
        "cmdCode is not HS 8703 or one of its subheadings",
    ]
    static var sequentialOnly: Bool { true }
    var tables = LocalTables()
    var hasCitations: Bool { false }
    let source: String
    let scope: String
    var columnNames: [String] = []
    var col: [String: Int] = [:]

    /// Accumulated sums: (series id, period id) -> (value, first line).
    var sums: [Int64: (value: Double, line: Int32)] = [:]
    /// Lines of the input before the current piece (`startPiece`): held sums keep the
    /// absolute line of their first row.
    var lineBase = 0
    var order: [Int64] = []
    /// Rows already seen: reporter, period, cmdCode, and the metric pair.
    var seen: Set<String> = []
    /// For the check: (exporter, metric, period) -> (total, sum of parts, parts seen).
    var checks: [String: (key: SeriesKey, period: Period, total: Double?, parts: Double, segments: Set<Segment>)] = [:]

    /// The spellings of a missing value (`..` and `-` are Comtrade's and national tables').
    let naValues: [String]

    init(options: ImportOptions) {
        source = options.source ?? "Comtrade"
        scope = options.scope ?? "hs8703_passenger_cars"
        naValues = options.naValues.map { v in
            var t = Substring(v)
            while t.first == " " || t.first == "\t" { t = t.dropFirst() }
            while t.last == " " || t.last == "\t" { t = t.dropLast() }
            return String(t)
        }
    }

    /// HS code -> segment.
    static let segments: [String: Segment] = [
        "8703": .total,
        "870321": .ice, "870322": .ice, "870323": .ice, "870324": .ice,
        "870331": .ice, "870332": .ice, "870333": .ice,
        "870340": .hev, "870350": .hev,
        "870360": .phev, "870370": .phev,
        "870380": .bev,
        "870310": .other, "870390": .other,
    ]

    /// Comtrade's reporter numbers that differ from UN M49.
    static let reporterCodes: [Int: String] = [
        842: "USA", 251: "FRA", 699: "IND", 757: "CHE", 579: "NOR", 490: "TWN", 381: "ITA", 711: "ZAF",
        58: "BEL", 280: "DEU", 836: "TZA",
    ]

    mutating func readHeader(_ record: CSVRecord, _ scanner: CSVScanner) throws(Rejection) {
        for i in 0..<record.count {
            let name = scanner.withField(record, i) { p, n in FieldText.string(p, n, unescape: false) }
            columnNames.append(name)
            if col[name.lowercased()] == nil { col[name.lowercased()] = i }
        }
        func need(_ names: [String], _ what: String) throws(Rejection) {
            if !names.contains(where: { col[$0.lowercased()] != nil }) {
                throw Rejection(
                    line: record.line, column: record.count + 1, reason: .missingColumn,
                    detail:
                        "the header has no \(what) column (\(names.joined(separator: " or "))); is this a UN Comtrade CSV?"
                )
            }
        }
        try need(["reporterISO", "reporterCode"], "reporter")
        try need(["flowCode"], "flow")
        try need(["partnerCode"], "partner")
        try need(["cmdCode"], "commodity")
        try need(["primaryValue"], "value")
        try need(["period", "refYear"], "period")
    }

    func field(_ record: CSVRecord, _ scanner: CSVScanner, _ name: String) -> (index: Int, text: String)? {
        guard let i = col[name.lowercased()] else { return nil }
        return (i, scanner.withField(record, i) { p, n in FieldText.string(p, n, unescape: false) })
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
        func int(_ name: String) -> (Int, Int?)? {
            guard let f = field(record, scanner, name) else { return nil }
            return (f.index, Int(f.text))
        }
        // Filters.
        if let flow = field(record, scanner, "flowCode"), flow.text.uppercased() != "X" { return .skipped(0) }
        var partner = Exporter.world
        if let (i, code) = int("partnerCode") {
            guard let code else { return reject(record, i, .badField, "partnerCode is not a number") }
            if code != 0 {
                var resolved: Exporter? = nil
                if let iso = field(record, scanner, "partnerISO"), !iso.text.isEmpty, iso.text.uppercased() != "W00" {
                    resolved = Exporter.resolve(iso.text)
                }
                if resolved == nil, let desc = field(record, scanner, "partnerDesc"), !desc.text.isEmpty {
                    resolved = Exporter.resolve(desc.text)
                }
                if resolved == nil {
                    resolved = ComtradeCSV.reporterCodes[code].map { Exporter($0) } ?? Exporter.resolve(String(code))
                }
                guard let resolved else { return .skipped(1) }
                partner = resolved
            }
        }
        if let (_, p2) = int("partner2Code"), let p2, p2 != 0 { return .skipped(2) }
        if let customs = field(record, scanner, "customsCode"), !customs.text.isEmpty,
            customs.text.uppercased() != "C00"
        {
            return .skipped(2)
        }
        if let (_, mot) = int("motCode"), let mot, mot != 0 { return .skipped(2) }
        guard let cmd = field(record, scanner, "cmdCode") else { return .skipped(3) }
        guard let segment = ComtradeCSV.segments[cmd.text] else { return .skipped(3) }
        // Period.
        guard let period = readPeriod(record, scanner) else {
            let f = col["period"] ?? col["refyear"] ?? 0
            let text = scanner.withField(record, f) { p, n in FieldText.quoted(p, n) }
            return reject(record, f, .badPeriod, "\(text) is not a period (freqCode A with a year, M with YYYYMM)")
        }
        // Reporter.
        var exporter: Exporter? = nil
        if let iso = field(record, scanner, "reporterISO"), !iso.text.isEmpty {
            exporter = Exporter.resolve(iso.text)
        }
        if exporter == nil, let (_, code) = int("reporterCode"), let code {
            exporter = ComtradeCSV.reporterCodes[code].map { Exporter($0) } ?? Exporter.resolve(String(code))
        }
        guard let exporter else {
            let f = col["reporteriso"] ?? col["reportercode"] ?? 0
            let text = scanner.withField(record, f) { p, n in FieldText.quoted(p, n) }
            return reject(record, f, .unknownExporter, "\(text) is not a known reporter")
        }
        // Values.
        guard let pv = field(record, scanner, "primaryValue") else { return .skipped(3) }
        var usd = Double.nan
        if pv.text.isEmpty || naValues.contains(pv.text) {
            out.missing += 1
        } else {
            guard let x = DecimalParser.parse(pv.text) else {
                return reject(record, pv.index, .badNumber, "primaryValue \"\(pv.text)\" is not a number")
            }
            usd = x
        }
        var units: Double? = nil
        if let unit = field(record, scanner, "qtyUnitAbbr"), unit.text.lowercased() == "u",
            let q = field(record, scanner, "qty"), !q.text.isEmpty, !naValues.contains(q.text)
        {
            guard let x = DecimalParser.parse(q.text) else {
                return reject(record, q.index, .badNumber, "qty \"\(q.text)\" is not a number")
            }
            units = x
        }
        // Duplicates: one row per reporter, period and commodity.
        let rowKey = "\(exporter.code)|\(partner.code)|\(period)|\(cmd.text)"
        guard seen.insert(rowKey).inserted else {
            return .rejected(
                Rejection(
                    line: record.line, column: (col["cmdcode"] ?? 0) + 1, columnName: "cmdCode",
                    reason: .duplicate,
                    detail: "\(exporter.code)\(partner == .world ? "" : " to " + partner.code) \(period) "
                        + "cmdCode \(cmd.text) was given before"))
        }
        let line = Int32(truncatingIfNeeded: lineBase + record.line)
        accumulate(exporter, partner, segment, .usd, period, usd, line)
        if let units { accumulate(exporter, partner, segment, .units, period, units, line) }
        return .loaded
    }

    func readPeriod(_ record: CSVRecord, _ scanner: CSVScanner) -> Period? {
        let freq = field(record, scanner, "freqCode")?.text.uppercased()
        let text = field(record, scanner, "period")?.text ?? ""
        let year = field(record, scanner, "refYear").flatMap { Int($0.text) }
        let month = field(record, scanner, "refMonth").flatMap { Int($0.text) }
        if freq == "M" {
            if text.utf8.count == 6, let v = Int(text) { return Period(year: v / 100, month: v % 100) }
            if let year, let month { return Period(year: year, month: month) }
            return nil
        }
        if text.utf8.count == 4, let y = Int(text) { return Period(year: y) }
        if freq == nil, text.utf8.count == 6, let v = Int(text) { return Period(year: v / 100, month: v % 100) }
        if text.isEmpty, let year { return Period(year: year) }
        return nil
    }

    mutating func accumulate(
        _ e: Exporter, _ partner: Exporter, _ segment: Segment, _ metric: Metric, _ period: Period,
        _ value: Double, _ line: Int32
    ) {
        let key = SeriesKey(
            exporter: e, partner: partner, segment: segment, metric: metric, source: source, scope: scope)
        var sid = Int32(-1)
        let bytes = Array(key.description.utf8)
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let h = ByteKeyTable.hash(base, b.count)
            if let found = tables.seriesTable.find(base, b.count, hash: h) { sid = found; return }
            sid = Int32(tables.seriesKeys.count)
            tables.seriesKeys.append(key)
            tables.seriesTable.insert(base, b.count, hash: h, value: sid)
        }
        let pid = tables.periodID(period)
        let cell = Int64(sid) << 32 | Int64(pid)
        if let cur = sums[cell] {
            sums[cell] = (cur.value + value, cur.line)
        } else {
            sums[cell] = (value, line)
            order.append(cell)
        }
        // The check of parts against the 8703 total.
        let checkKey = "\(e.code)|\(partner.code)|\(metric)|\(period)"
        var c =
            checks[checkKey] ?? (
                SeriesKey(
                    exporter: e, partner: partner, segment: .total, metric: metric,
                    source: source, scope: scope),
                period, nil, 0, []
            )
        if segment == .total { c.total = value } else { c.parts += value; c.segments.insert(segment) }
        checks[checkKey] = c
    }

    mutating func startPiece(lineBase: Int) { self.lineBase = lineBase }

    mutating func finish(into out: inout PieceOutput, report: inout ImportReport) {
        let sortedCells = order.sorted { a, b in
            let ka = tables.seriesKeys[Int(a >> 32)], kb = tables.seriesKeys[Int(b >> 32)]
            if ka != kb { return ka < kb }
            return tables.periods[Int(a & 0xFFFF_FFFF)] < tables.periods[Int(b & 0xFFFF_FFFF)]
        }
        for cell in sortedCells {
            guard let s = sums[cell] else { continue }
            out.add(series: Int32(cell >> 32), period: Int32(cell & 0xFFFF_FFFF), value: s.value, record: 0)
            out.recordLines.append(s.line)
        }
        for c in checks.values.sorted(by: { ($0.key, $0.period) < ($1.key, $1.period) }) {
            guard let total = c.total, !c.segments.isEmpty, !total.isNaN, !c.parts.isNaN else { continue }
            if abs(total - c.parts) > max(0.5, 1e-9 * abs(total)) {
                report.discrepancies.append(
                    SegmentDiscrepancy(
                        group: c.key, period: c.period, published: total,
                        sumOfParts: c.parts, parts: c.segments.sorted()))
            }
        }
    }
}

// The league-table section of include/autoexports.h: a handle over a computed
// `LeagueTable` (the core computes; this file validates, converts and copies out).
import AutoExports
import CAutoExports

/// A computed league table behind an `aex_league_table` handle; immutable, so readers
/// need no lock.
final class LeagueTableObject: HandleObject {
    static let handleKind = "league_table"
    let table: LeagueTable
    /// The JSON text, rendered once.
    let json: String

    init(_ table: LeagueTable) {
        self.table = table
        self.json = table.json.rendered
    }
}

extension RankingError {
    /// The C status and message of a core ranking error.
    var abi: ABIError {
        switch self {
        case .notFound(let m): ABIError(status: AEX_E_NOT_FOUND, message: m)
        case .invalid(let m): ABIError(status: AEX_E_INVALID_ARGUMENT, message: m)
        }
    }
}

/// The basis of `AEX_BASIS_*` `code`, with the reference aggregate of SHARE_OF.
func leagueBasis(_ code: Int32, reference: String?) throws(ABIError) -> LeagueBasis {
    let basis: LeagueBasis
    switch code {
    case AEX_BASIS_VALUE: basis = .value
    case AEX_BASIS_SHARE: basis = .shareOfRanked
    case AEX_BASIS_SHARE_OF:
        guard let reference, !reference.isEmpty else {
            throw .invalid("basis AEX_BASIS_SHARE_OF needs a reference aggregate (e.g. \"WLD\")")
        }
        guard let e = Exporter.resolve(reference) else {
            throw ABIError(
                status: AEX_E_NOT_FOUND, message: "reference: unknown exporter or aggregate \"\(reference)\"")
        }
        return .shareOf(e)
    case AEX_BASIS_SEGMENT_SHARE: basis = .segmentShare
    case AEX_BASIS_YOY: basis = .change
    case AEX_BASIS_YOY_PCT: basis = .changePercent
    default: throw .invalid("basis has unknown value \(code) (allowed: 0, 1, 2, 3, 4, 5)")
    }
    if let reference, !reference.isEmpty {
        throw .invalid("reference is given but basis is not AEX_BASIS_SHARE_OF")
    }
    return basis
}

/// A comma-separated list of exporter codes or names (Exporter.parseList, the one
/// treatment of such lists); nil for NULL.
func exporterList(_ text: String?) throws(ABIError) -> [Exporter]? {
    guard let text else { return nil }
    return try exporterList(text, "exporters")
}

/// What a league table holds at its peak, in bytes: per exporter on the table's axis (its
/// cells, scores, ranks, row, JSON text and warnings), per cell of the dense period ×
/// exporter selection (a value and a citation), per period of the axis (the period, its
/// index in the panel, the reference aggregate's value) and per row of the series the
/// selection chooses from (the set of published cells); each about 1.5 times what was
/// measured, so that the check is not beaten by the allocator's rounding and the arrays'
/// growth. Measured (malloc's usable sizes, the probe left out, peak of the live total
/// during aex_league_table_create) over generated panels:
///
///     exporters × periods              rows    peak        per
///     1,000 × 1 year                  1,000    1.3 MB      1,340 B an exporter
///     10,000 × 1 year                10,000   17.4 MB      1,740 B an exporter
///     40,000 × 1 year                40,000   69.6 MB      1,740 B an exporter
///     1,000 × 100 years             100,000    6.0 MB         60 B a cell
///     100 × 1,200 months            120,000    6.2 MB         52 B a cell
///     1,000 × 12,000 months, 2 each   2,000  289 MB           24 B a cell
///     2 × 96,000 months, 2 each           4   11.1 MB        116 B a period
///     10,000 × 1 year, bev of 3 segs 30,000   28.5 MB        950 B a row and series
///     markets: 300 × 12,000 months, 2 each  600  331 MB      92 B a cell
///     markets: 3,000 × 12 months, 2 each  6,000    5.2 MB    1,720 B a market
///
/// The old check, 128 bytes per row and series of the panel, covered full panels of
/// few exporters but not many exporters (1,740 B each) or long spans of sparse series:
/// 2,000 rows asked for 384 KB and then allocated 289 MB. The estimate (one malloc, freed at once) is contiguous
/// where the work's allocations are many and small, so it can refuse a table that would
/// just have fitted into free pieces of the heap; it never passes one whose memory is
/// not there (Tests/c/test_league_memory.c).
enum LeagueTableMemory {
    static let perExporter = 2560
    static let perCell = 40
    /// A table of one exporter's markets: `selectMarkets` selects each market on its own
    /// (its periods and cells) before laying them side by side.
    static let perMarketCell = 144
    static let perPeriod = 160
    static let perRow = 64
    /// Scratch of a few small tables and the text of the messages.
    static let fixed = 1 << 20

    /// `a × b + c`, saturating at `Int.max`.
    static func muladd(_ a: Int, _ b: Int, _ c: Int) -> Int {
        let (m, o1) = a.multipliedReportingOverflow(by: b)
        let (s, o2) = m.addingReportingOverflow(c)
        return o1 || o2 ? Int.max : s
    }
}

/// The panel a league table of `segment` ranks: `panel` itself for the total, the panel
/// with its derived segments completed otherwise, after checking that the second panel's
/// memory can be had (`ensureCompletingSegmentsMemory`).
func leagueTableData(_ panel: Panel, segment: Segment) throws(ABIError) -> Panel {
    guard segment != .total else { return panel }
    try ensureCompletingSegmentsMemory(
        panel, for: "panel (\(panel.rowCount) rows, \(panel.series.count) series; completing its derived segments)")
    return panel.completingSegments().panel
}

/// Checks, before any work, that the memory a league table of `data` holds at its peak
/// can be had now (`LeagueTableMemory`, one malloc of the estimate, freed at once), from
/// an upper bound of the selection it lays out (`Panel.selectionBound`): the memory
/// follows the exporters and the span of periods of the chosen series, not the panel's
/// rows (two rows each of a thousand exporters, centuries apart at monthly granularity,
/// lay out a hundred million cells).
///
/// - Throws: `AEX_E_OUT_OF_MEMORY` naming the shape and the bytes when the memory is not
///   there; `AEX_E_TOO_LARGE` when the estimate exceeds an address space.
/// - Complexity: O(series + rows of the series the table could choose from).
func ensureLeagueTableMemory(
    _ data: Panel, period: Period, metric: Metric, segment: Segment, basis: LeagueBasis,
    exporters: [Exporter]?, marketsOf: Exporter?
) throws(ABIError) {
    // The bound's own set of exporters: at most one entry per series.
    try ensureMemory(data.series.count, bytesEach: 64, for: "panel (\(data.series.count) series to rank)")
    let g = period.granularity
    let bound = data.selectionBound(
        metric: metric, segment: segment, granularity: g, exporters: exporters,
        includeAggregates: marketsOf != nil && (exporters?.contains(where: \.isAggregate) ?? false),
        marketsOf: marketsOf)
    var periods = bound.periods
    if case .shareOf(let r) = basis {
        // The reference aggregate's own selection spans its own periods.
        let ref = marketsOf != nil && r == .world ? marketsOf ?? r : r
        let rb = data.selectionBound(
            metric: metric, segment: segment, granularity: g, exporters: [ref], includeAggregates: true)
        periods = LeagueTableMemory.muladd(rb.periods, 1, periods)
    }
    typealias M = LeagueTableMemory
    var need = M.muladd(bound.cells, marketsOf == nil ? M.perCell : M.perMarketCell, 0)
    need = M.muladd(bound.exporters, M.perExporter, need)
    need = M.muladd(periods, M.perPeriod, need)
    need = M.muladd(bound.rows, M.perRow, need)
    // Under 1 MiB of work no probe (the rule of `memoryAvailable`: a probe of the fixed
    // MiB costs an mmap per call, and a process that cannot find 1 MiB fails anyway).
    guard need >= M.fixed else { return }
    need = M.muladd(1, need, M.fixed)
    try ensureMemory(
        1, bytesEach: need,
        for: "league table (up to \(bound.exporters) \(marketsOf == nil ? "exporters" : "markets") × "
            + "\(bound.periods) periods at \(g) granularity, from \(bound.rows) rows)")
}

@c @implementation
public func aex_league_table_create(
    _ out_table: UnsafeMutablePointer<OpaquePointer?>!, _ panel: OpaquePointer!, _ period: Int32,
    _ metric: UnsafePointer<CChar>!, _ segment: Int32, _ basis: Int32, _ reference: UnsafePointer<CChar>!,
    _ top: Int64, _ method: Int32, _ exporters: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_league_table_create") { () throws(ABIError) in
        let out = try checkHandleOutput(out_table, "out_table")
        let metricText = try checkText(metric, "metric")
        guard let m = Metric(name: metricText) else {
            throw ABIError(
                status: AEX_E_PARSE, message: "metric \"\(metricText)\" is not units or a three-letter currency code")
        }
        guard let p = Period(code: period) else {
            throw ABIError(status: AEX_E_PARSE, message: "period \(period) is not a period code (YYYY, YYYYQ, YYYYMM)")
        }
        let seg = try checkEnum(segment, "segment", as: Segment.self)
        let b = try leagueBasis(basis, reference: try optionalText(reference, "reference"))
        if top < 0 { throw .range("top is negative (\(top)); 0 means every row") }
        let meth = try checkEnum(method, "method", as: RankMethod.self)
        let only = try exporterList(try optionalText(exporters, "exporters"))
        let source = try Handles.get(panel, "panel", as: PanelObject.self)
        let table: LeagueTable = try source.read { (panel) throws(ABIError) -> LeagueTable in
            let data = try leagueTableData(panel, segment: seg)
            try ensureLeagueTableMemory(
                data, period: p, metric: m, segment: seg, basis: b, exporters: only, marketsOf: nil)
            do throws(RankingError) {
                return try data.leagueTable(
                    period: p, metric: m, segment: seg, by: b,
                    top: top == 0 ? nil : Int(clamping: top), method: meth,
                    exporters: only)
            } catch {
                throw error.abi
            }
        }
        out.pointee = try Handles.make(LeagueTableObject(table))
    }
}

@c @implementation
public func aex_league_table_free(_ table: OpaquePointer!) -> Int32 {
    guarded("aex_league_table_free") { () throws(ABIError) in
        try Handles.free(table, "table", as: LeagueTableObject.self)
    }
}

@c @implementation
public func aex_league_table_size(
    _ out_rows: UnsafeMutablePointer<Int64>!, _ out_ranked: UnsafeMutablePointer<Int64>!,
    _ table: OpaquePointer!
) -> Int32 {
    guarded("aex_league_table_size") { () throws(ABIError) in
        let t = try Handles.get(table, "table", as: LeagueTableObject.self).table
        out_rows?.pointee = Int64(t.rows.count)
        out_ranked?.pointee = Int64(t.rankedCount)
    }
}

/// Row `row` of a table, or AEX_E_OUT_OF_RANGE naming the valid range.
func leagueRow(_ t: LeagueTable, _ row: Int64) throws(ABIError) -> LeagueTable.Row {
    guard row >= 0, row < Int64(t.rows.count) else {
        throw .range("row \(row) is outside 0..<\(t.rows.count)")
    }
    return t.rows[Int(row)]
}

@c @implementation
public func aex_league_table_row(
    _ out_rank: UnsafeMutablePointer<Double>!, _ out_value: UnsafeMutablePointer<Double>!,
    _ out_score: UnsafeMutablePointer<Double>!, _ out_share: UnsafeMutablePointer<Double>!,
    _ out_previous_value: UnsafeMutablePointer<Double>!, _ out_previous_rank: UnsafeMutablePointer<Double>!,
    _ table: OpaquePointer!, _ row: Int64
) -> Int32 {
    guarded("aex_league_table_row") { () throws(ABIError) in
        let t = try Handles.get(table, "table", as: LeagueTableObject.self).table
        let r = try leagueRow(t, row)
        out_rank?.pointee = r.rank
        out_value?.pointee = r.value
        out_score?.pointee = r.score
        out_share?.pointee = r.share
        out_previous_value?.pointee = r.previousValue ?? .nan
        out_previous_rank?.pointee = r.previousRank ?? .nan
    }
}

@c @implementation
public func aex_league_table_row_text(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ table: OpaquePointer!, _ row: Int64, _ field: Int32
) -> Int32 {
    guarded("aex_league_table_row_text") { () throws(ABIError) in
        let t = try Handles.get(table, "table", as: LeagueTableObject.self).table
        let r = try leagueRow(t, row)
        let text: String
        switch field {
        case AEX_FIELD_EXPORTER: text = r.exporter.code
        case AEX_FIELD_EXPORTER_NAME: text = r.exporter.name
        case AEX_FIELD_SOURCE: text = r.source
        case AEX_FIELD_SCOPE: text = r.scope
        case AEX_FIELD_CITATION: text = r.citation ?? ""
        default: throw .invalid("field has unknown value \(field) (allowed: 0, 2, 3, 4, 5)")
        }
        try writeText(text, into: out_text, capacity: capacity, length: out_length, "out_text")
    }
}

@c @implementation
public func aex_league_table_warning_count(_ out_count: UnsafeMutablePointer<Int64>!, _ table: OpaquePointer!) -> Int32
{
    guarded("aex_league_table_warning_count") { () throws(ABIError) in
        guard let out_count else { throw .null("out_count") }
        out_count.pointee = Int64(try Handles.get(table, "table", as: LeagueTableObject.self).table.warnings.count)
    }
}

@c @implementation
public func aex_league_table_warning_text(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ table: OpaquePointer!, _ index: Int64
) -> Int32 {
    guarded("aex_league_table_warning_text") { () throws(ABIError) in
        let t = try Handles.get(table, "table", as: LeagueTableObject.self).table
        guard index >= 0, index < Int64(t.warnings.count) else {
            throw .range("index \(index) is outside 0..<\(t.warnings.count)")
        }
        try writeText(
            t.warnings[Int(index)].message, into: out_text, capacity: capacity, length: out_length,
            "out_text")
    }
}

@c @implementation
public func aex_league_table_json(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ table: OpaquePointer!
) -> Int32 {
    guarded("aex_league_table_json") { () throws(ABIError) in
        let o = try Handles.get(table, "table", as: LeagueTableObject.self)
        try writeText(o.json, into: out_text, capacity: capacity, length: out_length, "out_text")
    }
}

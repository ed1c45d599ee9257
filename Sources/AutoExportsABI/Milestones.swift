import AutoExports
import CAutoExports

// The milestone half of the header section "Milestones": the options struct, the
// milestone-list handle and its accessors. Validates, converts, calls the core
// (Panel.milestones) and maps its errors; computes nothing itself.

/// A finished milestone list held by C callers as `aex_milestones *`. Immutable.
final class MilestonesObject: HandleObject {
    static let handleKind = "milestones"
    let report: MilestoneReport
    init(_ report: MilestoneReport) { self.report = report }
}

/// The size of `aex_milestone_options` in this library's header (ABI 1).
let milestoneOptionsSize = Int64(MemoryLayout<aex_milestone_options>.size)

/// The C defaults, equal to `MilestoneOptions()`.
func defaultMilestoneOptions() -> aex_milestone_options {
    var o = aex_milestone_options()
    o.size = milestoneOptionsSize
    o.metric = nil  // "units"
    o.segment = AEX_SEGMENT_TOTAL
    o.granularity = AEX_GRANULARITY_YEAR
    o.ytd_month = 0
    o.kinds = 0
    o.margin = 0
    o.confirmation = 0
    o.top_n = 3
    o.pair_top_n = 0
    o.streak = 3
    o.bridge_gaps = 0
    o.include_aggregates = 0
    o.share_segment = AEX_SEGMENT_NEV
    return o
}

/// Converts and checks a C options struct (NULL: the defaults); messages name the field.
func milestoneOptions(_ p: UnsafePointer<aex_milestone_options>?) throws(ABIError) -> MilestoneOptions {
    var o = MilestoneOptions()
    guard let p else { return o }
    let size = UnsafeRawPointer(p).load(as: Int64.self)  // only the size until it is checked
    if size != milestoneOptionsSize {
        if size > milestoneOptionsSize && size < 1 << 20 {
            throw ABIError(
                status: AEX_E_UNSUPPORTED,
                message:
                    "options.size is \(size): the options come from a newer header than this library (\(milestoneOptionsSize)); update the library"
            )
        }
        throw .invalid(
            "options.size is \(size), expected \(milestoneOptionsSize): initialise the struct with aex_milestone_options_init"
        )
    }
    let c = p.pointee
    if let m = try optionalText(c.metric, "options.metric") {
        guard let metric = Metric(name: m) else {
            throw .invalid("options.metric \"\(m)\" is not units or a three-letter currency code")
        }
        o.metric = metric
    }
    o.segment = try checkEnum(c.segment, "options.segment", as: Segment.self)
    o.granularity = try checkEnum(c.granularity, "options.granularity", as: Granularity.self)
    if c.ytd_month != 0 {
        guard (1...12).contains(c.ytd_month) else { throw .range("options.ytd_month is \(c.ytd_month) (0 or 1...12)") }
        o.yearToDateMonth = Int(c.ytd_month)
    }
    if c.kinds != 0 {
        let all = MilestoneKind.allCases.reduce(Int32(0)) { $0 | (1 << $1.rawValue) }
        if c.kinds & ~all != 0 {
            throw .invalid("options.kinds has unknown bits 0x\(String(UInt32(bitPattern: c.kinds & ~all), radix: 16))")
        }
        o.kinds = Set(MilestoneKind.allCases.filter { c.kinds & (1 << $0.rawValue) != 0 })
    }
    guard c.margin.isFinite, c.margin >= 0 else {
        throw .invalid("options.margin is \(c.margin) (a finite number >= 0)")
    }
    o.margin = c.margin
    guard c.confirmation >= 0 else { throw .range("options.confirmation is negative (\(c.confirmation))") }
    o.confirmation = Int(c.confirmation)
    guard c.top_n >= 1 else { throw .range("options.top_n is \(c.top_n) (>= 1)") }
    o.topN = Int(c.top_n)
    guard c.pair_top_n >= 0 else {
        throw .range("options.pair_top_n is negative (\(c.pair_top_n)); 0 means every pair")
    }
    o.pairTopN = c.pair_top_n == 0 ? nil : Int(c.pair_top_n)
    guard c.streak >= 2 else { throw .range("options.streak is \(c.streak) (>= 2)") }
    o.streak = Int(c.streak)
    guard c.bridge_gaps == 0 || c.bridge_gaps == 1 else {
        throw .invalid("options.bridge_gaps is \(c.bridge_gaps) (0 or 1)")
    }
    o.bridgingGaps = c.bridge_gaps == 1
    guard c.include_aggregates == 0 || c.include_aggregates == 1 else {
        throw .invalid("options.include_aggregates is \(c.include_aggregates) (0 or 1)")
    }
    o.includeAggregates = c.include_aggregates == 1
    if let list = try optionalText(c.exporters, "options.exporters") {
        o.exporters = try exporterList(list, "options.exporters")
    }
    o.choice = SeriesChoice(
        source: try optionalText(c.source, "options.source"), scope: try optionalText(c.scope, "options.scope"))
    if let levels = c.levels {
        o.levels = try finiteNumbers(levels, c.n_levels, "options.levels", "options.n_levels")
    } else if c.n_levels != 0 {
        throw .null("options.levels (options.n_levels is \(c.n_levels))")
    }
    if let levels = c.share_levels {
        o.shareLevels = try finiteNumbers(levels, c.n_share_levels, "options.share_levels", "options.n_share_levels")
    } else if c.n_share_levels != 0 {
        throw .null("options.share_levels (options.n_share_levels is \(c.n_share_levels))")
    }
    o.shareSegment = try checkEnum(c.share_segment, "options.share_segment", as: Segment.self)
    return o
}

func finiteNumbers(
    _ p: UnsafePointer<Double>, _ n: Int64, _ name: String, _ lengthName: String
) throws(ABIError) -> [Double] {
    if n < 0 || n > 1_000_000 { throw .range("\(lengthName) is \(n) (0...1000000)") }
    let b = UnsafeBufferPointer(start: p, count: Int(n))
    for (i, x) in b.enumerated() where !x.isFinite { throw .invalid("\(name)[\(i)] is \(x) (a finite number)") }
    return Array(b)
}

/// The milestone at `index` of a list, or an out-of-range error naming the index.
func milestone(_ list: OpaquePointer?, _ index: Int64) throws(ABIError) -> Milestone {
    let r = try Handles.get(list, "list", as: MilestonesObject.self).report
    guard index >= 0 && index < Int64(r.milestones.count) else {
        throw .range("index \(index) is outside 0..<\(r.milestones.count)")
    }
    return r.milestones[Int(index)]
}

func note(_ list: OpaquePointer?, _ index: Int64) throws(ABIError) -> CoverageNote {
    let r = try Handles.get(list, "list", as: MilestonesObject.self).report
    guard index >= 0 && index < Int64(r.notes.count) else {
        throw .range("index \(index) is outside 0..<\(r.notes.count)")
    }
    return r.notes[Int(index)]
}

/// What a milestone search holds for its dense selection, in bytes, about 1.5 times what
/// was measured (the least address space above what the process held at which
/// aex_milestones_find succeeded, in steps of 4 MiB, on generated panels):
///
///     exporters × periods                      rows      least room   per
///     1,000 × 12,000 months, 2 rows each      2,000     1,412 MiB    123 B a cell
///     markets: 300 × 12,000 months, 2 each      600       632 MiB    184 B a cell
///     100,000 × 1 year                      100,000        52 MiB    545 B an exporter
///
/// Per cell of the period × exporter selection: its value, the series standing in for a
/// missing figure, the cell's rank; per exporter its series and first and last periods;
/// per period its label and leader. The milestones found are not in it: their number
/// follows the data, not the selection's shape (every pair of exporters can swap places
/// in every period: up to n(n − 1)/2 overtakes a period), and 1,000 exporters × 100 years
/// of figures made 159,151 of them (about 1.3 KB each: figures, sentence) where a bound
/// from the shape would ask for a hundred gigabytes. (docs/c-api.md, "Resource limits".)
enum MilestoneMemory {
    static let perCell = 192
    /// The markets of one exporter: `selectMarkets` selects each market on its own.
    static let perMarketCell = 288
    static let perExporter = 1024
    static let perPeriod = 160
    static let perRow = 64
    /// Scratch of a few small tables and the text of the messages.
    static let fixed = 1 << 20
}

/// Checks, before any work, that the memory of the dense selection a milestone search of
/// `panel` with `options` lays out can be had now (`MilestoneMemory`, from the bound of
/// that selection, `Panel.selectionBound`; one malloc, freed at once): two rows each of a
/// thousand exporters, centuries apart at monthly granularity, lay out twelve million
/// cells, which the 128 bytes per row and series of `ensurePanelMemory` (still checked
/// first, for the copies of the panel's rows) did not see.
///
/// - Throws: `AEX_E_OUT_OF_MEMORY` naming the shape and the bytes when the memory is not
///   there; `AEX_E_TOO_LARGE` when the estimate exceeds an address space.
/// - Complexity: O(series + rows of the series the search could choose from).
func ensureMilestonesMemory(_ panel: Panel, _ o: MilestoneOptions) throws(ABIError) {
    try ensurePanelMemory(panel, bytesPerRow: 128, for: "panel (\(panel.rowCount) rows to search)")
    // The bound's own set of exporters: at most one entry per series.
    try ensureMemory(panel.series.count, bytesEach: 64, for: "panel (\(panel.series.count) series to search)")
    // Year-to-date sums are made from the monthly selection.
    let g = o.yearToDateMonth == nil ? o.granularity : .month
    let bound = panel.selectionBound(
        metric: o.metric, segment: o.segment, granularity: g, choice: o.choice,
        exporters: o.marketsOf == nil ? o.exporters : nil, includeAggregates: o.includeAggregates,
        marketsOf: o.marketsOf)
    typealias M = MilestoneMemory
    typealias L = LeagueTableMemory
    var need = L.muladd(bound.cells, o.marketsOf == nil ? M.perCell : M.perMarketCell, 0)
    need = L.muladd(bound.exporters, M.perExporter, need)
    need = L.muladd(bound.periods, M.perPeriod, need)
    need = L.muladd(bound.rows, M.perRow, need)
    // Under 1 MiB no probe, as for league tables.
    guard need >= M.fixed else { return }
    try ensureMemory(
        1, bytesEach: L.muladd(1, need, M.fixed),
        for: "milestones (up to \(bound.exporters) \(o.marketsOf == nil ? "exporters" : "markets") × "
            + "\(bound.periods) periods at \(g) granularity, from \(bound.rows) rows)")
}

@c @implementation
public func aex_milestone_options_init(_ options: UnsafeMutablePointer<aex_milestone_options>!) -> Int32 {
    guarded("aex_milestone_options_init") { () throws(ABIError) in
        guard let options else { return }  // nothing to fill (documented)
        options.pointee = defaultMilestoneOptions()
    }
}

@c @implementation
public func aex_milestones_find(
    _ out_list: UnsafeMutablePointer<OpaquePointer?>!, _ panel: OpaquePointer!,
    _ options: UnsafePointer<aex_milestone_options>!
) -> Int32 {
    guarded("aex_milestones_find") { () throws(ABIError) in
        let out = try checkHandleOutput(out_list, "out_list")
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        let o = try milestoneOptions(options)
        let report = try p.read { (panel) throws(ABIError) -> MilestoneReport in
            try ensureMilestonesMemory(panel, o)
            do throws(MilestoneError) {
                return try panel.milestones(o)
            } catch {
                switch error {
                case .option(let s): throw .invalid("options: \(s)")
                case .notFound(let s): throw ABIError(status: AEX_E_NOT_FOUND, message: s)
                }
            }
        }
        out.pointee = try Handles.make(MilestonesObject(report))
    }
}

@c @implementation
public func aex_milestones_free(_ list: OpaquePointer!) -> Int32 {
    guarded("aex_milestones_free") { () throws(ABIError) in
        try Handles.free(list, "list", as: MilestonesObject.self)
    }
}

@c @implementation
public func aex_milestones_count(_ out_count: UnsafeMutablePointer<Int64>!, _ list: OpaquePointer!) -> Int32 {
    guarded("aex_milestones_count") { () throws(ABIError) in
        guard let out_count else { throw .null("out_count") }
        out_count.pointee = Int64(try Handles.get(list, "list", as: MilestonesObject.self).report.milestones.count)
    }
}

@c @implementation
public func aex_milestones_get_int(
    _ out_value: UnsafeMutablePointer<Int64>!, _ list: OpaquePointer!, _ index: Int64, _ field: Int32
) -> Int32 {
    guarded("aex_milestones_get_int") { () throws(ABIError) in
        guard let out_value else { throw .null("out_value") }
        let m = try milestone(list, index)
        let v: Int64
        switch field {
        case AEX_MILESTONE_INT_KIND: v = Int64(m.kind.rawValue)
        case AEX_MILESTONE_INT_PERIOD: v = Int64(m.period.code)
        case AEX_MILESTONE_INT_SINCE: v = Int64(m.since?.code ?? 0)
        case AEX_MILESTONE_INT_RANK: v = Int64(m.rank)
        case AEX_MILESTONE_INT_STREAK: v = Int64(m.streak)
        case AEX_MILESTONE_INT_RUN_LENGTH: v = Int64(m.runLength)
        case AEX_MILESTONE_INT_FLAGS:
            v = Int64(
                (m.bridged ? AEX_MILESTONE_FLAG_BRIDGED : 0) | (m.firstTime ? AEX_MILESTONE_FLAG_FIRST_TIME : 0)
                    | (m.scopeWarning ? AEX_MILESTONE_FLAG_SCOPE_WARNING : 0)
                    | (m.isShare ? AEX_MILESTONE_FLAG_SHARE : 0))
        case AEX_MILESTONE_INT_DATA_START: v = Int64(m.dataStart?.code ?? 0)
        case AEX_MILESTONE_INT_SEGMENT: v = Int64(m.segment.rawValue)
        default: throw .invalid("field has unknown value \(field) (allowed: 0...8, AEX_MILESTONE_INT_*)")
        }
        out_value.pointee = v
    }
}

@c @implementation
public func aex_milestones_get_double(
    _ out_value: UnsafeMutablePointer<Double>!, _ list: OpaquePointer!, _ index: Int64, _ field: Int32
) -> Int32 {
    guarded("aex_milestones_get_double") { () throws(ABIError) in
        guard let out_value else { throw .null("out_value") }
        let m = try milestone(list, index)
        let v: Double
        switch field {
        case AEX_MILESTONE_NUM_VALUE: v = m.value
        case AEX_MILESTONE_NUM_RIVAL_VALUE: v = m.rivalValue
        case AEX_MILESTONE_NUM_VALUE_SINCE: v = m.valueSince
        case AEX_MILESTONE_NUM_RIVAL_VALUE_SINCE: v = m.rivalValueSince
        case AEX_MILESTONE_NUM_CROSSING: v = m.crossing
        case AEX_MILESTONE_NUM_LEVEL: v = m.level
        default: throw .invalid("field has unknown value \(field) (allowed: 0...5, AEX_MILESTONE_NUM_*)")
        }
        out_value.pointee = v
    }
}

@c @implementation
public func aex_milestones_get_text(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ list: OpaquePointer!, _ index: Int64, _ field: Int32
) -> Int32 {
    guarded("aex_milestones_get_text") { () throws(ABIError) in
        let m = try milestone(list, index)
        let text: String
        switch field {
        case AEX_MILESTONE_TEXT_SENTENCE: text = m.sentence
        case AEX_MILESTONE_TEXT_SUBJECT: text = m.subject.code
        case AEX_MILESTONE_TEXT_RIVAL: text = m.rival?.code ?? ""
        case AEX_MILESTONE_TEXT_PERIOD: text = m.periodLabel
        case AEX_MILESTONE_TEXT_KIND: text = m.kind.description
        case AEX_MILESTONE_TEXT_SUBJECT_SOURCE: text = m.subjectSeries.source
        case AEX_MILESTONE_TEXT_SUBJECT_SCOPE: text = m.subjectSeries.scope
        case AEX_MILESTONE_TEXT_RIVAL_SOURCE: text = m.rivalSeries?.source ?? ""
        case AEX_MILESTONE_TEXT_RIVAL_SCOPE: text = m.rivalSeries?.scope ?? ""
        case AEX_MILESTONE_TEXT_METRIC: text = m.metric.name
        case AEX_MILESTONE_TEXT_SUBJECT_NAME: text = m.subject.name
        case AEX_MILESTONE_TEXT_RIVAL_NAME: text = m.rival?.name ?? ""
        default: throw .invalid("field has unknown value \(field) (allowed: 0...11, AEX_MILESTONE_TEXT_*)")
        }
        try writeText(text, into: out_text, capacity: capacity, length: out_length, "out_text")
    }
}

@c @implementation
public func aex_milestones_json(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ list: OpaquePointer!
) -> Int32 {
    guarded("aex_milestones_json") { () throws(ABIError) in
        let r = try Handles.get(list, "list", as: MilestonesObject.self).report
        try writeText(r.json.rendered, into: out_json, capacity: capacity, length: out_length, "out_json")
    }
}

@c @implementation
public func aex_milestones_note_count(_ out_count: UnsafeMutablePointer<Int64>!, _ list: OpaquePointer!) -> Int32 {
    guarded("aex_milestones_note_count") { () throws(ABIError) in
        guard let out_count else { throw .null("out_count") }
        out_count.pointee = Int64(try Handles.get(list, "list", as: MilestonesObject.self).report.notes.count)
    }
}

@c @implementation
public func aex_milestones_note_get_int(
    _ out_value: UnsafeMutablePointer<Int64>!, _ list: OpaquePointer!, _ index: Int64, _ field: Int32
) -> Int32 {
    guarded("aex_milestones_note_get_int") { () throws(ABIError) in
        guard let out_value else { throw .null("out_value") }
        let n = try note(list, index)
        switch field {
        case AEX_NOTE_INT_KIND: out_value.pointee = Int64(n.kind.rawValue)
        case AEX_NOTE_INT_PERIOD: out_value.pointee = Int64(n.period.code)
        default: throw .invalid("field has unknown value \(field) (allowed: 0, 1, AEX_NOTE_INT_*)")
        }
    }
}

@c @implementation
public func aex_milestones_note_get_text(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ list: OpaquePointer!, _ index: Int64, _ field: Int32
) -> Int32 {
    guarded("aex_milestones_note_get_text") { () throws(ABIError) in
        let n = try note(list, index)
        let text: String
        switch field {
        case AEX_NOTE_TEXT_SENTENCE: text = n.sentence
        case AEX_NOTE_TEXT_EXPORTER: text = n.exporter.code
        case AEX_NOTE_TEXT_OTHER: text = n.other?.code ?? ""
        case AEX_NOTE_TEXT_PERIOD: text = n.periodLabel
        case AEX_NOTE_TEXT_KIND: text = n.kind.description
        default: throw .invalid("field has unknown value \(field) (allowed: 0...4, AEX_NOTE_TEXT_*)")
        }
        try writeText(text, into: out_text, capacity: capacity, length: out_length, "out_text")
    }
}

import AutoExports
import CAutoExports

/// What an `aex_panel *` stands for: a panel value behind a lock (calls on one handle are
/// serialised; the core's `Panel` is an immutable value, each change makes a new one).
final class PanelObject: HandleObject {
    static let handleKind = "panel"

    struct State {
        var panel: Panel
        /// Rows added with aex_panel_add since the panel was last read: many small adds
        /// cost O(1) each and one build, not one rebuild each.
        var pending: PanelBuilder? = nil
        /// The last export's bytes, so that a size query and the copy that follows format
        /// the panel once. Dropped when the panel changes or the copy succeeds.
        var exportCache: (key: Int64, bytes: [UInt8])? = nil
        /// The last explanation's bytes (aex_explain_*), keyed by the call's arguments, so
        /// that a size query and the copy that follows compute it once. Dropped when the
        /// panel changes or the copy succeeds.
        var explainCache: (key: String, bytes: [UInt8])? = nil
        /// Counts the changes of the panel: an explanation computed outside the lock is
        /// cached only if the panel did not change meanwhile.
        var generation: Int64 = 0

        /// The panel with every pending row.
        mutating func current() -> Panel {
            if let b = pending {
                panel = b.build()
                pending = nil
            }
            return panel
        }
    }

    let state: Locked<State>

    init(_ panel: Panel = Panel()) { state = Locked(State(panel: panel)) }

    /// Reads the panel under the lock.
    func read<R, E: Error>(_ body: (Panel) throws(E) -> R) throws(E) -> R {
        try state.withLock { (s) throws(E) -> R in try body(s.current()) }
    }

    /// Replaces the panel by `body(panel)` under the lock (all or nothing).
    func update(_ body: (Panel) throws(ABIError) -> Panel) throws(ABIError) {
        try state.withLock { (s) throws(ABIError) in
            s.panel = try body(s.current())
            s.exportCache = nil
            s.explainCache = nil
            s.generation &+= 1
        }
    }

    /// Adds one series' observations to the pending rows (all or nothing).
    func add(_ key: SeriesKey, _ periods: [Period], _ values: UnsafeBufferPointer<Double>) throws(ABIError) {
        try state.withLock { (s) throws(ABIError) in
            var b = s.pending ?? PanelBuilder(s.panel)
            var seen = Set<Period>()
            for (i, p) in periods.enumerated() where !seen.insert(p).inserted || b.contains(key, p) {
                throw ABIError(
                    status: AEX_E_DUPLICATE,
                    message: "periods[\(i)]: duplicate row: \(key) in \(p) is given twice")
            }
            s.pending = nil  // the builder is uniquely referenced while it grows
            for (i, p) in periods.enumerated() {
                do throws(PanelError) { try b.add(key, p, values[i]) } catch {
                    s.pending = b
                    throw error.abi
                }
            }
            s.pending = b
            s.exportCache = nil
            s.explainCache = nil
            s.generation &+= 1
        }
    }
}

extension PanelError {
    /// The C status and message of a core panel error.
    var abi: ABIError {
        switch self {
        case .duplicate: ABIError(status: AEX_E_DUPLICATE, message: description)
        case .tooLarge: ABIError(status: AEX_E_TOO_LARGE, message: description)
        case .notFound: ABIError(status: AEX_E_NOT_FOUND, message: description)
        }
    }
}

func checkSeriesIndex(_ series: Int64, in panel: Panel) throws(ABIError) -> Int {
    guard series >= 0, series < Int64(panel.series.count) else {
        throw .range("series is \(series), the panel has \(panel.series.count) series (0...\(panel.series.count - 1))")
    }
    return Int(series)
}

func checkMetric(_ p: UnsafePointer<CChar>?, _ name: String) throws(ABIError) -> Metric {
    let text = try checkText(p, name)
    guard let m = Metric(name: text) else {
        throw .invalid("\(name) '\(text)' is not a metric (units, or a three-letter currency code such as usd)")
    }
    return m
}

func checkExporter(_ p: UnsafePointer<CChar>?, _ name: String) throws(ABIError) -> Exporter {
    let text = try checkText(p, name)
    guard let e = Exporter.resolve(text) else {
        throw ABIError(status: AEX_E_NOT_FOUND, message: "\(name) " + Exporter.notFoundMessage(text))
    }
    return e
}

@c @implementation
public func aex_panel_create(_ out_panel: UnsafeMutablePointer<OpaquePointer?>!) -> Int32 {
    guarded("aex_panel_create") { () throws(ABIError) in
        let out = try checkHandleOutput(out_panel, "out_panel")
        out.pointee = try Handles.make(PanelObject())
    }
}

@c @implementation
public func aex_panel_free(_ panel: OpaquePointer!) -> Int32 {
    guarded("aex_panel_free") { () throws(ABIError) in
        try Handles.free(panel, "panel", as: PanelObject.self)
    }
}

@c @implementation
public func aex_panel_load_reference(_ panel: OpaquePointer!) -> Int32 {
    guarded("aex_panel_load_reference") { () throws(ABIError) in
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        try p.update { (old) throws(ABIError) in
            do throws(PanelError) { return try old.merging(ReferenceData.panel) } catch { throw error.abi }
        }
    }
}

@c @implementation
public func aex_panel_add(
    _ panel: OpaquePointer!, _ exporter: UnsafePointer<CChar>!, _ segment: Int32,
    _ metric: UnsafePointer<CChar>!, _ source: UnsafePointer<CChar>!, _ scope: UnsafePointer<CChar>!,
    _ periods: UnsafePointer<Int32>!, _ values: UnsafePointer<Double>!, _ n: Int64
) -> Int32 {
    guarded("aex_panel_add") { () throws(ABIError) in
        try addSeries(panel, exporter, nil, segment, metric, source, scope, periods, values, n)
    }
}

@c @implementation
public func aex_panel_add_partner(
    _ panel: OpaquePointer!, _ exporter: UnsafePointer<CChar>!, _ partner: UnsafePointer<CChar>!, _ segment: Int32,
    _ metric: UnsafePointer<CChar>!, _ source: UnsafePointer<CChar>!, _ scope: UnsafePointer<CChar>!,
    _ periods: UnsafePointer<Int32>!, _ values: UnsafePointer<Double>!, _ n: Int64
) -> Int32 {
    guarded("aex_panel_add_partner") { () throws(ABIError) in
        try addSeries(panel, exporter, partner, segment, metric, source, scope, periods, values, n)
    }
}

/// A partner argument: NULL, "" and "WLD"/"World" are the world; else a known code or name.
func checkPartner(_ p: UnsafePointer<CChar>?, _ name: String) throws(ABIError) -> Exporter {
    guard let text = try optionalText(p, name), !text.isEmpty else { return .world }
    guard let e = Exporter.resolve(text) else {
        throw ABIError(status: AEX_E_NOT_FOUND, message: "\(name) " + Exporter.notFoundMessage(text))
    }
    return e
}

/// aex_panel_add and aex_panel_add_partner (partner NULL: the world).
func addSeries(
    _ panel: OpaquePointer?, _ exporter: UnsafePointer<CChar>?, _ partner: UnsafePointer<CChar>?, _ segment: Int32,
    _ metric: UnsafePointer<CChar>?, _ source: UnsafePointer<CChar>?, _ scope: UnsafePointer<CChar>?,
    _ periods: UnsafePointer<Int32>?, _ values: UnsafePointer<Double>?, _ n: Int64
) throws(ABIError) {
    let p = try Handles.get(panel, "panel", as: PanelObject.self)
    let e = try checkExporter(exporter, "exporter")
    let to = try checkPartner(partner, "partner")
    if to == e { throw .invalid("partner \(to.code) is the exporter itself: exports go to another country or region") }
    let seg = try checkEnum(segment, "segment", as: Segment.self)
    let m = try checkMetric(metric, "metric")
    let so = try optionalText(source, "source").flatMap { $0.isEmpty ? nil : $0 } ?? "unspecified"
    let sc = try optionalText(scope, "scope").flatMap { $0.isEmpty ? nil : $0 } ?? "unspecified"
    let ps = try checkArray(periods, n, "periods", "n")
    let vs = try checkArray(values, n, "values", "n")
    if n == 0 { return }
    // The rows being added, and the new panel beside the old one while it is built.
    let rows = p.read { $0.rowCount }
    try ensureMemory(rows + Int(n), bytesEach: 96, for: "values (\(n) rows added to \(rows))")
    let key = SeriesKey(exporter: e, partner: to, segment: seg, metric: m, source: so, scope: sc)
    var list: [Period] = []
    list.reserveCapacity(Int(n))
    for i in 0..<Int(n) {
        guard let period = Period(code: ps[i]) else {
            throw .range("periods[\(i)] = \(ps[i]) is not a period code (YYYY, YYYYQ or YYYYMM)")
        }
        list.append(period)
    }
    try p.add(key, list, vs)
}

@c @implementation
public func aex_panel_row_count(_ out_rows: UnsafeMutablePointer<Int64>!, _ panel: OpaquePointer!) -> Int32 {
    guarded("aex_panel_row_count") { () throws(ABIError) in
        let out = try checkHandleOutput(out_rows, "out_rows")
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        out.pointee = Int64(p.read { $0.rowCount })
    }
}

@c @implementation
public func aex_panel_series_count(_ out_count: UnsafeMutablePointer<Int64>!, _ panel: OpaquePointer!) -> Int32 {
    guarded("aex_panel_series_count") { () throws(ABIError) in
        let out = try checkHandleOutput(out_count, "out_count")
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        out.pointee = Int64(p.read { $0.series.count })
    }
}

@c @implementation
public func aex_panel_series_info(
    _ out_segment: UnsafeMutablePointer<Int32>!, _ out_rows: UnsafeMutablePointer<Int64>!,
    _ out_first_period: UnsafeMutablePointer<Int32>!, _ out_last_period: UnsafeMutablePointer<Int32>!,
    _ panel: OpaquePointer!, _ series: Int64
) -> Int32 {
    guarded("aex_panel_series_info") { () throws(ABIError) in
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        try p.read { (panel) throws(ABIError) in
            let s = try checkSeriesIndex(series, in: panel)
            let rows = panel.rows(ofSeries: s)
            out_segment?.pointee = panel.series[s].segment.rawValue
            out_rows?.pointee = Int64(rows.count)
            let first = rows.first.map { panel.periods[panel.periodIndex(ofRow: Int($0))].code } ?? 0
            let last = rows.last.map { panel.periods[panel.periodIndex(ofRow: Int($0))].code } ?? 0
            out_first_period?.pointee = first
            out_last_period?.pointee = last
        }
    }
}

@c @implementation
public func aex_panel_series_text(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ panel: OpaquePointer!, _ series: Int64, _ field: Int32
) -> Int32 {
    guarded("aex_panel_series_text") { () throws(ABIError) in
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        let text: String = try p.read { (panel) throws(ABIError) -> String in
            let k = panel.series[try checkSeriesIndex(series, in: panel)]
            switch field {
            case AEX_FIELD_EXPORTER: return k.exporter.code
            case AEX_FIELD_METRIC: return k.metric.name
            case AEX_FIELD_SOURCE: return k.source
            case AEX_FIELD_SCOPE: return k.scope
            case AEX_FIELD_EXPORTER_NAME: return k.exporter.name
            case AEX_FIELD_PARTNER: return k.partner.code
            default: throw .invalid("field has unknown value \(field) (allowed: 0, 1, 2, 3, 4, 6)")
            }
        }
        try writeText(text, into: out_text, capacity: capacity, length: out_length, "out_text")
    }
}

@c @implementation
public func aex_panel_find_series(
    _ out_series: UnsafeMutablePointer<Int64>!, _ panel: OpaquePointer!, _ exporter: UnsafePointer<CChar>!,
    _ segment: Int32, _ metric: UnsafePointer<CChar>!, _ source: UnsafePointer<CChar>!,
    _ scope: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_panel_find_series") { () throws(ABIError) in
        try findSeries(out_series, panel, exporter, nil, segment, metric, source, scope)
    }
}

@c @implementation
public func aex_panel_find_series_partner(
    _ out_series: UnsafeMutablePointer<Int64>!, _ panel: OpaquePointer!, _ exporter: UnsafePointer<CChar>!,
    _ partner: UnsafePointer<CChar>!, _ segment: Int32, _ metric: UnsafePointer<CChar>!,
    _ source: UnsafePointer<CChar>!, _ scope: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_panel_find_series_partner") { () throws(ABIError) in
        try findSeries(out_series, panel, exporter, partner, segment, metric, source, scope)
    }
}

/// aex_panel_find_series and aex_panel_find_series_partner (partner NULL: the world).
func findSeries(
    _ out_series: UnsafeMutablePointer<Int64>?, _ panel: OpaquePointer?, _ exporter: UnsafePointer<CChar>?,
    _ partner: UnsafePointer<CChar>?, _ segment: Int32, _ metric: UnsafePointer<CChar>?,
    _ source: UnsafePointer<CChar>?, _ scope: UnsafePointer<CChar>?
) throws(ABIError) {
    let out = try checkHandleOutput(out_series, "out_series")
    let p = try Handles.get(panel, "panel", as: PanelObject.self)
    let e = try checkExporter(exporter, "exporter")
    let to = try checkPartner(partner, "partner")
    let seg = try checkEnum(segment, "segment", as: Segment.self)
    let m = try checkMetric(metric, "metric")
    let so = try optionalText(source, "source")
    let sc = try optionalText(scope, "scope")
    let found: Int? = p.read { panel in
        panel.chosenSeries(
            exporter: e, segment: seg, metric: m,
            choice: SeriesChoice(perExporter: so == nil && sc == nil ? [:] : [e: .init(source: so, scope: sc)]),
            partner: to)
    }
    guard let found else {
        let have = p.read { panel in
            panel.series.filter { $0.exporter == e }.map(\.description).joined(separator: "; ")
        }
        throw ABIError(
            status: AEX_E_NOT_FOUND,
            message: "no \(e.code)\(to == .world ? "" : " to " + to.code) \(seg) \(m) series"
                + (so.map { " from \($0)" } ?? "")
                + (sc.map { " with scope \($0)" } ?? "")
                + (have.isEmpty ? "; the panel has no series of \(e.code)" : "; \(e.code) has: \(have)"))
    }
    out.pointee = Int64(found)
}

@c @implementation
public func aex_panel_series_values(
    _ out_periods: UnsafeMutablePointer<Int32>!, _ periods_capacity: Int64, _ out_values: UnsafeMutablePointer<Double>!,
    _ capacity: Int64, _ out_count: UnsafeMutablePointer<Int64>!, _ panel: OpaquePointer!, _ series: Int64
) -> Int32 {
    guarded("aex_panel_series_values") { () throws(ABIError) in
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        try p.read { (panel) throws(ABIError) in
            let s = try checkSeriesIndex(series, in: panel)
            let rows = panel.rows(ofSeries: s)
            guard
                try checkArrayOutput(
                    needed: rows.count,
                    capacities: [(periods_capacity, "periods_capacity"), (capacity, "capacity")],
                    count: out_count,
                    buffers: [
                        (UnsafeMutableRawPointer(out_periods), "out_periods"),
                        (UnsafeMutableRawPointer(out_values), "out_values"),
                    ])
            else { return }
            for (i, r) in rows.enumerated() {
                let row = Int(r)
                out_periods[i] = panel.periods[panel.periodIndex(ofRow: row)].code
                out_values[i] = panel.rowValues[row]
            }
        }
    }
}

@c @implementation
public func aex_panel_columns(
    _ out_series: UnsafeMutablePointer<Int32>!, _ series_capacity: Int64, _ out_periods: UnsafeMutablePointer<Int32>!,
    _ periods_capacity: Int64, _ out_values: UnsafeMutablePointer<Double>!, _ capacity: Int64,
    _ out_count: UnsafeMutablePointer<Int64>!, _ panel: OpaquePointer!
) -> Int32 {
    guarded("aex_panel_columns") { () throws(ABIError) in
        let p = try Handles.get(panel, "panel", as: PanelObject.self)
        try p.read { (panel) throws(ABIError) in
            let n = panel.rowCount
            guard
                try checkArrayOutput(
                    needed: n,
                    capacities: [
                        (series_capacity, "series_capacity"),
                        (periods_capacity, "periods_capacity"),
                        (capacity, "capacity"),
                    ],
                    count: out_count,
                    buffers: [
                        (UnsafeMutableRawPointer(out_series), "out_series"),
                        (UnsafeMutableRawPointer(out_periods), "out_periods"),
                        (UnsafeMutableRawPointer(out_values), "out_values"),
                    ])
            else { return }
            for p in panel.periods.indices {
                let code = panel.periods[p].code
                for r in panel.rows(inPeriod: p) {
                    out_series[r] = panel.rowSeries[r]
                    out_periods[r] = code
                    out_values[r] = panel.rowValues[r]
                }
            }
        }
    }
}

/// Checks, before work on a whole panel (an import's copy, milestones, an explanation),
/// that memory of about `bytesPerRow` per row and per series can be had (see
/// `ensureMemory`): `AEX_E_OUT_OF_MEMORY` instead of a trap in Swift's allocator. Only as
/// honest as `bytesPerRow`: work whose memory follows something other than the rows
/// checks that instead (league tables: `ensureLeagueTableMemory`, the exporters and the
/// span of periods; completing the derived segments: `ensureCompletingSegmentsMemory`).
///
/// - Complexity: one malloc and free.
func ensurePanelMemory(
    _ panel: Panel, bytesPerRow: Int, extra: Int = 0, for what: @autoclosure () -> String
) throws(ABIError) {
    try ensureMemory(panel.rowCount + panel.series.count, bytesEach: bytesPerRow, plus: extra, for: what())
}

/// What `Panel.completingSegments()` (a second panel with the derived segments, made by
/// league tables of a segment, explanations and the destinations' explanations) holds at
/// its peak, about 1.5 times what was measured: 950–1,000 bytes per row-and-series pair
/// for panels whose series have one row each (10,000 to 40,000 exporters with total, bev
/// and phev rows), about 230 bytes per row for long series.
enum CompletingSegmentsMemory {
    static let perRow = 320
    static let perSeries = 1280
    /// Scratch of a few small tables and the text of the messages.
    static let fixed = 1 << 20
}

/// Checks, before `panel.completingSegments()`, that the memory of the second panel can be
/// had now (`CompletingSegmentsMemory`; one malloc of the estimate, freed at once):
/// `AEX_E_OUT_OF_MEMORY` instead of a trap in Swift's allocator. The 128 bytes per row and
/// series of `ensurePanelMemory` are not enough for it: a panel of 120,000 one-row series
/// probed 31 MB there and then allocated 114 MB.
///
/// - Complexity: one malloc and free.
func ensureCompletingSegmentsMemory(_ panel: Panel, for what: @autoclosure () -> String) throws(ABIError) {
    let (a, o1) = panel.rowCount.multipliedReportingOverflow(by: CompletingSegmentsMemory.perRow)
    let (b, o2) = panel.series.count.multipliedReportingOverflow(by: CompletingSegmentsMemory.perSeries)
    let (ab, o3) = a.addingReportingOverflow(b)
    guard !o1, !o2, !o3 else {
        throw ABIError(status: AEX_E_TOO_LARGE, message: "\(what()) needs more memory than an address space holds")
    }
    try ensureMemory(1, bytesEach: ab, plus: CompletingSegmentsMemory.fixed, for: what())
}

import AutoExports
import CAutoExports

// The Explain section of include/autoexports.h: explanations of a panel's changes, gaps and
// overtakes, and projections of its series, as JSON in caller buffers. Validates,
// converts, calls the core (Sources/AutoExports/Attribution) and maps its errors.

extension ABIError {
    /// The status of a core attribution error, with the core's message.
    init(_ e: AttributionError) {
        let status: Int32
        switch e {
        case .noSeries: status = AEX_E_NOT_FOUND
        case .missingValue, .missingSegments: status = AEX_E_INSUFFICIENT_DATA
        case .notAPartition, .invalidEVGroup, .invalidPeriods, .sameExporter: status = AEX_E_INVALID_ARGUMENT
        case .projection(let p):
            self.init(p)
            return
        }
        self.init(status: status, message: e.description)
    }
}

/// Runs a core call, mapping an `AttributionError` to its status.
@inline(__always)
func attributing<R>(_ body: () throws(AttributionError) -> R) throws(ABIError) -> R {
    do { return try body() } catch { throw ABIError(error) }
}

func checkPeriodCode(_ code: Int32, _ name: String) throws(ABIError) -> Period {
    guard let p = Period(code: code) else {
        throw .invalid("\(name) \(code) is not a period code (YYYY, YYYYQ, YYYYMM)")
    }
    return p
}

func checkEVSegment(_ raw: Int32) throws(ABIError) -> Segment {
    guard raw == AEX_SEGMENT_NEV || raw == AEX_SEGMENT_PLUGIN else {
        throw .invalid(
            "ev_segment must be AEX_SEGMENT_NEV (\(AEX_SEGMENT_NEV)) or AEX_SEGMENT_PLUGIN (\(AEX_SEGMENT_PLUGIN)), got \(raw)"
        )
    }
    return raw == AEX_SEGMENT_NEV ? .nev : .plugin
}

/// The panel an explanation completes, as the memory checks' messages name it.
func explainedPanel(_ p: Panel) -> String {
    "panel (\(p.rowCount) rows, \(p.series.count) series to explain; completing its derived segments)"
}

/// An explainer over the panel behind `panel` (read under its lock) for `metric` (NULL: units).
func explainer(_ panel: OpaquePointer?, _ metric: UnsafePointer<CChar>?) throws(ABIError) -> Explainer {
    let object = try Handles.get(panel, "panel", as: PanelObject.self)
    let m = metric == nil ? Metric.units : try checkMetric(metric, "metric")
    return try object.read { (p) throws(ABIError) -> Explainer in
        // The explainer holds the panel with its derived segments completed.
        try ensureCompletingSegmentsMemory(p, for: explainedPanel(p))
        return Explainer(panel: p, metric: m)
    }
}

/// Writes an explanation into a caller buffer (the text convention), computing it once for
/// a size query and the copy that follows: a size query keeps the text on the panel, keyed
/// by the call's arguments, and the next call with the same arguments copies it (and drops
/// it); any change of the panel drops it too.
func writeExplanation(
    _ panel: OpaquePointer?, key: String, into out: UnsafeMutablePointer<CChar>?, capacity: Int64,
    length: UnsafeMutablePointer<Int64>?, _ compute: () throws(ABIError) -> String
) throws(ABIError) {
    let object = try Handles.get(panel, "panel", as: PanelObject.self)
    let (cached, generation) = object.state.withLock { s in
        (s.explainCache?.key == key ? s.explainCache?.bytes : nil, s.generation)
    }
    let bytes: [UInt8]
    if let cached { bytes = cached } else { bytes = Array(try compute().utf8) }
    let failure: ABIError? = bytes.withUnsafeBytes { b in
        do throws(ABIError) {
            try writeText(b, into: out, capacity: capacity, length: length, "out_json")
        } catch { return error }
        return nil
    }
    object.state.withLock { s in
        if out == nil && failure == nil {
            if s.generation == generation { s.explainCache = (key, bytes) }  // a size query: keep it
        } else if failure == nil, s.explainCache?.key == key {
            s.explainCache = nil  // copied: drop it
        }
    }
    if let failure { throw failure }
}

/// The metric argument as part of a cache key (NULL: units).
func metricKey(_ metric: UnsafePointer<CChar>?) throws(ABIError) -> String {
    metric == nil ? "units" : "\(try checkMetric(metric, "metric"))"
}

@c @implementation
public func aex_explain_change(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ panel: OpaquePointer!, _ exporter: UnsafePointer<CChar>!, _ from_period: Int32, _ to_period: Int32,
    _ ev_segment: Int32, _ metric: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_explain_change") { () throws(ABIError) in
        let e = try checkExporter(exporter, "exporter")
        let from = try checkPeriodCode(from_period, "from_period"), to = try checkPeriodCode(to_period, "to_period")
        let ev = try checkEVSegment(ev_segment)
        let key = "change \(e.code) \(from_period) \(to_period) \(ev_segment) \(try metricKey(metric))"
        try writeExplanation(panel, key: key, into: out_json, capacity: capacity, length: out_length) {
            () throws(ABIError) in
            let x = try explainer(panel, metric)
            return try attributing { () throws(AttributionError) in
                try x.decomposeChange(of: e, from: from, to: to, ev: ev)
            }.json.rendered
        }
    }
}

@c @implementation
public func aex_explain_gap(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ panel: OpaquePointer!, _ subject: UnsafePointer<CChar>!, _ rival: UnsafePointer<CChar>!,
    _ from_period: Int32, _ to_period: Int32, _ ev_segment: Int32, _ metric: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_explain_gap") { () throws(ABIError) in
        let a = try checkExporter(subject, "subject"), b = try checkExporter(rival, "rival")
        let from = try checkPeriodCode(from_period, "from_period"), to = try checkPeriodCode(to_period, "to_period")
        let ev = try checkEVSegment(ev_segment)
        let key = "gap \(a.code) \(b.code) \(from_period) \(to_period) \(ev_segment) \(try metricKey(metric))"
        try writeExplanation(panel, key: key, into: out_json, capacity: capacity, length: out_length) {
            () throws(ABIError) in
            let x = try explainer(panel, metric)
            return try attributing { () throws(AttributionError) in
                try x.decomposeGap(subject: a, rival: b, from: from, to: to, ev: ev)
            }.json.rendered
        }
    }
}

@c @implementation
public func aex_explain_overtake(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ panel: OpaquePointer!, _ subject: UnsafePointer<CChar>!, _ rival: UnsafePointer<CChar>!, _ period: Int32,
    _ ev_segment: Int32, _ metric: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_explain_overtake") { () throws(ABIError) in
        let a = try checkExporter(subject, "subject"), b = try checkExporter(rival, "rival")
        let t = try checkPeriodCode(period, "period")
        let ev = try checkEVSegment(ev_segment)
        let key = "overtake \(a.code) \(b.code) \(period) \(ev_segment) \(try metricKey(metric))"
        try writeExplanation(panel, key: key, into: out_json, capacity: capacity, length: out_length) {
            () throws(ABIError) in
            let x = try explainer(panel, metric)
            return try attributing { () throws(AttributionError) in
                try x.explainOvertake(subject: a, rival: b, in: t, ev: ev)
            }.json.rendered
        }
    }
}

@c @implementation
public func aex_explain_projection(
    _ out_json: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ panel: OpaquePointer!, _ subject: UnsafePointer<CChar>!, _ subject_segment: Int32,
    _ rival: UnsafePointer<CChar>!, _ rival_segment: Int32, _ model: Int32, _ horizon: Int64, _ level: Double,
    _ metric: UnsafePointer<CChar>!
) -> Int32 {
    guarded("aex_explain_projection") { () throws(ABIError) in
        let a = try checkExporter(subject, "subject"), b = try checkExporter(rival, "rival")
        let sa = try checkEnum(subject_segment, "subject_segment", as: Segment.self)
        let sb = try checkEnum(rival_segment, "rival_segment", as: Segment.self)
        let kind = try checkEnum(model, "model", as: TrendKind.self)
        let h = try checkHorizon(horizon)
        let key =
            "projection \(a.code) \(subject_segment) \(b.code) \(rival_segment) \(model) \(horizon) "
            + "\(level.bitPattern) \(try metricKey(metric))"
        try writeExplanation(panel, key: key, into: out_json, capacity: capacity, length: out_length) {
            () throws(ABIError) in
            let x = try explainer(panel, metric)
            return try attributing { () throws(AttributionError) in
                try x.project(subject: (a, sa), rival: (b, sb), model: TrendModel(kind: kind), horizon: h, level: level)
            }.json.rendered
        }
    }
}

import AutoExports
import CAutoExports

// The header section "Milestones": all-pairs overtakes over a periods × entities matrix.

/// Validates the matrix arguments shared by the overtake entry points.
private func overtakeInput(
    _ values: UnsafePointer<Double>?, _ n: Int64, _ nEntities: Int64, _ flags: Int32, _ threads: Int32
) throws(ABIError) -> (
    UnsafeBufferPointer<Double>, periods: Int, entities: Int, OvertakeRule, bridging: Bool, ThreadedFor
) {
    let v = try checkArray(values, n, "values", "n")
    if nEntities < 0 { throw .range("n_entities is negative (\(nEntities))") }
    if nEntities > Int64(Int32.max) {
        throw ABIError(status: AEX_E_TOO_LARGE, message: "n_entities (\(nEntities)) exceeds 2147483647")
    }
    if nEntities == 0 && n > 0 { throw .invalid("n_entities is 0 but there are \(n) values") }
    if nEntities > 0 && n % nEntities != 0 {
        throw .invalid(
            "n (\(n)) is not a multiple of n_entities (\(nEntities)): values must be a full periods × entities matrix")
    }
    let periods = nEntities > 0 ? Int(n / nEntities) : 0
    if periods > Int(Int32.max) {
        throw ABIError(status: AEX_E_TOO_LARGE, message: "n / n_entities = \(periods) periods exceeds 2147483647")
    }
    let known = AEX_OVERTAKES_BRIDGE_GAPS | AEX_OVERTAKES_ADJACENT
    if flags & ~known != 0 {
        throw .invalid(
            "flags has unknown bits 0x\(String(UInt32(bitPattern: flags & ~known), radix: 16)) (allowed: AEX_OVERTAKES_BRIDGE_GAPS, AEX_OVERTAKES_ADJACENT)"
        )
    }
    let bridging = flags & AEX_OVERTAKES_BRIDGE_GAPS != 0
    let rule: OvertakeRule = flags & AEX_OVERTAKES_ADJACENT != 0 ? .adjacent : .carried
    if bridging && rule == .adjacent {
        throw .invalid("flags: AEX_OVERTAKES_BRIDGE_GAPS cannot be combined with AEX_OVERTAKES_ADJACENT")
    }
    if threads < 0 { throw .range("threads is negative (\(threads)); 0 means one per CPU") }
    let parallel = ThreadedFor(threads: threads)
    // O(n_entities) working memory per thread (orders, positions, tie history).
    if periods > 1 {
        try ensureMemory(
            Int(nEntities), bytesEach: 64 * min(parallel.width, periods),
            for: "n_entities (\(nEntities) entities on \(min(parallel.width, periods)) threads)")
    }
    return (v, periods, Int(nEntities), rule, bridging, parallel)
}

/// Maps a core input error (already prevented by the checks above) to a status.
private func mapped(_ e: Overtakes.InputError) -> ABIError {
    switch e {
    case .tooLarge(let s): ABIError(status: AEX_E_TOO_LARGE, message: s)
    case .duplicate: ABIError(status: AEX_E_DUPLICATE, message: e.description)
    case .shape(let s), .conflict(let s): .invalid(s)
    }
}

@c @implementation
public func aex_overtakes_count(
    _ out_count: UnsafeMutablePointer<Int64>!, _ values: UnsafePointer<Double>!, _ n: Int64,
    _ n_entities: Int64, _ flags: Int32, _ threads: Int32
) -> Int32 {
    guarded("aex_overtakes_count") { () throws(ABIError) in
        guard let out_count else { throw .null("out_count") }
        let (v, periods, entities, rule, bridging, parallel) = try overtakeInput(values, n, n_entities, flags, threads)
        do throws(Overtakes.InputError) {
            let k = try Overtakes.count(
                v, periods: periods, entities: entities, rule: rule,
                bridgingGaps: bridging, parallel: parallel)
            out_count.pointee = Int64(k)
        } catch {
            throw mapped(error)
        }
    }
}

@c @implementation
public func aex_overtakes_find(
    _ out_events: UnsafeMutablePointer<Int32>!, _ capacity: Int64,
    _ out_count: UnsafeMutablePointer<Int64>!, _ values: UnsafePointer<Double>!, _ n: Int64, _ n_entities: Int64,
    _ flags: Int32, _ threads: Int32
) -> Int32 {
    guarded("aex_overtakes_find") { () throws(ABIError) in
        guard let out_count else { throw .null("out_count") }
        let out = try checkOutput(out_events, capacity, "out_events", "capacity")
        let (v, periods, entities, rule, bridging, parallel) = try overtakeInput(values, n, n_entities, flags, threads)
        let fields = Int64(AEX_OVERTAKE_FIELDS)
        let k: Int
        do throws(Overtakes.InputError) {
            k = try Overtakes.write(
                v, periods: periods, entities: entities, rule: rule,
                bridgingGaps: bridging, parallel: parallel, into: out)
        } catch {
            throw mapped(error)
        }
        out_count.pointee = Int64(k)
        if Int64(k) > capacity / fields {
            throw ABIError(
                status: AEX_E_BUFFER_TOO_SMALL,
                message:
                    "out_events has room for \(capacity / fields) events (capacity \(capacity)), \(k) were found: pass capacity >= \(Int64(k) * fields)"
            )
        }
    }
}

import AutoExports
import CAutoExports

/// Refuses an output that overlaps an input, except (when `allowSame`) being the very
/// same array.
@inline(__always)
func checkOverlap(
    _ out: UnsafeMutableRawPointer?, _ outBytes: Int, _ input: UnsafeRawPointer?, _ inBytes: Int,
    allowSame: Bool, _ outName: String, _ inName: String
) throws(ABIError) {
    guard let out, let input, outBytes > 0, inBytes > 0 else { return }
    let a = UInt(bitPattern: out), b = UInt(bitPattern: input)
    if allowSame && a == b && outBytes == inBytes { return }
    if a < b &+ UInt(inBytes) && b < a &+ UInt(outBytes) {
        throw .invalid(
            allowSame
                ? "\(outName) overlaps \(inName) without being the same array"
                : "\(outName) overlaps \(inName)")
    }
}

@c @implementation
public func aex_rank_values(
    _ out_ranks: UnsafeMutablePointer<Double>!, _ values: UnsafePointer<Double>!, _ n: Int64,
    _ method: Int32, _ order: Int32, _ missing: Int32
) -> Int32 {
    guarded("aex_rank_values") { () throws(ABIError) in
        try rankValues(out_ranks, "out_ranks", values, n, method, order, missing, AEX_SCALE_RANK)
    }
}

@c @implementation
public func aex_rank_values_scaled(
    _ out: UnsafeMutablePointer<Double>!, _ values: UnsafePointer<Double>!, _ n: Int64,
    _ method: Int32, _ order: Int32, _ missing: Int32, _ scale: Int32
) -> Int32 {
    guarded("aex_rank_values_scaled") { () throws(ABIError) in
        try rankValues(out, "out", values, n, method, order, missing, scale)
    }
}

@inline(__always)
func rankValues(
    _ out: UnsafeMutablePointer<Double>?, _ outName: String, _ values: UnsafePointer<Double>?,
    _ n: Int64, _ method: Int32, _ order: Int32, _ missing: Int32, _ scale: Int32
) throws(ABIError) {
    let v = try checkArray(values, n, "values", "n")
    let o = try checkOutput(out, n, outName, "n")
    let m = try checkEnum(method, "method", as: RankMethod.self)
    let ord = try checkEnum(order, "order", as: RankOrder.self)
    let p = try checkEnum(missing, "missing", as: MissingPolicy.self)
    let s = try checkEnum(scale, "scale", as: RankScale.self)
    if n == 0 { return }
    try checkOverlap(
        o.baseAddress, Int(n) * 8, v.baseAddress, Int(n) * 8, allowSame: true,
        outName, "values")
    try withScratch(bytes: Ranking.scratchByteCount(for: Int(n))) { (scratch) throws(ABIError) in
        Ranking.rank(v, into: o, method: m, order: ord, missing: p, scale: s, scratch: scratch)
    }
}

@c @implementation
public func aex_rank_groups(
    _ out: UnsafeMutablePointer<Double>!, _ groups: UnsafePointer<Int64>!,
    _ values: UnsafePointer<Double>!, _ n: Int64, _ method: Int32, _ order: Int32,
    _ missing: Int32, _ scale: Int32, _ threads: Int32
) -> Int32 {
    guarded("aex_rank_groups") { () throws(ABIError) in
        try rankGroups(out, groups, values, n, method, order, missing, scale, threads)
    }
}

@c @implementation
public func aex_rank_groups_i32(
    _ out: UnsafeMutablePointer<Double>!, _ groups: UnsafePointer<Int32>!,
    _ values: UnsafePointer<Double>!, _ n: Int64, _ method: Int32, _ order: Int32,
    _ missing: Int32, _ scale: Int32, _ threads: Int32
) -> Int32 {
    guarded("aex_rank_groups_i32") { () throws(ABIError) in
        try rankGroups(out, groups, values, n, method, order, missing, scale, threads)
    }
}

/// The shared body of the grouped entry points (64- and 32-bit ids).
@inline(__always)
func rankGroups<G: FixedWidthInteger>(
    _ out: UnsafeMutablePointer<Double>?, _ groups: UnsafePointer<G>?,
    _ values: UnsafePointer<Double>?, _ n: Int64, _ method: Int32, _ order: Int32,
    _ missing: Int32, _ scale: Int32, _ threads: Int32
) throws(ABIError) {
    let g = try checkArray(groups, n, "groups", "n")
    let v = try checkArray(values, n, "values", "n")
    let o = try checkOutput(out, n, "out", "n")
    let m = try checkEnum(method, "method", as: RankMethod.self)
    let ord = try checkEnum(order, "order", as: RankOrder.self)
    let p = try checkEnum(missing, "missing", as: MissingPolicy.self)
    let s = try checkEnum(scale, "scale", as: RankScale.self)
    if threads < 0 { throw .range("threads is negative (\(threads))") }
    if n == 0 { return }
    let bytes = Int(n) * 8
    try checkOverlap(o.baseAddress, bytes, v.baseAddress, bytes, allowSame: true, "out", "values")
    try checkOverlap(
        o.baseAddress, bytes, g.baseAddress, Int(n) * MemoryLayout<G>.stride,
        allowSame: false, "out", "groups")
    let runner = ThreadedFor(threads: threads)
    do {
        if let g64 = g as? UnsafeBufferPointer<Int64> {
            try Ranking.rank(
                v, groups: g64, into: o, method: m, order: ord, missing: p, scale: s,
                runner: runner, allocator: mallocAllocator)
        } else if let g32 = g as? UnsafeBufferPointer<Int32> {
            try Ranking.rank(
                v, groups: g32, into: o, method: m, order: ord, missing: p, scale: s,
                runner: runner, allocator: mallocAllocator)
        } else {
            throw ABIError(status: AEX_E_INTERNAL, message: "unsupported group id type")
        }
    } catch let e as ScratchError {
        throw ABIError(scratch: e)
    } catch let e as ABIError {
        throw e
    } catch {
        throw ABIError(status: AEX_E_INTERNAL, message: "\(error)")
    }
}

extension ABIError {
    init(scratch: ScratchError) {
        switch scratch {
        case .outOfMemory(let bytes):
            self.init(
                status: AEX_E_OUT_OF_MEMORY,
                message: "cannot allocate \(bytes) bytes of scratch memory")
        }
    }

    init(spreadsheet e: SpreadsheetError) {
        switch e {
        case .notFound: self.init(status: AEX_E_NOT_FOUND, message: "value is not in range (Excel #N/A)")
        case .outsideData:
            self.init(status: AEX_E_OUT_OF_RANGE, message: "x is outside [min, max] of range (Excel #N/A)")
        case .empty: self.init(status: AEX_E_INSUFFICIENT_DATA, message: "range holds no numbers (Excel #NUM!)")
        case .invalidSignificance(let s):
            self.init(
                status: AEX_E_INVALID_ARGUMENT,
                message: "significance is negative (\(s)); 0 means not given (Excel #NUM!)")
        case .missingValue: self.init(status: AEX_E_INVALID_ARGUMENT, message: "the value to rank is NaN")
        }
    }
}

// MARK: Spreadsheet functions

@c @implementation
public func aex_rank_eq(
    _ out_rank: UnsafeMutablePointer<Double>!, _ value: Double, _ range: UnsafePointer<Double>!,
    _ n: Int64, _ order: Int32
) -> Int32 {
    guarded("aex_rank_eq") { () throws(ABIError) in
        try spreadsheetRank(out_rank, value, range, n, order, average: false)
    }
}

@c @implementation
public func aex_rank_avg(
    _ out_rank: UnsafeMutablePointer<Double>!, _ value: Double, _ range: UnsafePointer<Double>!,
    _ n: Int64, _ order: Int32
) -> Int32 {
    guarded("aex_rank_avg") { () throws(ABIError) in
        try spreadsheetRank(out_rank, value, range, n, order, average: true)
    }
}

@inline(__always)
func spreadsheetRank(
    _ out: UnsafeMutablePointer<Double>?, _ value: Double, _ range: UnsafePointer<Double>?,
    _ n: Int64, _ order: Int32, average: Bool
) throws(ABIError) {
    guard let out else { throw .null("out_rank") }
    let r = try checkArray(range, n, "range", "n")
    let o: RankOrder = order == 0 ? .descending : .ascending  // Excel's flag
    if value.isNaN { throw .invalid("value is NaN") }
    do throws(SpreadsheetError) {
        out.pointee =
            average
            ? try Spreadsheet.rankAvg(value, in: r, order: o)
            : try Spreadsheet.rankEq(value, in: r, order: o)
    } catch {
        throw ABIError(spreadsheet: error)
    }
}

@c @implementation
public func aex_percentrank_inc(
    _ out: UnsafeMutablePointer<Double>!, _ range: UnsafePointer<Double>!, _ n: Int64, _ x: Double,
    _ significance: Int32, _ convention: Int32
) -> Int32 {
    guarded("aex_percentrank_inc") { () throws(ABIError) in
        try spreadsheetPercentRank(out, range, n, x, significance, convention, inclusive: true)
    }
}

@c @implementation
public func aex_percentrank_exc(
    _ out: UnsafeMutablePointer<Double>!, _ range: UnsafePointer<Double>!, _ n: Int64, _ x: Double,
    _ significance: Int32, _ convention: Int32
) -> Int32 {
    guarded("aex_percentrank_exc") { () throws(ABIError) in
        try spreadsheetPercentRank(out, range, n, x, significance, convention, inclusive: false)
    }
}

@inline(__always)
func spreadsheetPercentRank(
    _ out: UnsafeMutablePointer<Double>?, _ range: UnsafePointer<Double>?, _ n: Int64,
    _ x: Double, _ significance: Int32, _ convention: Int32, inclusive: Bool
) throws(ABIError) {
    guard let out else { throw .null("out") }
    let conv = try checkEnum(convention, "convention", as: PercentRankConvention.self)
    let r = try checkArray(range, n, "range", "n")
    if x.isNaN { throw .invalid("x is NaN") }
    if significance < 0 {
        throw .invalid("significance is negative (\(significance)); 0 means not given (Excel #NUM!)")
    }
    let sig: Int? = significance == 0 ? nil : Int(significance)
    do throws(SpreadsheetError) {
        out.pointee =
            inclusive
            ? try Spreadsheet.percentRankInc(x, in: r, significance: sig, convention: conv)
            : try Spreadsheet.percentRankExc(x, in: r, significance: sig, convention: conv)
    } catch {
        throw ABIError(spreadsheet: error)
    }
}

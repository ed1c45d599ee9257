import AutoExports
import CAutoExports

@c @implementation
public func aex_rank_values(
    _ out_ranks: UnsafeMutablePointer<Double>!, _ values: UnsafePointer<Double>!, _ n: Int64,
    _ method: Int32, _ order: Int32, _ missing: Int32
) -> Int32 {
    guarded("aex_rank_values") { () throws(ABIError) in
        let v = try checkArray(values, n, "values", "n")
        let out = try checkOutput(out_ranks, n, "out_ranks", "n")
        let m = try checkEnum(method, "method", as: RankMethod.self)
        let o = try checkEnum(order, "order", as: RankOrder.self)
        let p = try checkEnum(missing, "missing", as: MissingPolicy.self)
        if n == 0 { return }
        // In place is allowed; any other overlap is not.
        let a = UInt(bitPattern: v.baseAddress), b = UInt(bitPattern: out.baseAddress)
        let bytes = UInt(n) * 8
        if a != b && a < b + bytes && b < a + bytes {
            throw .invalid("out_ranks overlaps values without being the same array")
        }
        try withScratch(bytes: Ranking.scratchByteCount(for: Int(n))) { (scratch) throws(ABIError) in
            Ranking.rank(v, into: out, method: m, order: o, missing: p, scratch: scratch)
        }
    }
}

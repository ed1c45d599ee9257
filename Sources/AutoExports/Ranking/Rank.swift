/// Ranking of plain arrays of values: the kernel under every league table.
///
/// The kernel sorts packed 64-bit keys with a radix sort: the high bits are the
/// order-preserving bits of the value (`SortKey`), shifted to drop what the row index
/// needs, and the low bits are the row index, so equal values come out in input order.
/// When two different values share the same high bits (they differ only in the dropped
/// low bits), the run is re-sorted exactly by value before ranks are given, so the
/// result never depends on the packing.
public enum Ranking {
    /// Bytes of scratch memory `rank(_:into:method:order:missing:scale:scratch:)` needs
    /// for `count` values: two keys of 8 bytes per value and a 16 KiB histogram.
    ///
    ///     Ranking.scratchByteCount(for: 1000)  // 32384
    ///
    /// - Complexity: O(1).
    public static func scratchByteCount(for count: Int) -> Int {
        let (perValue, o1) = max(count, 0).multipliedReportingOverflow(by: 16)
        let (total, o2) = perValue.addingReportingOverflow(RadixSort.histogramByteCount)
        return o1 || o2 ? Int.max : total
    }

    /// Ranks `values` into `ranks` (the same count) using caller-provided scratch memory.
    ///
    /// `ranks` may be the very buffer of `values` (in place). Missing values are NaN.
    ///
    ///     // values 30, 20, 20, 10, .competition, .descending  ->  ranks 1, 2, 2, 4
    ///     // the same with scale: .percentRank                 ->  0, 1/3, 1/3, 1
    ///
    /// - Parameters:
    ///   - values: The values; NaN is missing, ±inf are ordinary, -0.0 == 0.0.
    ///   - ranks: Receives the ranks; NaN for a missing value under `.keep`.
    ///   - method: How ties share ranks (ignored by `.percentRank` and `.cumeDist`).
    ///   - order: Which end gets rank 1.
    ///   - missing: Where missing values go.
    ///   - scale: The rank itself or a percent rank (`RankScale`).
    ///   - scratch: At least `scratchByteCount(for: values.count)` bytes, aligned for `Int`.
    /// - Complexity: O(n) for keys whose values share most high bits, O(n × 8) passes at
    ///   worst; a run of distinct values that collide in the packed key is sorted by
    ///   comparison. No allocation.
    public static func rank(
        _ values: UnsafeBufferPointer<Double>,
        into ranks: UnsafeMutableBufferPointer<Double>,
        method: RankMethod,
        order: RankOrder = .ascending,
        missing: MissingPolicy = .keep,
        scale: RankScale = .rank,
        scratch: UnsafeMutableRawBufferPointer
    ) {
        let n = min(values.count, ranks.count)
        guard n > 0, let v = values.baseAddress, let r = ranks.baseAddress else { return }
        precondition(scratch.count >= scratchByteCount(for: n), "scratch too small")
        guard let base = scratch.baseAddress else { return }
        let s = Scratch(base, capacity: n)
        kernel(v, r, n, method, order == .descending, missing, scale, s)
    }

    /// The ranks of `values`, as a new array.
    ///
    ///     Ranking.ranks(of: [30, 20, 20, 10], method: .competition, order: .descending)
    ///     // [1.0, 2.0, 2.0, 4.0]
    ///     Ranking.ranks(of: [30, 20, 20, 10], method: .dense, scale: .pct)
    ///     // [1.0, 0.6666666666666666, 0.6666666666666666, 0.3333333333333333]
    ///
    /// - Complexity: O(n) (see `rank(_:into:method:order:missing:scale:scratch:)`).
    public static func ranks(
        of values: [Double], method: RankMethod, order: RankOrder = .ascending,
        missing: MissingPolicy = .keep, scale: RankScale = .rank
    ) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        let scratch = UnsafeMutableRawBufferPointer.allocate(
            byteCount: scratchByteCount(for: values.count),
            alignment: MemoryLayout<UInt64>.alignment)
        defer { scratch.deallocate() }
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                rank(v, into: o, method: method, order: order, missing: missing, scale: scale,
                     scratch: scratch)
            }
        }
        return out
    }

    /// The kernel's working memory carved out of one block: keys, the radix sort's
    /// second buffer, and its histograms.
    struct Scratch {
        let keys: UnsafeMutablePointer<UInt64>
        let temp: UnsafeMutablePointer<UInt64>
        let histogram: UnsafeMutablePointer<Int>

        /// `base` holds at least `scratchByteCount(for: capacity)` bytes, 8-aligned.
        @inline(__always)
        init(_ base: UnsafeMutableRawPointer, capacity: Int) {
            keys = base.assumingMemoryBound(to: UInt64.self)
            temp = keys + capacity
            histogram = UnsafeMutableRawPointer(temp + capacity).assumingMemoryBound(to: Int.self)
        }
    }

    /// Bits of the packed key kept for the value when n is small enough that the key
    /// range would otherwise need more radix passes than collisions cost: 48 bits in
    /// total means six 8-bit passes.
    static let smallKeyBits = 48
    static let smallCount = 1 << 16

    /// Ranks `n` values at `values` into `ranks` (which may be `values` itself).
    @inline(__always)
    static func kernel(
        _ values: UnsafePointer<Double>, _ ranks: UnsafeMutablePointer<Double>, _ n: Int,
        _ method: RankMethod, _ descending: Bool, _ missing: MissingPolicy, _ scale: RankScale,
        _ scratch: Scratch
    ) {
        let keep = missing == .keep
        // Pass 1: the range of the keys and the number of ranked values.
        var lo = UInt64.max
        var hi: UInt64 = 0
        var m = 0
        for i in 0..<n {
            let x = values[i]
            if x.isNaN && keep {
                ranks[i] = .nan  // safe in place: values[i] is NaN already
                continue
            }
            let k = SortKey.fullKey(x, descending: descending, missing: missing)
            lo = min(lo, k)
            hi = max(hi, k)
            m &+= 1
        }
        if m == 0 { return }

        // Pack: (key - lo) >> shift in the high bits, the row index in the low bits.
        let idxBits = n > 1 ? 64 &- (n &- 1).leadingZeroBitCount : 0
        let rangeBits = 64 &- (hi &- lo).leadingZeroBitCount
        var prefixBits = min(rangeBits, 64 &- idxBits)
        if n <= smallCount { prefixBits = min(prefixBits, max(smallKeyBits &- idxBits, 16)) }
        let shift = UInt64(rangeBits &- prefixBits)
        let ib = UInt64(idxBits)
        let keys = scratch.keys
        var j = 0
        for i in 0..<n {
            let x = values[i]
            if x.isNaN && keep { continue }
            let k = SortKey.fullKey(x, descending: descending, missing: missing)
            keys[j] = (((k &- lo) &>> shift) &<< ib) | UInt64(truncatingIfNeeded: i)
            j &+= 1
        }
        let sorted = RadixSort.sort(
            keys, scratch.temp, count: m, bits: prefixBits &+ idxBits, histogram: scratch.histogram)
        assign(values, ranks, sorted, m, idxBits, method, descending, missing, scale)
    }

    /// Gives ranks in sorted order. Reads `values[i]` only for rows not yet written, so
    /// `ranks` may alias `values`.
    @inline(__always)
    static func assign(
        _ values: UnsafePointer<Double>, _ ranks: UnsafeMutablePointer<Double>,
        _ sorted: UnsafeMutablePointer<UInt64>, _ m: Int, _ idxBits: Int,
        _ method: RankMethod, _ descending: Bool, _ missing: MissingPolicy, _ scale: RankScale
    ) {
        let ib = UInt64(idxBits)
        let mask: UInt64 = idxBits == 0 ? 0 : (UInt64.max &>> UInt64(64 &- idxBits))
        @inline(__always) func row(_ j: Int) -> Int { Int(truncatingIfNeeded: sorted[j] & mask) }
        @inline(__always) func fullKey(_ j: Int) -> UInt64 {
            SortKey.fullKey(values[row(j)], descending: descending, missing: missing)
        }
        let count = Double(m)
        let divisor: Double = scale == .pct && method != .dense ? count : 1
        var dense = 0
        // One block of tied values at sorted positions s..<t.
        @inline(__always) func emit(_ s: Int, _ t: Int) {
            dense &+= 1
            let r: Double
            switch scale {
            case .percentRank:
                r = m == 1 ? 0 : Double(s) / Double(m &- 1)
            case .cumeDist:
                r = Double(t) / count
            case .rank, .pct:
                switch method {
                case .competition: r = Double(s &+ 1) / divisor
                case .competitionMax: r = Double(t) / divisor
                case .fractional: r = (Double(s &+ 1 &+ t) / 2) / divisor
                case .dense: r = Double(dense)
                case .ordinal:
                    for j in s..<t { ranks[row(j)] = Double(j &+ 1) / divisor }
                    return
                }
            }
            for j in s..<t { ranks[row(j)] = r }
        }

        var k = 0
        while k < m {
            let p = sorted[k] &>> ib
            var e = k &+ 1
            while e < m && (sorted[e] &>> ib) == p { e &+= 1 }
            if e &- k == 1 {
                emit(k, e)
                k = e
                continue
            }
            // A run with one packed prefix: equal values (already in row order) or,
            // rarely, distinct values that collide in the prefix. Make it exact.
            var inOrder = true
            var previous = fullKey(k)
            for t in (k &+ 1)..<e {
                let f = fullKey(t)
                if f < previous { inOrder = false; break }
                previous = f
            }
            if !inOrder {
                var run = UnsafeMutableBufferPointer(start: sorted + k, count: e &- k)
                run.sort { a, b in
                    let fa = SortKey.fullKey(values[Int(truncatingIfNeeded: a & mask)],
                                             descending: descending, missing: missing)
                    let fb = SortKey.fullKey(values[Int(truncatingIfNeeded: b & mask)],
                                             descending: descending, missing: missing)
                    return fa != fb ? fa < fb : (a & mask) < (b & mask)
                }
            }
            var s = k
            while s < e {
                let f = fullKey(s)
                var t = s &+ 1
                while t < e && fullKey(t) == f { t &+= 1 }
                emit(s, t)
                s = t
            }
            k = e
        }
        if scale == .pct && method == .dense {
            let distinct = Double(dense)
            for j in 0..<m { ranks[row(j)] = ranks[row(j)] / distinct }
        }
    }
}

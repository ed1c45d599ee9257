/// Order-preserving 64-bit keys for doubles, so that ranking is an integer sort.
@usableFromInline
enum SortKey {
    /// Maps a non-NaN double to a UInt64 whose unsigned order is the double's order;
    /// -0.0 and 0.0 map to the same key. Descending order flips every bit.
    @inlinable @inline(__always)
    static func key(_ x: Double, descending: Bool) -> UInt64 {
        let v = x == 0 ? 0.0 : x  // folds -0.0 into 0.0
        let bits = v.bitPattern
        let k = (bits & (1 << 63)) != 0 ? ~bits : bits | (1 << 63)
        return descending ? ~k : k
    }
}

/// Ranking of plain arrays of values: the kernel under every league table.
public enum Ranking {
    /// Bytes of scratch memory `rank(_:into:method:order:missing:scratch:)` needs for
    /// `count` values.
    public static func scratchByteCount(for count: Int) -> Int {
        count.multipliedReportingOverflow(by: MemoryLayout<(UInt64, Int)>.stride).overflow
            ? Int.max : count * MemoryLayout<(UInt64, Int)>.stride
    }

    /// Ranks `values` into `ranks` (the same count) using caller-provided scratch memory.
    ///
    /// `ranks` may be the very buffer of `values` (in place). Missing values are NaN.
    ///
    ///     var r = [Double](repeating: 0, count: 4)
    ///     // values 30, 20, 20, 10, .competition, .descending  ->  r == [1, 2, 2, 4]
    ///
    /// - Parameters:
    ///   - values: The values; NaN is missing, ±inf are ordinary, -0.0 == 0.0.
    ///   - ranks: Receives the ranks; NaN for a missing value under `.keep`.
    ///   - scratch: At least `scratchByteCount(for: values.count)` bytes, aligned for `Int`.
    /// - Complexity: O(n log n) time; no allocation.
    public static func rank(
        _ values: UnsafeBufferPointer<Double>,
        into ranks: UnsafeMutableBufferPointer<Double>,
        method: RankMethod,
        order: RankOrder = .ascending,
        missing: MissingPolicy = .keep,
        scratch: UnsafeMutableRawBufferPointer
    ) {
        let n = min(values.count, ranks.count)
        precondition(scratch.count >= scratchByteCount(for: n), "scratch too small")
        let pairs = scratch.bindMemory(to: (UInt64, Int).self)
        let descending = order == .descending
        // Collect the present values as (key, position); count the missing ones.
        var present = 0
        for i in 0..<n {
            let x = values[i]
            if !x.isNaN {
                pairs[present] = (SortKey.key(x, descending: descending), i)
                present += 1
            }
        }
        let missingCount = n - present
        var sorted = UnsafeMutableBufferPointer(rebasing: pairs[0..<present])
        sorted.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }

        // Where the block of missing values sits, and how far it shifts the numbers.
        let shift = missing == .top ? missingCount : 0
        let denseShift = missing == .top && missingCount > 0 ? 1 : 0
        var start = 0
        var dense = 0
        while start < present {
            var end = start + 1
            while end < present && sorted[end].0 == sorted[start].0 { end += 1 }
            dense += 1
            for j in start..<end {
                let r: Double
                switch method {
                case .competition: r = Double(start + 1 + shift)
                case .competitionMax: r = Double(end + shift)
                case .fractional: r = Double(start + 1 + end + 2 * shift) / 2
                case .dense: r = Double(dense + denseShift)
                case .ordinal: r = Double(j + 1 + shift)
                }
                ranks[sorted[j].1] = r
            }
            start = end
        }
        if missingCount == 0 { return }
        // The missing block: positions [first, first + missingCount).
        let first = missing == .top ? 0 : present
        // `ranks` may alias `values`, so the missing positions are found as the positions
        // absent from `sorted` rather than by re-reading `values`.
        var seen = 0
        markMissing(sorted: sorted, n: n) { i in
            let r: Double
            switch missing {
            case .keep: r = .nan
            case .top, .bottom:
                switch method {
                case .competition: r = Double(first + 1)
                case .competitionMax: r = Double(first + missingCount)
                case .fractional: r = Double(2 * first + 1 + missingCount) / 2
                case .dense: r = missing == .top ? 1 : Double(dense + 1)
                case .ordinal: r = Double(first + seen + 1)
                }
            }
            ranks[i] = r
            seen += 1
        }
    }

    /// Calls `body` with each position in 0..<n that is not a position in `sorted`, in
    /// increasing order. `sorted` holds distinct positions, in any order.
    @inline(__always)
    static func markMissing(
        sorted: UnsafeMutableBufferPointer<(UInt64, Int)>, n: Int, _ body: (Int) -> Void
    ) {
        var sorted = sorted
        // Reorder the positions ascending (the keys are no longer needed), then walk.
        sorted.sort { $0.1 < $1.1 }
        var k = 0
        for i in 0..<n {
            if k < sorted.count && sorted[k].1 == i { k += 1 } else { body(i) }
        }
    }

    /// The ranks of `values`, as a new array.
    ///
    ///     Ranking.ranks(of: [30, 20, 20, 10], method: .competition, order: .descending)
    ///     // [1.0, 2.0, 2.0, 4.0]
    ///
    /// - Complexity: O(n log n).
    public static func ranks(
        of values: [Double], method: RankMethod, order: RankOrder = .ascending,
        missing: MissingPolicy = .keep
    ) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        let scratch = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(scratchByteCount(for: values.count), 1),
            alignment: MemoryLayout<(UInt64, Int)>.alignment)
        defer { scratch.deallocate() }
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                rank(v, into: o, method: method, order: order, missing: missing, scratch: scratch)
            }
        }
        return out
    }
}

/// A least-significant-digit radix sort of UInt64 keys, the engine of the rank kernels.
///
/// Stable, 8-bit digits, all digit histograms in one pass, and digits on which every key
/// agrees are skipped, so keys that use few bits sort in few passes.
enum RadixSort {
    /// Bytes of histogram memory `sort` needs (8 digits of 256 counters).
    static let histogramByteCount = 8 * 256 * MemoryLayout<Int>.stride

    /// Sorts `count` keys, of which only the low `bits` bits may be non-zero, using `b` as
    /// the second buffer. Returns the buffer holding the sorted keys (`a` or `b`).
    ///
    ///     // keys 3, 1, 2 with bits: 2  ->  1, 2, 3
    ///
    /// - Complexity: O(count × ⌈bits / 8⌉) time; no allocation.
    @inline(__always)
    static func sort(
        _ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>, count: Int,
        bits: Int, histogram: UnsafeMutablePointer<Int>
    ) -> UnsafeMutablePointer<UInt64> {
        if count < 48 {
            insertionSort(a, count: count)
            return a
        }
        let digits = min(8, max(1, (bits + 7) / 8))
        histogram.initialize(repeating: 0, count: digits * 256)
        for i in 0..<count {
            var k = a[i]
            for d in 0..<digits {
                histogram[d &* 256 &+ Int(truncatingIfNeeded: k & 255)] &+= 1
                k &>>= 8
            }
        }
        var src = a
        var dst = b
        let first = a[0]
        for d in 0..<digits {
            let h = histogram + d &* 256
            let shift = UInt64(d &* 8)
            // Every key has the same digit here: nothing to do.
            if h[Int(truncatingIfNeeded: (first &>> shift) & 255)] == count { continue }
            var sum = 0
            for j in 0..<256 {
                let c = h[j]
                h[j] = sum
                sum &+= c
            }
            for i in 0..<count {
                let k = src[i]
                let j = Int(truncatingIfNeeded: (k &>> shift) & 255)
                dst[h[j]] = k
                h[j] &+= 1
            }
            swap(&src, &dst)
        }
        return src
    }

    @inline(__always)
    static func insertionSort(_ a: UnsafeMutablePointer<UInt64>, count: Int) {
        if count < 2 { return }
        for i in 1..<count {
            let k = a[i]
            var j = i
            while j > 0 && a[j &- 1] > k {
                a[j] = a[j &- 1]
                j &-= 1
            }
            a[j] = k
        }
    }
}

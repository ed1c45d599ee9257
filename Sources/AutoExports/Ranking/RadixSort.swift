/// An integer sort of UInt64 keys, the engine of the rank kernels.
///
/// `sort` runs a least-significant-digit radix sort on the top 32 of the keys' bits
/// (four 8-bit digits; digits every key shares are skipped), which leaves keys that
/// differ only below those bits next to each other; one branch-free pass puts such
/// neighbours in order. The passes have no data-dependent branches, which on this kind
/// of machine cost more than the arithmetic. Keys still out of order after that (values
/// clustered below the top 32 bits of their range) are sorted exactly by `msdSort`, a
/// most-significant-digit bucket sort that recurses into large buckets. Both are stable,
/// so keys that carry a row index in their low bits keep input order on ties.
enum RadixSort {
    /// Buckets per pass at most (2^12: the counters stay in L1).
    static let maxBucketBits = 12
    /// Bytes of histogram memory `sort` needs.
    static let histogramByteCount = (1 << maxBucketBits) * MemoryLayout<Int>.stride
    /// Buckets up to this size are finished by insertion sort.
    static let insertionLimit = 32
    /// Up to this many keys, `sort` goes straight to `msdSort`.
    static let msdLimit = 512

    /// Sorts `count` keys by their low `bits` bits (the bits above must be equal across
    /// the keys), using `b` as the second buffer. Returns the buffer holding the sorted
    /// keys (`a` or `b`).
    ///
    ///     // keys 3, 1, 2 with bits: 2  ->  1, 2, 3
    ///
    /// - Complexity: O(count) passes (at most four, and one more to finish) for keys
    ///   spread over their range; O(count × bits / 4) at worst. No allocation.
    static func sort(
        _ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>, count: Int,
        bits: Int, histogram: UnsafeMutablePointer<Int>
    ) -> UnsafeMutablePointer<UInt64> {
        if count <= insertionLimit || bits <= 0 {
            if bits > 0 { insertionSort(a, count: count) }
            return a
        }
        // Few keys: the four LSD passes would cost more in histogram upkeep (4 × 256
        // counters) than in keys; one MSD pass with about two keys per bucket is enough.
        if count <= msdLimit { return msdSort(a, b, count: count, bits: bits, histogram: histogram) }
        let low = max(bits &- 32, 0)
        let digits = (bits &- low &+ 7) / 8
        histogram.initialize(repeating: 0, count: digits &* 256)
        let lowShift = UInt64(low)
        if digits == 4 {
            // The common case, unrolled: four counters per key.
            let h0 = histogram, h1 = histogram + 256, h2 = histogram + 512, h3 = histogram + 768
            for i in 0..<count {
                let k = a[i] &>> lowShift
                h0[Int(truncatingIfNeeded: k & 255)] &+= 1
                h1[Int(truncatingIfNeeded: (k &>> 8) & 255)] &+= 1
                h2[Int(truncatingIfNeeded: (k &>> 16) & 255)] &+= 1
                h3[Int(truncatingIfNeeded: (k &>> 24) & 255)] &+= 1
            }
        } else {
            for i in 0..<count {
                var k = a[i] &>> lowShift
                for d in 0..<digits {
                    histogram[d &* 256 &+ Int(truncatingIfNeeded: k & 255)] &+= 1
                    k &>>= 8
                }
            }
        }
        var src = a
        var dst = b
        let first = a[0]
        for d in 0..<digits {
            let h = histogram + d &* 256
            let shift = UInt64(low &+ d &* 8)
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
        if low == 0 || bubbleSorts(src, count: count) { return src }
        return msdSort(src, dst, count: count, bits: bits, histogram: histogram)
    }

    /// One branch-free bubble pass (a key moves back one place, forward any distance);
    /// returns whether the keys are now sorted.
    ///
    /// - Complexity: O(count).
    @inline(__always)
    static func bubbleSorts(_ a: UnsafeMutablePointer<UInt64>, count: Int) -> Bool {
        var carry = a[0]
        for i in 1..<count {
            let k = a[i]
            a[i &- 1] = min(carry, k)
            carry = max(carry, k)
        }
        a[count &- 1] = carry
        var inversions = 0
        for i in 1..<count { inversions &+= a[i] < a[i &- 1] ? 1 : 0 }
        return inversions == 0
    }

    /// The exact most-significant-digit bucket sort behind `sort`, for clustered keys:
    /// one counting pass on the top bits (about one bucket per two keys, at most 2^12),
    /// one stable scatter, then small buckets by insertion and large ones recursively.
    ///
    /// - Complexity: O(count × bits / 4) at worst; recursion depth ≤ bits / 4.
    static func msdSort(
        _ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>, count: Int,
        bits: Int, histogram: UnsafeMutablePointer<Int>
    ) -> UnsafeMutablePointer<UInt64> {
        var bits = bits
        var shift: UInt64 = 0
        var mask: UInt64 = 0
        var buckets = 0
        let h = histogram
        // Count on the top digit; skip digits that every key shares.
        while true {
            if count <= insertionLimit || bits <= 0 {
                if bits > 0 { insertionSort(a, count: count) }
                return a
            }
            let want = 63 &- (count &- 1).leadingZeroBitCount  // ⌈log2 count⌉ − 1: ~2 keys per bucket
            let topBits = min(bits, max(4, min(want, maxBucketBits)))
            buckets = 1 &<< topBits
            mask = UInt64(buckets &- 1)
            shift = UInt64(bits &- topBits)
            h.initialize(repeating: 0, count: buckets)
            for i in 0..<count { h[Int(truncatingIfNeeded: (a[i] &>> shift) & mask)] &+= 1 }
            if h[Int(truncatingIfNeeded: (a[0] &>> shift) & mask)] != count { break }
            bits &-= topBits
        }
        var sum = 0
        var largest = 0
        for j in 0..<buckets {
            let c = h[j]
            h[j] = sum
            sum &+= c
            largest = max(largest, c)
        }
        for i in 0..<count {
            let k = a[i]
            let j = Int(truncatingIfNeeded: (k &>> shift) & mask)
            b[h[j]] = k
            h[j] &+= 1
        }
        if shift == 0 { return b }
        // Small buckets only (the normal case): one insertion pass over the whole array
        // moves keys only within their bucket.
        if largest <= insertionLimit {
            if !bubbleSorts(b, count: count) { insertionSort(b, count: count) }
            return b
        }
        // Finish each bucket (found by scanning, so the histogram is free for recursion).
        var start = 0
        while start < count {
            let d = (b[start] &>> shift) & mask
            var end = start &+ 1
            while end < count && (b[end] &>> shift) & mask == d { end &+= 1 }
            let size = end &- start
            if size > 1 {
                if size <= insertionLimit {
                    insertionSort(b + start, count: size)
                } else {
                    let r = msdSort(b + start, a + start, count: size, bits: Int(shift), histogram: h)
                    if r != b + start { (b + start).update(from: r, count: size) }
                }
            }
            start = end
        }
        return b
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

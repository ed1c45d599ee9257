/// An integer sort of UInt64 keys, the engine of the rank kernels.
///
/// Very few keys (up to `msdLimit`) go straight to `msdSort` (below). Few keys (up to
/// `topSortLimit`, the size of a league table or of a period's group) go to `topSort`:
/// two least-significant-digit passes on the keys' top bits (about log2(count) + 6 of
/// them, so that two keys rarely share them), counted in one pass with 32-bit counters,
/// which leave the keys nearly sorted; an insertion pass (or the rank kernel, as it
/// gives ranks) then finishes the rare runs of keys that share those bits.
///
/// More keys go to a least-significant-digit radix sort on the top 32 of the keys' bits
/// (four 8-bit digits; digits every key shares are skipped), which leaves keys that
/// differ only below those bits next to each other; one branch-free pass puts such
/// neighbours in order. The passes have no data-dependent branches, which on this kind
/// of machine cost more than the arithmetic.
///
/// Keys still out of order after either (values clustered below the bits sorted on) are
/// sorted exactly by `msdSort`, a most-significant-digit bucket sort that recurses into
/// large buckets. All are stable, so keys that carry a row index in their low bits keep
/// input order on ties.
enum RadixSort {
    /// Buckets per pass at most (2^12: the counters stay in L1).
    static let maxBucketBits = 12
    /// Bytes of histogram memory `sort` needs for any count.
    static let histogramByteCount = (1 << maxBucketBits) * MemoryLayout<Int>.stride

    /// Bytes of histogram memory `sort` (and `topSort`, and `msdSort` on at most `count`
    /// keys) needs for `count` keys: the two 32-bit histograms of `topSort` or the
    /// buckets of `msdSort`, whichever is larger; `histogramByteCount` above
    /// `topSortLimit`.
    ///
    ///     RadixSort.histogramByteCount(for: 200)  // 1024
    ///
    /// - Complexity: O(1).
    static func histogramByteCount(for count: Int) -> Int {
        if count > topSortLimit { return histogramByteCount }
        let log2Count = 64 &- (max(count, 1) &- 1).leadingZeroBitCount
        let top = min(log2Count &+ topSortExtraBits, 2 &* maxBucketBits)
        let topSortBytes = 2 &* MemoryLayout<UInt32>.stride &<< ((top &+ 1) / 2)
        let msdBytes = MemoryLayout<Int>.stride &<< min(max(4, log2Count &- 1), maxBucketBits)
        return max(topSortBytes, msdBytes)
    }
    /// Buckets up to this size are finished by insertion sort.
    static let insertionLimit = 32
    /// Up to this many keys, `sort` uses `msdSort` (one pass, about two keys per bucket).
    static let msdLimit = 64
    /// Up to this many keys, `sort` uses `topSort`.
    static let topSortLimit = 4096
    /// `topSort` sorts on ⌈log2 count⌉ + this many top bits (two keys share them rarely).
    static let topSortExtraBits = 6

    /// Sorts `count` keys by their low `bits` bits (the bits above must be equal across
    /// the keys), using `b` as the second buffer. Returns the buffer holding the sorted
    /// keys (`a` or `b`).
    ///
    ///     // keys 3, 1, 2 with bits: 2  ->  1, 2, 3
    ///
    /// - Complexity: O(count) passes (two on the top bits up to `topSortLimit` keys, at
    ///   most four above, and one more to finish) for keys spread over their range;
    ///   O(count × bits / 4) at worst. No allocation.
    static func sort(
        _ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>, count: Int,
        bits: Int, histogram: UnsafeMutablePointer<Int>
    ) -> UnsafeMutablePointer<UInt64> {
        if count <= insertionLimit || bits <= 0 {
            if bits > 0 { insertionSort(a, count: count) }
            return a
        }
        // Few keys: the four LSD passes would cost more in histogram upkeep (4 × 256
        // counters) than in keys; two passes on the top bits are enough, and for very few
        // one MSD pass with about two keys per bucket.
        if count <= msdLimit { return msdSort(a, b, count: count, bits: bits, histogram: histogram) }
        if count <= topSortLimit {
            let (sorted, unsortedBelow) = topSort(a, b, count: count, bits: bits, histogram: histogram)
            if unsortedBelow == 0 || insertionSort(sorted, count: count, budget: count &* 4) { return sorted }
            return msdSort(sorted, sorted == a ? b : a, count: count, bits: bits, histogram: histogram)
        }
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

    /// The sort of few keys on their top bits: two least-significant-digit passes on the
    /// top ⌈log2 count⌉ + `topSortExtraBits` bits (both digits counted in one pass,
    /// 32-bit counters). Returns the buffer holding the keys (`a` or `b`) and the number
    /// of low bits the keys are not yet sorted on (0: sorted): keys whose bits above
    /// that differ are in order, keys that share them are in input order. `sort`
    /// finishes with an insertion pass, which moves only keys that share the top bits and
    /// so rarely branches the unexpected way (and hands clustered keys, more than about
    /// four moves per key, to `msdSort`); the rank kernel finishes such runs as it gives
    /// ranks. Needs `histogramByteCount` bytes at `histogram`.
    ///
    ///     // 200 values of a lognormal sample: two scatters; ~1 pair shares its top bits
    ///
    /// - Complexity: O(count + 2^(top bits / 2)). No allocation.
    static func topSort(
        _ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>, count: Int,
        bits: Int, histogram: UnsafeMutablePointer<Int>
    ) -> (UnsafeMutablePointer<UInt64>, unsortedBelow: Int) {
        let log2Count = 64 &- (count &- 1).leadingZeroBitCount
        let top = min(bits, log2Count &+ topSortExtraBits, 2 &* maxBucketBits)
        let hiBits = top / 2
        let loBits = top &- hiBits
        let loCount = 1 &<< loBits
        let hiCount = 1 &<< hiBits
        let shift = UInt64(bits &- top)
        let loShift = UInt64(loBits)
        let loMask = UInt64(loCount &- 1)
        let hiMask = UInt64(hiCount &- 1)  // the bits above `bits` need not be zero
        // 32-bit counters (count ≤ topSortLimit): half the memory to clear and to sum.
        let sorted: UnsafeMutablePointer<UInt64> = histogram.withMemoryRebound(
            to: UInt32.self, capacity: 2 &* loCount
        ) { h in
            let h0 = h
            let h1 = h + loCount
            h.initialize(repeating: 0, count: loCount &+ hiCount)
            for i in 0..<count {
                let k = a[i] &>> shift
                h0[Int(truncatingIfNeeded: k & loMask)] &+= 1
                h1[Int(truncatingIfNeeded: (k &>> loShift) & hiMask)] &+= 1
            }
            let f = a[0] &>> shift
            let all = UInt32(truncatingIfNeeded: count)
            let sortLo = h0[Int(truncatingIfNeeded: f & loMask)] != all
            let sortHi = h1[Int(truncatingIfNeeded: (f &>> loShift) & hiMask)] != all
            var s0: UInt32 = 0
            var s1: UInt32 = 0
            for j in 0..<hiCount {
                let c0 = h0[j]
                let c1 = h1[j]
                h0[j] = s0
                h1[j] = s1
                s0 &+= c0
                s1 &+= c1
            }
            for j in hiCount..<loCount {
                let c0 = h0[j]
                h0[j] = s0
                s0 &+= c0
            }
            var src = a
            var dst = b
            if sortLo {
                for i in 0..<count {
                    let k = src[i]
                    let j = Int(truncatingIfNeeded: (k &>> shift) & loMask)
                    let p = h0[j]
                    dst[Int(truncatingIfNeeded: p)] = k
                    h0[j] = p &+ 1
                }
                swap(&src, &dst)
            }
            if sortHi {
                for i in 0..<count {
                    let k = src[i]
                    let j = Int(truncatingIfNeeded: ((k &>> shift) &>> loShift) & hiMask)
                    let p = h1[j]
                    dst[Int(truncatingIfNeeded: p)] = k
                    h1[j] = p &+ 1
                }
                swap(&src, &dst)
            }
            return src
        }
        return (sorted, bits &- top)
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

    /// Insertion sort of nearly sorted keys: gives up (returning false, the keys a
    /// permutation of the input) once more than `budget` moves have been made.
    ///
    /// - Complexity: O(count + budget).
    @inline(__always)
    static func insertionSort(_ a: UnsafeMutablePointer<UInt64>, count: Int, budget: Int) -> Bool {
        var moved = 0
        var previous = a[0]
        for i in 1..<count {
            let k = a[i]
            if previous <= k {
                previous = k
                continue
            }
            var j = i
            repeat {
                a[j] = a[j &- 1]
                j &-= 1
            } while j > 0 && a[j &- 1] > k
            a[j] = k
            moved &+= i &- j
            if moved > budget { return false }
        }
        return true
    }

    /// Insertion sort of a small bucket.
    ///
    /// - Complexity: O(count²).
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

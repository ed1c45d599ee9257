// Duplicate (series, period) detection and the id maps of one import's merge.

/// Which of a worker's local ids map to which panel ids.
struct IDMaps {
    var series: [Int32] = []
    var periods: [Int32] = []
    var citations: [Int32] = []
}

/// Whether a (series, period) was seen: a flat bitset (series × periods, grown by
/// doubling) while that is small next to the rows, a hash set otherwise.
struct DuplicateDetector {
    var words: [UInt64] = []
    /// Words per series.
    var stride = 0
    var seriesCapacity = 0
    var set: Set<UInt64> = []
    var usesSet = false

    /// Makes room for `series` series and `periods` periods.
    mutating func grow(series: Int, periods: Int, rows: Int) {
        if usesSet { return }
        let needStride = (periods + 63) / 64
        if series <= seriesCapacity && needStride <= stride { return }
        var newStride = max(stride, 1)
        while newStride < needStride { newStride *= 2 }
        var newCapacity = max(seriesCapacity, 16)
        while newCapacity < series { newCapacity *= 2 }
        if newCapacity * newStride * 8 > max(64 << 20, rows * 4) {
            // Sparse: many series times many periods. A hash set of the pairs instead.
            usesSet = true
            set.reserveCapacity(rows)
            for s in 0..<seriesCapacity {
                for w in 0..<stride where words[s * stride + w] != 0 {
                    let word = words[s * stride + w]
                    for b in 0..<64 where word & (1 << UInt64(b)) != 0 {
                        set.insert(UInt64(s) << 32 | UInt64(w * 64 + b))
                    }
                }
            }
            words = []
            return
        }
        var bigger = [UInt64](repeating: 0, count: newCapacity * newStride)
        for s in 0..<seriesCapacity {
            for w in 0..<stride { bigger[s * newStride + w] = words[s * stride + w] }
        }
        words = bigger
        stride = newStride
        seriesCapacity = newCapacity
    }

    /// Marks (s, p); false when it was marked already.
    @inline(__always)
    mutating func insert(_ s: Int32, _ p: Int32) -> Bool {
        if usesSet { return set.insert(UInt64(UInt32(s)) << 32 | UInt64(UInt32(p))).inserted }
        let i = Int(s) * stride + Int(p >> 6), mask: UInt64 = 1 << UInt64(p & 63)
        if words[i] & mask != 0 { return false }
        words[i] |= mask
        return true
    }

    mutating func remove(_ s: Int32, _ p: Int32) {
        if usesSet { set.remove(UInt64(UInt32(s)) << 32 | UInt64(UInt32(p))); return }
        words[Int(s) * stride + Int(p >> 6)] &= ~(1 << UInt64(p & 63))
    }

    /// Marks every pair of a batch; the index of the first pair marked already, or nil.
    /// Pairs before it stay marked.
    mutating func insertAll(_ series: UnsafePointer<Int32>, _ periods: UnsafePointer<Int32>, _ n: Int) -> Int? {
        if usesSet {
            for i in 0..<n where !insert(series[i], periods[i]) { return i }
            return nil
        }
        let stride = self.stride
        return words.withUnsafeMutableBufferPointer { w -> Int? in
            for i in 0..<n {
                let p = periods[i]
                let k = Int(series[i]) * stride + Int(p >> 6), mask: UInt64 = 1 << UInt64(p & 63)
                if w[k] & mask != 0 { return i }
                w[k] |= mask
            }
            return nil
        }
    }
}

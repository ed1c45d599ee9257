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
    /// for `count` values: two keys of 8 bytes per value and the radix sort's histogram
    /// (`RadixSort.histogramByteCount(for:)`: 1 KiB for 200 values, 32 KiB above 4096).
    ///
    ///     Ranking.scratchByteCount(for: 1000)  // 20096
    ///
    /// - Complexity: O(1).
    public static func scratchByteCount(for count: Int) -> Int {
        let (perValue, o1) = max(count, 0).multipliedReportingOverflow(by: 16)
        let (total, o2) = perValue.addingReportingOverflow(RadixSort.histogramByteCount(for: count))
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
    /// - Complexity: O(n) for values spread over their range (a bucket sort on the top
    ///   bits of the packed keys), O(n × 8) for clustered values; a run of distinct values
    ///   that collide in the packed key is sorted by comparison. No allocation.
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
                rank(
                    v, into: o, method: method, order: order, missing: missing, scale: scale,
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

    /// Ranks `n` values at `values` into `ranks` (which may be `values` itself).
    @inline(__always)
    static func kernel(
        _ values: UnsafePointer<Double>, _ ranks: UnsafeMutablePointer<Double>, _ n: Int,
        _ method: RankMethod, _ descending: Bool, _ missing: MissingPolicy, _ scale: RankScale,
        _ scratch: Scratch
    ) {
        let keep = missing == .keep
        let keys = scratch.keys
        // Pass 1, reading only: the smallest and largest number, two values at a time in
        // two pairs of vector accumulators (a comparison with NaN is false, so NaN is
        // skipped), and the number of NaNs, counted in the same pass.
        let inf = SIMD2<Double>(repeating: .infinity)
        var lo0 = inf, lo1 = inf, hi0 = -inf, hi1 = -inf
        var nan0 = SIMD2<Int64>(), nan1 = SIMD2<Int64>()
        let raw = UnsafeRawPointer(values)
        var i = 0
        while i &+ 4 <= n {
            let x0 = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self)
            let x1 = raw.loadUnaligned(fromByteOffset: i &* 8 &+ 16, as: SIMD2<Double>.self)
            lo0.replace(with: x0, where: x0 .< lo0)
            lo1.replace(with: x1, where: x1 .< lo1)
            hi0.replace(with: x0, where: x0 .> hi0)
            hi1.replace(with: x1, where: x1 .> hi1)
            nan0.replace(with: nan0 &+ 1, where: x0 .!= x0)
            nan1.replace(with: nan1 &+ 1, where: x1 .!= x1)
            i &+= 4
        }
        var small = min(min(lo0[0], lo0[1]), min(lo1[0], lo1[1]))
        var large = max(max(hi0[0], hi0[1]), max(hi1[0], hi1[1]))
        var nans = Int(truncatingIfNeeded: (nan0 &+ nan1).wrappedSum())
        while i < n {
            let x = values[i]
            small = x < small ? x : small
            large = x > large ? x : large
            nans &+= x.isNaN ? 1 : 0
            i &+= 1
        }
        let numbers = n &- nans
        let m = keep ? numbers : n
        if m == 0 {
            for j in 0..<n { ranks[j] = .nan }  // safe in place: every value is NaN
            return
        }
        // The range of the full keys: of the numbers, and of the missing block if ranked.
        var lo = UInt64.max
        var hi: UInt64 = 0
        if numbers > 0 {
            lo = SortKey.key(descending ? large : small, descending: descending)
            hi = SortKey.key(descending ? small : large, descending: descending)
        }
        if nans > 0 && !keep {
            lo = min(lo, SortKey.missingKey(missing))
            hi = max(hi, SortKey.missingKey(missing))
        }

        // Pass 2: (key - lo) >> shift in the high bits, the row in the low bits.
        let idxBits = n > 1 ? 64 &- (n &- 1).leadingZeroBitCount : 0
        let rangeBits = 64 &- (hi &- lo).leadingZeroBitCount
        let prefixBits = min(rangeBits, 64 &- idxBits)
        let shift = UInt64(rangeBits &- prefixBits)
        let ib = UInt64(idxBits)
        let bits = prefixBits &+ idxBits
        pack(values, keys, n, keep, nans, lo, shift, ib, descending, missing, ranks)
        // Few keys: sorted on their top bits only; `AssignContext` finishes the rare runs
        // of keys that share them (one pass fewer than finishing them all here).
        let sorted: UnsafeMutablePointer<UInt64>
        var runShift = idxBits
        if m > RadixSort.msdLimit && m <= RadixSort.topSortLimit && bits > 0 {
            let (s, unsortedBelow) = RadixSort.topSort(
                keys, scratch.temp, count: m, bits: bits, histogram: scratch.histogram)
            sorted = s
            runShift = max(idxBits, unsortedBelow)
        } else {
            sorted = RadixSort.sort(keys, scratch.temp, count: m, bits: bits, histogram: scratch.histogram)
        }
        let ctx = AssignContext(
            values: values, ranks: ranks, sorted: sorted, m: m, idxBits: idxBits,
            runShift: runShift, spare: sorted == keys ? scratch.temp : keys,
            histogram: scratch.histogram, descending: descending, missing: missing)
        switch (scale, method) {
        case (.percentRank, _): ctx.run(PercentRankFormula.self)
        case (.cumeDist, _): ctx.run(CumeDistFormula.self)
        case (.rank, .competition): ctx.run(CompetitionFormula.self)
        case (.rank, .competitionMax): ctx.run(CompetitionMaxFormula.self)
        case (.rank, .fractional): ctx.run(FractionalFormula.self)
        case (.rank, .dense): ctx.run(DenseFormula.self)
        case (.rank, .ordinal): ctx.run(OrdinalFormula.self)
        case (.pct, .competition): ctx.run(Pct<CompetitionFormula>.self)
        case (.pct, .competitionMax): ctx.run(Pct<CompetitionMaxFormula>.self)
        case (.pct, .fractional): ctx.run(Pct<FractionalFormula>.self)
        case (.pct, .ordinal): ctx.run(Pct<OrdinalFormula>.self)
        case (.pct, .dense):
            // Dense ranks divided by the number of distinct values (known at the end).
            let distinct = Double(ctx.run(DenseFormula.self))
            for j in 0..<m {
                let r = Int(truncatingIfNeeded: sorted[j] & ctx.mask)
                ranks[r] = ranks[r] / distinct
            }
        }
    }
}

extension Ranking {
    /// Pass 2 of the kernel in general: the packed key of every ranked row,
    /// `(key - lo) >> shift` in the high bits and the row in the low `ib` bits, the rows
    /// with missing values left out under `.keep` (their ranks set to NaN).
    ///
    /// - Complexity: O(n).
    @inline(__always)
    static func pack(
        _ values: UnsafePointer<Double>, _ keys: UnsafeMutablePointer<UInt64>, _ n: Int,
        _ keep: Bool, _ nans: Int, _ lo: UInt64, _ shift: UInt64, _ ib: UInt64,
        _ descending: Bool, _ missing: MissingPolicy, _ ranks: UnsafeMutablePointer<Double>
    ) {
        if nans == 0 {
            for i in 0..<n {
                let k = SortKey.key(values[i], descending: descending)
                keys[i] = (((k &- lo) &>> shift) &<< ib) | UInt64(truncatingIfNeeded: i)
            }
            return
        }
        if keep {
            // Every value packed in the loop the compiler vectorises (a NaN's key is
            // garbage and is dropped next).
            for i in 0..<n {
                let k = SortKey.key(values[i], descending: descending)
                keys[i] = (((k &- lo) &>> shift) &<< ib) | UInt64(truncatingIfNeeded: i)
            }
            // Missing values are few: the runs of numbers between them move down in
            // blocks (memmove), and a missing value's rank stays NaN (safe in place:
            // values[i] is NaN already). Each is found four values at a time (two vector
            // compares and one branch that is rarely taken), and the search stops at the
            // last of the `nans` that pass 1 counted.
            let raw = UnsafeRawPointer(values)
            var j = 0, start = 0, i = 0, remaining = nans
            while remaining > 0 {
                while i &+ 4 <= n {
                    let x0 = raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD2<Double>.self)
                    let x1 = raw.loadUnaligned(fromByteOffset: i &* 8 &+ 16, as: SIMD2<Double>.self)
                    if any((x0 .!= x0) .| (x1 .!= x1)) { break }
                    i &+= 4
                }
                while i < n && !values[i].isNaN { i &+= 1 }
                if i == n { break }  // (only if the values changed since pass 1)
                ranks[i] = .nan
                if j != start { (keys + j).update(from: keys + start, count: i &- start) }
                j &+= i &- start
                i &+= 1
                start = i
                remaining &-= 1
            }
            if j != start { (keys + j).update(from: keys + start, count: n &- start) }
            return
        }
        for i in 0..<n {
            let k = SortKey.fullKey(values[i], descending: descending, missing: missing)
            keys[i] = (((k &- lo) &>> shift) &<< ib) | UInt64(truncatingIfNeeded: i)
        }
    }
}

/// How a rank is computed from a block of tied values at sorted positions `s..<t` (the
/// `dense`-th distinct value) among `m` ranked values, or per element `j` for ordinal.
/// Every formula is exact in doubles (integers and halves) and divides rather than
/// multiplies by a reciprocal, so results round as pandas and SQL round them.
protocol RankFormula {
    static var perElement: Bool { get }
    static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double
    static func element(_ j: Int, _ m: Double) -> Double
}

extension RankFormula {
    static var perElement: Bool { false }
    @inline(__always) static func element(_ j: Int, _ m: Double) -> Double { 0 }
}

enum CompetitionFormula: RankFormula {
    @inline(__always) static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double { Double(s &+ 1) }
}
enum CompetitionMaxFormula: RankFormula {
    @inline(__always) static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double { Double(t) }
}
enum FractionalFormula: RankFormula {
    @inline(__always) static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double {
        Double(s &+ 1 &+ t) * 0.5
    }
}
enum DenseFormula: RankFormula {
    @inline(__always) static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double { Double(dense) }
}
enum OrdinalFormula: RankFormula {
    static var perElement: Bool { true }
    @inline(__always) static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double { 0 }
    @inline(__always) static func element(_ j: Int, _ m: Double) -> Double { Double(j &+ 1) }
}
/// SQL PERCENT_RANK(): (competition − 1) / (m − 1), 0 when m = 1 (then s = 0).
enum PercentRankFormula: RankFormula {
    @inline(__always) static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double {
        Double(s) / Swift.max(m - 1, 1)
    }
}
/// SQL CUME_DIST(): competition_max / m.
enum CumeDistFormula: RankFormula {
    @inline(__always) static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double { Double(t) / m }
}
/// pandas' pct=True: the rank divided by m.
enum Pct<F: RankFormula>: RankFormula {
    static var perElement: Bool { F.perElement }
    @inline(__always) static func block(_ s: Int, _ t: Int, _ dense: Int, _ m: Double) -> Double {
        F.block(s, t, dense, m) / m
    }
    @inline(__always) static func element(_ j: Int, _ m: Double) -> Double { F.element(j, m) / m }
}

/// Gives ranks in sorted order. Reads `values[i]` only for rows not yet written, so
/// `ranks` may alias `values`.
///
/// Keys that share their bits above `runShift` may come in any order (the kernel's sort
/// on the top bits leaves them in input order); each such run is sorted here, by
/// insertion or, when long (clustered values), by `RadixSort.msdSort` using `spare` and
/// `histogram`. With `runShift` equal to the index bits the keys come sorted. A run of
/// one packed prefix (ties, or values that collide in it) keeps its full keys in `spare`
/// while it is grouped, so that each value is read once.
struct AssignContext {
    let values: UnsafePointer<Double>
    let ranks: UnsafeMutablePointer<Double>
    let sorted: UnsafeMutablePointer<UInt64>
    let m: Int
    let ib: UInt64
    let rs: UInt64
    let mask: UInt64
    let spare: UnsafeMutablePointer<UInt64>
    let histogram: UnsafeMutablePointer<Int>
    let descending: Bool
    let missing: MissingPolicy

    @inline(__always)
    init(
        values: UnsafePointer<Double>, ranks: UnsafeMutablePointer<Double>,
        sorted: UnsafeMutablePointer<UInt64>, m: Int, idxBits: Int, runShift: Int,
        spare: UnsafeMutablePointer<UInt64>, histogram: UnsafeMutablePointer<Int>,
        descending: Bool, missing: MissingPolicy
    ) {
        self.values = values
        self.ranks = ranks
        self.sorted = sorted
        self.m = m
        ib = UInt64(idxBits)
        rs = UInt64(runShift)
        mask = idxBits == 0 ? 0 : (UInt64.max &>> UInt64(64 &- idxBits))
        self.spare = spare
        self.histogram = histogram
        self.descending = descending
        self.missing = missing
    }

    @inline(__always) func row(_ j: Int) -> Int { Int(truncatingIfNeeded: sorted[j] & mask) }

    @inline(__always) func fullKey(_ j: Int) -> UInt64 {
        SortKey.fullKey(values[row(j)], descending: descending, missing: missing)
    }

    /// Sorts the keys at `k..<e`, which share their bits above `rs`.
    ///
    /// - Complexity: O((e − k)²) up to `RadixSort.insertionLimit` keys, else
    ///   O((e − k) × rs / 4).
    func finishRun(_ k: Int, _ e: Int) {
        let count = e &- k
        if count <= RadixSort.insertionLimit {
            RadixSort.insertionSort(sorted + k, count: count)
            return
        }
        let r = RadixSort.msdSort(sorted + k, spare + k, count: count, bits: Int(rs), histogram: histogram)
        if r != sorted + k { (sorted + k).update(from: r, count: count) }
    }

    /// Writes every rank with formula `F`; returns the number of distinct values.
    ///
    /// - Complexity: O(m) when few keys share a packed prefix; a run of distinct values
    ///   that collide in it is sorted by comparison.
    @discardableResult
    func run<F: RankFormula>(_: F.Type) -> Int {
        let count = Double(m)
        // `dense` lives in a register: the helpers take it and return it rather than
        // capture it (a captured counter is kept in memory, one store-to-load chain per key).
        @inline(__always) func emit(_ s: Int, _ t: Int, _ dense: Int) {
            if F.perElement {
                for j in s..<t { ranks[row(j)] = F.element(j, count) }
            } else {
                let r = F.block(s, t, dense, count)
                for j in s..<t { ranks[row(j)] = r }
            }
        }
        // A run with one packed prefix: equal values (already in row order) or, rarely,
        // distinct values that collide in the prefix. Make it exact; returns `dense`.
        // Each value is read once (rows of a run lie far apart in a large input): its
        // full key is kept in `spare` for the grouping.
        @inline(__always) func exact(_ k: Int, _ e: Int, _ dense: Int) -> Int {
            var dense = dense
            let spare = self.spare
            var inOrder = true
            var previous = fullKey(k)
            spare[k] = previous
            for t in (k &+ 1)..<e {
                let f = fullKey(t)
                spare[t] = f
                if f < previous { inOrder = false; break }
                previous = f
            }
            if !inOrder {
                let mask = self.mask, values = self.values
                let descending = self.descending, missing = self.missing
                var run = UnsafeMutableBufferPointer(start: sorted + k, count: e &- k)
                run.sort { a, b in
                    let fa = SortKey.fullKey(
                        values[Int(truncatingIfNeeded: a & mask)],
                        descending: descending, missing: missing)
                    let fb = SortKey.fullKey(
                        values[Int(truncatingIfNeeded: b & mask)],
                        descending: descending, missing: missing)
                    return fa != fb ? fa < fb : (a & mask) < (b & mask)
                }
                for t in k..<e { spare[t] = fullKey(t) }
            }
            var s = k
            while s < e {
                let f = spare[s]
                var t = s &+ 1
                while t < e && spare[t] == f { t &+= 1 }
                dense &+= 1
                emit(s, t, dense)
                s = t
            }
            return dense
        }
        var dense = 0
        let rs = self.rs
        let ib = self.ib
        var k = 0
        while k < m {
            let key = sorted[k]
            let c = key &>> rs
            // The common case: a value alone in its top bits (alone in its packed prefix).
            if k &+ 1 == m || (sorted[k &+ 1] &>> rs) != c {
                dense &+= 1
                ranks[Int(truncatingIfNeeded: key & mask)] =
                    F.perElement ? F.element(k, count) : F.block(k, k &+ 1, dense, count)
                k &+= 1
                continue
            }
            var e = k &+ 2
            while e < m && (sorted[e] &>> rs) == c { e &+= 1 }
            if rs == ib {
                dense = exact(k, e, dense)
                k = e
                continue
            }
            finishRun(k, e)
            // Within the run, the keys of each packed prefix.
            var a = k
            while a < e {
                let p = sorted[a] &>> ib
                var b = a &+ 1
                while b < e && (sorted[b] &>> ib) == p { b &+= 1 }
                if b &- a == 1 {
                    dense &+= 1
                    ranks[row(a)] = F.perElement ? F.element(a, count) : F.block(a, a &+ 1, dense, count)
                } else {
                    dense = exact(a, b, dense)
                }
                a = b
            }
            k = e
        }
        return dense
    }
}

/// Ranking within groups in one call: the shape of a DataFrame's (group, value) column
/// pair, and of a panel ranked period by period.
///
/// Rows with the same group id are ranked among themselves, exactly as
/// `Ranking.rank(_:into:method:order:missing:scale:scratch:)` ranks one array; within a
/// group, ties under `.ordinal` break by input position. Groups may come in any order:
///
/// - **Sorted ids** (non-decreasing, each group one contiguous run, the common layout of
///   a panel stored period by period) are ranked in place, run by run, with no memory
///   beyond one kernel's scratch per task.
/// - **Any other order** is bucketed first by a counting sort on the ids (stable, so
///   input order is kept within a group): values are scattered into group order once,
///   ranked in place there, and gathered back. Extra memory: 12 bytes per row plus
///   8 bytes per id in `min...max` (ids spread wider than the row count are first
///   renumbered densely, with 12 more bytes per row while that runs).
///
/// Work is split by rows into about `runner.width` tasks along group boundaries; one
/// group is never split.
extension Ranking {
    /// Ranks `values` within the groups given by `groups` (the same count) into `ranks`.
    ///
    ///     // groups 7, 7, 7, 3, 3   values 30, 20, 20, 5, 9   .competition, .descending
    ///     // -> ranks 1, 2, 2, 2, 1
    ///
    /// - Parameters:
    ///   - values: The values; NaN is missing.
    ///   - groups: The group id of each row; any integers, in any order.
    ///   - ranks: Receives the ranks (or percent ranks, by `scale`); may be the buffer of
    ///     `values` (in place).
    ///   - runner: Runs the tasks; `SerialFor()` by default.
    ///   - allocator: Temporary memory; its failure is thrown as `ScratchError`.
    /// - Throws: `ScratchError.outOfMemory` when temporary memory cannot be had; `ranks`
    ///   is then untouched.
    /// - Complexity: O(n) passes over the rows for sorted ids, plus O(n + range of ids)
    ///   for any other order; each group is ranked by the radix kernel.
    public static func rank(
        _ values: UnsafeBufferPointer<Double>,
        groups: UnsafeBufferPointer<Int64>,
        into ranks: UnsafeMutableBufferPointer<Double>,
        method: RankMethod, order: RankOrder = .ascending, missing: MissingPolicy = .keep,
        scale: RankScale = .rank,
        runner: any ParallelFor = SerialFor(), allocator: ScratchAllocator = .standard
    ) throws(ScratchError) {
        let n = min(values.count, groups.count, ranks.count)
        guard n > 0, let v = values.baseAddress, let g = groups.baseAddress,
            let r = ranks.baseAddress
        else { return }
        let job = GroupedJob(method: method, descending: order == .descending, missing: missing,
                             scale: scale, runner: runner, allocator: allocator)
        try job.run(v, g, r, n)
    }

    /// `rank(_:groups:into:...)` for 32-bit group ids (a panel's period index).
    ///
    /// - Complexity: as for 64-bit ids.
    public static func rank(
        _ values: UnsafeBufferPointer<Double>,
        groups: UnsafeBufferPointer<Int32>,
        into ranks: UnsafeMutableBufferPointer<Double>,
        method: RankMethod, order: RankOrder = .ascending, missing: MissingPolicy = .keep,
        scale: RankScale = .rank,
        runner: any ParallelFor = SerialFor(), allocator: ScratchAllocator = .standard
    ) throws(ScratchError) {
        let n = min(values.count, groups.count, ranks.count)
        guard n > 0, let v = values.baseAddress, let g = groups.baseAddress,
            let r = ranks.baseAddress
        else { return }
        let job = GroupedJob(method: method, descending: order == .descending, missing: missing,
                             scale: scale, runner: runner, allocator: allocator)
        try job.run(v, g, r, n)
    }

    /// The ranks of `values` within `groups`, as a new array.
    ///
    ///     Ranking.ranks(of: [30, 20, 20, 5, 9], groups: [7, 7, 7, 3, 3],
    ///                   method: .competition, order: .descending)
    ///     // [1.0, 2.0, 2.0, 2.0, 1.0]
    ///
    /// - Precondition: `groups.count == values.count`.
    /// - Complexity: see `rank(_:groups:into:...)`.
    public static func ranks(
        of values: [Double], groups: [Int64], method: RankMethod,
        order: RankOrder = .ascending, missing: MissingPolicy = .keep, scale: RankScale = .rank,
        runner: any ParallelFor = SerialFor()
    ) -> [Double] {
        precondition(groups.count == values.count, "groups and values differ in length")
        var out = [Double](repeating: .nan, count: values.count)
        values.withUnsafeBufferPointer { v in
            groups.withUnsafeBufferPointer { g in
                out.withUnsafeMutableBufferPointer { o in
                    // The standard allocator traps rather than fails, so this cannot throw.
                    try? rank(v, groups: g, into: o, method: method, order: order,
                              missing: missing, scale: scale, runner: runner)
                }
            }
        }
        return out
    }
}

/// One grouped ranking: the options, and the two strategies (sorted runs, buckets).
struct GroupedJob {
    let method: RankMethod
    let descending: Bool
    let missing: MissingPolicy
    let scale: RankScale
    let runner: any ParallelFor
    let allocator: ScratchAllocator

    /// Rows per task below which splitting costs more than it saves.
    static let minRowsPerTask = 1 << 15

    func taskCount(_ n: Int) -> Int {
        max(1, min(runner.width, n / GroupedJob.minRowsPerTask, 64))
    }

    /// Kernel scratch for `tasks` tasks, each able to rank `maxGroup` rows, in one block.
    func withKernelScratch(
        tasks: Int, maxGroup: Int, _ body: (_ scratchOf: (Int) -> Ranking.Scratch) -> Void
    ) throws(ScratchError) {
        let per = (Ranking.scratchByteCount(for: maxGroup) + 63) & ~63
        let (total, overflow) = per.multipliedReportingOverflow(by: tasks)
        if overflow { throw .outOfMemory(bytes: Int.max) }
        let block = try allocator.allocate(UInt8.self, count: total)
        defer { allocator.free(block) }
        let raw = UnsafeMutableRawPointer(block)
        body { t in Ranking.Scratch(raw + t * per, capacity: maxGroup) }
    }

    @inline(__always)
    func rankSlice(_ v: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, _ n: Int,
                   _ s: Ranking.Scratch) {
        Ranking.kernel(v, r, n, method, descending, missing, scale, s)
    }

    func run<G: FixedWidthInteger & SignedInteger>(
        _ v: UnsafePointer<Double>, _ g: UnsafePointer<G>, _ r: UnsafeMutablePointer<Double>,
        _ n: Int
    ) throws(ScratchError) {
        // One pass: are the ids non-decreasing, their range, the longest run.
        var sorted = true
        var lo = g[0]
        var hi = g[0]
        var maxRun = 0
        var runStart = 0
        var previous = g[0]
        for i in 1..<n {
            let x = g[i]
            if x != previous {
                maxRun = max(maxRun, i &- runStart)
                runStart = i
                if x < previous { sorted = false }
                lo = min(lo, x)
                hi = max(hi, x)
                previous = x
            }
        }
        maxRun = max(maxRun, n &- runStart)
        if sorted {
            try runSorted(v, g, r, n, maxRun: maxRun)
        } else {
            try runBuckets(v, g, r, n, lo: Int64(lo), hi: Int64(hi))
        }
    }

    /// Sorted ids: each run is a group, ranked where it lies.
    func runSorted<G: FixedWidthInteger>(
        _ v: UnsafePointer<Double>, _ g: UnsafePointer<G>, _ r: UnsafeMutablePointer<Double>,
        _ n: Int, maxRun: Int
    ) throws(ScratchError) {
        let tasks = taskCount(n)
        // Task t starts at the first run start at or after t·n/tasks.
        var bounds = [Int](repeating: n, count: tasks + 1)
        bounds[0] = 0
        for t in 1..<max(tasks, 1) {
            var i = max(n / tasks * t, bounds[t - 1])
            while i > 0 && i < n && g[i] == g[i - 1] { i += 1 }
            bounds[t] = i
        }
        try withKernelScratch(tasks: tasks, maxGroup: maxRun) { scratchOf in
            bounds.withUnsafeBufferPointer { b in
                runner.run(tasks) { t in
                    let s = scratchOf(t)
                    var i = b[t]
                    let end = b[t + 1]
                    while i < end {
                        var e = i + 1
                        let id = g[i]
                        while e < end && g[e] == id { e += 1 }
                        rankSlice(v + i, r + i, e - i, s)
                        i = e
                    }
                }
            }
        }
    }

    /// Any order: counting sort into buckets, rank each bucket, gather back.
    func runBuckets<G: FixedWidthInteger>(
        _ v: UnsafePointer<Double>, _ g: UnsafePointer<G>, _ r: UnsafeMutablePointer<Double>,
        _ n: Int, lo: Int64, hi: Int64
    ) throws(ScratchError) {
        let span = UInt64(bitPattern: hi) &- UInt64(bitPattern: lo)  // hi - lo, exact
        if span < UInt64(max(n, 1 << 16)) {
            let base = UInt64(bitPattern: lo)
            try runBuckets(v, r, n, bucketCount: Int(span) + 1) { i in
                Int(truncatingIfNeeded: UInt64(bitPattern: Int64(g[i])) &- base)
            }
            return
        }
        // Ids spread wider than the rows: renumber them densely in sorted order.
        let codes = try allocator.allocate(UInt32.self, count: n)
        defer { allocator.free(codes) }
        var distinct = 0
        do {
            let ids = try allocator.allocate(Int64.self, count: n)
            defer { allocator.free(ids) }
            for i in 0..<n { ids[i] = Int64(g[i]) }
            var all = UnsafeMutableBufferPointer(start: ids, count: n)
            all.sort()
            for i in 0..<n where i == 0 || ids[i] != ids[distinct - 1] {
                ids[distinct] = ids[i]
                distinct += 1
            }
            let unique = UnsafeBufferPointer(start: ids, count: distinct)
            for i in 0..<n {
                // Binary search: the id is present.
                let x = Int64(g[i])
                var a = 0
                var b = unique.count
                while a < b {
                    let mid = (a + b) / 2
                    if unique[mid] < x { a = mid + 1 } else { b = mid }
                }
                codes[i] = UInt32(truncatingIfNeeded: a)
            }
        }
        try runBuckets(v, r, n, bucketCount: distinct) { i in Int(codes[i]) }
    }

    func runBuckets(
        _ v: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, _ n: Int,
        bucketCount buckets: Int, key: (Int) -> Int
    ) throws(ScratchError) {
        if n <= Int(UInt32.max) {
            try runBuckets(v, r, n, buckets, key, position: UInt32.self)
        } else {
            try runBuckets(v, r, n, buckets, key, position: Int.self)
        }
    }

    func runBuckets<P: FixedWidthInteger>(
        _ v: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, _ n: Int,
        _ buckets: Int, _ key: (Int) -> Int, position: P.Type
    ) throws(ScratchError) {
        let tasks = taskCount(n)
        // Per-task histograms cost tasks × buckets counters: use one when ids are many.
        let scatterTasks = buckets <= n / 8 ? tasks : 1
        let counts = try allocator.allocate(Int.self, count: scatterTasks * buckets + buckets + 1)
        defer { allocator.free(counts) }
        let starts = counts + scatterTasks * buckets  // buckets + 1 entries
        let buf = try allocator.allocate(Double.self, count: n)
        defer { allocator.free(buf) }
        let pos = try allocator.allocate(P.self, count: n)
        defer { allocator.free(pos) }

        @inline(__always) func chunk(_ t: Int, of parts: Int) -> Range<Int> {
            (n / parts * t)..<(t == parts - 1 ? n : n / parts * (t + 1))
        }
        // 1. Histograms, one per scatter task.
        counts.initialize(repeating: 0, count: scatterTasks * buckets)
        runner.run(scatterTasks) { t in
            let h = counts + t * buckets
            for i in chunk(t, of: scatterTasks) { h[key(i)] &+= 1 }
        }
        // 2. Bucket starts, and each task's first slot in each bucket.
        var total = 0
        var maxBucket = 0
        for b in 0..<buckets {
            starts[b] = total
            var size = 0
            for t in 0..<scatterTasks {
                let c = counts[t * buckets + b]
                counts[t * buckets + b] = total &+ size
                size &+= c
            }
            maxBucket = max(maxBucket, size)
            total &+= size
        }
        starts[buckets] = total
        // 3. Scatter values into bucket order; remember where each row went.
        runner.run(scatterTasks) { t in
            let cursor = counts + t * buckets
            for i in chunk(t, of: scatterTasks) {
                let b = key(i)
                let p = cursor[b]
                cursor[b] = p &+ 1
                buf[p] = v[i]
                pos[i] = P(truncatingIfNeeded: p)
            }
        }
        // 4. Rank each bucket in place; tasks take whole buckets, balanced by rows.
        try withKernelScratch(tasks: tasks, maxGroup: maxBucket) { scratchOf in
            runner.run(tasks) { t in
                let s = scratchOf(t)
                let first = firstBucket(starting: n / tasks * t, starts, buckets)
                let last = t == tasks - 1 ? buckets : firstBucket(starting: n / tasks * (t + 1), starts, buckets)
                var b = first
                while b < last {
                    let a = starts[b]
                    let size = starts[b + 1] &- a
                    if size > 0 { rankSlice(buf + a, buf + a, size, s) }
                    b += 1
                }
            }
        }
        // 5. Gather back into row order.
        runner.run(tasks) { t in
            for i in chunk(t, of: tasks) { r[i] = buf[Int(truncatingIfNeeded: pos[i])] }
        }
    }

    /// The first bucket whose start is at or after `row` (buckets if none).
    @inline(__always)
    func firstBucket(starting row: Int, _ starts: UnsafeMutablePointer<Int>, _ buckets: Int) -> Int {
        var a = 0
        var b = buckets
        while a < b {
            let mid = (a + b) / 2
            if starts[mid] < row { a = mid + 1 } else { b = mid }
        }
        return a
    }
}

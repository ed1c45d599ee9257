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
        let job = GroupedJob(
            method: method, descending: order == .descending, missing: missing,
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
        let job = GroupedJob(
            method: method, descending: order == .descending, missing: missing,
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
                    try? rank(
                        v, groups: g, into: o, method: method, order: order,
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
    func rankSlice(
        _ v: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, _ n: Int,
        _ s: Ranking.Scratch
    ) {
        Ranking.kernel(v, r, n, method, descending, missing, scale, s)
    }

    func run<G: FixedWidthInteger & SignedInteger>(
        _ v: UnsafePointer<Double>, _ g: UnsafePointer<G>, _ r: UnsafeMutablePointer<Double>,
        _ n: Int
    ) throws(ScratchError) {
        // One pass over the ids: are they non-decreasing, their range, and (while they
        // are sorted) where each run starts, so the ranking pass need not read them again.
        var runs = RunList(allocator: allocator)
        defer { runs.release() }
        var sorted = true
        var lo = g[0]
        var hi = g[0]
        var previous = g[0]
        try runs.append(0)
        var i = 1
        while i < n {
            // A tight scan to the next change of id, then the bookkeeping.
            while i < n && g[i] == previous { i &+= 1 }
            if i == n { break }
            let x = g[i]
            if x < previous {
                // Not sorted: only the range is still needed.
                sorted = false
                runs.release()
                for j in i..<n {
                    lo = min(lo, g[j])
                    hi = max(hi, g[j])
                }
                break
            }
            try runs.append(i)
            lo = min(lo, x)
            hi = max(hi, x)
            previous = x
            i &+= 1
        }
        if sorted { try runs.append(n) }
        if sorted, let starts = runs.starts {
            try runSorted(v, r, n, runStarts: starts, runCount: runs.count - 1)
        } else {
            try runBuckets(v, g, r, n, lo: Int64(lo), hi: Int64(hi))
        }
    }

    /// Sorted ids: each run is a group, ranked where it lies. Run k is
    /// `runStarts[k] ..< runStarts[k + 1]`.
    func runSorted(
        _ v: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, _ n: Int,
        runStarts: UnsafeMutablePointer<Int>, runCount: Int
    ) throws(ScratchError) {
        var maxRun = 0
        for k in 0..<runCount { maxRun = max(maxRun, runStarts[k + 1] &- runStarts[k]) }
        let tasks = min(taskCount(n), runCount)
        // Task t takes the runs starting at or after row t·n/tasks (whole runs only).
        var bounds = [Int](repeating: runCount, count: tasks + 1)
        bounds[0] = 0
        for t in 1..<max(tasks, 1) {
            let row = n / tasks * t
            var a = bounds[t - 1]
            var b = runCount
            while a < b {
                let mid = (a + b) / 2
                if runStarts[mid] < row { a = mid + 1 } else { b = mid }
            }
            bounds[t] = a
        }
        try withKernelScratch(tasks: tasks, maxGroup: maxRun) { scratchOf in
            bounds.withUnsafeBufferPointer { b in
                runner.run(tasks) { t in
                    let s = scratchOf(t)
                    for k in b[t]..<b[t + 1] {
                        let i = runStarts[k]
                        rankSlice(v + i, r + i, runStarts[k + 1] &- i, s)
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
        if n <= Int(UInt32.max) {
            try runBuckets(v, g, r, n, lo: lo, hi: hi, position: UInt32.self)
        } else {
            try runBuckets(v, g, r, n, lo: lo, hi: hi, position: Int.self)
        }
    }

    /// `pos[i]` first holds row i's bucket (its id's offset from the smallest id, or its
    /// dense code when the ids are spread wider than the rows), then where its value went.
    func runBuckets<G: FixedWidthInteger, P: FixedWidthInteger>(
        _ v: UnsafePointer<Double>, _ g: UnsafePointer<G>, _ r: UnsafeMutablePointer<Double>,
        _ n: Int, lo: Int64, hi: Int64, position: P.Type
    ) throws(ScratchError) {
        let tasks = taskCount(n)
        let pos = try allocator.allocate(P.self, count: n)
        defer { allocator.free(pos) }
        @inline(__always) func chunk(_ t: Int, of parts: Int) -> Range<Int> {
            (n / parts * t)..<(t == parts - 1 ? n : n / parts * (t + 1))
        }
        let span = UInt64(bitPattern: hi) &- UInt64(bitPattern: lo)  // hi - lo, exact
        let dense = span < UInt64(max(n, 1 << 16))
        let buckets: Int
        if dense {
            buckets = Int(span) + 1
        } else {
            // Ids spread wider than the rows: renumber them densely in sorted order.
            let ids = try allocator.allocate(Int64.self, count: n)
            defer { allocator.free(ids) }
            for i in 0..<n { ids[i] = Int64(g[i]) }
            var all = UnsafeMutableBufferPointer(start: ids, count: n)
            all.sort()
            var distinct = 0
            for i in 0..<n where i == 0 || ids[i] != ids[distinct - 1] {
                ids[distinct] = ids[i]
                distinct += 1
            }
            for i in 0..<n {
                // Binary search: the id is present.
                let x = Int64(g[i])
                var a = 0
                var b = distinct
                while a < b {
                    let mid = (a + b) / 2
                    if ids[mid] < x { a = mid + 1 } else { b = mid }
                }
                pos[i] = P(truncatingIfNeeded: a)
            }
            buckets = distinct
        }
        // Per-task histograms cost tasks × buckets counters: use one when ids are many.
        let scatterTasks = buckets <= n / 8 ? tasks : 1
        let counts = try allocator.allocate(Int.self, count: scatterTasks * buckets + buckets + 1)
        defer { allocator.free(counts) }
        let starts = counts + scatterTasks * buckets  // buckets + 1 entries
        let buf = try allocator.allocate(Double.self, count: n)
        defer { allocator.free(buf) }

        // 1. Each row's bucket, and a histogram per scatter task.
        counts.initialize(repeating: 0, count: scatterTasks * buckets)
        let base = UInt64(bitPattern: lo)
        runner.run(scatterTasks) { t in
            let h = counts + t * buckets
            if dense {
                for i in chunk(t, of: scatterTasks) {
                    let k = Int(truncatingIfNeeded: UInt64(bitPattern: Int64(g[i])) &- base)
                    pos[i] = P(truncatingIfNeeded: k)
                    h[k] &+= 1
                }
            } else {
                for i in chunk(t, of: scatterTasks) { h[Int(truncatingIfNeeded: pos[i])] &+= 1 }
            }
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
                let b = Int(truncatingIfNeeded: pos[i])
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

/// The start rows of the runs of equal ids, in memory from the job's allocator, grown by
/// doubling.
struct RunList {
    let allocator: ScratchAllocator
    private(set) var starts: UnsafeMutablePointer<Int>? = nil
    private(set) var count = 0
    private var capacity = 0

    init(allocator: ScratchAllocator) { self.allocator = allocator }

    mutating func append(_ row: Int) throws(ScratchError) {
        if count == capacity {
            let grown = max(1024, capacity * 2)
            let p = try allocator.allocate(Int.self, count: grown)
            if let old = starts {
                p.update(from: old, count: count)
                allocator.free(old)
            }
            starts = p
            capacity = grown
        }
        starts?[count] = row
        count += 1
    }

    /// Frees the memory; the list is empty afterwards.
    mutating func release() {
        if let p = starts { allocator.free(p) }
        starts = nil
        capacity = 0
        count = 0
    }
}

/// The all-pairs overtake sweep over a periods × entities matrix (docs/design.md §4, §8).
///
/// The sweep keeps the *carried order* of the entities present in the current period:
/// sorted by value (largest first), ties kept in the previous period's order, and an
/// entity that (re)enters placed last among those it ties with (then by index). So the
/// relative order of two entities is their order in the last period in which they were
/// strictly ordered — the order the definition of an overtake refers to — and the
/// overtakes from period p−1 to p are exactly the pairs whose relative order changes:
/// the swaps of an insertion sort that starts from the previous order.
///
/// The order is the lexicographic order of the entities' value histories read backwards
/// from the current period, each history starting where the entity's current run of
/// present values starts (`tau`; a gap breaks the comparison). `link[i]` holds the last
/// period in which `order[i]` and `order[i+1]` were strictly ordered, or the period
/// before the later of the two runs started when they never were (the pair is then
/// *undefined*: tied since both are present). As for sorted strings and their longest
/// common prefixes, the last strict period of any two entries is the maximum of the
/// links between them; a pair is undefined iff that maximum is below the later start.
///
/// Cost per period: O(n + k) for k overtakes, or O(n log n) when counting and the order
/// changes a lot (merge-sort fallback); ties that need their history cost a sparse-table
/// build (O(n log n)) once per period. Gap bridging adds pairwise work only for entities
/// that come back after a gap and for pairs tied since one of them came back.
struct OvertakeSweep: ~Copyable {
    /// One entity during a step: its sort key in the new period, its id, and its position
    /// in the previous order (-1 for an entity entering in the new period).
    struct Item {
        var key: UInt64
        var entity: Int32
        var prev: Int32
    }

    static let unknownTau: Int32 = .min

    let values: UnsafePointer<Double>
    let n: Int
    let bridging: Bool
    /// Count only pairs strictly ordered in both p − 1 and p (`OvertakeRule.adjacent`).
    let adjacentOnly: Bool

    /// The period the state describes.
    private(set) var current = -1
    private var m = 0
    private var order: UnsafeMutablePointer<Int32>
    private var link: UnsafeMutablePointer<Int32>
    private var nextOrder: UnsafeMutablePointer<Int32>
    private var nextLink: UnsafeMutablePointer<Int32>
    /// Position of each entity in `order`, -1 when absent in the current period.
    private var pos: UnsafeMutablePointer<Int32>
    /// Start of each present entity's current run of present values (lazily computed).
    private var tau: UnsafeMutablePointer<Int32>
    private var work: UnsafeMutablePointer<Item>
    private var entrants: UnsafeMutablePointer<Item>
    private var merged: UnsafeMutablePointer<Item>
    private var scratch: UnsafeMutablePointer<Item>
    /// Number of undefined links in the current state.
    private var undefinedLinks = 0
    /// Range-maximum table over `link` of the previous state, built on demand.
    private var sparse: UnsafeMutablePointer<Int32>?
    private var sparseLevels = 0
    private var sparseBuilt = false

    /// A sweep over `values` (row-major, `n` entities per period). `values` must stay
    /// valid while the sweep is used. `n` must be below 2^31. Bridging needs the
    /// carried-order rule (`adjacentOnly` false).
    init(values: UnsafePointer<Double>, entities n: Int, bridging: Bool, adjacentOnly: Bool = false) {
        self.values = values
        self.n = n
        self.bridging = bridging && !adjacentOnly
        self.adjacentOnly = adjacentOnly
        let c = max(n, 1)
        order = .allocate(capacity: c)
        link = .allocate(capacity: c)
        nextOrder = .allocate(capacity: c)
        nextLink = .allocate(capacity: c)
        pos = .allocate(capacity: c)
        tau = .allocate(capacity: c)
        work = .allocate(capacity: c)
        entrants = .allocate(capacity: c)
        merged = .allocate(capacity: c)
        scratch = .allocate(capacity: c)
    }

    deinit {
        order.deallocate()
        link.deallocate()
        nextOrder.deallocate()
        nextLink.deallocate()
        pos.deallocate()
        tau.deallocate()
        work.deallocate()
        entrants.deallocate()
        merged.deallocate()
        scratch.deallocate()
        sparse?.deallocate()
    }

    @inline(__always)
    private func value(_ p: Int, _ e: Int32) -> Double { values[p &* n &+ Int(e)] }

    @inline(__always)
    private static func key(_ x: Double) -> UInt64 { SortKey.key(x, descending: true) }

    /// The start of the current run of entity `e`, present in the current period.
    @inline(__always)
    private mutating func runStart(_ e: Int32) -> Int32 {
        let t = tau[Int(e)]
        if t != Self.unknownTau { return t }
        var q = current
        while q > 0 && !value(q - 1, e).isNaN { q -= 1 }
        tau[Int(e)] = Int32(truncatingIfNeeded: q)
        return Int32(truncatingIfNeeded: q)
    }

    /// The last period at or before `from` in which present entities `a` and `b` were
    /// strictly ordered within both current runs, or (later run start − 1) if none.
    private mutating func historyLink(_ a: Int32, _ b: Int32, from: Int) -> Int32 {
        let limit = Int(max(runStart(a), runStart(b)))
        var q = from
        while q >= limit {
            if value(q, a) != value(q, b) { return Int32(truncatingIfNeeded: q) }
            q -= 1
        }
        return Int32(truncatingIfNeeded: limit - 1)
    }

    // MARK: - Starting from scratch

    /// Builds the state of period `c` from the data alone, exactly as a sweep from the
    /// first period would have left it (so chunks of periods can run independently).
    ///
    /// - Complexity: O(n log n) plus, for tied entities, the length of their common history.
    mutating func start(at c: Int) {
        current = c
        for e in 0..<n {
            pos[e] = -1
            tau[e] = Self.unknownTau
        }
        let row = values + c &* n
        var count = 0
        for e in 0..<n where !row[e].isNaN {
            work[count] = Item(key: Self.key(row[e]), entity: Int32(truncatingIfNeeded: e), prev: -1)
            count += 1
        }
        var items = UnsafeMutableBufferPointer(start: work, count: count)
        items.sort { $0.key != $1.key ? $0.key < $1.key : $0.entity < $1.entity }
        // Tied runs: order by history (most recent strict order), then shorter runs last,
        // then entity id.
        var i = 0
        while i < count {
            var j = i + 1
            while j < count && items[j].key == items[i].key { j += 1 }
            if j - i > 1 {
                for r in i..<j { _ = runStart(items[r].entity) }
                let tauPtr = UnsafePointer(tau)
                let vals = values, width = n
                var run = UnsafeMutableBufferPointer(rebasing: items[i..<j])
                run.sort { a, b in
                    let ta = tauPtr[Int(a.entity)], tb = tauPtr[Int(b.entity)]
                    var q = c - 1
                    let limit = Int(max(ta, tb))
                    while q >= limit {
                        let va = vals[q &* width &+ Int(a.entity)], vb = vals[q &* width &+ Int(b.entity)]
                        if va != vb { return va > vb }
                        q -= 1
                    }
                    return ta != tb ? ta < tb : a.entity < b.entity
                }
            }
            i = j
        }
        m = count
        undefinedLinks = 0
        for r in 0..<count {
            order[r] = items[r].entity
            pos[Int(items[r].entity)] = Int32(truncatingIfNeeded: r)
        }
        if count > 1 {
            for r in 0..<(count - 1) {
                let a = order[r], b = order[r + 1]
                if items[r].key != items[r + 1].key {
                    link[r] = Int32(truncatingIfNeeded: c)
                } else {
                    link[r] = historyLink(a, b, from: c - 1)
                    if link[r] < max(runStart(a), runStart(b)) { undefinedLinks += 1 }
                }
            }
        }
        sparseBuilt = false
    }

    // MARK: - One step

    /// Advances the state from period `p − 1` to `p` and reports the overtakes in `p`.
    /// Returns their number.
    ///
    /// - Complexity: O(n + k), or O(n log n) when counting a period with many overtakes.
    mutating func step<S: OvertakeSink>(to p: Int, sink: inout S) -> Int {
        precondition(p == current + 1, "steps must be consecutive")
        let row = values + p &* n
        var k = 0
        if bridging { k += bridgeTiedPairs(p, sink: &sink) }
        // Entities entering in p (absent in p − 1): no history, placed last among ties.
        // (This sequential pass also brings row p into the cache before the gather below.)
        var ne = 0
        for e in 0..<n where pos[e] < 0 && !row[e].isNaN {
            entrants[ne] = Item(key: Self.key(row[e]), entity: Int32(truncatingIfNeeded: e), prev: -1)
            ne += 1
        }
        if ne > 1 {
            var b = UnsafeMutableBufferPointer(start: entrants, count: ne)
            b.sort { $0.key != $1.key ? $0.key < $1.key : $0.entity < $1.entity }
        }
        // The entities present in both periods, in the previous order.
        var w = 0
        for i in 0..<m {
            let e = order[i]
            let x = row[Int(e)]
            if !x.isNaN {
                work[w] = Item(key: Self.key(x), entity: e, prev: Int32(truncatingIfNeeded: i))
                w += 1
            }
        }
        sparseBuilt = false
        if S.countsOnly && (adjacentOnly || undefinedLinks == 0) {
            // Every inversion is an overtake (less, under the adjacent rule, the pairs tied
            // in p − 1): count with insertion sort while the order barely changes, switch
            // to merge sort when it changes a lot.
            if adjacentOnly { k -= tiedInversions(w, period: p) }
            let budget = 4 &* w &* max(1, Int.bitWidth &- w.leadingZeroBitCount)
            if let swaps = insertionCount(w, budget: budget) {
                k += swaps
            } else {
                w = 0
                for i in 0..<m {
                    let e = order[i]
                    let x = row[Int(e)]
                    if !x.isNaN {
                        work[w] = Item(key: Self.key(x), entity: e, prev: Int32(truncatingIfNeeded: i))
                        w += 1
                    }
                }
                k += Self.mergeCount(work, merged, w)
            }
        } else {
            k += insertionSort(w, period: p, sink: &sink)
        }
        // Merge: survivors before entrants on equal keys.
        var a = 0, b = 0, mm = 0
        while a < w || b < ne {
            if b == ne || (a < w && work[a].key <= entrants[b].key) {
                merged[mm] = work[a]
                a += 1
            } else {
                merged[mm] = entrants[b]
                b += 1
            }
            mm += 1
        }
        // Links of the new order.
        var undefined = 0
        if mm > 1 {
            for r in 0..<(mm - 1) {
                let x = merged[r], y = merged[r + 1]
                if x.key != y.key {
                    nextLink[r] = Int32(truncatingIfNeeded: p)
                } else if x.prev < 0 || y.prev < 0 {
                    nextLink[r] = Int32(truncatingIfNeeded: p - 1)  // an entrant: undefined
                    undefined += 1
                } else {
                    // Tied survivors keep their previous relative order; their last strict
                    // period is the maximum link between them (disjoint ranges per block).
                    var s = link[Int(x.prev)]
                    var q = Int(x.prev) + 1
                    while q < Int(y.prev) {
                        s = max(s, link[q])
                        q += 1
                    }
                    nextLink[r] = s
                    if s < max(runStart(x.entity), runStart(y.entity)) { undefined += 1 }
                }
            }
        }
        if bridging && ne > 0 { k += bridgeEntrants(p, count: mm, sink: &sink) }
        // Commit.
        for i in 0..<m { pos[Int(order[i])] = -1 }
        for r in 0..<mm {
            nextOrder[r] = merged[r].entity
            pos[Int(merged[r].entity)] = Int32(truncatingIfNeeded: r)
            if merged[r].prev < 0 { tau[Int(merged[r].entity)] = Int32(truncatingIfNeeded: p) }
        }
        swap(&order, &nextOrder)
        swap(&link, &nextLink)
        m = mm
        undefinedLinks = undefined
        current = p
        return k
    }

    /// Stable insertion sort of `work[0..<w]` by key; every swap of a defined pair is an
    /// overtake in period `p`.
    private mutating func insertionSort<S: OvertakeSink>(_ w: Int, period p: Int, sink: inout S) -> Int {
        var k = 0
        let prevRow = values + (p - 1) &* n
        let period = Int32(truncatingIfNeeded: p)
        var i = 1
        while i < w {
            let it = work[i]
            var j = i
            while j > 0 {
                let r = work[j - 1]
                if r.key <= it.key { break }
                // `it` is now strictly ahead of `r`, which was ahead in the carried order.
                let since: Int32
                if prevRow[Int(r.entity)] != prevRow[Int(it.entity)] {
                    since = period - 1
                } else if adjacentOnly {
                    since = -1
                } else {
                    since = lastStrict(r, it)
                }
                if since >= 0 {
                    k += 1
                    if !S.countsOnly {
                        sink.emit(Overtake(period, it.entity, r.entity, since, false))
                    }
                }
                work[j] = r
                j -= 1
            }
            work[j] = it
            i += 1
        }
        return k
    }

    /// For survivors `r` before `s` tied in the previous period: their last strict period
    /// in the previous state, or -1 when the pair is undefined.
    private mutating func lastStrict(_ r: Item, _ s: Item) -> Int32 {
        let lo = Int(r.prev), hi = Int(s.prev)  // lo < hi
        let best: Int32
        if hi - lo == 1 {
            best = link[lo]
        } else {
            if !sparseBuilt { buildSparse() }
            best = rangeMax(lo, hi)
        }
        return best >= max(runStart(r.entity), runStart(s.entity)) ? best : -1
    }

    /// Counting-only insertion sort; nil when the swaps exceed `budget` (work is then
    /// partly sorted and must be reloaded).
    private mutating func insertionCount(_ w: Int, budget: Int) -> Int? {
        var k = 0
        var i = 1
        while i < w {
            let it = work[i]
            var j = i
            while j > 0 && work[j - 1].key > it.key {
                work[j] = work[j - 1]
                j -= 1
            }
            work[j] = it
            k &+= i - j
            if k > budget { return nil }
            i += 1
        }
        return k
    }

    /// The inversions (by key in p) among survivors tied in p − 1: tied runs are
    /// contiguous in `work`, which is still in the previous order.
    private mutating func tiedInversions(_ w: Int, period p: Int) -> Int {
        let prevRow = values + (p - 1) &* n
        var k = 0
        var i = 0
        while i < w {
            var j = i + 1
            let x = prevRow[Int(work[i].entity)]
            while j < w && prevRow[Int(work[j].entity)] == x { j += 1 }
            if j - i > 1 {
                scratch.update(from: work + i, count: j - i)
                k += Self.mergeCount(scratch, merged, j - i)
            }
            i = j
        }
        return k
    }

    /// Stable bottom-up merge sort of `items[0..<w]` by key (sorted in place, `temp` of
    /// the same size as scratch), returning the number of inversions.
    private static func mergeCount(
        _ items: UnsafeMutablePointer<Item>, _ temp: UnsafeMutablePointer<Item>, _ w: Int
    ) -> Int {
        var src = items, dst = temp
        var k = 0
        var width = 1
        while width < w {
            var lo = 0
            while lo < w {
                let mid = min(lo + width, w), hi = min(lo + 2 * width, w)
                var a = lo, b = mid, o = lo
                while a < mid && b < hi {
                    if src[b].key < src[a].key {
                        dst[o] = src[b]
                        b += 1
                        k &+= mid - a
                    } else {
                        dst[o] = src[a]
                        a += 1
                    }
                    o += 1
                }
                while a < mid { dst[o] = src[a]; a += 1; o += 1 }
                while b < hi { dst[o] = src[b]; b += 1; o += 1 }
                lo = hi
            }
            swap(&src, &dst)
            width *= 2
        }
        if src != items { items.update(from: src, count: w) }
        return k
    }

    // MARK: - Range maximum over the previous links

    private mutating func buildSparse() {
        let len = m - 1
        guard len > 0 else { sparseBuilt = true; return }
        let levels = Int.bitWidth - len.leadingZeroBitCount
        if sparse == nil || sparseLevels < levels {
            sparse?.deallocate()
            let full = Int.bitWidth - max(n - 1, 1).leadingZeroBitCount
            sparse = .allocate(capacity: max(n, 1) * full)
            sparseLevels = full
        }
        guard let t = sparse else { return }
        t.update(from: link, count: len)
        var l = 1
        while l < levels {
            let half = 1 << (l - 1)
            let cur = t + l * n, prev = t + (l - 1) * n
            var i = 0
            while i + (1 << l) <= len {
                cur[i] = max(prev[i], prev[i + half])
                i += 1
            }
            l += 1
        }
        sparseBuilt = true
    }

    /// max(link[lo..<hi]) of the previous state; lo < hi.
    @inline(__always)
    private func rangeMax(_ lo: Int, _ hi: Int) -> Int32 {
        guard let t = sparse else { return -1 }
        let len = hi - lo
        let l = Int.bitWidth - 1 - len.leadingZeroBitCount
        let row = t + l * n
        return max(row[lo], row[hi - (1 << l)])
    }

    // MARK: - Gap bridging

    /// With bridging: the last period before `from` (inclusive) in which both entities were
    /// present and strictly ordered, skipping gaps; nil when there is none.
    private func bridgedLastStrict(_ x: Int32, _ y: Int32, from: Int, floor: Int) -> (period: Int32, xAhead: Bool)? {
        var q = from
        while q >= floor {
            let a = value(q, x), b = value(q, y)
            if !a.isNaN && !b.isNaN && a != b { return (Int32(truncatingIfNeeded: q), a > b) }
            q -= 1
        }
        return nil
    }

    /// With bridging, pairs present in p − 1 and p that are tied since the later of their
    /// runs started: their order comes from before the gap.
    private mutating func bridgeTiedPairs<S: OvertakeSink>(_ p: Int, sink: inout S) -> Int {
        guard undefinedLinks > 0, m > 1 else { return 0 }
        let row = values + p &* n
        var k = 0
        var i = 0
        while i < m - 1 {
            // A tied block of the previous period: links below `current`.
            guard link[i] < Int32(truncatingIfNeeded: current) else { i += 1; continue }
            var j = i
            var hasUndefined = false
            while j < m - 1 && link[j] < Int32(truncatingIfNeeded: current) {
                if link[j] < max(runStart(order[j]), runStart(order[j + 1])) { hasUndefined = true }
                j += 1
            }
            // The block is order[i...j].
            if hasUndefined {
                for a in i..<j {
                    var s: Int32 = .min
                    for b in (a + 1)...j {
                        s = max(s, link[b - 1])
                        let x = order[a], y = order[b]
                        let later = max(runStart(x), runStart(y))
                        if s >= later { continue }  // defined: the sweep handles it
                        let vx = row[Int(x)], vy = row[Int(y)]
                        if vx.isNaN || vy.isNaN || vx == vy { continue }
                        guard let old = bridgedLastStrict(x, y, from: Int(later) - 1, floor: 0) else { continue }
                        let xAhead = vx > vy
                        if old.xAhead != xAhead {
                            k += 1
                            if !S.countsOnly {
                                let period = Int32(truncatingIfNeeded: p)
                                sink.emit(
                                    xAhead
                                        ? Overtake(period, x, y, old.period, true)
                                        : Overtake(period, y, x, old.period, true))
                            }
                        }
                    }
                }
            }
            i = j + 1
        }
        return k
    }

    /// With bridging, pairs with an entity that comes back in p after a gap.
    private mutating func bridgeEntrants<S: OvertakeSink>(_ p: Int, count mm: Int, sink: inout S) -> Int {
        let row = values + p &* n
        var k = 0
        let period = Int32(truncatingIfNeeded: p)
        for r in 0..<mm where merged[r].prev < 0 {
            let x = merged[r].entity
            // Absent before p − 1 as well: a first appearance, no history to bridge.
            var q = p - 2
            while q >= 0 && value(q, x).isNaN { q -= 1 }
            if q < 0 { continue }
            let vx = row[Int(x)]
            for t in 0..<mm {
                let yItem = merged[t]
                let y = yItem.entity
                if y == x || (yItem.prev < 0 && y < x) { continue }
                let vy = row[Int(y)]
                if vx == vy { continue }
                guard let old = bridgedLastStrict(x, y, from: q, floor: 0) else { continue }
                let xAhead = vx > vy
                if old.xAhead != xAhead {
                    k += 1
                    if !S.countsOnly {
                        sink.emit(
                            xAhead
                                ? Overtake(period, x, y, old.period, true)
                                : Overtake(period, y, x, old.period, true))
                    }
                }
            }
        }
        return k
    }
}

/// Where the sweep sends overtakes.
protocol OvertakeSink {
    /// True when only the number of overtakes is wanted (`emit` is then never called and
    /// the sweep may count with merge sort).
    static var countsOnly: Bool { get }
    mutating func emit(_ event: Overtake)
}

/// Counts only.
struct OvertakeCounter: OvertakeSink {
    static var countsOnly: Bool { true }
    mutating func emit(_ event: Overtake) {}
}

/// Collects the overtakes in the order found.
struct OvertakeCollector: OvertakeSink {
    var events: [Overtake] = []
    static var countsOnly: Bool { false }
    @inline(__always)
    mutating func emit(_ event: Overtake) { events.append(event) }
}

/// Writes records of `Overtakes.recordFields` Int32 from index `next` on, while they fit.
struct RecordWriter: OvertakeSink {
    let records: UnsafeMutablePointer<Int32>?
    var next: Int
    let capacity: Int
    static var countsOnly: Bool { false }
    @inline(__always)
    mutating func emit(_ event: Overtake) {
        if next < capacity, let r = records.map({ $0 + next &* Overtakes.recordFields }) {
            r[0] = event._period
            r[1] = event._subject
            r[2] = event._rival
            r[3] = event._since
            r[4] = event.bridged ? 1 : 0
        }
        next &+= 1
    }
}

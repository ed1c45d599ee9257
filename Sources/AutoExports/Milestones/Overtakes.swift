/// All-pairs overtakes on a plain periods × entities matrix (docs/design.md §4, §8).
///
/// Row `t` of the matrix holds every entity's value in period `t` (row-major, `entities`
/// values per row); NaN is missing. Consecutive rows are consecutive periods. Entity A
/// *overtakes* B in period t when, in the last period before t in which the two were
/// strictly ordered, A was behind, and in t A is strictly ahead. Ties in between do not
/// change the order. A missing value breaks the comparison of every pair of that entity:
/// after the gap, its order against the others is known again only once they have been
/// strictly ordered, so a series that starts, ends or skips a period never makes an
/// overtake on its own. With `bridgingGaps`, a pair's comparison is carried across the
/// periods in which either is missing, and events that relied on it are flagged `bridged`.
///
///     // periods × entities A, B, C
///     let rows: [[Double]] = [[3, 2, 1],
///                             [3, 4, 1],      // B passes A
///                             [5, 4, 6]]      // A passes B again, C passes A and B
///     try Overtakes.count(rows: rows)         // 4
///
/// The events between two periods are the inversions between the two orderings; the
/// kernel finds them without comparing all pairs: it starts each period from the previous
/// period's order and insertion-sorts (every swap is one event), switching to merge sort
/// when only counting and the order changes a lot. Chunks of periods run in parallel on
/// the given `ParallelFor`; the results do not depend on how many run at once.
public enum Overtakes {
    /// Why a matrix or a set of rows cannot be swept.
    public enum InputError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The value count is not periods × entities, or a dimension is negative.
        case shape(String)
        /// More than 2^31 − 1 periods or entities.
        case tooLarge(String)
        /// Tidy rows give the same (period, entity) twice.
        case duplicate(period: Int64, entity: Int64)
        /// Options that cannot be combined (gap bridging under the adjacent rule).
        case conflict(String)

        public var description: String {
            switch self {
            case .shape(let s): s
            case .tooLarge(let s): s
            case .duplicate(let p, let e): "the row (period \(p), entity \(e)) is given twice"
            case .conflict(let s): s
            }
        }
    }

    static func validate(
        count: Int, periods: Int, entities: Int, rule: OvertakeRule, bridgingGaps: Bool
    ) throws(InputError) {
        if rule == .adjacent && bridgingGaps {
            throw .conflict("gap bridging needs the carried rule: under the adjacent rule a gap is never bridged")
        }
        if periods < 0 || entities < 0 {
            throw .shape("periods (\(periods)) and entities (\(entities)) must not be negative")
        }
        if periods > Int(Int32.max) || entities > Int(Int32.max) {
            throw .tooLarge("at most \(Int32.max) periods and entities (got \(periods) × \(entities))")
        }
        let (cells, overflow) = periods.multipliedReportingOverflow(by: entities)
        if overflow || cells != count {
            throw .shape("\(count) values do not make a \(periods) × \(entities) matrix")
        }
    }

    /// How many chunks of periods to sweep for `periods` periods on `width` workers.
    static func chunkCount(periods: Int, width: Int) -> Int {
        let steps = periods - 1
        if steps <= 0 { return 0 }
        return min(steps, width <= 1 ? 1 : width * 4)
    }

    /// Runs the sweep over chunks of periods; `body(chunk, sweep-step results)`.
    static func sweep<S: OvertakeSink>(
        _ values: UnsafeBufferPointer<Double>, periods: Int, entities: Int, rule: OvertakeRule,
        bridgingGaps: Bool, parallel: any ParallelFor, perPeriod: UnsafeMutableBufferPointer<Int>?,
        make: (Int) -> S, finish: (Int, inout S) -> Void
    ) {
        if let perPeriod { perPeriod.update(repeating: 0) }
        let chunks = chunkCount(periods: periods, width: parallel.width)
        guard chunks > 0, entities > 1, let base = values.baseAddress else { return }
        let steps = periods - 1
        parallel.run(chunks) { c in
            let lo = 1 + steps * c / chunks, hi = 1 + steps * (c + 1) / chunks
            var sweep = OvertakeSweep(
                values: base, entities: entities, bridging: bridgingGaps, adjacentOnly: rule == .adjacent)
            sweep.start(at: lo - 1)
            var sink = make(c)
            for p in lo..<hi {
                let k = sweep.step(to: p, sink: &sink)
                if let perPeriod { perPeriod[p] = k }
            }
            finish(c, &sink)
        }
    }

    /// The number of overtakes between consecutive periods of a matrix.
    ///
    ///     try Overtakes.count(rows: [[1, 3], [2, 2], [4, 1]])   // 1
    ///
    /// - Parameters:
    ///   - values: `periods × entities` values, row-major (row t = period t); NaN is missing.
    ///   - rule: `.carried` (docs/design.md §4, the default) or `.adjacent`.
    ///   - bridgingGaps: Carry a pair's comparison across periods where either is missing
    ///     (carried rule only).
    ///   - parallel: Runs chunks of periods; `.serial` by default.
    ///   - perPeriod: If given (`periods` elements), receives the count in each period
    ///     (element 0 is always 0).
    /// - Returns: The number of (period, subject, rival) overtakes.
    /// - Throws: `InputError.shape` / `.tooLarge` when the dimensions do not fit,
    ///   `.conflict` for bridging under the adjacent rule.
    /// - Complexity: O(T·n + K) for K overtakes in T periods of n entities when orders
    ///   change little; O(T·n log n) at worst when counting without gaps or ties; divided
    ///   among the `parallel` workers.
    public static func count(
        _ values: UnsafeBufferPointer<Double>, periods: Int, entities: Int,
        rule: OvertakeRule = .carried, bridgingGaps: Bool = false, parallel: any ParallelFor = SerialFor(),
        perPeriod: UnsafeMutableBufferPointer<Int>? = nil
    ) throws(InputError) -> Int {
        try validate(
            count: values.count, periods: periods, entities: entities, rule: rule,
            bridgingGaps: bridgingGaps)
        if let perPeriod, perPeriod.count != periods {
            throw .shape("perPeriod has \(perPeriod.count) elements, not one per period (\(periods))")
        }
        // Each chunk writes the counts of its own periods; a local buffer stands in when
        // the caller did not ask for them.
        let local = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(periods, 1))
        defer { local.deallocate() }
        let counts = perPeriod ?? UnsafeMutableBufferPointer(rebasing: local[0..<periods])
        sweep(
            values, periods: periods, entities: entities, rule: rule, bridgingGaps: bridgingGaps,
            parallel: parallel, perPeriod: counts, make: { _ in OvertakeCounter() },
            finish: { _, _ in })
        return counts.reduce(0, &+)
    }

    /// Every overtake between consecutive periods of a matrix, in period order (within a
    /// period, in the order the sweep finds them: the same for any `parallel`).
    ///
    ///     try Overtakes.find(rows: [[1, 3], [2, 2], [4, 1]]).map(\.subject)   // [0]
    ///
    /// - Parameters: as for `count`.
    /// - Returns: The overtakes, stored in chunks (no copy into one array).
    /// - Complexity: O(T·n + K) for K overtakes, divided among the `parallel` workers.
    public static func find(
        _ values: UnsafeBufferPointer<Double>, periods: Int, entities: Int,
        rule: OvertakeRule = .carried, bridgingGaps: Bool = false, parallel: any ParallelFor = SerialFor()
    ) throws(InputError) -> OvertakeList {
        try validate(
            count: values.count, periods: periods, entities: entities, rule: rule,
            bridgingGaps: bridgingGaps)
        let chunks = chunkCount(periods: periods, width: parallel.width)
        let parts = UnsafeMutableBufferPointer<[Overtake]>.allocate(capacity: max(chunks, 1))
        parts.initialize(repeating: [])
        defer { parts.deinitialize().deallocate() }
        sweep(
            values, periods: periods, entities: entities, rule: rule, bridgingGaps: bridgingGaps,
            parallel: parallel, perPeriod: nil, make: { _ in OvertakeCollector() },
            finish: { c, sink in parts[c] = sink.events })
        return OvertakeList(chunks: Array(parts.prefix(chunks)))
    }

    /// Int32 fields per record written by `write(_:periods:entities:rule:bridgingGaps:parallel:into:)`:
    /// period, subject, rival, since, flags (bit 0: bridged).
    public static let recordFields = 5

    /// Writes every overtake as a record of `recordFields` Int32 — period, subject, rival,
    /// since, flags (1 = bridged) — into caller memory, in the order of `find`.
    ///
    ///     var rec = [Int32](repeating: -1, count: 5)
    ///     // rows [[1, 3], [2, 2], [4, 1]]  ->  returns 1, rec == [2, 0, 1, 0, 0]
    ///
    /// - Returns: The number of overtakes. When it exceeds `records.count / recordFields`,
    ///   the records are not all written (what was written is unspecified): call again
    ///   with room for the returned number.
    /// - Complexity: as `find`, plus a counting pass when `parallel.width > 1` (to know
    ///   where each chunk of periods writes); no memory beyond O(n) per worker.
    public static func write(
        _ values: UnsafeBufferPointer<Double>, periods: Int, entities: Int,
        rule: OvertakeRule = .carried, bridgingGaps: Bool = false,
        parallel: any ParallelFor = SerialFor(), into records: UnsafeMutableBufferPointer<Int32>
    ) throws(InputError) -> Int {
        try validate(
            count: values.count, periods: periods, entities: entities, rule: rule,
            bridgingGaps: bridgingGaps)
        let capacity = records.count / recordFields
        let chunks = chunkCount(periods: periods, width: parallel.width)
        guard chunks > 0, entities > 1 else { return 0 }
        if chunks == 1 {
            // One pass: write while there is room, keep counting after.
            var total = 0
            sweep(
                values, periods: periods, entities: entities, rule: rule, bridgingGaps: bridgingGaps,
                parallel: SerialFor(), perPeriod: nil,
                make: { _ in RecordWriter(records: records.baseAddress, next: 0, capacity: capacity) },
                finish: { _, sink in total = sink.next })
            return total
        }
        // Count per period, then every chunk writes from its own offset.
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: periods)
        defer { counts.deallocate() }
        sweep(
            values, periods: periods, entities: entities, rule: rule, bridgingGaps: bridgingGaps,
            parallel: parallel, perPeriod: counts, make: { _ in OvertakeCounter() }, finish: { _, _ in })
        let total = counts.reduce(0, &+)
        if total > capacity { return total }
        let starts = UnsafeMutableBufferPointer<Int>.allocate(capacity: chunks)
        defer { starts.deallocate() }
        let steps = periods - 1
        var offset = 0, p = 0
        for c in 0..<chunks {
            let lo = 1 + steps * c / chunks
            while p < lo { offset += counts[p]; p += 1 }
            starts[c] = offset
        }
        sweep(
            values, periods: periods, entities: entities, rule: rule, bridgingGaps: bridgingGaps,
            parallel: parallel, perPeriod: nil,
            make: { c in RecordWriter(records: records.baseAddress, next: starts[c], capacity: capacity) },
            finish: { _, _ in })
        return total
    }

    /// `count` over rows given as arrays (every row must have the same length).
    ///
    ///     try Overtakes.count(rows: [[1, 3], [2, 2], [4, 1]])   // 1
    ///
    /// - Complexity: as `count`, plus O(T·n) to copy the rows.
    public static func count(
        rows: [[Double]], rule: OvertakeRule = .carried, bridgingGaps: Bool = false
    ) throws(InputError) -> Int {
        let (flat, t, e) = try flatten(rows)
        return try flat.withUnsafeBufferPointer { (b) throws(InputError) in
            try count(b, periods: t, entities: e, rule: rule, bridgingGaps: bridgingGaps)
        }
    }

    /// `find` over rows given as arrays (every row must have the same length), as one array.
    ///
    ///     try Overtakes.find(rows: [[1, 3], [2, 2], [4, 1]])
    ///     // [Overtake(period: 2, subject: 0, rival: 1, since: 0, bridged: false)]
    ///
    /// - Complexity: as `find`, plus O(T·n) to copy the rows.
    public static func find(
        rows: [[Double]], rule: OvertakeRule = .carried, bridgingGaps: Bool = false
    ) throws(InputError) -> [Overtake] {
        let (flat, t, e) = try flatten(rows)
        return try flat.withUnsafeBufferPointer { (b) throws(InputError) in
            Array(try find(b, periods: t, entities: e, rule: rule, bridgingGaps: bridgingGaps))
        }
    }

    static func flatten(_ rows: [[Double]]) throws(InputError) -> ([Double], Int, Int) {
        let e = rows.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rows.count * e)
        for (t, r) in rows.enumerated() {
            if r.count != e { throw .shape("row \(t) has \(r.count) values, row 0 has \(e)") }
            flat.append(contentsOf: r)
        }
        return (flat, rows.count, e)
    }
}

/// The overtakes found by `Overtakes.find`, in period order, stored as the chunks the
/// parallel sweep produced (so that finding them copies nothing).
///
///     let list = try Overtakes.find(values, periods: 3, entities: 2)
///     list.count        // number of events
///     Array(list)       // [Overtake]
public struct OvertakeList: RandomAccessCollection, Sendable {
    /// The events of each chunk of periods, chunks in period order.
    public let chunks: [[Overtake]]
    /// `offsets[c]` is the index of the first event of chunk c; the last is `count`.
    let offsets: [Int]

    init(chunks: [[Overtake]]) {
        self.chunks = chunks
        var o = [0]
        o.reserveCapacity(chunks.count + 1)
        for c in chunks { o.append(o[o.count - 1] + c.count) }
        offsets = o
    }

    /// An empty list.
    ///
    /// - Complexity: O(1).
    public init() { self.init(chunks: []) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets[offsets.count - 1] }

    /// The i-th event.
    ///
    /// - Complexity: O(log chunks).
    public subscript(i: Int) -> Overtake {
        precondition(i >= 0 && i < endIndex, "index out of range")
        var lo = 0, hi = chunks.count  // offsets[lo] <= i < offsets[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if offsets[mid] <= i { lo = mid } else { hi = mid }
        }
        return chunks[lo][i - offsets[lo]]
    }

    /// Iterates chunk by chunk (O(1) per element).
    public func makeIterator() -> FlattenSequence<[[Overtake]]>.Iterator {
        chunks.joined().makeIterator()
    }
}

import Testing

@testable import AutoExports

/// A deterministic generator for the random panels (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The definition, applied to every ordered pair period by period: O(n² T).
func bruteForceOvertakes(_ v: [Double], periods: Int, entities n: Int, bridging: Bool) -> [Overtake] {
    var out: [Overtake] = []
    for a in 0..<n {
        for b in 0..<n where a != b {
            var last = 0  // +1: a ahead, -1: b ahead, 0: unknown
            var lastPeriod = -1
            var gap = false
            for t in 0..<periods {
                let x = v[t * n + a], y = v[t * n + b]
                if x.isNaN || y.isNaN {
                    if bridging { gap = true } else { last = 0; lastPeriod = -1; gap = false }
                    continue
                }
                if x > y {
                    if last == -1 {
                        out.append(Overtake(period: t, subject: a, rival: b, since: lastPeriod, bridged: gap))
                    }
                    last = 1; lastPeriod = t; gap = false
                } else if x < y {
                    last = -1; lastPeriod = t; gap = false
                }
            }
        }
    }
    return out
}

/// The adjacent rule: strictly ordered in t − 1 and t, in opposite orders.
func bruteForceAdjacent(_ v: [Double], periods: Int, entities n: Int) -> [Overtake] {
    var out: [Overtake] = []
    for t in stride(from: 1, to: periods, by: 1) {
        for a in 0..<n {
            for b in 0..<n where a != b {
                let a0 = v[(t - 1) * n + a], b0 = v[(t - 1) * n + b], a1 = v[t * n + a], b1 = v[t * n + b]
                if a0 < b0 && a1 > b1 { out.append(Overtake(period: t, subject: a, rival: b, since: t - 1)) }
            }
        }
    }
    return out
}

func sorted(_ e: [Overtake]) -> [Overtake] {
    e.sorted { ($0.period, $0.subject, $0.rival) < ($1.period, $1.subject, $1.rival) }
}

/// Runs the pieces serially but backwards and reports a width > 1, so the sweep splits
/// the periods into chunks that each start from scratch.
struct ChunkedFor: ParallelFor {
    var width: Int
    func run(_ count: Int, _ body: (Int) -> Void) {
        for i in (0..<count).reversed() { body(i) }
    }
}

func randomPanel(_ rng: inout SplitMix, periods: Int, entities: Int, levels: Int, missing: Double) -> [Double] {
    (0..<(periods * entities)).map { _ in
        if Double.random(in: 0..<1, using: &rng) < missing { return .nan }
        if levels == 0 { return Double.random(in: -1..<1, using: &rng) }
        let x = Double(Int.random(in: 0..<levels, using: &rng))
        return x == 0 && Bool.random(using: &rng) ? -0.0 : x  // -0.0 ties with 0.0
    }
}

@Suite("All-pairs overtakes")
struct OvertakesTests {
    @Test("a pass after a tie is decided by the last strict period")
    func passAfterTie() throws {
        let e = try Overtakes.find(rows: [[1, 3], [2, 2], [4, 1]])
        #expect(e == [Overtake(period: 2, subject: 0, rival: 1, since: 0)])
    }

    @Test("equal values carried across periods do not change the order")
    func equalCarried() throws {
        #expect(
            try Overtakes.find(rows: [[1, 3], [3, 3], [3, 3], [4, 3]])
                == [Overtake(period: 3, subject: 0, rival: 1, since: 0)])
        // Tied, then back behind: nothing happened.
        #expect(try Overtakes.find(rows: [[1, 3], [3, 3], [2, 3]]).isEmpty)
    }

    @Test("a pair never strictly ordered before cannot overtake")
    func tiedSinceStart() throws {
        #expect(try Overtakes.find(rows: [[1, 1], [1, 1], [2, 1]]).isEmpty)
        #expect(
            try Overtakes.find(rows: [[1, 1], [2, 1], [1, 2]])
                == [Overtake(period: 2, subject: 1, rival: 0, since: 1)])
    }

    @Test("a gap breaks the comparison unless bridging is allowed, and bridged events are flagged")
    func gaps() throws {
        let rows: [[Double]] = [[1, 3], [.nan, 3], [4, 1]]
        #expect(try Overtakes.find(rows: rows).isEmpty)
        #expect(
            try Overtakes.find(rows: rows, bridgingGaps: true)
                == [Overtake(period: 2, subject: 0, rival: 1, since: 0, bridged: true)])
        // A series starting is not an overtake, bridged or not.
        #expect(try Overtakes.find(rows: [[.nan, 3], [4, 3]], bridgingGaps: true).isEmpty)
        // Tied after coming back: the order from before the gap still decides with bridging.
        let tied: [[Double]] = [[1, 3], [.nan, 3], [3, 3], [4, 3]]
        #expect(try Overtakes.find(rows: tied).isEmpty)
        #expect(
            try Overtakes.find(rows: tied, bridgingGaps: true)
                == [Overtake(period: 3, subject: 0, rival: 1, since: 0, bridged: true)])
    }

    @Test("count and find agree with the doc example")
    func docExample() throws {
        let rows: [[Double]] = [[3, 2, 1], [3, 4, 1], [5, 4, 6]]
        #expect(try Overtakes.count(rows: rows) == 4)
        #expect(
            sorted(try Overtakes.find(rows: rows)) == [
                Overtake(period: 1, subject: 1, rival: 0, since: 0),
                Overtake(period: 2, subject: 0, rival: 1, since: 1),
                Overtake(period: 2, subject: 2, rival: 0, since: 1),
                Overtake(period: 2, subject: 2, rival: 1, since: 1),
            ])
    }

    @Test("the adjacent rule: a tie in either period is no overtake; bridging conflicts with it")
    func adjacentRule() throws {
        let rows: [[Double]] = [[1, 3], [2, 2], [4, 1]]
        #expect(try Overtakes.count(rows: rows, rule: .carried) == 1)
        #expect(try Overtakes.count(rows: rows, rule: .adjacent) == 0)
        #expect(
            try Overtakes.find(rows: [[1, 3], [4, 1]], rule: .adjacent)
                == [Overtake(period: 1, subject: 0, rival: 1, since: 0)])
        #expect(throws: Overtakes.InputError.self) {
            try Overtakes.count(rows: rows, rule: .adjacent, bridgingGaps: true)
        }
    }

    @Test("bad shapes are errors, not traps")
    func shapes() throws {
        #expect(throws: Overtakes.InputError.self) { try Overtakes.count(rows: [[1, 2], [3]]) }
        let v: [Double] = [1, 2, 3]
        v.withUnsafeBufferPointer { b in
            #expect(throws: Overtakes.InputError.self) { try Overtakes.count(b, periods: 2, entities: 2) }
            #expect(throws: Overtakes.InputError.self) { try Overtakes.count(b, periods: -1, entities: -3) }
        }
        #expect(try Overtakes.count(rows: []) == 0)
        #expect(try Overtakes.count(rows: [[1, 2]]) == 0)
    }

    @Test(
        "differential: sweep == brute force on random panels with ties, NaN, -0.0, any chunking",
        arguments: [(0, 0.0), (2, 0.0), (3, 0.15), (4, 0.3), (0, 0.2), (8, 0.05)])
    func differential(levels: Int, missing: Double) throws {
        var rng = SplitMix(state: UInt64(levels * 1000) &+ UInt64(missing * 100))
        var events = 0, bridged = 0
        for _ in 0..<150 {
            let t = Int.random(in: 0...14, using: &rng), n = Int.random(in: 0...9, using: &rng)
            let v = randomPanel(&rng, periods: t, entities: n, levels: levels, missing: missing)
            for bridging in [false, true] {
                let want = sorted(bruteForceOvertakes(v, periods: t, entities: n, bridging: bridging))
                events += want.count
                bridged += want.filter(\.bridged).count
                try v.withUnsafeBufferPointer { (b) throws in
                    for width in [1, 2, 3] {
                        let par = ChunkedFor(width: width)
                        let got = try Overtakes.find(b, periods: t, entities: n, bridgingGaps: bridging, parallel: par)
                        #expect(sorted(Array(got)) == want, "T=\(t) n=\(n) bridging=\(bridging) width=\(width) v=\(v)")
                        var per = [Int](repeating: -1, count: t)
                        let c = try per.withUnsafeMutableBufferPointer { (p) throws in
                            try Overtakes.count(
                                b, periods: t, entities: n, bridgingGaps: bridging, parallel: par, perPeriod: p)
                        }
                        #expect(c == want.count)
                        for p in 0..<t { #expect(per[p] == want.filter { $0.period == p }.count) }
                    }
                }
            }
            let adjacent = sorted(bruteForceAdjacent(v, periods: t, entities: n))
            try v.withUnsafeBufferPointer { (b) throws in
                for width in [1, 3] {
                    let par = ChunkedFor(width: width)
                    let got = try Overtakes.find(b, periods: t, entities: n, rule: .adjacent, parallel: par)
                    #expect(sorted(Array(got)) == adjacent, "adjacent T=\(t) n=\(n) v=\(v)")
                    #expect(
                        try Overtakes.count(b, periods: t, entities: n, rule: .adjacent, parallel: par)
                            == adjacent.count)
                }
            }
        }
        // The panels exercise what they are meant to.
        #expect(events > 500)
        #expect((bridged > 20) == (missing > 0))
    }

    @Test("differential on larger panels that reshuffle (merge-sort fallback) and drift (insertion)")
    func largerPanels() throws {
        var rng = SplitMix(state: 7)
        for (t, n, levels, missing) in [(20, 120, 0, 0.0), (20, 90, 5, 0.1), (30, 60, 0, 0.05)] {
            let v = randomPanel(&rng, periods: t, entities: n, levels: levels, missing: missing)
            // A drifting panel too: a random walk, so orders change little.
            var walk = [Double](repeating: 0, count: t * n)
            for e in 0..<n { walk[e] = Double(e) }
            for p in 1..<t {
                for e in 0..<n { walk[p * n + e] = walk[(p - 1) * n + e] + Double.random(in: -3...3, using: &rng) }
            }
            for panel in [v, walk] {
                let want = sorted(bruteForceOvertakes(panel, periods: t, entities: n, bridging: false))
                let adjacent = bruteForceAdjacent(panel, periods: t, entities: n).count
                try panel.withUnsafeBufferPointer { (b) throws in
                    #expect(try Overtakes.count(b, periods: t, entities: n, rule: .adjacent) == adjacent)
                    #expect(try Overtakes.count(b, periods: t, entities: n) == want.count)
                    #expect(
                        try Overtakes.count(b, periods: t, entities: n, parallel: ChunkedFor(width: 2)) == want.count)
                    #expect(
                        sorted(Array(try Overtakes.find(b, periods: t, entities: n, parallel: ChunkedFor(width: 2))))
                            == want)
                }
            }
        }
    }

    @Test("events come out in period order and the same for any chunking")
    func deterministicOrder() throws {
        var rng = SplitMix(state: 99)
        let v = randomPanel(&rng, periods: 25, entities: 30, levels: 4, missing: 0.1)
        try v.withUnsafeBufferPointer { (b) throws in
            let serial = Array(try Overtakes.find(b, periods: 25, entities: 30))
            for w in [2, 3, 5] {
                #expect(
                    Array(try Overtakes.find(b, periods: 25, entities: 30, parallel: ChunkedFor(width: w))) == serial)
            }
            #expect(serial.map(\.period) == serial.map(\.period).sorted())
        }
    }
}

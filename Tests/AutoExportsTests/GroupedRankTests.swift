import Testing

@testable import AutoExports

/// A runner that runs its tasks in reverse order, to show the result does not depend on
/// the order tasks run in, and that reports a width of 3.
struct ReversedRunner: ParallelFor {
    var width: Int { 3 }
    func run(_ count: Int, _ body: (Int) -> Void) {
        for i in (0..<count).reversed() { body(i) }
    }
}

@Suite("Grouped ranking")
struct GroupedRankTests {
    /// The oracle: rank each group alone with the brute-force ranks.
    func oracle(
        _ v: [Double], _ g: [Int64], _ method: RankMethod, _ order: RankOrder,
        _ missing: MissingPolicy, _ scale: RankScale
    ) -> [Double] {
        var out = [Double](repeating: .nan, count: v.count)
        for id in Set(g) {
            let rows = g.indices.filter { g[$0] == id }
            let r = bruteForceRanks(
                rows.map { v[$0] }, method: method, order: order,
                missing: missing, scale: scale)
            for (k, row) in rows.enumerated() { out[row] = r[k] }
        }
        return out
    }

    @Test("the example of the documentation")
    func example() {
        #expect(
            Ranking.ranks(
                of: [30, 20, 20, 5, 9], groups: [7, 7, 7, 3, 3],
                method: .competition, order: .descending) == [1, 2, 2, 2, 1])
    }

    @Test(
        "matches ranking each group alone, for sorted, shuffled and wide ids",
        arguments: ["sorted", "shuffled", "wide", "extreme"])
    func matchesOracle(layout: String) {
        var rng = RankTestRNG(state: 11)
        let pool: [Double] = [0, -0.0, 1, 2, .nan, .infinity, -.infinity, 3]
        for _ in 0..<25 {
            let n = rng.below(40)
            let v = (0..<n).map { _ in pool[rng.below(pool.count)] }
            var g = (0..<n).map { _ in Int64(rng.below(4)) }
            switch layout {
            case "sorted": g.sort()
            case "wide": g = g.map { $0 * 1_000_000_000_000 - 5 }
            case "extreme": g = g.map { $0 % 2 == 0 ? Int64.min : Int64.max }
            default: break
            }
            for method in RankMethod.allCases {
                for missing in MissingPolicy.allCases {
                    for scale in [RankScale.rank, .pct, .percentRank] {
                        let want = oracle(v, g, method, .descending, missing, scale)
                        let got = Ranking.ranks(
                            of: v, groups: g, method: method, order: .descending,
                            missing: missing, scale: scale)
                        #expect(sameRanks(got, want), "\(layout) \(v) \(g) \(method) \(missing) \(scale)")
                    }
                }
            }
        }
    }

    @Test("several tasks give the same result as one, whatever order they run in")
    func tasks() {
        var rng = RankTestRNG(state: 5)
        let n = 70_000
        let v = (0..<n).map { _ in Double(rng.below(100)) }
        for sorted in [true, false] {
            var g = (0..<n).map { _ in Int64(rng.below(300)) }
            if sorted { g.sort() }
            let one = Ranking.ranks(of: v, groups: g, method: .fractional)
            let many = Ranking.ranks(of: v, groups: g, method: .fractional, runner: ReversedRunner())
            #expect(one == many)
        }
    }

    @Test("32-bit ids give the same ranks as 64-bit ids")
    func int32Ids() throws {
        let v: [Double] = [5, 1, 5, 2, 9, 9]
        let g64: [Int64] = [3, 1, 3, 1, 2, 2]
        let g32: [Int32] = g64.map { Int32($0) }
        var out = [Double](repeating: 0, count: 6)
        try v.withUnsafeBufferPointer { pv in
            try g32.withUnsafeBufferPointer { pg in
                try out.withUnsafeMutableBufferPointer { po in
                    try Ranking.rank(pv, groups: pg, into: po, method: .dense)
                }
            }
        }
        #expect(out == Ranking.ranks(of: v, groups: g64, method: .dense))
    }

    @Test("a failing allocator is an error, not a trap, and leaves the output untouched")
    func outOfMemory() {
        let failing = ScratchAllocator(allocate: { _ in nil }, deallocate: { _ in })
        let v: [Double] = [1, 2, 3]
        let g: [Int64] = [1, 1, 2]
        var out = [Double](repeating: -7, count: 3)
        #expect(throws: ScratchError.self) {
            try v.withUnsafeBufferPointer { pv in
                try g.withUnsafeBufferPointer { pg in
                    try out.withUnsafeMutableBufferPointer { po in
                        try Ranking.rank(pv, groups: pg, into: po, method: .dense, allocator: failing)
                    }
                }
            }
        }
        #expect(out == [-7, -7, -7])
    }
}

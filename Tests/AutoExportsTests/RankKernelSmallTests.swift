import Testing

@testable import AutoExports

/// The rank kernel on small arrays (issue 20, item 2): the search for missing values four
/// at a time under `.keep` (blocks of four, the tail after them, runs, both ends), and
/// every distribution on either side of the kernel's small-size limit. Oracle: the
/// comparison sort of `RankKernelSortOracleTests.oracle` (Swift's `sort` on (value, row),
/// no packed keys).
@Suite("Rank kernel on small arrays")
struct RankKernelSmallTests {
    /// Every size on either side of the limit between `msdSort` and `topSort`, and the W4
    /// size.
    static let sizes = [RadixSort.msdLimit - 1, RadixSort.msdLimit, RadixSort.msdLimit + 1, 199, 200, 201]

    @Test(
        "every distribution at msdLimit ± 1 and 200 ± 1, every method, order, policy and scale",
        arguments: 0..<14)  // RankKernelSortOracleTests.names.indices
    func distributionsAtTheLimits(index: Int) {
        var rng = RankTestRNG(state: UInt64(900 + index))
        for n in Self.sizes {
            RankKernelSortOracleTests.check(
                RankKernelSortOracleTests.make(index, n, &rng), RankKernelSortOracleTests.names[index],
                allScales: true)
        }
    }

    /// Lognormal export figures (whole units), a few exact ties, and `nans` NaNs at random
    /// rows: the shape of the W4 benchmark's 200 values.
    static func exportFigures(_ n: Int, nans: Int, _ rng: inout RankTestRNG) -> [Double] {
        var v: [Double] = (0..<n).map { _ in
            // The sum of four uniforms: roughly normal, so the values crowd mid-range.
            var z = 0.0
            for _ in 0..<4 { z += Double(rng.below(1 << 20)) / Double(1 << 20) }
            let logv = 13 + 1.2 * (z - 2) * 1.7
            return Double(Int(logv * 1_000_000)).squareRoot().rounded()  // spread, integral
        }
        for _ in 0..<(n / 50) where n > 1 { v[rng.below(n)] = v[rng.below(n)] }  // ties
        for _ in 0..<nans where n > 0 { v[rng.below(n)] = .nan }
        return v
    }

    @Test("export-like values with ties and NaN at 65…300 values")
    func exportLike() {
        var rng = RankTestRNG(state: 2024)
        for n in [65, 100, 128, 199, 200, 201, 255, 256, 257, 300] {
            for nans in [0, 1, 2, 7] {
                RankKernelSortOracleTests.check(
                    Self.exportFigures(n, nans: nans, &rng), "export-like nans=\(nans)", allScales: n == 200)
            }
        }
    }

    /// The NaN search reads four values at a time, then one at a time: NaN at every row
    /// of arrays of 1…13 values (every place in and after a block of four), in runs, at
    /// both ends, and many NaNs in larger arrays; ranked in place too (ranks aliasing
    /// values).
    @Test("NaN at every row, in runs and at both ends, into another buffer and in place")
    func nanPlacement() {
        var cases: [[Double]] = []
        for n in 1...13 {
            let base = (0..<n).map { Double(($0 * 7) % 5) }  // ties among the numbers
            for p in 0..<n {
                var v = base
                v[p] = .nan
                cases.append(v)
            }
            for start in 0..<n {  // a run of NaNs from `start` of every length
                for length in 1...(n - start) {
                    var v = base
                    for i in start..<(start + length) { v[i] = .nan }
                    cases.append(v)
                }
            }
        }
        var rng = RankTestRNG(state: 31)
        for n in [64, 65, 200, 256, 257, 1000] {
            for nans in [1, 3, 4, 5, n / 4, n - 1, n] {
                var v = Self.exportFigures(n, nans: 0, &rng)
                var placed = 0
                while placed < nans {
                    let i = rng.below(n)
                    if !v[i].isNaN {
                        v[i] = .nan
                        placed += 1
                    }
                }
                cases.append(v)
            }
            var edges = Self.exportFigures(n, nans: 0, &rng)
            edges[0] = .nan
            edges[n - 1] = .nan
            cases.append(edges)
        }
        for v in cases {
            for order in RankOrder.allCases {
                for method in RankMethod.allCases {
                    let want = RankKernelSortOracleTests.oracle(
                        v, method: method, order: order, missing: .keep, scale: .rank)
                    let got = Ranking.ranks(of: v, method: method, order: order, missing: .keep)
                    #expect(sameRanks(got, want), "n=\(v.count) \(method) \(order) \(v.map { $0.isNaN })")
                    // In place: the ranks overwrite the values they are computed from.
                    var inPlace = v
                    let bytes = Ranking.scratchByteCount(for: v.count)
                    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 8)
                    defer { scratch.deallocate() }
                    inPlace.withUnsafeMutableBufferPointer { p in
                        Ranking.rank(
                            UnsafeBufferPointer(p), into: p, method: method, order: order, missing: .keep,
                            scratch: scratch)
                    }
                    #expect(sameRanks(inPlace, want), "in place n=\(v.count) \(method) \(order)")
                }
            }
        }
    }
}

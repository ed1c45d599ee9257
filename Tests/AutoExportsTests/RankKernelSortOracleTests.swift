import Testing

@testable import AutoExports

/// The rank kernel against an oracle built on a plain comparison sort of the doubles
/// (Swift's `sort` on (value, row), no packed keys, no radix passes), over many random
/// arrays of 0…1200 values and over distributions chosen to break a radix sort on the
/// top bits: all equal, two clusters far apart, values a last mantissa bit apart,
/// clusters below the top bits, ±0, ±inf, NaN under each missing policy, sorted input.
@Suite("Rank kernel against a comparison sort")
struct RankKernelSortOracleTests {
    /// Ranks by definition from one comparison sort. NaN is missing: left out under
    /// `.keep`, else one block of ties before (`.top`) or after (`.bottom`) the numbers
    /// whatever the order; -0.0 == 0.0 as doubles compare.
    static func oracle(
        _ v: [Double], method: RankMethod, order: RankOrder, missing: MissingPolicy,
        scale: RankScale
    ) -> [Double] {
        let rows = v.indices.filter { !(v[$0].isNaN && missing == .keep) }
        // The class of a value: 0 missing first, 1 a number, 2 missing last.
        func cls(_ x: Double) -> Int { x.isNaN ? (missing == .top ? 0 : 2) : 1 }
        func before(_ a: Double, _ b: Double) -> Bool {
            if cls(a) != cls(b) { return cls(a) < cls(b) }
            if a.isNaN { return false }
            return order == .ascending ? a < b : a > b
        }
        func same(_ a: Double, _ b: Double) -> Bool { a.isNaN ? b.isNaN : a == b }
        let sorted = rows.sorted { i, j in
            before(v[i], v[j]) || (!before(v[j], v[i]) && i < j)
        }
        let m = sorted.count
        var out = [Double](repeating: .nan, count: v.count)
        var blocks: [(s: Int, t: Int)] = []
        var s = 0
        while s < m {
            var t = s + 1
            while t < m && same(v[sorted[t]], v[sorted[s]]) { t += 1 }
            blocks.append((s, t))
            s = t
        }
        let count = Double(m)
        for (d, b) in blocks.enumerated() {
            for p in b.s..<b.t {
                var r: Double
                switch method {
                case .competition: r = Double(b.s + 1)
                case .competitionMax: r = Double(b.t)
                case .fractional: r = Double(b.s + 1 + b.t) / 2
                case .dense: r = Double(d + 1)
                case .ordinal: r = Double(p + 1)
                }
                switch scale {
                case .rank: break
                case .pct: r = r / (method == .dense ? Double(blocks.count) : count)
                case .percentRank: r = m == 1 ? 0 : Double(b.s) / Double(m - 1)
                case .cumeDist: r = Double(b.t) / count
                }
                out[sorted[p]] = r
            }
        }
        return out
    }

    /// A value spread over many binades, whole units: the shape of export figures.
    static func spread(_ rng: inout RankTestRNG) -> Double {
        let e = rng.below(24)
        let x = Double(sign: .plus, exponent: e, significand: 1 + Double(rng.below(1 << 20)) / Double(1 << 20))
        return x.rounded()
    }

    /// `x` moved up by `k` units in the last place (x positive).
    static func ulps(_ x: Double, _ k: Int) -> Double { Double(bitPattern: x.bitPattern + UInt64(k)) }

    static let names = [
        "spread", "spread with NaN", "any bit pattern", "all equal", "all NaN",
        "two clusters far apart", "last mantissa bit", "clustered below the top bits",
        "outlier and cluster", "zeros and infinities", "few distinct", "sorted", "reversed",
        "negative and positive",
    ]

    /// `n` values of the distribution `names[index]`.
    static func make(_ index: Int, _ n: Int, _ rng: inout RankTestRNG) -> [Double] {
        var v: [Double] = []
        for i in 0..<n {
            let x: Double
            switch index {
            case 0, 11, 12: x = spread(&rng)
            case 1: x = rng.below(7) == 0 ? .nan : spread(&rng)
            case 2: x = Double(bitPattern: rng.next())
            case 3: x = 42.5
            case 4: x = .nan
            case 5: x = ulps(rng.below(2) == 0 ? 1e-3 : 1e12, rng.below(64))
            case 6: x = ulps(1, rng.below(2))
            case 7: x = ulps(1e6, rng.below(1 << 16))
            case 8: x = i == n / 2 ? 1e300 : ulps(7, rng.below(4096))
            case 9:
                let pool: [Double] = [0, -0.0, .infinity, -.infinity, .nan, 1, -1, .leastNonzeroMagnitude]
                x = pool[rng.below(pool.count)]
            case 10: x = Double(rng.below(5))
            default: x = rng.below(2) == 0 ? -spread(&rng) : spread(&rng)
            }
            v.append(x)
        }
        if index == 11 { v.sort() }
        if index == 12 { v.sort(by: >) }
        return v
    }

    static func check(_ v: [Double], _ label: String, allScales: Bool) {
        for order in RankOrder.allCases {
            for missing in MissingPolicy.allCases {
                for method in RankMethod.allCases {
                    for scale in RankScale.allCases where allScales || scale == .rank || method == .fractional {
                        let got = Ranking.ranks(
                            of: v, method: method, order: order, missing: missing, scale: scale)
                        let want = oracle(v, method: method, order: order, missing: missing, scale: scale)
                        #expect(
                            sameRanks(got, want),
                            "\(label) n=\(v.count) \(method) \(order) \(missing) \(scale)")
                    }
                }
            }
        }
    }

    @Test("every distribution at the sizes where the sort changes strategy", arguments: 0..<14)  // names.indices
    func distributions(index: Int) {
        var rng = RankTestRNG(state: UInt64(100 + index))
        for n in [0, 1, 2, 3, 4, 5, 31, 32, 33, 50, 64, 65, 200, 257, 511, 512, 513, 1000, 1200] {
            Self.check(Self.make(index, n, &rng), Self.names[index], allScales: n <= 64 || n == 200)
        }
    }

    @Test("random arrays of 0…1200 values from a random distribution")
    func randomSizes() {
        var rng = RankTestRNG(state: 77)
        for _ in 0..<60 {
            let index = rng.below(Self.names.count)
            Self.check(Self.make(index, rng.below(1201), &rng), Self.names[index], allScales: false)
        }
    }

    @Test("the radix sort gives `sorted()` on either side of each strategy's limits")
    func radixSizes() {
        var rng = RankTestRNG(state: 5)
        let sizes = [
            0, 1, 2, 32, 33, 34, RadixSort.msdLimit, RadixSort.msdLimit + 1, 100, 200, 1000,
            RadixSort.topSortLimit, RadixSort.topSortLimit + 1,
        ]
        for n in sizes {
            for bits in [1, 9, 14, 20, 40, 64] {
                let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
                for shape in 0..<4 {
                    let a: [UInt64] = (0..<n).map { i in
                        switch shape {
                        case 0: return rng.next() & mask  // spread
                        case 1: return (mask & ~0xFFF) | (rng.next() & 0xFFF & mask)  // clustered low
                        case 2: return UInt64(n - i) & mask  // reversed
                        default: return rng.below(2) == 0 ? 0 : mask & ~UInt64(rng.below(8))  // two ends
                        }
                    }
                    #expect(Self.radixSorted(a, bits: bits) == a.sorted(), "n=\(n) bits=\(bits) shape=\(shape)")
                }
            }
        }
    }

    static func radixSorted(_ keys: [UInt64], bits: Int) -> [UInt64] {
        let n = keys.count
        if n == 0 { return [] }
        var a = keys
        var b = [UInt64](repeating: 0, count: n)
        var h = [Int](repeating: 0, count: RadixSort.histogramByteCount / 8)
        return a.withUnsafeMutableBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                h.withUnsafeMutableBufferPointer { ph in
                    let r = RadixSort.sort(
                        pa.baseAddress!, pb.baseAddress!, count: n, bits: bits,
                        histogram: ph.baseAddress!)
                    return Array(UnsafeBufferPointer(start: r, count: n))
                }
            }
        }
    }
}

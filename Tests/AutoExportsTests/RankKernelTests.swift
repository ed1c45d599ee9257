import Testing

@testable import AutoExports

/// A brute-force oracle: the rank of each value from counting, O(n²), written from the
/// definitions in docs/design.md §3 and independent of the kernel's sort.
func bruteForceRanks(
    _ v: [Double], method: RankMethod, order: RankOrder, missing: MissingPolicy, scale: RankScale
) -> [Double] {
    let desc = order == .descending
    let included = v.indices.filter { !(v[$0].isNaN && missing == .keep) }
    let key = { (i: Int) in SortKey.fullKey(v[i], descending: desc, missing: missing) }
    let m = included.count
    let distinctKeys = Set(included.map(key)).sorted()
    var out = [Double](repeating: .nan, count: v.count)
    for i in included {
        let k = key(i)
        let less = included.filter { key($0) < k }.count
        let equal = included.filter { key($0) == k }.count
        let before = included.filter { key($0) == k && $0 < i }.count
        let dense = (distinctKeys.firstIndex(of: k) ?? 0) + 1
        var r: Double
        switch method {
        case .competition: r = Double(less + 1)
        case .competitionMax: r = Double(less + equal)
        case .fractional: r = Double(2 * less + 1 + equal) / 2
        case .dense: r = Double(dense)
        case .ordinal: r = Double(less + before + 1)
        }
        switch scale {
        case .rank: break
        case .pct: r = r / Double(method == .dense ? distinctKeys.count : m)
        case .percentRank: r = m == 1 ? 0 : Double(less) / Double(m - 1)
        case .cumeDist: r = Double(less + equal) / Double(m)
        }
        out[i] = r
    }
    return out
}

func sameRanks(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.isNaN && $1.isNaN || $0 == $1 }
}

/// A deterministic generator (RankTestRNG64), so failures reproduce.
struct RankTestRNG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

@Suite("Rank kernel")
struct RankKernelTests {
    static let pool: [Double] = [
        0, -0.0, 1, 2, -1, .infinity, -.infinity, .nan, 1e300,
        -1e-300, 5e-324, 1 + 0x1p-52, 3,
    ]

    @Test("matches the brute-force oracle for every method, order, missing policy and scale")
    func oracle() {
        var rng = RankTestRNG(state: 1)
        for trial in 0..<120 {
            let n = rng.below(trial < 110 ? 24 : 120)
            let v: [Double] = (0..<n).map { _ in
                rng.below(3) == 0 ? Double(bitPattern: rng.next()) : Self.pool[rng.below(Self.pool.count)]
            }
            for method in RankMethod.allCases {
                for order in RankOrder.allCases {
                    for missing in MissingPolicy.allCases {
                        for scale in RankScale.allCases {
                            let got = Ranking.ranks(
                                of: v, method: method, order: order,
                                missing: missing, scale: scale)
                            let want = bruteForceRanks(
                                v, method: method, order: order,
                                missing: missing, scale: scale)
                            #expect(sameRanks(got, want), "\(v) \(method) \(order) \(missing) \(scale)")
                        }
                    }
                }
            }
        }
    }

    @Test("values that differ only in their lowest bits collide in the packed key and are still exact")
    func collisions() {
        // 3000 values 1 + k ulp in reverse order: every packed prefix collides.
        let v: [Double] = (0..<3000).reversed().map { 1 + Double($0) * 0x1p-52 }
        let r = Ranking.ranks(of: v, method: .ordinal)
        #expect(r == (0..<3000).reversed().map { Double($0 + 1) })
        // Mixed with exact ties: ties keep input order, distinct values keep value order.
        let w: [Double] = [1 + 0x1p-52, 1, 1 + 0x1p-52, 1, 1 + 0x1p-51]
        #expect(Ranking.ranks(of: w, method: .ordinal) == [3, 1, 4, 2, 5])
        #expect(Ranking.ranks(of: w, method: .dense) == [2, 1, 2, 1, 3])
    }

    @Test("ranking in place gives the same ranks as ranking into another buffer")
    func inPlace() {
        var rng = RankTestRNG(state: 9)
        for _ in 0..<50 {
            let v: [Double] = (0..<rng.below(100)).map { _ in Self.pool[rng.below(Self.pool.count)] }
            for method in RankMethod.allCases {
                for missing in MissingPolicy.allCases {
                    var buffer = v
                    let scratch = UnsafeMutableRawBufferPointer.allocate(
                        byteCount: Ranking.scratchByteCount(for: v.count), alignment: 16)
                    defer { scratch.deallocate() }
                    buffer.withUnsafeMutableBufferPointer { b in
                        Ranking.rank(
                            UnsafeBufferPointer(b), into: b, method: method,
                            missing: missing, scratch: scratch)
                    }
                    #expect(sameRanks(buffer, Ranking.ranks(of: v, method: method, missing: missing)))
                }
            }
        }
    }

    @Test("percent ranks on the docs/design.md §3 anchor 30, 20, 20, 10 (descending)")
    func percentAnchor() {
        let v: [Double] = [30, 20, 20, 10]
        let third: Double = 1.0 / 3
        let twoThirds: Double = 2.0 / 3
        let percentRank: [Double] = [0, third, third, 1]
        let cumeDist: [Double] = [0.25, 0.75, 0.75, 1]
        let densePct: [Double] = [third, twoThirds, twoThirds, 1]
        #expect(
            Ranking.ranks(of: v, method: .competition, order: .descending, scale: .percentRank)
                == percentRank)
        #expect(
            Ranking.ranks(of: v, method: .competition, order: .descending, scale: .cumeDist)
                == cumeDist)
        #expect(Ranking.ranks(of: v, method: .dense, order: .descending, scale: .pct) == densePct)
        #expect(Ranking.ranks(of: [5], method: .competition, scale: .percentRank) == [0])
    }

    @Test(
        "radix sort sorts clustered and spread keys, skipping digits every key shares",
        arguments: [10, 49, 1000, 5000])
    func radix(n: Int) {
        var rng = RankTestRNG(state: 4)
        for bits in [1, 7, 8, 9, 12, 33, 64] {
            let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
            // Half the trials cluster the keys (one big bucket) to exercise the LSD fallback.
            let cluster = rng.below(2) == 0
            var a = (0..<n).map { _ in
                cluster ? (mask & ~UInt64(0xFFFF)) | (rng.next() & 0xFFFF & mask) : rng.next() & mask
            }
            var b = [UInt64](repeating: 0, count: n)
            var h = [Int](repeating: 0, count: RadixSort.histogramByteCount / 8)
            let want = a.sorted()
            let got: [UInt64] = a.withUnsafeMutableBufferPointer { pa in
                b.withUnsafeMutableBufferPointer { pb in
                    h.withUnsafeMutableBufferPointer { ph in
                        let r = RadixSort.sort(
                            pa.baseAddress!, pb.baseAddress!, count: n, bits: bits,
                            histogram: ph.baseAddress!)
                        return Array(UnsafeBufferPointer(start: r, count: n))
                    }
                }
            }
            #expect(got == want)
        }
    }

    @Test("scale names")
    func scaleNames() {
        #expect(RankScale(name: "percent_rank") == .percentRank)
        #expect(RankScale(name: "CUME_DIST") == .cumeDist)
        #expect(RankScale(name: "pct") == .pct)
        #expect(RankScale(name: "nope") == nil)
        #expect(RankScale.cumeDist.description == "cume_dist")
    }
}

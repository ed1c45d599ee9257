import Testing

@testable import AutoExports

@Suite("Rank methods")
struct RankMethodTests {
    let v: [Double] = [30, 20, 20, 10]

    @Test(
        "every tie method on the docs/design.md §3 anchor 30, 20, 20, 10 (descending)",
        arguments: [
            (RankMethod.competition, [1.0, 2, 2, 4]),
            (.competitionMax, [1, 3, 3, 4]),
            (.fractional, [1, 2.5, 2.5, 4]),
            (.dense, [1, 2, 2, 3]),
            (.ordinal, [1, 2, 3, 4]),
        ])
    func anchor(method: RankMethod, want: [Double]) {
        #expect(Ranking.ranks(of: v, method: method, order: .descending) == want)
    }

    @Test("missing values: keep leaves them out, top and bottom rank them as one block")
    func missing() {
        let x: [Double] = [.nan, 5, .nan, 7]
        let keep = Ranking.ranks(of: x, method: .competition, order: .ascending, missing: .keep)
        #expect(keep[0].isNaN && keep[2].isNaN && keep[1] == 1 && keep[3] == 2)
        #expect(Ranking.ranks(of: x, method: .competition, missing: .top) == [1, 3, 1, 4])
        #expect(Ranking.ranks(of: x, method: .fractional, missing: .bottom) == [3.5, 1, 3.5, 2])
        #expect(Ranking.ranks(of: x, method: .ordinal, missing: .top) == [1, 3, 2, 4])
        #expect(Ranking.ranks(of: x, method: .dense, missing: .bottom) == [3, 1, 3, 2])
    }

    @Test("ordinal ties break by input position")
    func ordinalStable() {
        let x: [Double] = [1, 1, 1, 0, 1]
        #expect(Ranking.ranks(of: x, method: .ordinal, order: .descending) == [1, 2, 3, 5, 4])
    }

    @Test("infinities are ordinary values and -0.0 equals 0.0")
    func specialValues() {
        let x: [Double] = [.infinity, -0.0, 0.0, -.infinity]
        #expect(Ranking.ranks(of: x, method: .competition) == [4, 2, 2, 1])
    }

    @Test("method names from pandas, SQL and spreadsheets")
    func names() {
        #expect(RankMethod(name: "min") == .competition)
        #expect(RankMethod(name: "average") == .fractional)
        #expect(RankMethod(name: "RANK.EQ") == .competition)
        #expect(RankMethod(name: "first") == .ordinal)
        #expect(RankMethod(name: "nonsense") == nil)
    }

    @Test("sort keys order doubles like < does")
    func sortKeys() {
        let xs: [Double] = [-.infinity, -1e300, -1, -Double.leastNonzeroMagnitude, 0, 1e-300, 2, .infinity]
        for (a, b) in zip(xs, xs.dropFirst()) {
            #expect(SortKey.key(a, descending: false) < SortKey.key(b, descending: false))
            #expect(SortKey.key(a, descending: true) > SortKey.key(b, descending: true))
        }
    }
}

import Testing

@testable import AutoExports

/// Worked by hand from shared/data/reference/exports.csv (CAAM for China, JAMA for Japan;
/// units, all vehicles):
///   CHN total 2022 3,110,000, 2023 4,910,000, 2024 5,859,000
///   CHN nev   2022   679,000, 2023 1,203,000, 2024 1,284,000 (conventional 2023 published 3,707,000)
///   JPN total 2022 3,813,269, 2023 4,422,682, 2024 4,210,000
@Suite("Attribution on the reference data")
struct AttributionReferenceTests {
    let x = Explainer(panel: ReferenceData.panel)
    let y2022 = Period(year: 2022)!, y2023 = Period(year: 2023)!, y2024 = Period(year: 2024)!

    @Test("2023: China's overtake of Japan is EV-decisive without EV exports (3,707,000 < 4,422,682)")
    func overtake2023() throws {
        let o = try x.explainOvertake(subject: "CHN", rival: "JPN", in: y2023)
        #expect(o.subject.source == "CAAM" && o.rival.source == "JAMA")
        #expect(o.isOvertake && o.since == y2022)
        #expect(o.subjectValue == 4_910_000 && o.rivalValue == 4_422_682 && o.margin == 487_318)
        #expect(o.subjectEV == 1_203_000 && o.subjectEVPrevious == 679_000)
        #expect(o.withoutEVExports.subjectValue == 3_707_000)
        #expect(o.withoutEVExports.margin == 3_707_000 - 4_422_682)
        #expect(!o.withoutEVExports.stillAhead && o.evDecisive)
        // Without EV growth: 4,910,000 − 524,000 = 4,386,000 < 4,422,682: decisive as well.
        #expect(o.withoutEVGrowth.subjectValue == 4_386_000 && o.evGrowthDecisive)
        // NEVs supplied only about 29% of China's growth: 524,000 of 1,800,000.
        #expect(o.subjectChange == 1_800_000 && o.evGrowth == 524_000)
        #expect(abs(o.evShareOfGrowth - 524_000.0 / 1_800_000) < 1e-15)
        #expect(o.sentence.contains("overtook Japan"))
        #expect(o.sentence.contains("decisive") && o.sentence.contains("29.1%"))
    }

    @Test("the milestone finder's 2023 overtake of Japan by China explains as EV-decisive")
    func milestoneEvent() throws {
        let report = try ReferenceData.completedPanel.milestones()
        let m = try #require(
            report.milestones.first {
                $0.kind == .overtake && $0.subject == "CHN" && $0.rival == "JPN" && $0.period == y2023
            })
        let o = try x.explain(m)
        #expect(o.evDecisive && o.withoutEVExports.subjectValue == 3_707_000)
        #expect(throws: AttributionError.self) {
            try x.explain(try #require(report.milestones.first { $0.rival == nil }))
        }
    }

    @Test("2024: China's lead over Japan survives without NEVs (4,575,000 > 4,210,000)")
    func lead2024() throws {
        let o = try x.explainOvertake(subject: "CHN", rival: "JPN", in: y2024)
        #expect(!o.isOvertake && o.subjectAhead)
        #expect(o.withoutEVExports.subjectValue == 5_859_000 - 1_284_000)
        #expect(o.withoutEVExports.stillAhead && !o.evDecisive)
        #expect(o.withoutEVGrowth.subjectValue == 5_859_000 - 81_000 && !o.evGrowthDecisive)
        #expect(o.sentence.contains("even without"))
    }

    @Test("China 2022→2023: +1,800,000 = NEV +524,000 (29.1%) + conventional +1,276,000")
    func change() throws {
        let c = try x.decomposeChange(of: "CHN", from: y2022, to: y2023)
        #expect(c.totalChange == 1_800_000 && c.unexplained == 0)
        #expect(c.parts.map(\.segment) == [.nev, .conventional])
        #expect(c.parts[0].change == 524_000 && c.parts[1].change == 1_276_000)
        // 2022's conventional is derived (3,110,000 − 679,000), 2023's is published.
        #expect(c.parts[1].from == 2_431_000 && c.parts[1].to == 3_707_000 && c.parts[1].derived)
        #expect(c.evChange == 524_000 && abs(c.evShare - 0.29111111111111) < 1e-12)
        #expect(c.sentence.contains("+524k (29.1% of the change)"))
    }

    @Test("gap China − Japan 2022→2023: −703,269 → +487,318; Japan has no NEV split")
    func gap() throws {
        let g = try x.decomposeGap(subject: "CHN", rival: "JPN", from: y2022, to: y2023)
        #expect(g.gapFrom == 3_110_000 - 3_813_269 && g.gapTo == 487_318)
        #expect(g.gapChange == 1_800_000 - (4_422_682 - 3_813_269))
        #expect(!g.rivalSplit && g.rivalChange == 609_413 && g.unexplained == 0)
        #expect(g.evContribution == 524_000)
        #expect(g.sentence.contains("Japan publishes no NEV split"))
    }

    @Test("missing segments, values and bad arguments are clear errors")
    func errors() {
        // Japan publishes totals only.
        #expect(throws: AttributionError.self) { try x.decomposeChange(of: "JPN", from: y2022, to: y2023) }
        do {
            _ = try x.decomposeChange(of: "JPN", from: y2022, to: y2023)
        } catch {
            #expect(error.description.contains("no split of its total into segments"))
        }
        // China's NEV series starts in 2021: no split in 2020.
        #expect(throws: AttributionError.self) {
            try x.decomposeChange(of: "CHN", from: Period(year: 2020)!, to: y2023)
        }
        // China's NEV exports are published from 2021: 2021 needs 2020's for EV growth.
        #expect(
            throws: AttributionError.missingValue(
                series: SeriesKey(exporter: "CHN", segment: .nev, source: "CAAM", scope: "all_vehicles"),
                period: Period(year: 2020)!)
        ) {
            try x.explainOvertake(subject: "CHN", rival: "JPN", in: Period(year: 2021)!)
        }
        #expect(throws: AttributionError.invalidEVGroup(.total)) {
            try x.explainOvertake(subject: "CHN", rival: "JPN", in: y2023, ev: .total)
        }
        #expect(throws: AttributionError.sameExporter("CHN")) {
            try x.explainOvertake(subject: "CHN", rival: "CHN", in: y2023)
        }
        #expect(throws: AttributionError.notAPartition([.nev, .total])) {
            try x.decomposeChange(of: "CHN", from: y2022, to: y2023, segments: [.nev, .total])
        }
        #expect(throws: AttributionError.noSeries(exporter: "ZZZ", segment: .total, metric: .units)) {
            try x.decomposeChange(of: "ZZZ", from: y2022, to: y2023)
        }
    }

    @Test("projection across segments: China's NEV exports against Japan's total")
    func projection() throws {
        let p = try x.project(subject: ("CHN", .nev), rival: ("JPN", .total), model: .logLinear, horizon: 10)
        #expect(p.subject.segment == .nev && p.rival.segment == .total)
        #expect(p.subjectFit.firstPeriod == 2021 && p.subjectFit.lastPeriod == 2025)
        // JAMA's run of consecutive years after the 2012 gap: 2013–2025.
        #expect(p.rivalFit.firstPeriod == 2013 && p.rivalFit.lastPeriod == 2025)
        #expect(p.crossover.origin == 2025 && !p.crossover.subjectAheadAtOrigin)
        #expect(p.sentence.contains("China's NEV exports") && p.sentence.contains("Japan's exports"))
        #expect(throws: AttributionError.self) {
            try x.project(subject: ("CHN", .nev), rival: ("JPN", .total), model: .linear, horizon: 0)
        }
    }
}

/// Random panels: decompositions add up exactly (the parts' changes sum to the total's).
@Suite("Attribution on random panels")
struct AttributionRandomTests {
    struct LCG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    @Test("change and gap decompositions add up exactly on random integer panels", arguments: 0..<40)
    func exact(seed: UInt64) throws {
        var rng = LCG(state: seed &+ 17)
        var b = PanelBuilder()
        let years = 2000...2010
        let fine = Int.random(in: 0...2, using: &rng)  // 0: total+nev, 1: nev+conventional, 2: every powertrain
        for e in ["AAA", "BBB"] as [Exporter] {
            for y in years {
                let p = Period(year: y)!
                func add(_ s: Segment, _ v: Double) throws {
                    try b.add(SeriesKey(exporter: e, segment: s, source: "S", scope: "all_vehicles"), p, v)
                }
                let parts = Segment.exclusive.map { _ in Double(Int.random(in: 0...5_000_000, using: &rng)) }
                let nev = parts[0] + parts[1] + parts[2], total = parts.reduce(0, +)
                switch fine {
                case 0: try add(.total, total); try add(.nev, nev)
                case 1: try add(.nev, nev); try add(.conventional, total - nev)
                default: for (s, v) in zip(Segment.exclusive, parts) { try add(s, v) }
                }
            }
        }
        let x = Explainer(panel: b.build())
        let t0 = Period(year: Int.random(in: 2000...2009, using: &rng))!
        let t1 = Period(year: Int.random(in: (t0.year + 1)...2010, using: &rng))!
        let c = try x.decomposeChange(of: "AAA", from: t0, to: t1)
        #expect(c.parts.reduce(0.0) { $0 + $1.change } == c.totalChange)
        #expect(c.unexplained == 0)
        #expect(c.parts.count == (fine == 2 ? 6 : 2))
        let plug = try x.decomposeChange(of: "AAA", from: t0, to: t1, ev: fine == 2 ? .plugin : .nev)
        #expect(plug.unexplained == 0)
        let g = try x.decomposeGap(subject: "AAA", rival: "BBB", from: t0, to: t1)
        #expect(g.rivalSplit && g.unexplained == 0)
        #expect(g.parts.reduce(0.0) { $0 + $1.contribution } == g.gapChange)
        // The overtake counterfactuals are the docs/design.md §5 formulas.
        let o = try x.explainOvertake(subject: "AAA", rival: "BBB", in: t1)
        #expect(o.withoutEVExports.margin == (o.subjectValue - o.subjectEV) - o.rivalValue)
        #expect(o.withoutEVGrowth.margin == (o.subjectValue - (o.subjectEV - o.subjectEVPrevious)) - o.rivalValue)
    }
}

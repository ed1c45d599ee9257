import Testing

@testable import AutoExports

/// `Panel.selectionBound` against the selections it bounds: the C library checks a league
/// table's memory from the bound before laying the selection out, so the bound must never
/// be smaller than what `select` / `selectMarkets` really make (the oracle), on the
/// reference data and on generated panels of many shapes.
@Suite("League memory: selection bounds")
struct LeagueSelectionBoundTests {
    static let granularities: [Granularity] = [
        .year, .quarter, .month, .half, .yearToDate(through: 5), .fiscalYear(start: 4),
    ]

    /// Checks every granularity, segment and filter of `panel`; returns how many
    /// selections were compared: of exporters, of them at a summed granularity (halves,
    /// year-to-date spans, fiscal years), and of markets.
    @discardableResult
    func compare(
        _ panel: Panel, metrics: [Metric], markets: [Exporter], lists: [[Exporter]?]
    ) -> (exporters: Int, summed: Int, markets: Int) {
        var compared = 0, summed = 0, marketsCompared = 0
        for metric in metrics {
            for segment in Segment.allCases {
                for g in Self.granularities {
                    for list in lists {
                        for aggregates in [false, true] {
                            guard
                                let sel = try? panel.select(
                                    metric: metric, segment: segment, granularity: g, exporters: list,
                                    includeAggregates: aggregates)
                            else { continue }
                            let b = panel.selectionBound(
                                metric: metric, segment: segment, granularity: g, exporters: list,
                                includeAggregates: aggregates)
                            #expect(
                                b.exporters >= sel.exporters.count && b.periods >= sel.periods.count,
                                "\(metric) \(segment) \(g) \(list.map { $0.map(\.code) } ?? []): bound \(b) < \(sel.exporters.count) x \(sel.periods.count)"
                            )
                            #expect(b.cells >= sel.values.count)
                            compared += 1
                            if g == .half || !g.isCalendar { summed += 1 }
                        }
                    }
                    for of in markets {
                        for regions in [false, true] {
                            guard
                                let sel = try? panel.selectMarkets(
                                    of: of, metric: metric, segment: segment, granularity: g,
                                    includeRegions: regions)
                            else { continue }
                            let b = panel.selectionBound(
                                metric: metric, segment: segment, granularity: g, includeAggregates: regions,
                                marketsOf: of)
                            #expect(
                                b.exporters >= sel.exporters.count && b.periods >= sel.periods.count,
                                "markets of \(of) \(metric) \(segment) \(g): bound \(b) < \(sel.exporters.count) x \(sel.periods.count)"
                            )
                            marketsCompared += 1
                        }
                    }
                }
            }
        }
        return (compared, summed, marketsCompared)
    }

    @Test("the bound covers every selection of the reference data")
    func referenceData() {
        let panel = ReferenceData.completedPanel
        let markets = Array(Set(panel.series.filter { !$0.isWorld }.map(\.exporter))).sorted()
        let n = compare(
            panel, metrics: [.units, .usd], markets: markets, lists: [nil, ["CHN", "JPN"], ["DEU", "WLD"]])
        #expect(n.exporters > 10 && n.markets > 0)
    }

    /// A panel of `exporters` exporters (two of them aggregates) with series to the world and
    /// to a few markets, in several segments and sources, at years, quarters and months
    /// scattered over a span of centuries (a linear congruential generator: the same panel
    /// on every run).
    static func generated(seed: UInt64, exporters: Int) throws -> Panel {
        var state = seed
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var b = PanelBuilder()
        let codes = (0..<exporters).map { Exporter(stringLiteral: "X\($0)") } + ["WLD", "EU27"]
        let segments: [Segment] = [.total, .bev, .phev]
        for e in codes {
            for _ in 0..<(1 + next(4)) {
                let partner = next(3) == 0 ? codes[next(codes.count)] : .world
                let key = SeriesKey(
                    exporter: e, partner: partner == e ? .world : partner, segment: segments[next(3)],
                    metric: next(4) == 0 ? .usd : .units, source: ["A", "B"][next(2)],
                    scope: ["all_vehicles", "passenger_cars"][next(2)])
                for _ in 0..<(1 + next(6)) {
                    let year = 1000 + next(1000)
                    let period: Period? =
                        switch next(3) {
                        case 0: Period(year: year)
                        case 1: Period(year: year, quarter: 1 + next(4))
                        default: Period(year: year, month: 1 + next(12))
                        }
                    guard let period else { continue }
                    try? b.add(key, period, Double(1 + next(1000)))
                }
                // Now and then a full year of months, so that halves, year-to-date spans and
                // fiscal years are summed.
                if next(3) == 0 {
                    let year = 1000 + next(1000)
                    for m in 1...12 { try? b.add(key, Period(year: year, month: m)!, Double(m)) }
                }
            }
        }
        return b.build()
    }

    @Test("the bound covers every selection of generated panels", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func generatedPanels(seed: UInt64) throws {
        let panel = try Self.generated(seed: seed, exporters: 12)
        let n = compare(
            panel, metrics: [.units, .usd], markets: ["X0", "X1", "X2", "WLD"],
            lists: [nil, ["X0", "X3"], ["X1", "WLD", "EU27"]])
        #expect(n.exporters > 20 && n.summed > 0 && n.markets > 0)
    }

    @Test("for yearly national totals the bound is the selection's shape")
    func exactForYears() throws {
        var b = PanelBuilder()
        for (i, e) in ["CHN", "JPN", "DEU"].enumerated() {
            for y in (2000 + i)...2020 {
                try b.add(SeriesKey(exporter: Exporter(stringLiteral: e)), Period(year: y)!, 1)
            }
        }
        try b.add(SeriesKey(exporter: "WLD"), Period(year: 1990)!, 1)
        let panel = b.build()
        let sel = try panel.select(metric: .units)
        let bound = panel.selectionBound(metric: .units)
        #expect(bound.exporters == sel.exporters.count && bound.periods == sel.periods.count)
        #expect(bound == SelectionBound(exporters: 3, periods: 21, rows: 21 + 20 + 19))
        // Two rows a thousand years apart: a selection of 12,000 months from 2 rows.
        var w = PanelBuilder()
        try w.add(SeriesKey(exporter: "CHN"), Period(year: 1000, month: 1)!, 1)
        try w.add(SeriesKey(exporter: "CHN"), Period(year: 1999, month: 12)!, 1)
        let wide = w.build()
        #expect(wide.selectionBound(metric: .units, granularity: .month).periods == 12_000)
        #expect(try wide.select(metric: .units, granularity: .month).periods.count == 12_000)
    }
}

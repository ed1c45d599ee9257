import ArgumentParser
import AutoExports

/// `autoexports chart`: SVG charts of the data.
struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw an SVG chart: bump (ranks), line (values with milestones), segments (stacked powertrains).",
        discussion: """
            Examples:
              autoexports chart bump --output ranks.svg               # ranks by units, every year
              autoexports chart line --exporters CHN,JPN,DEU,KOR,MEX  # values, overtakes marked
              autoexports chart segments CHN --output china-nev.svg   # China's NEV vs conventional
              autoexports chart bump --metric usd --top 6
            Render to PNG with: rsvg-convert -o chart.png chart.svg
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case bump, line, segments }

    @Argument(help: "bump|line|segments")
    var kind: Kind

    @Argument(help: "For `segments`: the exporter (default CHN).")
    var exporter: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var out: OutputOptions

    func run() throws {
        if out.formatOption != nil {
            throw ValidationError("--format does not apply to chart: a chart is an SVG file (render it to PNG with rsvg-convert)")
        }
        try data.refuse(["--period"], in: "chart \(kind)", because: "a chart shows every period of the data")
        switch kind {
        case .bump:
            if exporter != nil { throw ValidationError("an exporter argument applies only to `chart segments`; use --exporters") }
        case .line:
            if exporter != nil { throw ValidationError("an exporter argument applies only to `chart segments`; use --exporters") }
            try data.refuse(["--top"], in: "chart line", because: "it draws the exporters of --exporters (default CHN,JPN,DEU,KOR,MEX)")
        case .segments:
            try data.refuse(["--segment"], in: "chart segments", because: "it stacks NEV and conventional exports")
            try data.refuse(["--exporters"], in: "chart segments", because: "give the exporter as an argument, e.g. `chart segments CHN`")
            try data.refuse(["--top"], in: "chart segments", because: "it draws one exporter")
        }
        let panel = try data.panel()
        let svg: String
        switch kind {
        case .bump: svg = try bump(panel)
        case .line: svg = try line(panel)
        case .segments: svg = try segments(panel)
        }
        let path = out.output ?? "\(kind.rawValue).svg"
        try writeOutput(svg, to: path)
        if path != "-" { print("wrote \(path)") }
    }

    func sourceLine(_ sel: Selection) -> String {
        let sources = Set(sel.keys.map { "\($0.source) (\($0.scopeLabel))" }).sorted()
        let list = sources.count > 4 ? sources.prefix(4).joined(separator: "; ") + "; …" : sources.joined(separator: "; ")
        return "Source: " + list + (sel.hasMixedScopes ? ". Scopes differ between exporters." : "")
    }

    /// Ranks come from the core's `Panel.rankHistory` (the league tables' rule, every period).
    func bump(_ panel: Panel) throws -> String {
        let sel = try data.selection(in: panel)
        let metric = try data.parsedMetric(), segment = try data.parsedSegment()
        let granularity = try data.parsedGranularity(), exporters = try data.parsedExporters()
        let h: RankHistory
        do {
            h = try panel.rankHistory(metric: metric, segment: segment, granularity: granularity,
                                      choice: data.choice, exporters: exporters)
        } catch {
            throw ValidationError(error.description)
        }
        let n = h.exporters.count
        guard let first = h.periods.first, let last = h.periods.last else { throw ValidationError("no periods to chart") }
        let ranks = (0..<n).map { h.ranks(of: h.exporters[$0]) ?? [] }
        let top = Double(data.top ?? 8)
        let shown = (0..<n).filter { e in ranks[e].contains { !$0.isNaN && $0 <= top } }
            .sorted { a, b in
                ((ranks[a].last(where: { !$0.isNaN }) ?? 99), h.exporters[a]) < ((ranks[b].last(where: { !$0.isNaN }) ?? 99), h.exporters[b])
            }
        let chart = BumpChart(
            title: "Who exports the most vehicles? Rank by \(h.metric.isCurrency ? "export value" : "units"), \(first)–\(last)",
            subtitle: "\(h.segment == .total ? "All powertrains" : h.segment.label); rank 1 = largest exporter; gaps are missing years",
            periods: h.periods.map(\.description),
            series: shown.map { (h.exporters[$0].name, ranks[$0].map { $0 <= top ? $0 : .nan }) },
            source: sourceLine(sel),
            incomplete: h.periods.indices.map { p in h.missingContenders(inPeriod: p, top: top).map(\.name) })
        return chart.render()
    }

    func line(_ panel: Panel) throws -> String {
        var opts = data
        if opts.exporters == nil { opts.exporters = "CHN,JPN,DEU,KOR,MEX" }
        let sel = try opts.selection(in: panel)
        guard let first = sel.periods.first, let last = sel.periods.last else { throw ValidationError("no periods to chart") }
        let names = sel.exporters.map(\.name)
        // Every overtake among the shown exporters (the core's milestone rule: strict order,
        // coverage is not an event) is circled at its interpolated crossing; the ones that
        // make a new #1 are labelled (the rest would crowd the chart).
        var markers: [LineChart.Marker] = []
        for m in try overtakes(panel, opts) {
            guard let since = m.since, let s = sel.index(of: since), let t = sel.index(of: m.period), t > s,
                  m.crossing.isFinite else { continue }
            let f = (m.crossing - since.decimalYear) / (m.period.decimalYear - since.decimalYear)
            let at = Double(s) + f * Double(t - s)
            let value = m.valueSince + f * (m.value - m.valueSince)
            let label = m.rank == 1 && m.rival != nil
                ? "\(m.subject.name) passes \(m.rival?.name ?? ""), ~\(Formatting.fixed(m.crossing, digits: 1))" : ""
            markers.append(.init(at: at, value: value, label: label))
        }
        let chart = LineChart(
            title: "Vehicle exports by country, \(first)–\(last)",
            subtitle: "\(sel.segment == .total ? "All powertrains" : sel.segment.label), \(sel.metric.isCurrency ? sel.metric.name.uppercased() : "units"); circles mark where one exporter passed another (interpolated)",
            periods: sel.periods.map(\.description),
            series: sel.exporters.indices.map { (names[$0], sel.row(exporter: $0)) },
            markers: markers, metric: sel.metric,
            yLabel: sel.metric.isCurrency ? "export value (\(sel.metric.name.uppercased()))" : "vehicles exported",
            source: sourceLine(sel))
        return chart.render()
    }

    /// The overtakes among the exporters of `opts` (`Panel.milestones`, kind overtake).
    func overtakes(_ panel: Panel, _ opts: DataOptions) throws -> [Milestone] {
        var o = MilestoneOptions()
        o.kinds = [.overtake]
        o.metric = try opts.parsedMetric()
        o.segment = try opts.parsedSegment()
        o.granularity = try opts.parsedGranularity()
        o.choice = opts.choice
        o.exporters = try opts.parsedExporters()
        do {
            return try panel.milestones(o).milestones
        } catch {
            throw ValidationError(error.description)
        }
    }

    func segments(_ panel: Panel) throws -> String {
        let code = exporter ?? "CHN"
        guard let ex = Exporter.resolve(code) else { throw ValidationError("unknown exporter '\(code)'") }
        let metric = try data.parsedMetric()
        var opts = data
        opts.exporters = ex.code
        opts.segment = "total"
        let total = try opts.selection(in: panel)
        let key = total.keys[0]
        func layer(_ seg: Segment) -> [Double] {
            guard let s = panel.seriesIndex(of: SeriesKey(exporter: ex, segment: seg, metric: metric, source: key.source, scope: key.scope))
            else { return total.periods.map { _ in .nan } }
            return total.periods.map { p in panel.periodIndex(of: p).flatMap { panel.value(of: s, in: $0) } ?? .nan }
        }
        let nev = layer(.nev), conv = layer(.conventional)
        let keep = total.periods.indices.filter { nev[$0].isFinite && conv[$0].isFinite }
        guard !keep.isEmpty else {
            throw ValidationError("\(ex.name) has no NEV and conventional \(metric) figures in \(key.source) (\(key.scopeLabel))")
        }
        let chart = StackedBarChart(
            title: "\(ex.name)'s vehicle exports by powertrain",
            subtitle: "New-energy vehicles (BEV+PHEV+FCEV) and conventional; the label in each bar is the NEV share",
            periods: keep.map { total.periods[$0].description },
            layers: [("NEV", keep.map { nev[$0] }, "#009E73"), ("conventional", keep.map { conv[$0] }, "#7F7F7F")],
            metric: metric, yLabel: metric.isCurrency ? "export value" : "vehicles exported",
            source: "Source: \(key.source) (\(key.scopeLabel)); conventional = total − NEV where not published")
        return chart.render()
    }
}

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

    @Option(help: "The SVG file to write (default: <kind>.svg; - for standard output).")
    var output: String?

    func run() throws {
        let panel = try data.panel()
        let svg: String
        switch kind {
        case .bump: svg = try bump(panel)
        case .line: svg = try line(panel)
        case .segments: svg = try segments(panel)
        }
        let path = output ?? "\(kind.rawValue).svg"
        try writeOutput(svg, to: path)
        if path != "-" { print("wrote \(path)") }
    }

    func sourceLine(_ sel: Selection) -> String {
        let sources = Set(sel.keys.map { "\($0.source) (\($0.scopeLabel))" }).sorted()
        let list = sources.count > 4 ? sources.prefix(4).joined(separator: "; ") + "; …" : sources.joined(separator: "; ")
        return "Source: " + list + (sel.hasMixedScopes ? ". Scopes differ between exporters." : "")
    }

    func bump(_ panel: Panel) throws -> String {
        let sel = try data.selection(in: panel)
        let n = sel.exporters.count
        var ranks = [[Double]](repeating: [], count: n)
        for p in sel.periods.indices {
            let r = Ranking.ranks(of: Array(sel.column(period: p)), method: .competition, order: .descending)
            for e in 0..<n { ranks[e].append(r[e]) }
        }
        let top = Double(data.top ?? 8)
        let shown = (0..<n).filter { e in ranks[e].contains { !$0.isNaN && $0 <= top } }
            .sorted { (ranks[$0].last(where: { !$0.isNaN }) ?? 99) < (ranks[$1].last(where: { !$0.isNaN }) ?? 99) }
        let chart = BumpChart(
            title: "Who exports the most vehicles? Rank by \(sel.metric.isCurrency ? "export value" : "units"), \(sel.periods.first!)–\(sel.periods.last!)",
            subtitle: "\(sel.segment == .total ? "All powertrains" : sel.segment.label); rank 1 = largest exporter; gaps are missing years",
            periods: sel.periods.map(\.description),
            series: shown.map { (sel.exporters[$0].name, ranks[$0].map { $0 <= top ? $0 : .nan }) },
            source: sourceLine(sel))
        return chart.render()
    }

    func line(_ panel: Panel) throws -> String {
        var opts = data
        if opts.exporters == nil { opts.exporters = "CHN,JPN,DEU,KOR,MEX" }
        let sel = try opts.selection(in: panel)
        let names = sel.exporters.map(\.name)
        // Every crossing is circled; the ones that change who leads the shown exporters are
        // labelled (the rest would crowd the chart).
        var markers: [LineChart.Marker] = []
        for (a, b, at, v) in crossings(sel) {
            let p = Int(at.rounded(.up))
            let col = sel.column(period: p)
            let leader = col.indices.max { (col[$0].isNaN ? -.infinity : col[$0]) < (col[$1].isNaN ? -.infinity : col[$1]) }
            let takesLead = leader.map { $0 - col.startIndex == a } ?? false
            markers.append(.init(at: at, value: v, label: takesLead ? "\(names[a]) passes \(names[b]), ~\(Formatting.fixed(sel.periods[0].decimalYear + at, digits: 1))" : ""))
        }
        let chart = LineChart(
            title: "Vehicle exports by country, \(sel.periods.first!)–\(sel.periods.last!)",
            subtitle: "\(sel.segment == .total ? "All powertrains" : sel.segment.label), \(sel.metric.isCurrency ? sel.metric.name.uppercased() : "units"); circles mark where one exporter passed another (interpolated)",
            periods: sel.periods.map(\.description),
            series: sel.exporters.indices.map { (names[$0], sel.row(exporter: $0)) },
            markers: markers, metric: sel.metric,
            yLabel: sel.metric.isCurrency ? "export value (\(sel.metric.name.uppercased()))" : "vehicles exported",
            source: sourceLine(sel))
        return chart.render()
    }

    /// Where one shown exporter passed another between consecutive periods with data for
    /// both: (subject, rival, fractional period index, value at the crossing).
    func crossings(_ sel: Selection) -> [(Int, Int, Double, Double)] {
        var out: [(Int, Int, Double, Double)] = []
        let n = sel.exporters.count
        for p in 1..<max(sel.periods.count, 1) {
            for a in 0..<n {
                for b in 0..<n where a != b {
                    let a0 = sel.value(exporter: a, period: p - 1), b0 = sel.value(exporter: b, period: p - 1)
                    let a1 = sel.value(exporter: a, period: p), b1 = sel.value(exporter: b, period: p)
                    guard [a0, b0, a1, b1].allSatisfy(\.isFinite), a0 < b0, a1 > b1 else { continue }
                    let f = (b0 - a0) / ((a1 - a0) - (b1 - b0))
                    out.append((a, b, Double(p - 1) + f, a0 + f * (a1 - a0)))
                }
            }
        }
        return out
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

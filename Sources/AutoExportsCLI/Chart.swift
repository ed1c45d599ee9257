import ArgumentParser
import AutoExports

/// `autoexports chart`: SVG charts of the data.
struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Draw an SVG chart: bump (ranks), line (values with milestones), segments (stacked powertrains), projection (the report's), destinations (change by market).",
        discussion: """
            Examples:
              autoexports chart bump --output ranks.svg               # ranks by units, every year
              autoexports chart line --exporters CHN,JPN,DEU,KOR,MEX  # values, overtakes marked
              autoexports chart segments CHN --output china-nev.svg   # China's NEV vs conventional
              autoexports chart bump --metric usd --top 6
              autoexports chart projection            # the report's "what next", with its interval band
              autoexports chart destinations CHN      # the report's "where did it go?": change by market
              autoexports chart destinations JPN --period 2023   # the change into 2023
            Render to PNG with: rsvg-convert -o chart.png chart.svg
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case bump, line, segments, projection, destinations }

    @Argument(help: "bump|line|segments|projection|destinations")
    var kind: Kind

    @Argument(help: "For `segments` and `destinations`: the exporter (default CHN).")
    var exporter: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var out: OutputOptions

    func run() throws {
        if out.formatOption != nil {
            throw ValidationError(
                "--format does not apply to chart: a chart is an SVG file (render it to PNG with rsvg-convert)")
        }
        if case .format(let f)? = out.implied {
            throw ValidationError(
                "--output '\(out.output ?? "")' says \(f.rawValue), but a chart is an SVG file: end it in .svg")
        }
        if kind != .destinations {
            try data.refuse(["--period"], in: "chart \(kind)", because: "a chart shows every period of the data")
        }
        switch kind {
        case .bump:
            if exporter != nil {
                throw ValidationError(
                    "an exporter argument applies only to `chart segments` and `chart destinations`; use --exporters")
            }
        case .line:
            if exporter != nil {
                throw ValidationError(
                    "an exporter argument applies only to `chart segments` and `chart destinations`; use --exporters")
            }
            try data.refuse(
                ["--top"], in: "chart line",
                because: "it draws the exporters of --exporters (default CHN,JPN,DEU,KOR,MEX)")
        case .segments:
            try data.refuse(["--segment"], in: "chart segments", because: "it stacks NEV and conventional exports")
            try data.refuse(
                ["--exporters"], in: "chart segments",
                because: "give the exporter as an argument, e.g. `chart segments CHN`")
            try data.refuse(["--top"], in: "chart segments", because: "it draws one exporter")
        case .destinations:
            try data.refuse(
                ["--metric", "--segment", "--granularity", "--top", "--exporters"], in: "chart destinations",
                because:
                    "it draws the report's change by market (units, by year) of one exporter, given as an argument, e.g. `chart destinations CHN`"
            )
        case .projection:
            if exporter != nil {
                throw ValidationError("an exporter argument applies only to `chart segments` and `chart destinations`")
            }
            try data.refuse(
                ["--metric", "--segment", "--granularity", "--top"], in: "chart projection",
                because:
                    "it draws the report's projection (the headline subject's NEV exports against the rival's total, by year)"
            )
        }
        let panel = try data.panel()
        let svg: String
        let metric = try data.parsedMetric(), granularity = try data.parsedGranularity()
        switch kind {
        case .bump:
            svg = try Charts.bump(
                panel, metric: metric, segment: try data.parsedSegment(), granularity: granularity,
                choice: data.choice, exporters: try data.parsedExporters(), top: data.top
            ).render()
        case .line:
            var opts = data
            if opts.exporters == nil { opts.exporters = "CHN,JPN,DEU,KOR,MEX" }
            svg = try Charts.line(
                panel, metric: metric, segment: try data.parsedSegment(), granularity: granularity,
                choice: data.choice, exporters: try opts.parsedExporters()
            ).render()
        case .segments:
            let code = exporter ?? "CHN"
            guard let ex = Exporter.resolve(code) else {
                throw ValidationError("unknown exporter '\(code)'" + Exporter.didYouMean(code))
            }
            svg = try Charts.segments(
                panel, exporter: ex, metric: metric, granularity: granularity, choice: data.choice
            ).render()
        case .projection:
            // The report's projection section (Story), drawn as the page draws it.
            let scope = StoryScope(panel: panel, choice: data.choice, exporters: try data.parsedExporters())
            let story = try Story.build(scope)
            var colors = ChartStyle.Colors([])
            if let why = story.sections.first(where: { $0.key == "projection" })?.missing {
                throw ValidationError("the data have no projection to draw: \(why)")
            }
            guard let s = story.sections.first(where: { $0.key == "projection" }),
                let (chart, _) = HTMLReport(story: story, scope: scope, command: "").projectionChart(s, colors: &colors)
            else {
                throw ValidationError("the data have no projection to draw (no first-time leader with NEV figures)")
            }
            svg = chart.render()
        case .destinations:
            // The report's "where did it go?" chart (Story+Destinations), up to --period.
            let code = exporter ?? "CHN"
            guard let ex = Exporter.resolve(code) else {
                throw ValidationError("unknown exporter '\(code)'" + Exporter.didYouMean(code))
            }
            let period = try data.parsedPeriod()
            if let p = period, p.granularity != .year {
                throw ValidationError(
                    "--period \(p) does not apply to chart destinations: it compares calendar years (e.g. --period 2023)"
                )
            }
            let scope = StoryScope(panel: panel, choice: data.choice, period: period)
            guard let d = Story.destinationStory(scope, of: ex) else {
                throw ValidationError(
                    "\(ex.name) has no exports by destination with a world total by units in a calendar year"
                        + (period.map { " up to \($0)" } ?? "") + " in the data")
            }
            guard let chart = Charts.destinations(d) else {
                throw ValidationError(
                    "\(ex.name) has destination figures for \(d.to) only" + (d.changeFailure.map { " (\($0))" } ?? "")
                        + ": a change by market needs an earlier year with a figure for the same market")
            }
            svg = chart.render()
        }
        let path = out.output ?? "\(kind.rawValue).svg"
        try writeOutput(svg, to: path)
        if path != "-" { print("wrote \(path)") }
    }
}

/// The charts of `autoexports chart` and of the HTML report, built from the core's results
/// (one builder per chart, shared by both).
enum Charts {
    /// "Source: CAAM (all vehicles); JAMA (…); …": every source and scope of the selection,
    /// none dropped (the chart footer wraps), and a warning when scopes differ.
    static func sourceLine(_ sel: Selection) -> String {
        let sources = Set(sel.keys.map { "\($0.source) (\($0.scopeLabel))" }).sorted()
        return "Source: " + sources.joined(separator: "; ")
            + (sel.hasMixedScopes ? ". Scopes differ between exporters." : "")
    }

    /// Ranks come from the core's `Panel.rankHistory` (the league tables' rule, every
    /// period); `upTo` ends the chart at that period.
    static func bump(
        _ panel: Panel, metric: Metric, segment: Segment = .total, granularity: Granularity = .year,
        choice: SeriesChoice, exporters: [Exporter]?, top: Int?, upTo: Period? = nil
    ) throws -> BumpChart {
        let sel: Selection, h: RankHistory
        do {
            sel = try panel.select(
                metric: metric, segment: segment, granularity: granularity, choice: choice, exporters: exporters)
            h = try panel.rankHistory(
                metric: metric, segment: segment, granularity: granularity,
                choice: choice, exporters: exporters)
        } catch {
            throw ValidationError("\(error)")
        }
        let keep = h.periods.indices.filter { i in upTo.map { h.periods[i] <= $0 } ?? true }
        let n = h.exporters.count
        guard let first = keep.first.map({ h.periods[$0] }), let last = keep.last.map({ h.periods[$0] }) else {
            throw ValidationError("no periods to chart")
        }
        let ranks = (0..<n).map { e in
            (h.ranks(of: h.exporters[e]) ?? []).enumerated().filter { keep.contains($0.offset) }.map(\.element)
        }
        let top = Double(top ?? 8)
        let shown = (0..<n).filter { e in ranks[e].contains { !$0.isNaN && $0 <= top } }
            .sorted { a, b in
                ((ranks[a].last(where: { !$0.isNaN }) ?? 99), h.exporters[a]) < (
                    (ranks[b].last(where: { !$0.isNaN }) ?? 99), h.exporters[b]
                )
            }
        return BumpChart(
            title:
                "Who exports the most vehicles? Rank by \(h.metric.isCurrency ? "export value" : "units"), \(first)–\(last)",
            subtitle:
                "\(h.segment == .total ? "All powertrains" : h.segment.label); rank 1 = largest exporter; gaps are missing years",
            periods: keep.map { h.periods[$0].description },
            series: shown.map { (h.exporters[$0].name, ranks[$0].map { $0 <= top ? $0 : .nan }) },
            source: sourceLine(sel),
            incomplete: keep.map { p in h.missingContenders(inPeriod: p, top: top).map(\.name) })
    }

    /// Values over time with every overtake among the shown exporters circled (the core's
    /// milestone rule: strict order, coverage is not an event). The circle sits at the
    /// interpolated crossing, which is only where the lines meet on the drawing; the label
    /// names the period in which the overtake happened ("China passes Japan, 2023"), as
    /// the milestone does. Overtakes that make a new #1 are labelled.
    static func line(
        _ panel: Panel, metric: Metric, segment: Segment = .total, granularity: Granularity = .year,
        choice: SeriesChoice, exporters: [Exporter]?, upTo: Period? = nil
    ) throws -> LineChart {
        let sel: Selection
        do {
            sel = try panel.select(
                metric: metric, segment: segment, granularity: granularity, choice: choice, exporters: exporters)
        } catch {
            throw ValidationError("\(error)")
        }
        let keep = sel.periods.indices.filter { i in upTo.map { sel.periods[i] <= $0 } ?? true }
        guard let first = keep.first.map({ sel.periods[$0] }), let last = keep.last.map({ sel.periods[$0] }) else {
            throw ValidationError("no periods to chart")
        }
        var markers: [LineChart.Marker] = []
        for m in try overtakes(
            panel, metric: metric, segment: segment, granularity: granularity, choice: choice, exporters: exporters)
        {
            guard let since = m.since, let s = sel.index(of: since), let t = sel.index(of: m.period), t > s,
                t <= keep.last ?? -1,
                m.crossing.isFinite
            else { continue }
            let f = (m.crossing - since.decimalYear) / (m.period.decimalYear - since.decimalYear)
            let at = Double(s) + f * Double(t - s)
            let value = m.valueSince + f * (m.value - m.valueSince)
            let label =
                m.rank == 1 && m.rival != nil ? "\(m.subject.name) passes \(m.rival?.name ?? ""), \(m.periodLabel)" : ""
            markers.append(.init(at: at, value: value, label: label))
        }
        return LineChart(
            title: "Vehicle exports by country, \(first)–\(last)",
            subtitle:
                "\(sel.segment == .total ? "All powertrains" : sel.segment.label), \(sel.metric.isCurrency ? sel.metric.name.uppercased() : "units"); circles mark where one exporter passed another",
            periods: keep.map { sel.periods[$0].description },
            series: sel.exporters.indices.map {
                (sel.exporters[$0].name, Array(sel.row(exporter: $0)[0..<keep.count]))
            },
            markers: markers, metric: sel.metric,
            yLabel: sel.metric.isCurrency ? "export value (\(sel.metric.name.uppercased()))" : "vehicles exported",
            source: sourceLine(sel))
    }

    /// The overtakes among `exporters` (`Panel.milestones`, kind overtake).
    static func overtakes(
        _ panel: Panel, metric: Metric, segment: Segment, granularity: Granularity,
        choice: SeriesChoice, exporters: [Exporter]?
    ) throws -> [Milestone] {
        var o = MilestoneOptions()
        o.kinds = [.overtake]
        o.metric = metric
        o.segment = segment
        o.granularity = granularity
        o.choice = choice
        o.exporters = exporters
        do {
            return try panel.milestones(o).milestones
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// One exporter's NEV and conventional exports stacked, from the series of its total
    /// (same source and scope); `upTo` ends the chart at that period.
    static func segments(
        _ panel: Panel, exporter ex: Exporter, metric: Metric, granularity: Granularity = .year,
        choice: SeriesChoice, upTo: Period? = nil
    ) throws -> StackedBarChart {
        let total: Selection
        do {
            total = try panel.select(
                metric: metric, segment: .total, granularity: granularity, choice: choice, exporters: [ex])
        } catch {
            throw ValidationError("\(error)")
        }
        guard let key = total.keys.first else { throw ValidationError("\(ex.name) has no \(metric) figures") }
        func layer(_ seg: Segment) -> [Double] {
            guard
                let s = panel.seriesIndex(
                    of: SeriesKey(
                        exporter: ex, partner: key.partner, segment: seg, metric: metric, source: key.source,
                        scope: key.scope))
            else { return total.periods.map { _ in .nan } }
            return total.periods.map { p in panel.periodIndex(of: p).flatMap { panel.value(of: s, in: $0) } ?? .nan }
        }
        let nev = layer(.nev), conv = layer(.conventional)
        let keep = total.periods.indices.filter { i in
            nev[i].isFinite && conv[i].isFinite && (upTo.map { total.periods[i] <= $0 } ?? true)
        }
        guard !keep.isEmpty else {
            throw ValidationError(
                "\(ex.name) has no NEV and conventional \(metric) figures in \(key.source) (\(key.scopeLabel))")
        }
        return StackedBarChart(
            title: "\(ex.name)'s vehicle exports by powertrain",
            subtitle: "New-energy vehicles (BEV+PHEV+FCEV) and conventional; the label in each bar is the NEV share",
            periods: keep.map { total.periods[$0].description },
            layers: [("NEV", keep.map { nev[$0] }, "#007A5A"), ("conventional", keep.map { conv[$0] }, "#8C8C8C")],
            metric: metric, yLabel: metric.isCurrency ? "export value" : "vehicles exported",
            source: "Source: \(key.source) (\(key.scopeLabel)); conventional = total − NEV where not published")
    }
}

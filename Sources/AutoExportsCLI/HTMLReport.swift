import AutoExports

/// `autoexports report --format html`: the report as one self-contained page.
///
/// The page renders the same `Story` as the terminal, Markdown and JSON formats (its
/// sections, sentences, tables and facts, in their order) and adds a chart per section,
/// each built by the chart builders of `autoexports chart` (`Charts`, `ProjectionChart`):
/// - who leads (units): the table, the bump chart of ranks;
/// - milestones: the headline first, the line chart with the overtakes marked;
/// - was it EVs?: the sentences, the stacked powertrain chart of the subject;
/// - who leads by value: the table;
/// - what next: the projection chart with its interval band;
/// - where did it go? (one section per leading exporter with destination figures): the
///   finding, the table of markets with each figure's source, scope and citation, the
///   change-by-destination chart (`Charts.destinations`).
///
/// Inline CSS and SVG only: no script, no external resource (a Content-Security-Policy
/// says so to the browser as well). Every text from the data is escaped
/// (`HTMLText.escape`); a citation is a link only when it is an http(s) URL.
struct HTMLReport {
    var story: Story
    var scope: StoryScope
    /// The command line that reproduces the page, shown at its foot.
    var command: String

    /// `autoexports report --format html …` from the process arguments: the executable's
    /// file name (never its folder) and each argument quoted for a POSIX shell if needed.
    static func command(_ arguments: [String]) -> String {
        let exe = arguments.first.map { String($0.split(separator: "/").last ?? "autoexports") } ?? "autoexports"
        var args = Array(arguments.dropFirst())
        if args.first?.hasPrefix("-") ?? true { args.insert("report", at: 0) }
        return ([exe] + args.map(shellQuoted)).joined(separator: " ")
    }

    static func shellQuoted(_ s: String) -> String {
        let plain =
            !s.isEmpty
            && s.unicodeScalars.allSatisfy { c in
                (c.value < 128 && (c.properties.isAlphabetic || ("0"..."9").contains(c)))
                    || "-_./:=,+@%".unicodeScalars.contains(c)
            }
        return plain
            ? s : "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    // MARK: the page

    func render() -> String {
        var colors = ChartStyle.Colors([])
        var body = ""
        let (first, last) = dataRange()
        body += "<header>\n<p class=\"kicker\">autoexports \(HTMLText.escape(AutoExportsVersion.string)) · report</p>\n"
        body += "<h1>\(HTMLText.escape(story.heading))</h1>\n"
        body +=
            "<p class=\"meta\">Data from <strong>\(HTMLText.escape(first))</strong> to <strong>\(HTMLText.escape(last))</strong>"
        body += otherPeriods()
        body += " · \(scope.panel.series.count) series from \(Set(scope.panel.series.map(\.source)).count) sources"
        body += scope.period.map { " · league tables for \(HTMLText.escape($0.description))" } ?? ""
        body += "</p>\n</header>\n"
        body += howToRead()
        let warnings = allWarnings()
        if !warnings.isEmpty {
            body +=
                "<aside class=\"warnings\" aria-labelledby=\"warn-h\">\n<h2 id=\"warn-h\">Read with care</h2>\n<ul>\n"
            body += warnings.map { "<li>\(HTMLText.escape($0))</li>\n" }.joined()
            body += "</ul>\n</aside>\n"
        }
        body += "<nav aria-label=\"Sections\"><ol>\n"
        for s in story.sections { body += "<li><a href=\"#\(anchor(s.key))\">\(HTMLText.escape(title(s)))</a></li>\n" }
        body += "</ol></nav>\n<main>\n"
        for s in story.sections { body += section(s, colors: &colors) }
        body += "</main>\n"
        body += footer()
        return page(title: story.heading, body: body)
    }

    func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
        <meta name="referrer" content="no-referrer">
        <meta name="generator" content="autoexports \(HTMLText.escape(AutoExportsVersion.string))">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(HTMLReport.css)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// The first and last period with a figure in the panel the report reads.
    /// The first and last calendar year of the data (the report works on years; other kinds
    /// of period, such as fiscal years, are never compared with them, docs/periods.md).
    func dataRange() -> (String, String) {
        let ps = scope.panel.periods.filter { $0.granularity == .year }
        return (ps.first?.description ?? "–", ps.last?.description ?? "–")
    }

    /// " · also FY2010–FY2019, not compared with calendar years" for the other kinds of period
    /// of the national totals; then each such period of the destination figures (year-to-
    /// date spans, fiscal years), listed one by one.
    func otherPeriods() -> String {
        let panel = scope.panel
        var world = Set<Period>(), markets = Set<Period>()
        for s in panel.series.indices {
            for r in panel.rows(ofSeries: s) {
                let p = panel.periods[panel.periodIndex(ofRow: Int(r))]
                if p.granularity == .year { continue }
                if panel.series[s].isWorld { world.insert(p) } else { markets.insert(p) }
            }
        }
        var out = otherPeriods(world.sorted())
        let extra = markets.subtracting(world).sorted { $0.description < $1.description }
        if !extra.isEmpty {
            out +=
                " · destination figures also for \(HTMLText.escape(extra.map(\.description).joined(separator: ", "))) (year-to-date spans and fiscal years: never added to calendar years)"
        }
        return out
    }

    func otherPeriods(_ periods: [Period]) -> String {
        var kinds: [(Granularity, Period, Period)] = []
        for p in periods where p.granularity != .year {
            if let i = kinds.firstIndex(where: { $0.0 == p.granularity }) {
                kinds[i].1 = min(kinds[i].1, p); kinds[i].2 = max(kinds[i].2, p)
            } else {
                kinds.append((p.granularity, p, p))
            }
        }
        guard !kinds.isEmpty else { return "" }
        let spans = kinds.map { $0.1 == $0.2 ? "\($0.1)" : "\($0.1)–\($0.2)" }.joined(separator: ", ")
        return " · also \(HTMLText.escape(spans)), not compared with calendar years"
    }

    func anchor(_ key: String) -> String {
        String(
            key.unicodeScalars.map { c in
                (c.value < 128 && (c.properties.isAlphabetic || ("0"..."9").contains(c))) ? Character(c) : "_"
            })
    }

    /// The section's title without the number the text formats put in front ("1  Who…").
    func title(_ s: StorySection) -> String {
        var t = Substring(s.title)
        while let c = t.first, c.isNumber { t = t.dropFirst() }
        return t.drop(while: { $0 == " " }).isEmpty ? s.title : String(t.drop(while: { $0 == " " }))
    }

    func howToRead() -> String {
        """
        <section class="howto" aria-labelledby="howto-h">
        <h2 id="howto-h">How to read this</h2>
        <ul>
        <li>Each section states its finding first, then the table or chart it rests on. Source and scope are given beside every figure; a link goes to the cited page.</li>
        <li><strong>Scope</strong> is what a series counts (for example all vehicles, or passenger cars only). Where exporters' scopes differ the comparison is flagged: a table can rank them, but the gap is partly a difference of definition.</li>
        <li>Shares are of the exporters ranked here, not of world exports. "new" in a table means the exporter had no rank the year before, not that it climbed.</li>
        <li>A series starting, ending or skipping a year is never counted as an overtake. Circles on the line chart mark where two lines cross on the drawing; the label names the year in which the overtake happened.</li>
        <li>The projection extends recent trends; the shaded band is the 95% prediction interval. It is not a forecast of policy or markets.</li>
        \(story.sections.contains { $0.key.hasPrefix("where_did_it_go") } ? destinationsHowTo : "")</ul>
        </section>

        """
    }

    static let destinationsHowToText =
        "Where did it go? A change by market is exact only where both years have the total's source and scope; those markets and the rest of world add up to the total's change. † marks a change within a market's own source or scope (real, but not a share of the total's change); ≈ and ⚠ mark two figures that are not like for like (the difference is indicative only; hatched grey in the chart)."
    var destinationsHowTo: String { "<li>\(HTMLText.escape(HTMLReport.destinationsHowToText))</li>\n" }

    /// Every warning of the report, for the box at the top (each also stays in its section).
    func allWarnings() -> [String] {
        var out: [String] = []
        for s in story.sections {
            // A destinations table's notes explain its marks line by line: they stay beside it;
            // its warnings come to the box.
            if let t = s.table, !s.key.hasPrefix("where_did_it_go") { out += t.notes.map { "\(title(s)): \($0)" } }
            out += s.lines.filter { $0.hasPrefix("Warning") }.map { "\(title(s)): \($0)" }
            if let m = s.missing { out.append("\(title(s)): not shown: \(m).") }
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    func factString(_ s: StorySection, _ key: String) -> String? {
        for (k, v) in s.facts where k == key { if case .string(let t) = v { return t } }
        return nil
    }

    func fact(_ s: StorySection, _ key: String) -> JSON? {
        s.facts.first { $0.0 == key }?.1
    }

    // MARK: sections

    func section(_ s: StorySection, colors: inout ChartStyle.Colors) -> String {
        var out = "<section id=\"\(anchor(s.key))\" aria-labelledby=\"\(anchor(s.key))-h\">\n"
        out += "<h2 id=\"\(anchor(s.key))-h\">\(HTMLText.escape(s.title))</h2>\n"
        var lines = s.lines
        if let why = s.missing {  // the data cannot fill it: say why, no chart
            return out + "<p class=\"warning missing\">Not shown: \(HTMLText.escape(why)).</p>\n</section>\n"
        }
        switch s.key {
        case "league_units", "league_value":
            // The finding ("China leads with …") first, then the table, its sources, the chart.
            out += paragraphs(lines, headline: true)
            lines = []
            if let t = s.table { out += t.renderHTML(label: title(s)) }
            out += leagueSources(s)
            if s.key == "league_units" { out += bumpFigure(s, colors: &colors) }
        case "milestones":
            if let h = lines.first { out += "<p class=\"headline\">\(HTMLText.escape(h))</p>\n"; lines.removeFirst() }
            out += lineFigure(s, colors: &colors)
            out += list(lines)
            lines = []
        case "was_it_evs":
            out += list(lines)
            lines = []
            out += segmentsFigure(s)
        case "projection":
            out += paragraphs(lines, headline: false)
            lines = []
            out += projectionFigure(s, colors: &colors)
        case let k where k.hasPrefix("where_did_it_go"):
            // The finding first, then the table with its sources, the chart, the rest.
            if let h = lines.first { out += "<p class=\"headline\">\(HTMLText.escape(h))</p>\n"; lines.removeFirst() }
            if var t = s.table {
                // The market names are the rows' header cells (the table's rule keys on "exporter").
                if let i = t.columns.firstIndex(where: { $0.key == "partner" }) { t.columns[i].key = "exporter" }
                out += t.renderHTML(label: title(s))
            }
            out += destinationsFigure(s, colors: &colors)
        default:
            if let t = s.table { out += t.renderHTML(label: title(s)) }
        }
        out += list(lines)
        return out + "</section>\n"
    }

    func paragraphs(_ lines: [String], headline: Bool) -> String {
        lines.enumerated().map { i, l in
            let cls = l.hasPrefix("Warning") ? " class=\"warning\"" : (headline && i == 0 ? " class=\"headline\"" : "")
            return "<p\(cls)>\(HTMLText.escape(l))</p>\n"
        }.joined()
    }

    func list(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "" }
        return "<ul class=\"lines\">\n"
            + lines.map { l in
                (l.hasPrefix("Warning")
                    ? "<li class=\"warning\">" : l.hasPrefix("Verdict") ? "<li class=\"verdict\">" : "<li>")
                    + HTMLText.escape(l) + "</li>\n"
            }.joined() + "</ul>\n"
    }

    /// The league table's rows again from the core (`Story.league`, the table's own rule),
    /// for each row's source, scope and citation.
    func leagueTable(_ s: StorySection) -> LeagueTable? {
        guard let p = factString(s, "period").flatMap({ Period(parsing: $0) }),
            let m = factString(s, "metric").flatMap({ Metric(name: $0) })
        else { return nil }
        return try? Story.league(scope, period: p, metric: m)
    }

    func leagueSources(_ s: StorySection) -> String {
        guard let t = leagueTable(s), !t.rows.isEmpty else { return "" }
        let p = t.period.description
        return sourceList(
            t.rows.map { r in (r.exporter.name, r.source, r.scope, r.citation.map { [($0, p)] } ?? []) },
            summary: "Sources of the table")
    }

    /// One line per series: exporter, source, scope, then its citations, each a link (if
    /// http(s)) labelled with the periods it supports, or the citation's text.
    func sourceList(
        _ rows: [(name: String, source: String, scope: String, cites: [(text: String, label: String)])], summary: String
    ) -> String {
        var out = "<div class=\"sources\"><p class=\"sources-h\">\(HTMLText.escape(summary))</p>\n<ul>\n"
        for r in rows {
            out +=
                "<li><span class=\"who\">\(HTMLText.escape(r.name))</span>: \(HTMLText.escape(r.source)), \(HTMLText.escape(SeriesKey.label(scope: r.scope)))"
            if !r.cites.isEmpty {
                out +=
                    " — "
                    + r.cites.map { c in
                        HTMLText.isWebURL(c.text)
                            ? "<a href=\"\(HTMLText.escape(c.text))\" rel=\"noopener noreferrer\" title=\"\(HTMLText.escape(c.text))\">\(HTMLText.escape(c.label))</a>"
                            : "\(HTMLText.escape(c.label)): " + HTMLText.citation(c.text)
                    }.joined(separator: ", ")
            }
            out += "</li>\n"
        }
        return out + "</ul></div>\n"
    }

    /// Source, scope and citations of each series of a selection: one link per run of
    /// consecutive periods with the same citation, labelled with the run ("2015–2017").
    func selectionSources(_ sel: Selection, summary: String) -> String {
        var rows: [(String, String, String, [(String, String)])] = []
        let np = sel.periods.count, ne = sel.exporters.count
        for (e, key) in sel.keys.enumerated() {
            var runs: [(cite: String, first: Int, last: Int)] = []
            for p in 0..<np {
                guard !sel.cellCitations.isEmpty, let c = sel.cellCitations[p * ne + e] else { continue }
                if let r = runs.last, r.cite == c, r.last == p - 1 {
                    runs[runs.count - 1].last = p
                } else {
                    runs.append((c, p, p))
                }
            }
            rows.append(
                (
                    key.exporter.name, key.source, key.scope,
                    runs.map { r in
                        (
                            r.cite,
                            r.first == r.last
                                ? sel.periods[r.first].description : "\(sel.periods[r.first])–\(sel.periods[r.last])"
                        )
                    }
                ))
        }
        return sourceList(rows, summary: summary)
    }

    func figure(_ svg: String, caption: String, sources: String) -> String {
        "<figure>\n<div class=\"chart\">\n\(svg)</div>\n<figcaption>\(HTMLText.escape(caption))</figcaption>\n\(sources)</figure>\n"
    }

    func failed(_ what: String, _ error: Error) -> String {
        "<p class=\"warning\">No \(HTMLText.escape(what)): \(HTMLText.escape("\(error)"))</p>\n"
    }

    // MARK: charts

    func bumpFigure(_ s: StorySection, colors: inout ChartStyle.Colors) -> String {
        do {
            let chart = try Charts.bump(
                scope.panel, metric: .units, choice: scope.choice, exporters: scope.exporters,
                top: scope.top, upTo: scope.period)
            colors = ChartStyle.Colors(chart.series.map(\.name))
            let headline = s.lines.first ?? chart.title
            let svg = SVG.describing(
                chart.render(), as: "Ranks of the largest vehicle exporters by units, year by year. \(headline)")
            let sel = try scope.panel.select(
                metric: .units, granularity: .year, choice: scope.choice, exporters: scope.exporters)
            return figure(
                svg, caption: "Rank by units each year; the names at the right are the latest ranks.",
                sources: selectionSources(sel, summary: "Sources of the chart"))
        } catch {
            return failed("rank chart", error)
        }
    }

    func lineFigure(_ s: StorySection, colors: inout ChartStyle.Colors) -> String {
        // The exporters of the units table's top five, in its order.
        var exporters = scope.exporters
        if let units = story.sections.first(where: { $0.key == "league_units" }), let t = leagueTable(units) {
            exporters = Array(t.rows.prefix(5).map(\.exporter))
        }
        do {
            var chart = try Charts.line(
                scope.panel, metric: .units, choice: scope.choice, exporters: exporters, upTo: scope.period)
            chart.colors = chart.series.map { colors[$0.name] }
            chart.desc =
                "Vehicle exports by units of \(chart.series.map(\.name).joined(separator: ", ")). \(s.lines.first ?? "")"
            let sel = try scope.panel.select(
                metric: .units, granularity: .year, choice: scope.choice, exporters: exporters)
            return figure(
                chart.render(),
                caption:
                    "Exports by units; circles mark overtakes among these exporters, labelled with the year in which they happened.",
                sources: selectionSources(sel, summary: "Sources of the chart"))
        } catch {
            return failed("line chart", error)
        }
    }

    func segmentsFigure(_ s: StorySection) -> String {
        guard let code = factString(s, "subject"), let ex = Exporter.resolve(code) else { return "" }
        do {
            var chart = try Charts.segments(
                scope.panel, exporter: ex, metric: .units, choice: scope.choice, upTo: scope.period)
            chart.desc =
                "\(ex.name)'s exports by powertrain, NEV and conventional, by year. "
                + (s.lines.last { $0.hasPrefix("Verdict") } ?? "")
            let sel = try scope.panel.select(metric: .units, granularity: .year, choice: scope.choice, exporters: [ex])
            return figure(
                chart.render(),
                caption: "\(ex.name)'s exports split by powertrain; the share in each bar is the NEV share.",
                sources: selectionSources(sel, summary: "Source of the chart"))
        } catch {
            return failed("powertrain chart", error)
        }
    }

    /// The projection chart from the section's own facts (the core's `PanelCrossover` as
    /// JSON: both fits' values, both forecasts with their intervals, the crossing).
    func projectionFigure(_ s: StorySection, colors: inout ChartStyle.Colors) -> String {
        guard let (chart, rows) = projectionChart(s, colors: &colors) else { return "" }
        let level = fact(s, "fit")?.field("crossover")?.field("level")?.number ?? 0.95
        return figure(
            chart.render(),
            caption:
                "Solid: actual figures the trends are fitted on. Dashed: the trend projection. Shaded: the \(Formatting.percent(level, digits: 0)) prediction interval, cut at the top of the chart.",
            sources: sourceList(rows, summary: "Sources of the chart"))
    }

    /// The projection chart of the report's "what next" section (also `autoexports chart
    /// projection`), and the source rows of its two series.
    func projectionChart(
        _ s: StorySection, colors: inout ChartStyle.Colors
    )
        -> (ProjectionChart, [(name: String, source: String, scope: String, cites: [(text: String, label: String)])])?
    {
        guard let fit = fact(s, "fit"), let c = fit.field("crossover"),
            let sk = fit.field("subject"), let rk = fit.field("rival"),
            let sf = fit.field("subject_fit"), let rf = fit.field("rival_fit")
        else { return nil }
        let g = fit.field("granularity")?.text.flatMap { Granularity(name: $0) } ?? .year
        func label(_ n: Double) -> String { Period(granularity: g, ordinal: Int(n))?.description ?? JSON.numberText(n) }
        func history(_ f: JSON) -> [(period: String, value: Double)] {
            guard let first = f.field("first_period")?.number else { return [] }
            return (f.field("values")?.numbers ?? []).enumerated().map {
                (label(first + Double($0.offset)), $0.element)
            }
        }
        func forecast(_ f: JSON?) -> [(period: String, mean: Double, lower: Double, upper: Double)] {
            guard let f else { return [] }
            let ps = f.field("periods")?.numbers ?? [], m = f.field("mean")?.numbers ?? []
            let lo = f.field("lower")?.numbers ?? [], hi = f.field("upper")?.numbers ?? []
            return ps.indices.filter { $0 < m.count && $0 < lo.count && $0 < hi.count }.map {
                (label(ps[$0]), m[$0], lo[$0], hi[$0])
            }
        }
        func name(_ k: JSON) -> String {
            let n = k.field("name")?.text ?? "?"
            let seg = k.field("segment")?.text.flatMap { Segment(name: $0) } ?? .total
            return seg == .total ? "\(n)'s total" : "\(n)'s \(seg.label)"
        }
        let subjectName = sk.field("name")?.text ?? "", rivalName = rk.field("name")?.text ?? ""
        var crossing: (String, String)? = nil
        if let p = c.field("period_label")?.text {
            var l = "\(name(sk)) passes \(name(rk)): \(p)"
            if let e = c.field("earliest_label")?.text, let la = c.field("latest_label")?.text, e != la {
                l += " (interval \(e)–\(la))"
            }
            crossing = (p, l)
        }
        let level = c.field("level")?.number ?? 0.95
        // Show the forecasts up to two periods after the projected crossing (six periods when
        // there is none) and values up to three times the largest actual figure: enough to
        // see the crossing and its interval start, without an exploding band flattening
        // the history. The sentence above the chart gives the whole interval.
        let lastShown = c.field("period")?.number.map { $0 + 2 }
        func cut(
            _ f: [(period: String, mean: Double, lower: Double, upper: Double)]
        ) -> [(period: String, mean: Double, lower: Double, upper: Double)] {
            guard let lastShown else { return Array(f.prefix(6)) }
            return f.filter { $0.period <= label(lastShown) }
        }
        let subjectForecast = cut(forecast(c.field("subject"))), rivalForecast = cut(forecast(c.field("rival")))
        let lineMax = (history(sf).map(\.value) + history(rf).map(\.value)).filter(\.isFinite).max()
        let src = [sk, rk].map { k in
            "\(k.field("source")?.text ?? "?") (\(SeriesKey.label(scope: k.field("scope")?.text ?? "")))"
        }
        let chart = ProjectionChart(
            title: "What next? \(name(sk)) against \(name(rk))",
            subtitle:
                "Actual (solid), trend projection (dashed) and \(Formatting.percent(level, digits: 0)) prediction interval (shaded)",
            series: [
                .init(name: name(sk), history: history(sf), forecast: subjectForecast, color: colors[subjectName]),
                .init(name: name(rk), history: history(rf), forecast: rivalForecast, color: colors[rivalName]),
            ],
            crossing: crossing, metric: .units, yLabel: "vehicles exported",
            source:
                "Source: \(name(sk)): \(src[0]); \(name(rk)): \(src[1]). Fits: \(sf.field("model")?.text ?? "") and \(rf.field("model")?.text ?? "") on the last years shown.",
            desc:
                "Projection of \(name(sk)) exports against \(name(rk)) exports. \(s.lines.count > 1 ? s.lines[1] : "")",
            maxValue: lineMax.map { $0 * 3 })
        let rows: [(name: String, source: String, scope: String, cites: [(text: String, label: String)])] = [sk, rk].map
        { k in
            (k.field("name")?.text ?? "?", k.field("source")?.text ?? "?", k.field("scope")?.text ?? "", [])
        }
        return (chart, rows)
    }

    // MARK: where did it go?

    /// The section's exporter and its destinations again from the core (the section's rule,
    /// `Story.destinationStory`), for the chart and each figure's citation.
    func destinationStory(_ s: StorySection) -> DestinationStory? {
        guard let code = factString(s, "exporter"), let ex = Exporter.resolve(code) else { return nil }
        return Story.destinationStory(scope, of: ex)
    }

    func destinationsFigure(_ s: StorySection, colors: inout ChartStyle.Colors) -> String {
        guard let d = destinationStory(s) else { return "" }
        let sources = destinationSources(d)
        guard var chart = Charts.destinations(d, color: colors[d.exporter.name]) else { return sources }
        if let finding = s.lines.first(where: {
            $0.contains("→") && !$0.hasPrefix("Warning") && !$0.hasPrefix("Reproduce")
        }) {
            chart.desc =
                "Change of \(d.exporter.name)'s vehicle exports by destination market, the rest of world last. \(finding)"
        }
        return figure(
            chart.render(),
            caption:
                "Change by market between the two years; hatched grey bars compare figures that are not like for like (their difference is indicative only and is not in the exact split); lighter bars marked † are changes within a market's own source or scope, outside the exact split; the rest of world is the total's change minus the markets in the exact split (the total's source and scope).",
            sources: sources)
    }

    /// Each market's figures with source, scope and citation (one row per series: a market
    /// whose two years come from different sources has two), the world total first.
    func destinationSources(_ d: DestinationStory) -> String {
        let panel = scope.panel
        var rows: [(name: String, source: String, scope: String, cites: [(text: String, label: String)])] = []
        func cites(_ key: SeriesKey, _ periods: [Period]) -> [(text: String, label: String)] {
            guard let sIdx = panel.seriesIndex(of: key) else { return [] }
            var out: [(text: String, label: String)] = []
            for p in periods {
                guard let pi = panel.periodIndex(of: p), let r = panel.row(series: sIdx, period: pi),
                    let c = panel.citation(ofRow: r)
                else { continue }
                if let i = out.firstIndex(where: { $0.text == c }) {
                    out[i].label += ", \(p)"
                } else {
                    out.append((c, p.description))
                }
            }
            return out
        }
        let e = d.change ?? d.latest
        let years = [e.from, e.to].compactMap { $0 }
        rows.append(("\(d.exporter.name) (world total)", e.total.source, e.total.scope, cites(e.total, years)))
        for l in e.lines where !l.isRestOfWorld {
            var keys: [(SeriesKey, [Period])] = []
            if let f = l.fromKey, let from = e.from { keys.append((f, [from])) }
            if let t = l.toKey {
                if let i = keys.firstIndex(where: { $0.0 == t }) {
                    keys[i].1.append(e.to)
                } else {
                    keys.append((t, [e.to]))
                }
            }
            for (k, ps) in keys { rows.append((l.partner.name, k.source, k.scope, cites(k, ps))) }
        }
        return sourceList(rows, summary: "Sources of the markets' figures")
    }

    // MARK: footer

    func footer() -> String {
        var out = "<footer>\n<h2>Reproduce this page</h2>\n<pre><code>\(HTMLText.escape(command))</code></pre>\n"
        // Every citation of the data the report reads, once.
        let cites = Array(Set(scope.panel.citations)).sorted()
        if !cites.isEmpty {
            out +=
                "<details class=\"all-sources\" open>\n<summary>All \(cites.count) citations in the data</summary>\n<ol>\n"
            out += cites.map { "<li>\(HTMLText.citation($0))</li>\n" }.joined()
            out += "</ol>\n</details>\n"
        }
        out +=
            "<p class=\"meta\">Made by autoexports \(HTMLText.escape(AutoExportsVersion.string)) from the figures and citations in its data; nothing on this page is fetched from elsewhere.</p>\n</footer>\n"
        return out
    }

    static let css = """
        :root { --ink: #1a1a1a; --muted: #595959; --rule: #d9d9d9; --link: #0b5cad; --warn-bg: #fff5e0; --warn: #6b4a00; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink); background: #fff;
          font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Helvetica, Arial, sans-serif; }
        h1 { font-size: 1.7rem; line-height: 1.25; margin: .2rem 0 .5rem; }
        h2 { font-size: 1.3rem; line-height: 1.3; margin: 2.2rem 0 .6rem; padding-top: .8rem; border-top: 2px solid var(--ink); }
        .kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; color: var(--muted); margin: 0; }
        .meta { color: var(--muted); font-size: .92rem; }
        a { color: var(--link); overflow-wrap: anywhere; }
        p, li { overflow-wrap: anywhere; } /* long tokens (a reproducing command's lists) wrap on a phone */
        .headline { font-size: 1.12rem; font-weight: 600; }
        .howto { background: #f4f6f8; border-radius: 6px; padding: .2rem 1rem .4rem; margin: 1rem 0; }
        .howto h2, .warnings h2 { border: 0; margin: .6rem 0 .3rem; padding: 0; font-size: 1.05rem; }
        .howto ul { padding-left: 1.2rem; margin: .3rem 0; }
        .howto li { margin: .25rem 0; font-size: .95rem; }
        .warnings { background: var(--warn-bg); border-left: 5px solid #8a6100; padding: .2rem 1rem .4rem; margin: 1rem 0; color: var(--warn); }
        .warnings ul { padding-left: 1.2rem; margin: .3rem 0; }
        .warning { color: var(--warn); background: var(--warn-bg); }
        li.warning, p.warning { padding: .15rem .4rem; border-left: 4px solid #8a6100; list-style-position: inside; }
        li.warning::before, p.warning::before { content: "⚠ "; }
        .verdict { font-weight: 600; }
        nav ol { columns: 2 16rem; margin: .5rem 0; padding-left: 1.4rem; }
        .lines { padding-left: 1.2rem; }
        .lines li { margin: .35rem 0; }
        .table-wrap { overflow-x: auto; margin: .8rem 0 .4rem; border: 1px solid var(--rule); border-radius: 4px; }
        .table-wrap:focus { outline: 2px solid var(--link); }
        table { border-collapse: collapse; width: 100%; font-size: .95rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; font-weight: 600; padding: .4rem .6rem; }
        th, td { padding: .4rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
        thead th { background: #f4f6f8; font-weight: 600; white-space: nowrap; }
        tbody th { font-weight: 600; text-align: left; }
        .num { text-align: right; white-space: nowrap; }
        .txt { text-align: left; overflow-wrap: break-word; }
        tbody th { white-space: nowrap; }
        ul.notes { padding-left: 0; list-style: none; margin: .4rem 0; }
        p.source, .sources, figcaption { color: var(--muted); font-size: .88rem; }
        .sources { margin: .3rem 0 1rem; }
        .sources-h { margin: .2rem 0; font-weight: 600; }
        .sources ul { margin: 0; padding-left: 1.1rem; }
        .sources li { overflow-wrap: anywhere; }
        .who { color: var(--ink); }
        figure { margin: 1.2rem 0; }
        .chart svg { display: block; width: 100%; height: auto; max-width: 100%; border: 1px solid var(--rule); border-radius: 4px; }
        figcaption { margin-top: .4rem; }
        pre { background: #f4f6f8; padding: .7rem .9rem; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9rem; }
        footer { margin-top: 2.5rem; }
        details summary { cursor: pointer; font-weight: 600; }
        details ol { font-size: .85rem; color: var(--muted); }
        @media (max-width: 600px) {
          body { padding: 1rem .75rem 2rem; font-size: 15px; }
          h1 { font-size: 1.35rem; }
          h2 { font-size: 1.12rem; }
          table { font-size: .85rem; }
          th, td { padding: .3rem .4rem; white-space: nowrap; }
          nav ol { columns: 1; }
        }
        @media print {
          @page { margin: 14mm 12mm; }
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          nav { display: none; }
          h2 { break-after: avoid; page-break-after: avoid; }
          figure, .table-wrap, tr, .warnings, .howto { break-inside: avoid; page-break-inside: avoid; }
          .table-wrap { overflow: visible; border: 0; }
          .chart svg { border: 0; max-height: 118mm; }
          a { color: var(--ink); text-decoration: underline; }
          .howto, pre, thead th { background: none; }
          details > ol { display: block; }
        }
        """
}

extension JSON {
    /// The value of `key` in an object.
    func field(_ key: String) -> JSON? {
        if case .object(let kv) = self { return kv.first { $0.0 == key }?.1 }
        return nil
    }

    var number: Double? { if case .number(let x) = self { return x } else { return nil } }
    var text: String? { if case .string(let s) = self { return s } else { return nil } }
    var numbers: [Double] {
        if case .array(let xs) = self { return xs.map { $0.number ?? .nan } }
        return []
    }
}

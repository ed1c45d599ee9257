import ArgumentParser
import AutoExports

/// `autoexports explain`: an overtake (or lead) explained by powertrain, or the change of
/// one exporter split by segment.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Explain an overtake or a change by powertrain or by destination market (counterfactuals, decompositions).",
        discussion: """
            Examples:
              autoexports explain CHN JPN --period 2023      # was China's overtake of Japan due to NEVs?
              autoexports explain CHN --from 2022 --to 2023  # China's growth split into NEV and conventional
              autoexports explain CHN JPN --period 2024 --ev plugin --format json
              autoexports explain CHN JPN --period 2023 --format csv --output why.csv
              autoexports explain CHN --from 2022 --to 2023 --by partner   # growth split by destination market
              autoexports explain CHN --period 2023 --by partner           # China's 2023 markets and shares
              autoexports explain CHN JPN --period 2023 --without RUS      # would China have passed Japan without Russia?
            --by partner splits by destination market instead of powertrain: each market's
            change (or value, with --period alone) and share of the total, the markets whose
            figures have the total's source and scope in the exact split, a derived "rest of
            world", and a note next to every figure that is not like for like (such as
            China to Russia: 2022 customs passenger cars, 2023 CAAM all vehicles).
            --without MARKET (with a rival) takes the subject's growth in that market away;
            it gives no number as exact when the market's two figures are not like for like.
            With a rival, --period is the period of the overtake or lead (default: the
            latest period, at --granularity, where both have total and EV figures);
            without one, --to (or --period) ends the change (default: the subject's latest
            such period) and --from starts it (default: the period before).
            When the data have no figures at the granularity (year by default), the error
            names the granularity that has them, e.g. --granularity month.
            Figures come from each exporter's chosen total series (China: CAAM, Japan: JAMA)
            and the segments of the same source and scope; conventional = total − nev is
            derived where only the groups are published.
            """)

    @Argument(help: "The subject exporter (code or name), e.g. CHN.")
    var subject: String

    @Argument(help: "The rival, for an overtake or gap explanation, e.g. JPN.")
    var rival: String?

    @Option(help: "The start of the change, e.g. 2022 (default: the period before --to).")
    var from: String?

    @Option(help: "The end of the change, e.g. 2023.")
    var to: String?

    @Option(help: "The EV group: nev (bev+phev+fcev) or plugin (bev+phev).")
    var ev: String = "nev"

    @Option(help: "What to split by: powertrain (default) or partner (destination markets).")
    var by: String?

    @Option(help: "With a rival: the market (code or name) whose growth is taken away, e.g. RUS.")
    var without: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    func exporter(_ text: String) throws -> Exporter {
        guard let e = Exporter.resolve(text) else {
            throw ValidationError("unknown exporter '\(text)'" + Exporter.didYouMean(text))
        }
        return e
    }

    func parsePeriod(_ text: String?, _ option: String) throws -> Period? {
        guard let text else { return nil }
        guard let p = Period(parsing: text) else {
            throw ValidationError("bad \(option) '\(text)' (e.g. 2023, 2023-Q1, 2023-03)")
        }
        if data.granularity != nil, case let g = try data.parsedGranularity(), g != p.granularity {
            throw ValidationError("\(option) \(text) is a \(p.granularity) but --granularity is \(g)")
        }
        return p
    }

    func run() throws {
        guard let evGroup = Segment(name: ev), evGroup == .nev || evGroup == .plugin else {
            throw ValidationError("--ev must be nev or plugin, not '\(ev)'")
        }
        try data.refuse(
            ["--segment"], in: "explain",
            because: "it splits the total by every segment; choose the EV group with --ev nev|plugin")
        try data.refuse(
            ["--exporters"], in: "explain",
            because: "give the subject and the rival as arguments, e.g. `explain CHN JPN`")
        try data.refuse(["--top"], in: "explain", because: "it explains one exporter or one pair, not a ranking")
        let byPartner: Bool
        switch by?.lowercased() {
        case nil, "powertrain", "segment": byPartner = false
        case "partner", "destination", "market", "markets": byPartner = true
        default: throw ValidationError("unknown --by '\(by ?? "")' (powertrain|partner)")
        }
        if without != nil {
            guard rival != nil else {
                throw ValidationError("--without needs a rival: e.g. `explain CHN JPN --period 2023 --without RUS`")
            }
            if byPartner { throw ValidationError("--without already works by market; drop --by partner") }
            if ev != "nev" {
                throw ValidationError(
                    "--ev does not apply with --without: it takes a market's growth away, not an EV group's")
            }
            try marketOvertake()
            return
        }
        if byPartner {
            if rival != nil {
                throw ValidationError(
                    "--by partner explains one exporter; for a pair use --without MARKET, e.g. `explain CHN JPN --period 2023 --without RUS`"
                )
            }
            if ev != "nev" { throw ValidationError("--ev does not apply to --by partner") }
            try destinations()
            return
        }
        let x = Explainer(panel: try data.panel(), metric: try data.parsedMetric(), choice: data.choice)
        let period = data.period
        let a = try exporter(subject)
        if let rival {
            if from != nil {
                throw ValidationError("--from does not apply to an overtake: give its period with --period")
            }
            let b = try exporter(rival)
            guard let t = try parsePeriod(period ?? to, "--period") ?? (try latestPeriod(x, [a, b], evGroup)) else {
                throw ValidationError("give the period of the overtake, e.g. --period 2023")
            }
            let o = try attributed { () throws(AttributionError) in
                try x.explainOvertake(subject: a, rival: b, in: t, ev: evGroup)
            }
            let g = try? x.decomposeGap(subject: a, rival: b, from: o.previous, to: t, ev: evGroup)
            if output.format == .json {
                var fields: [(String, JSON)] = [("overtake", o.json)]
                fields.append(("gap", g?.json ?? .null))
                try output.emit(JSON.object(fields).rendered + "\n")
                return
            }
            try output.emit(overtakeText(o, g))
        } else {
            guard let end = try parsePeriod(to ?? period, "--to") ?? (try latestPeriod(x, [a], evGroup)) else {
                throw ValidationError("give the periods of the change, e.g. --from 2022 --to 2023")
            }
            guard let start = try parsePeriod(from, "--from") ?? end.predecessor else {
                throw ValidationError("give --from")
            }
            let c = try attributed { () throws(AttributionError) in
                try x.decomposeChange(of: a, from: start, to: end, ev: evGroup)
            }
            if output.format == .json { try output.emit(c.json.rendered + "\n"); return }
            try output.emit(changeText(c))
        }
    }

    /// `explain CHN --by partner`: one period (`--period` alone) or a change (`--from`/`--to`).
    func destinations() throws {
        let panel = try data.panel()
        let metric = try data.parsedMetric()
        let a = try exporter(subject)
        let onePeriod = from == nil && to == nil && data.period != nil
        guard
            let end = try parsePeriod(to ?? data.period, to != nil ? "--to" : "--period")
                ?? latestDestinationPeriod(panel, a, metric)
        else {
            throw ValidationError(
                "\(a.code) has no figures by destination market at \(try data.parsedGranularity()) granularity; give --period"
            )
        }
        let start: Period?
        if onePeriod {
            start = nil
        } else if let f = try parsePeriod(from, "--from") {
            start = f
        } else {
            guard let p = end.predecessor else { throw ValidationError("give --from") }
            start = p
        }
        let d = try attributed { () throws(AttributionError) in
            try panel.explainDestinations(of: a, from: start, to: end, metric: metric, choice: data.choice)
        }
        if output.format == .json { try output.emit(d.json.rendered + "\n"); return }
        try output.emit(destinationText(d))
    }

    /// The latest period (at --granularity) in which `e` has a total and a market figure.
    func latestDestinationPeriod(_ panel: Panel, _ e: Exporter, _ metric: Metric) throws -> Period? {
        let g = try data.parsedGranularity()
        var candidates = Set<Period>()
        for (s, k) in panel.series.enumerated()
        where k.exporter == e && !k.isWorld && k.metric == metric && k.segment == .total {
            for r in panel.rows(ofSeries: s) {
                let p = panel.periods[panel.periodIndex(ofRow: Int(r))]
                if p.granularity == g { candidates.insert(p) }
            }
        }
        // The latest first: the first period in which the explanation works (the total has a figure).
        return candidates.sorted(by: >).first {
            (try? panel.explainDestinations(of: e, from: nil, to: $0, metric: metric, choice: data.choice)) != nil
        }
    }

    /// `explain CHN JPN --period 2023 --without RUS`.
    func marketOvertake() throws {
        let panel = try data.panel()
        let metric = try data.parsedMetric()
        let a = try exporter(subject), b = try exporter(rival ?? "")
        guard let w = without, let market = Exporter.resolve(w) else {
            throw ValidationError("unknown market '\(without ?? "")' in --without" + Exporter.didYouMean(without ?? ""))
        }
        guard let t = try parsePeriod(data.period ?? to, "--period") else {
            throw ValidationError("give the period of the overtake, e.g. --period 2023")
        }
        let prev = try parsePeriod(from, "--from")
        let c = try attributed { () throws(AttributionError) in
            try panel.explainMarketOvertake(
                subject: a, rival: b, without: market, period: t, previous: prev, metric: metric,
                choice: data.choice)
        }
        if output.format == .json { try output.emit(c.json.rendered + "\n"); return }
        func n(_ x: Double?) -> TextTable.Cell {
            guard let x else { return TextTable.Cell("–", raw: .null) }
            return .number(x, text: Formatting.grouped(x))
        }
        var tt = TextTable(
            title: c.sentence,
            columns: [
                .init(title: "", key: "case", align: .left),
                .init(title: "\(c.subject.exporter.code) \(c.period)", key: "subject", align: .right),
                .init(title: "\(c.rival.exporter.code) \(c.period)", key: "rival", align: .right),
                .init(title: "ahead", key: "ahead", align: .left),
            ])
        tt.rows.append([
            TextTable.Cell("actual"), n(c.subjectValue), n(c.rivalValue), TextTable.Cell(c.ahead ? "yes" : "no"),
        ])
        tt.rows.append([
            TextTable.Cell("without its growth in \(c.partner.name)"), n(c.subjectWithout), n(c.rivalValue),
            c.overtakesWithout.map { TextTable.Cell($0 ? "yes" : "no") } ?? TextTable.Cell("not claimed", raw: .null),
        ])
        if let line = c.line {
            let from = line.from.map { "\(Formatting.grouped($0)) (\(line.fromKey?.provenanceLabel ?? ""))" } ?? "–"
            let to = line.to.map { "\(Formatting.grouped($0)) (\(line.toKey?.provenanceLabel ?? ""))" } ?? "–"
            tt.notes.append("\(c.subject.exporter.name) to \(c.partner.name): \(c.previous) \(from), \(c.period) \(to)")
            if let cite = line.fromCitation { tt.notes.append("\(c.previous) figure: \(cite)") }
            if let cite = line.toCitation { tt.notes.append("\(c.period) figure: \(cite)") }
        }
        if let caveat = c.caveat { tt.notes.append("warning: " + caveat) }
        tt.footer =
            "Source: \(c.subject.source) (\(c.subject.scopeLabel)), \(c.rival.source) (\(c.rival.scopeLabel)); \(metric)."
        try output.emit(tt.render(output.format, color: output.useColor))
    }

    /// The destinations as a table: one row per market, rest of world, total; notes and
    /// warnings under it, each figure's source and scope on its row.
    func destinationText(_ d: DestinationExplanation) -> String {
        func n(_ x: Double?) -> TextTable.Cell {
            guard let x else { return TextTable.Cell("–", raw: .null) }
            return .number(x, text: Formatting.grouped(x))
        }
        func pct(_ x: Double?) -> TextTable.Cell {
            guard let x else { return TextTable.Cell("–", raw: .null) }
            return .number(x, text: Formatting.percent(x))
        }
        func prov(_ l: DestinationExplanation.Line) -> String {
            if l.isRestOfWorld { return "derived" }
            let a = l.fromKey?.provenanceLabel, b = l.toKey?.provenanceLabel
            if d.from == nil || a == b { return b ?? a ?? "" }
            return "\(a ?? "–") → \(b ?? "–")"
        }
        var columns: [TextTable.Column] = [.init(title: "market", key: "partner", align: .left)]
        if let from = d.from {
            columns += [
                .init(title: "\(from)", key: "from", align: .right), .init(title: "\(d.to)", key: "to", align: .right),
                .init(title: "change", key: "change", align: .right),
                .init(title: "share of change", key: "share", align: .right),
            ]
        } else {
            columns += [
                .init(title: "\(d.to)", key: "to", align: .right),
                .init(title: "share of total", key: "share", align: .right),
            ]
        }
        columns += [
            .init(title: "exact", key: "in_exact_sum", align: .left),
            .init(title: "source, scope", key: "source", align: .left),
            .init(title: "note", key: "note", align: .left),
        ]
        var t = TextTable(title: d.sentence, columns: columns)
        for l in d.lines {
            var row: [TextTable.Cell] = [TextTable.Cell(l.label, raw: .string(l.partner.code))]
            if d.from != nil {
                row += [n(l.from), n(l.to), n(l.change), pct(l.share)]
            } else {
                row += [n(l.to), pct(l.share)]
            }
            row += [
                TextTable.Cell(l.inExactSum ? "yes" : "no", raw: .bool(l.inExactSum)), TextTable.Cell(prov(l)),
                l.note.map { TextTable.Cell($0) } ?? TextTable.Cell("", raw: .null),
            ]
            t.rows.append(row)
        }
        var total: [TextTable.Cell] = [TextTable.Cell("total (\(d.exporter.code) to the world)", raw: .string("WLD"))]
        if d.from != nil {
            total += [n(d.totalFrom), n(d.totalTo), n(d.totalChange), pct(1)]
        } else {
            total += [n(d.totalTo), pct(1)]
        }
        total += [TextTable.Cell(""), TextTable.Cell(d.total.provenanceLabel), TextTable.Cell("", raw: .null)]
        t.rows.append(total)
        for l in d.lines where !l.bySegment.isEmpty {
            t.notes.append(
                "\(l.label) by powertrain: "
                    + l.bySegment.map { p in
                        let v = d.from == nil ? p.to : p.change
                        let text =
                            d.from == nil
                            ? Formatting.compact(v, metric: d.metric) : Formatting.signedCompact(v, metric: d.metric)
                        return
                            "\(p.segment.label) \(text)\(p.share.isNaN ? "" : " (\(Formatting.percent(p.share)))")\(p.derived ? " (derived)" : "")"
                    }.joined(separator: ", "))
        }
        t.notes += d.warnings.map { "warning: " + $0 }
        if d.unexplained != 0 && d.lines.contains(where: \.isRestOfWorld) {
            t.notes.append("the exact lines differ from the total by \(Formatting.grouped(d.unexplained))")
        }
        var cites: [String] = []
        if let c = d.totalFromCitation, let f = d.from { cites.append("total \(f): \(c)") }
        if let c = d.totalToCitation { cites.append("total \(d.to): \(c)") }
        for l in d.lines where !l.isRestOfWorld {
            if let c = l.fromCitation, let f = d.from { cites.append("\(l.label) \(f): \(c)") }
            if let c = l.toCitation { cites.append("\(l.label) \(d.to): \(c)") }
        }
        t.notes += cites.map { "source: " + $0 }
        t.footer =
            "Total: \(d.total.source) (\(d.total.scopeLabel)); \(d.metric). Rest of world = the total minus the markets "
            + "in the exact split; markets with another source or scope are shown but not summed."
        return t.render(output.format, color: output.useColor)
    }

    /// The latest period at --granularity (year by default) where every one of `exporters`
    /// has a total figure, preferring one where their EV group has figures too. When there
    /// is none and --granularity was not given, the error names the granularities that
    /// have such periods.
    func latestPeriod(_ x: Explainer, _ exporters: [Exporter], _ ev: Segment) throws -> Period? {
        let families = try exporters.map { e in try attributed { () throws(AttributionError) in try x.family(of: e) } }
        func latest(_ g: Granularity) -> Period? {
            var bestTotal: Period?, bestEV: Period?
            for p in x.panel.periods where p.granularity == g {
                guard families.allSatisfy({ x.value($0, .total, p) != nil }) else { continue }
                if bestTotal.map({ $0 < p }) ?? true { bestTotal = p }
                if families.allSatisfy({ x.value($0, ev, p) != nil }), bestEV.map({ $0 < p }) ?? true { bestEV = p }
            }
            return bestEV ?? bestTotal
        }
        let g = try data.parsedGranularity()
        if let p = latest(g) { return p }
        let names = exporters.map(\.code).joined(separator: " and ")
        let both = exporters.count > 1 ? "both \(names) have" : "\(names) has"
        let others = [Granularity.year, .half, .quarter, .month].filter { $0 != g && latest($0) != nil }
        if data.granularity == nil, !others.isEmpty {
            let list = others.map { "--granularity \($0)" }.joined(separator: " or ")
            throw ValidationError(
                "there is no \(g) where \(both) \(x.metric) figures; the data have them by \(others.map(\.description).joined(separator: ", ")): use \(list) (or give --period)"
            )
        }
        throw ValidationError("there is no \(g) where \(both) \(x.metric) figures; give --period")
    }

    func overtakeText(_ o: OvertakeExplanation, _ g: GapDecomposition?) -> String {
        let m = o.subject.metric
        func n(_ x: Double) -> TextTable.Cell { .number(x, text: Formatting.grouped(x)) }
        var t = TextTable(
            title: o.sentence,
            columns: [
                .init(title: "", key: "case", align: .left),
                .init(title: "\(o.subject.exporter.code) \(o.period)", key: "subject", align: .right),
                .init(title: "\(o.rival.exporter.code) \(o.period)", key: "rival", align: .right),
                .init(title: "margin", key: "margin", align: .right),
                .init(title: "ahead", key: "ahead", align: .left),
            ])
        let ev = o.evGroup.label
        t.rows.append([
            TextTable.Cell("actual"), n(o.subjectValue), n(o.rivalValue), n(o.margin),
            TextTable.Cell(o.margin > 0 ? "yes" : "no"),
        ])
        t.rows.append([
            TextTable.Cell("without \(ev) exports"), n(o.withoutEVExports.subjectValue), n(o.rivalValue),
            n(o.withoutEVExports.margin), TextTable.Cell(o.withoutEVExports.stillAhead ? "yes" : "no — \(ev) decisive"),
        ])
        t.rows.append([
            TextTable.Cell("without \(ev) growth"), n(o.withoutEVGrowth.subjectValue), n(o.rivalValue),
            n(o.withoutEVGrowth.margin),
            TextTable.Cell(o.withoutEVGrowth.stillAhead ? "yes" : "no — \(ev) growth decisive"),
        ])
        if o.scopesDiffer {
            t.notes.append(
                "warning: the two series count different things (\(o.subject.scopeLabel) vs \(o.rival.scopeLabel))")
        }
        if let g { t.notes.append(g.sentence) }
        t.footer =
            "Source: \(o.subject.source) (\(o.subject.scopeLabel)), \(o.rival.source) (\(o.rival.scopeLabel)); \(m)."
        return t.render(output.format, color: output.useColor)
    }

    func changeText(_ c: ChangeDecomposition) -> String {
        func n(_ x: Double) -> TextTable.Cell { .number(x, text: Formatting.grouped(x)) }
        var t = TextTable(
            title: c.sentence,
            columns: [
                .init(title: "segment", key: "segment", align: .left),
                .init(title: "\(c.from)", key: "from", align: .right),
                .init(title: "\(c.to)", key: "to", align: .right),
                .init(title: "change", key: "change", align: .right),
                .init(title: "share", key: "share", align: .right),
            ])
        for p in c.parts {
            t.rows.append([
                TextTable.Cell(p.segment.label + (p.derived ? " (derived)" : "")), n(p.from), n(p.to), n(p.change),
                .number(p.share, text: Formatting.percent(p.share)),
            ])
        }
        t.rows.append([
            TextTable.Cell("total"), n(c.totalFrom), n(c.totalTo), n(c.totalChange), .number(1, text: "100.0%"),
        ])
        if c.unexplained != 0 {
            t.notes.append("the parts differ from the published total by \(Formatting.grouped(c.unexplained))")
        }
        t.footer = "Source: \(c.series.source) (\(c.series.scopeLabel)); \(c.series.metric)."
        return t.render(output.format, color: output.useColor)
    }
}

/// Runs a core call and turns an `AttributionError` into a one-line CLI error.
func attributed<R>(_ body: () throws(AttributionError) -> R) throws -> R {
    do { return try body() } catch { throw ValidationError(error.description) }
}

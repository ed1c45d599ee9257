import ArgumentParser
import AutoExports

/// `autoexports explain`: an overtake (or lead) explained by powertrain, or the change of
/// one exporter split by segment.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain an overtake or a change by powertrain (EV counterfactuals, decompositions).",
        discussion: """
            Examples:
              autoexports explain CHN JPN --period 2023      # was China's overtake of Japan due to NEVs?
              autoexports explain CHN --from 2022 --to 2023  # China's growth split into NEV and conventional
              autoexports explain CHN JPN --period 2024 --ev plugin --format json
              autoexports explain CHN JPN --period 2023 --format csv --output why.csv
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

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    func exporter(_ text: String) throws -> Exporter {
        guard let e = Exporter.resolve(text) else { throw ValidationError("unknown exporter '\(text)'" + Exporter.didYouMean(text)) }
        return e
    }

    func parsePeriod(_ text: String?, _ option: String) throws -> Period? {
        guard let text else { return nil }
        guard let p = Period(parsing: text) else { throw ValidationError("bad \(option) '\(text)' (e.g. 2023, 2023-Q1, 2023-03)") }
        if data.granularity != nil, case let g = try data.parsedGranularity(), g != p.granularity {
            throw ValidationError("\(option) \(text) is a \(p.granularity) but --granularity is \(g)")
        }
        return p
    }

    func run() throws {
        guard let evGroup = Segment(name: ev), evGroup == .nev || evGroup == .plugin else {
            throw ValidationError("--ev must be nev or plugin, not '\(ev)'")
        }
        try data.refuse(["--segment"], in: "explain", because: "it splits the total by every segment; choose the EV group with --ev nev|plugin")
        try data.refuse(["--exporters"], in: "explain", because: "give the subject and the rival as arguments, e.g. `explain CHN JPN`")
        try data.refuse(["--top"], in: "explain", because: "it explains one exporter or one pair, not a ranking")
        let x = Explainer(panel: try data.panel(), metric: try data.parsedMetric(), choice: data.choice)
        let period = data.period
        let a = try exporter(subject)
        if let rival {
            if from != nil { throw ValidationError("--from does not apply to an overtake: give its period with --period") }
            let b = try exporter(rival)
            guard let t = try parsePeriod(period ?? to, "--period") ?? (try latestPeriod(x, [a, b], evGroup)) else {
                throw ValidationError("give the period of the overtake, e.g. --period 2023")
            }
            let o = try attributed { () throws(AttributionError) in try x.explainOvertake(subject: a, rival: b, in: t, ev: evGroup) }
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
            let c = try attributed { () throws(AttributionError) in try x.decomposeChange(of: a, from: start, to: end, ev: evGroup) }
            if output.format == .json { try output.emit(c.json.rendered + "\n"); return }
            try output.emit(changeText(c))
        }
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
            throw ValidationError("there is no \(g) where \(both) \(x.metric) figures; the data have them by \(others.map(\.description).joined(separator: ", ")): use \(list) (or give --period)")
        }
        throw ValidationError("there is no \(g) where \(both) \(x.metric) figures; give --period")
    }

    func overtakeText(_ o: OvertakeExplanation, _ g: GapDecomposition?) -> String {
        let m = o.subject.metric
        func n(_ x: Double) -> TextTable.Cell { .number(x, text: Formatting.grouped(x)) }
        var t = TextTable(title: o.sentence, columns: [
            .init(title: "", key: "case", align: .left),
            .init(title: "\(o.subject.exporter.code) \(o.period)", key: "subject", align: .right),
            .init(title: "\(o.rival.exporter.code) \(o.period)", key: "rival", align: .right),
            .init(title: "margin", key: "margin", align: .right),
            .init(title: "ahead", key: "ahead", align: .left),
        ])
        let ev = o.evGroup.label
        t.rows.append([TextTable.Cell("actual"), n(o.subjectValue), n(o.rivalValue), n(o.margin), TextTable.Cell(o.margin > 0 ? "yes" : "no")])
        t.rows.append([TextTable.Cell("without \(ev) exports"), n(o.withoutEVExports.subjectValue), n(o.rivalValue),
                       n(o.withoutEVExports.margin), TextTable.Cell(o.withoutEVExports.stillAhead ? "yes" : "no — \(ev) decisive")])
        t.rows.append([TextTable.Cell("without \(ev) growth"), n(o.withoutEVGrowth.subjectValue), n(o.rivalValue),
                       n(o.withoutEVGrowth.margin), TextTable.Cell(o.withoutEVGrowth.stillAhead ? "yes" : "no — \(ev) growth decisive")])
        if o.scopesDiffer { t.notes.append("warning: the two series count different things (\(o.subject.scopeLabel) vs \(o.rival.scopeLabel))") }
        if let g { t.notes.append(g.sentence) }
        t.footer = "Source: \(o.subject.source) (\(o.subject.scopeLabel)), \(o.rival.source) (\(o.rival.scopeLabel)); \(m)."
        return t.render(output.format, color: output.useColor)
    }

    func changeText(_ c: ChangeDecomposition) -> String {
        func n(_ x: Double) -> TextTable.Cell { .number(x, text: Formatting.grouped(x)) }
        var t = TextTable(title: c.sentence, columns: [
            .init(title: "segment", key: "segment", align: .left),
            .init(title: "\(c.from)", key: "from", align: .right),
            .init(title: "\(c.to)", key: "to", align: .right),
            .init(title: "change", key: "change", align: .right),
            .init(title: "share", key: "share", align: .right),
        ])
        for p in c.parts {
            t.rows.append([TextTable.Cell(p.segment.label + (p.derived ? " (derived)" : "")), n(p.from), n(p.to), n(p.change),
                           .number(p.share, text: Formatting.percent(p.share))])
        }
        t.rows.append([TextTable.Cell("total"), n(c.totalFrom), n(c.totalTo), n(c.totalChange), .number(1, text: "100.0%")])
        if c.unexplained != 0 { t.notes.append("the parts differ from the published total by \(Formatting.grouped(c.unexplained))") }
        t.footer = "Source: \(c.series.source) (\(c.series.scopeLabel)); \(c.series.metric)."
        return t.render(output.format, color: output.useColor)
    }
}

/// Runs a core call and turns an `AttributionError` into a one-line CLI error.
func attributed<R>(_ body: () throws(AttributionError) -> R) throws -> R {
    do { return try body() } catch { throw ValidationError(error.description) }
}

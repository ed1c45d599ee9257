import ArgumentParser
import AutoExports

/// `autoexports project`: when would one series pass another at current trends?
struct Project: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Project when a series would overtake another (trend models, prediction intervals).",
        discussion: """
            Examples:
              autoexports project CHN:nev JPN --horizon 10          # China's NEV exports vs Japan's total
              autoexports project KOR MEX --model holt --window 6
              autoexports project CHN:nev JPN --model damped --rival-model linear --format json
              autoexports project DEU JPN --metric usd --format csv
            A series is EXPORTER or EXPORTER:SEGMENT (segment: total, nev, plugin,
            conventional, …). Models: log-linear (constant growth; the default), linear,
            holt, damped (damped Holt), fitted on the last run of consecutive years.
            A horizon longer than half the shorter fit uses damped Holt trends instead of
            undamped ones (and says so); no trend is carried beyond twice the shorter fit.
            """)

    @Argument(help: "The series that would overtake, e.g. CHN:nev.")
    var subject: String

    @Argument(help: "The series to overtake, e.g. JPN (its total).")
    var rival: String

    /// The defaults, shared with the report's section 5 (one answer to one question).
    static let defaultHorizon = 10
    static let defaultModel = "log-linear"

    @Option(
        help:
            "Periods ahead to examine (1…1000). Beyond half the shorter fit, damped Holt trends; cut at twice its length."
    )
    var horizon: Int = Project.defaultHorizon

    @Option(help: "log-linear|linear|holt|damped.")
    var model: String = Project.defaultModel

    @Option(name: .customLong("rival-model"), help: "The rival's model (default: the same as --model).")
    var rivalModel: String?

    @Option(help: "Fit at most the last N periods.")
    var window: Int?

    @Option(help: "The prediction-interval level, e.g. 0.95.")
    var level: Double = 0.95

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    func series(_ text: String) throws -> (exporter: Exporter, segment: Segment) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let e = Exporter.resolve(first) else {
            throw ValidationError("unknown exporter in '\(text)'" + Exporter.didYouMean(parts.first ?? ""))
        }
        var s = Segment.total
        if parts.count == 2 {
            guard let seg = Segment(name: parts[1]) else {
                throw ValidationError("unknown segment '\(parts[1])' in '\(text)'")
            }
            s = seg
        }
        return (e, s)
    }

    func trend(_ name: String) throws -> TrendModel {
        guard var m = TrendModel(name: name) else {
            throw ValidationError("unknown model '\(name)' (log-linear, linear, holt, damped)")
        }
        m.window = window
        return m
    }

    func run() throws {
        try data.refuse(
            ["--segment"], in: "project", because: "give each series' segment as EXPORTER:SEGMENT, e.g. CHN:nev")
        try data.refuse(
            ["--exporters"], in: "project", because: "give the two series as arguments, e.g. `project CHN:nev JPN`")
        try data.refuse(
            ["--period"], in: "project",
            because: "it fits the latest run of consecutive periods; limit it with --window")
        try data.refuse(["--top"], in: "project", because: "it projects one pair of series, not a ranking")
        let m = try data.parsedMetric()
        let granularity = try data.parsedGranularity()
        let x = Explainer(panel: try data.panel(), metric: m, choice: data.choice)
        let s = try series(subject), r = try series(rival)
        let sm = try trend(model), rm = try rivalModel.map(trend)
        let p = try attributed { () throws(AttributionError) in
            try x.project(
                subject: s, rival: r, model: sm, rivalModel: rm, horizon: horizon, level: level,
                granularity: granularity)
        }
        if output.format == .json { try output.emit(p.json.rendered + "\n"); return }
        let c = p.crossover
        func n(_ v: Double) -> TextTable.Cell { .number(v, text: Formatting.compact(v, metric: m)) }
        let pct = Int((level * 100).rounded())
        // CSV carries the interval bounds as numbers, one column each.
        let csv = output.format == .csv
        func interval(_ f: Forecast, _ j: Int, _ who: String) -> [TextTable.Cell] {
            if csv { return [.number(f.lower[j], text: ""), .number(f.upper[j], text: "")] }
            return [
                TextTable.Cell(
                    "\(Formatting.compact(f.lower[j], metric: m))–\(Formatting.compact(f.upper[j], metric: m))")
            ]
        }
        func intervalColumns(_ who: String) -> [TextTable.Column] {
            csv
                ? [
                    .init(title: "\(who)_lower", key: "\(who)_lower", align: .right),
                    .init(title: "\(who)_upper", key: "\(who)_upper", align: .right),
                ]
                : [.init(title: "\(pct)% interval", key: "\(who)_interval", align: .right)]
        }
        var t = TextTable(
            title: p.sentence,
            columns: [
                .init(title: "period", key: "period", align: .left),
                .init(title: "\(p.subject.exporter.code) \(p.subject.segment)", key: "subject", align: .right),
            ] + intervalColumns("subject") + [
                .init(title: "\(p.rival.exporter.code) \(p.rival.segment)", key: "rival", align: .right)
            ] + intervalColumns("rival") + [
                .init(title: "", key: "mark", align: .left)
            ])
        for j in 0..<c.horizon {
            let period = c.origin + 1 + j
            var mark = ""
            if period == c.period { mark = "← first ahead" }
            if period == c.earliest && period != c.period { mark = "← crossing possible" }
            if period == c.latest && period != c.period { mark = "← upper end of the \(pct)% interval" }
            t.rows.append(
                [TextTable.Cell(p.period(period)?.description ?? String(period)), n(c.subject.mean[j])]
                    + interval(c.subject, j, "subject") + [n(c.rival.mean[j])] + interval(c.rival, j, "rival")
                    + [TextTable.Cell(mark)])
        }
        t.footer =
            "Source: \(p.subject.source) (\(p.subject.scopeLabel)), \(p.rival.source) (\(p.rival.scopeLabel)); \(m). Forecasts are trends, not predictions."
        try output.emit(t.render(output.format, color: output.useColor))
    }
}

import ArgumentParser
import AutoExports

/// `autoexports rank`: a league table of exporters, or the ranks of numbers given on the
/// command line.
struct Rank: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank exporters in a period (a league table), or rank numbers with a tie method.",
        discussion: """
            With no numbers, prints the league table of a period from the embedded data
            (or --input): rank, exporter, value, share, change against the previous period,
            movement in rank, and the source and scope of each series, with warnings when
            the ranked series count different things.

            Examples:
              autoexports rank --period 2024                         # by units, all exporters
              autoexports rank --period 2024 --metric usd --top 5
              autoexports rank --period 2025 --segment nev --by segment-share
              autoexports rank --period 2025 --by yoy-pct --format markdown
              autoexports rank --period 2019 --metric usd --by share-of:WLD --format json
              autoexports rank --exporter CHN --by partner --period 2023   # China's markets
              autoexports rank --exporter CHN --by share-of:WLD --period 2024-01/2024-08

            --exporter X ranks X's destination markets instead of exporters (--by partner
            says the same); share-of:WLD is then each market's share of X's own total, and
            a warning says how many markets the data cover (the markets listed are not all).

            --by: value | share (of the ranked sum) | share-of:WLD (of an aggregate) |
                  segment-share (e.g. NEV share of the exporter's total) | yoy | yoy-pct

            With numbers, ranks them (largest first unless --ascending):
              autoexports rank 30 20 20 10 --method competition     # 1 2 2 4
              autoexports rank 30 20 20 10 --method average         # 1 2.5 2.5 4
              autoexports rank 3 nan 1 --ascending --na-option bottom
            """)

    @Argument(help: "Numbers to rank ('nan' is missing); without them, a league table is printed.")
    var values: [String] = []

    @Option(help: "Tie method: competition|competition_max|fractional|dense|ordinal, or pandas' min|max|average|first.")
    var method: String = "competition"

    @Flag(help: "Rank the smallest value first (numbers only; default: largest first).")
    var ascending = false

    @Option(name: .customLong("na-option"), help: "Missing values: keep|top|bottom (numbers only; default: keep).")
    var naOption: String?

    @Option(
        help:
            "What to rank exporters by: value|share|share-of:WLD|segment-share|yoy|yoy-pct (default: value); partner ranks the markets of --exporter by value."
    )
    var by: String?

    @Option(help: "Rank this exporter's destination markets (code or name), e.g. CHN.")
    var exporter: String?

    @OptionGroup var data: DataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let m = RankMethod(name: method) else {
            throw ValidationError("unknown --method '\(method)'")
        }
        if values.isEmpty {
            if ascending {
                throw ValidationError(
                    "--ascending applies only to numbers given on the command line: a league table ranks the largest first"
                )
            }
            if naOption != nil {
                throw ValidationError(
                    "--na-option applies only to numbers given on the command line: a league table leaves exporters without a value unranked"
                )
            }
            try leagueTable(method: m)
            return
        }
        try data.refuse(
            data.given, in: "rank with numbers",
            because: "it ranks the numbers given; without numbers it ranks exporters from the data")
        if exporter != nil {
            throw ValidationError("--exporter applies only to a league table of markets (rank without numbers)")
        }
        if by != nil { throw ValidationError("--by applies only to a league table (rank without numbers)") }
        guard let na = MissingPolicy(name: naOption ?? "keep") else {
            throw ValidationError("unknown --na-option '\(naOption ?? "")' (keep|top|bottom)")
        }
        var xs: [Double] = []
        for (i, s) in values.enumerated() {
            guard let x = Double(s) else {
                throw ValidationError("value \(i + 1) '\(s)' is not a number")
            }
            xs.append(x)
        }
        let r = Ranking.ranks(of: xs, method: m, order: ascending ? .ascending : .descending, missing: na)
        switch output.format {
        case .table:
            try output.emit(r.map(formatRank).joined(separator: " "))
        case .json:
            try output.emit(JSON.array(r.map { $0.isNaN ? .null : .number($0) }).rendered + "\n")
        case .csv, .markdown, .html:
            var t = TextTable(columns: [
                .init(title: "value", key: "value", align: .right),
                .init(title: "rank", key: "rank", align: .right),
            ])
            t.rows = xs.indices.map { i in [.number(xs[i], text: values[i]), .number(r[i], text: formatRank(r[i]))] }
            try output.emit(t.render(output.format))
        }
    }

    func leagueTable(method: RankMethod) throws {
        var marketsOf: Exporter? = nil
        if let exporter {
            guard let e = Exporter.resolve(exporter) else {
                throw ValidationError("unknown exporter '\(exporter)' in --exporter" + Exporter.didYouMean(exporter))
            }
            marketsOf = e
        }
        let byPartner = ["partner", "partners", "market", "markets", "destination"].contains(by?.lowercased() ?? "")
        if byPartner && marketsOf == nil {
            throw ValidationError(
                "--by partner ranks one exporter's markets: give it with --exporter, e.g. `rank --exporter CHN --by partner --period 2023`"
            )
        }
        if let marketsOf { return try marketTable(of: marketsOf, method: method, by: byPartner ? nil : by) }
        guard let basis = LeagueBasis(name: by ?? "value") else {
            throw ValidationError("unknown --by '\(by ?? "")' (value|share|share-of:WLD|segment-share|yoy|yoy-pct)")
        }
        let panel = try data.panel()
        let metric = try data.parsedMetric()
        let segment = try data.parsedSegment()
        let exporters = try data.parsedExporters()
        let period: Period
        if let p = try data.parsedPeriod() {
            period = p
        } else {
            // The latest period with data for the selection.
            let sel = try data.select(panel, metric: metric, segment: segment, exporters: exporters)
            guard let last = sel.periods.indices.last(where: { p in sel.column(period: p).contains { !$0.isNaN } })
            else { throw ValidationError("no data for \(segment) \(metric)") }
            period = sel.periods[last]
        }
        let table: LeagueTable
        do {
            table = try panel.leagueTable(
                period: period, metric: metric, segment: segment, by: basis,
                top: data.top, method: method, choice: data.choice,
                exporters: exporters)
        } catch {
            throw ValidationError(error.description)
        }
        data.warnAbsentExporters(in: panel, metric: metric, segment: segment, period: period)
        if output.format == .json {
            try output.emit(table.json.rendered)
            return
        }
        try output.emit(render(table).render(output.format, color: output.useColor))
    }

    /// `rank --exporter CHN --by partner`: the league table of one exporter's markets.
    func marketTable(of e: Exporter, method: RankMethod, by: String?) throws {
        guard let basis = LeagueBasis(name: by ?? "value") else {
            throw ValidationError("unknown --by '\(by ?? "")' (partner|value|share|share-of:WLD|yoy|yoy-pct)")
        }
        let panel = try data.panel()
        let metric = try data.parsedMetric()
        let segment = try data.parsedSegment()
        let markets = try data.parsedExporters()
        let period: Period
        if let p = try data.parsedPeriod() {
            period = p
        } else {
            let g = try data.parsedGranularity()
            let sel: Selection
            do {
                sel = try panel.selectMarkets(
                    of: e, metric: metric, segment: segment, granularity: g, choice: data.choice)
            } catch {
                throw ValidationError(
                    error.description + "; give --period (e.g. 2023, or a span such as 2023-01/2023-05)")
            }
            guard let last = sel.periods.indices.last(where: { p in sel.column(period: p).contains { !$0.isNaN } })
            else { throw ValidationError("no data for \(e.code)'s markets") }
            period = sel.periods[last]
        }
        let table: LeagueTable
        do {
            table = try panel.leagueTable(
                period: period, metric: metric, segment: segment, by: basis, top: data.top,
                method: method, choice: data.choice, exporters: markets, marketsOf: e)
        } catch {
            throw ValidationError(error.description)
        }
        if output.format == .json {
            try output.emit(table.json.rendered)
            return
        }
        try output.emit(render(table).render(output.format, color: output.useColor))
    }

    /// The table for people: compact numbers, percentages, moves, source and scope.
    func render(_ t: LeagueTable) -> TextTable {
        let metric = t.metric
        let what = t.segment == .total ? "" : " (\(t.segment.label))"
        let basisTitle: String
        switch t.basis {
        case .value: basisTitle = metric.isCurrency ? "by export value" : "by units"
        case .shareOfRanked: basisTitle = "by share of the ranked total"
        case .shareOf(let e):
            basisTitle =
                t.marketsOf != nil && e == .world ? "by share of \(t.marketsOf!.name)'s total" : "by share of \(e.code)"
        case .segmentShare: basisTitle = "by \(t.segment.label) share of each exporter's total"
        case .change:
            basisTitle = "by change since \(t.previousPeriod.map(String.init(describing:)) ?? "the period before")"
        case .changePercent:
            basisTitle = "by growth since \(t.previousPeriod.map(String.init(describing:)) ?? "the period before")"
        }
        var columns: [TextTable.Column] = [
            .init(title: "Rank", key: "rank", align: .right),
            .init(title: t.marketsOf == nil ? "Exporter" : "Market", key: "exporter", align: .left),
            .init(title: metric.isCurrency ? "Value" : "Units", key: "value", align: .right),
        ]
        let showScore = t.basis != .value && t.basis != .shareOfRanked
        if showScore {
            let title =
                t.marketsOf.map { m in t.basis == .shareOf(.world) ? "Share of \(m.code) total" : scoreTitle(t.basis) }
                ?? scoreTitle(t.basis)
            columns.append(.init(title: title, key: "score", align: .right))
        }
        columns += [
            .init(title: "Share", key: "share", align: .right),
            .init(title: "Change", key: "change", align: .right),
            .init(title: "Change %", key: "change_percent", align: .right),
            .init(title: "Move", key: "rank_change", align: .right),
            .init(title: "Source", key: "source", align: .left),
            .init(title: "Scope", key: "scope", align: .left),
        ]
        var table = TextTable(
            title: t.marketsOf.map { "Markets for \($0.name)'s vehicle exports\(what) in \(t.period), \(basisTitle)" }
                ?? "Vehicle exporters\(what) in \(t.period), \(basisTitle)",
            columns: columns)
        for r in t.rows {
            var cells: [TextTable.Cell] = [
                .number(r.rank, text: formatRank(r.rank)),
                TextTable.Cell(r.exporter.name, raw: .string(r.exporter.code)),
                .number(r.value, text: Formatting.compact(r.value, metric: metric)),
            ]
            if showScore {
                let text =
                    t.basis.isFraction ? Formatting.percent(r.score) : Formatting.signedCompact(r.score, metric: metric)
                cells.append(.number(r.score, text: text))
            }
            cells += [
                .number(r.share, text: Formatting.percent(r.share)),
                .number(r.change ?? .nan, text: r.change.map { Formatting.signedCompact($0, metric: metric) } ?? "–"),
                .number(
                    r.changePercent ?? .nan,
                    text: r.changePercent.map { ($0 > 0 ? "+" : "") + Formatting.percent($0) } ?? "–"),
                .number(r.rankChange ?? .nan, text: move(r)),
                TextTable.Cell(r.source),
                TextTable.Cell(SeriesKey.label(scope: r.scope), raw: .string(r.scope)),
            ]
            table.rows.append(cells)
        }
        table.notes = t.warnings.map(\.message)
        if t.rankedCount > t.rows.count {
            table.notes.append(
                "showing the top \(t.rows.count) of \(t.rankedCount) ranked \(t.marketsOf == nil ? "exporters" : "markets")"
            )
        }
        return table
    }

    func scoreTitle(_ b: LeagueBasis) -> String {
        switch b {
        case .value: "Value"
        case .shareOfRanked: "Share"
        case .shareOf(let e): "Share of \(e.code)"
        case .segmentShare: "Segment share"
        case .change: "YoY"
        case .changePercent: "YoY %"
        }
    }

    /// ▲2 (moved up two), ▼1, = (same rank), – (not ranked the period before: no claim,
    /// since a series that starts is coverage, not a move).
    func move(_ r: LeagueTable.Row) -> String {
        guard let d = r.rankChange else { return "–" }
        if d > 0 { return "▲" + formatRank(d) }
        if d < 0 { return "▼" + formatRank(-d) }
        return "="
    }
}

/// "2" for whole ranks, "2.5" otherwise, "nan" for missing.
func formatRank(_ r: Double) -> String {
    if r.isNaN { return "nan" }
    if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
    return String(r)
}

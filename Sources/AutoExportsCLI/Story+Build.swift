import ArgumentParser
import AutoExports

/// What the report looks at: the data, the series choice, the exporters, the period of the
/// league tables and how many rows they show (from the shared options).
struct StoryScope {
    var panel: Panel
    var choice: SeriesChoice = .standard
    var exporters: [Exporter]? = nil
    /// The period of section 1 (nil: the latest year with unit figures).
    var period: Period? = nil
    var top: Int? = nil

    /// The options a reproducing `rank` command needs: " --top 3 --exporters CHN,JPN".
    var commandOptions: String {
        (top.map { " --top \($0)" } ?? "")
            + (exporters.map { " --exporters " + $0.map(\.code).joined(separator: ",") } ?? "")
    }
}

extension Story {
    /// Computes every section from the panel.
    static func build(_ scope: StoryScope) throws -> Story {
        let panel = scope.panel
        let units: Selection
        do {
            units = try panel.select(
                metric: .units, granularity: .year, choice: scope.choice, exporters: scope.exporters)
        } catch {
            let other = [Granularity.half, .quarter, .month].filter {
                (try? panel.select(metric: .units, granularity: $0, choice: scope.choice, exporters: scope.exporters))
                    != nil
            }
            let hint =
                other.isEmpty
                ? ""
                : "; the data have them by \(other.map(\.description).joined(separator: ", ")), "
                    + "and the report tells the story by year: use e.g. `rank --granularity \(other[0])` or `milestones --granularity \(other[0])`"
            throw ValidationError("the data has no yearly unit figures to report on (\(error))" + hint)
        }
        let withData = units.periods.indices.filter { p in units.column(period: p).contains { !$0.isNaN } }
        guard let lastIndex = withData.last, let firstIndex = withData.first else {
            throw ValidationError("the data has no unit figures")
        }
        let latest = scope.period ?? units.periods[lastIndex]
        var sections: [StorySection] = []
        let table = try league(scope, period: latest, metric: .units)
        sections.append(
            leagueSection(
                table, number: 1, title: "Who leads in \(latest): vehicle exports by units",
                options: scope.commandOptions))
        sections.append(try milestoneSection(scope, number: 2))
        // Sections 3-5 need figures the user's data may lack: a section that cannot be
        // filled stays, saying why (StorySection.missing), in every format.
        sections.append(evSection(scope, number: 3))
        switch lastValueTable(scope, upTo: latest) {
        case .success(let value):
            sections.append(
                leagueSection(
                    value, number: 4,
                    title: "Who leads by value in \(value.period): passenger-car exports in USD",
                    options: scope.commandOptions))
        case .failure(let why):
            sections.append(.missing(key: "league_value", title: "4  Who leads by value", why: why.reason))
        }
        sections.append(projectionSection(scope, number: 5))
        // 6 (and 7): where did it go? Only when the data have destinations (no empty heading).
        var number = 6
        for e in destinationExporters(scope, leaders: table.rows.map(\.exporter)) {
            guard let d = destinationStory(scope, of: e) else { continue }
            sections.append(destinationsSection(d, number: number, period: scope.period))
            number += 1
        }
        let years = "\(units.periods[firstIndex])–\(units.periods[lastIndex])"
        return Story(
            heading:
                "autoexports \(AutoExportsVersion.string) · national vehicle exports, \(years): who leads, what changed, why, what next",
            sections: sections)
    }

    // MARK: 1 and 4 — league tables

    /// The core's league table (`Panel.leagueTable`), its errors as one-line CLI errors.
    static func league(_ scope: StoryScope, period: Period, metric: Metric) throws -> LeagueTable {
        do {
            return try scope.panel.leagueTable(
                period: period, metric: metric, top: scope.top,
                choice: scope.choice, exporters: scope.exporters)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The latest value (usd) table up to `period` that ranks at least three exporters, or
    /// why there is none.
    static func lastValueTable(_ scope: StoryScope, upTo period: Period) -> Result<LeagueTable, NotShown> {
        guard
            let usd = try? scope.panel.select(
                metric: .usd, granularity: .year, choice: scope.choice,
                exporters: scope.exporters)
        else {
            return .failure(
                NotShown(
                    "the data have no yearly export values in USD (metric usd)"
                        + (scope.exporters == nil ? "" : " for the exporters of --exporters")))
        }
        var most = 0
        for p in usd.periods.reversed() where p <= period {
            if let t = try? league(scope, period: p, metric: .usd) {
                if t.rankedCount >= 3 { return .success(t) }
                most = max(most, t.rankedCount)
            }
        }
        return .failure(
            NotShown(
                "no year up to \(period) has USD export values for at least three exporters (at most \(most)); a ranking of fewer would say little"
            ))
    }

    /// A league table for people: rank, exporter, value, share, change, move, and the
    /// source and scope of each row (one footer line when every row shares them).
    /// `options`: the report's own options that the reproducing command needs too
    /// (" --top 3 --exporters CHN,JPN").
    static func leagueSection(_ t: LeagueTable, number: Int, title: String, options: String = "") -> StorySection {
        let metric = t.metric
        let sameSource = Set(t.rows.map { "\($0.source)|\($0.scope)" }).count == 1
        let anyPrevious = t.rows.contains { $0.previousRank != nil }
        var table = TextTable(
            columns: [
                .init(title: "#", key: "rank", align: .right),
                .init(title: "exporter", key: "exporter", align: .left),
                .init(title: metric.isCurrency ? "value" : "units", key: "value", align: .right),
                .init(title: "share", key: "share", align: .right),
                .init(
                    title: "vs \(t.previousPeriod.map(String.init(describing:)) ?? "prev")", key: "change_percent",
                    align: .right),
                .init(title: "rank", key: "rank_change", align: .right),
            ] + (sameSource ? [] : [.init(title: "source · scope", key: "source_scope", align: .left)]))
        for r in t.rows {
            // A row without a rank the period before is new to the table (its series starts
            // or skipped a year): shown as "new", never as a climb.
            let move: String
            if let d = r.rankChange {
                move = d > 0 ? "▲\(formatRank(d))" : d < 0 ? "▼\(formatRank(-d))" : "="
            } else {
                move = anyPrevious ? "new" : "–"
            }
            var row: [TextTable.Cell] = [
                .number(r.rank, text: formatRank(r.rank)),
                TextTable.Cell(r.exporter.name, raw: .string(r.exporter.code)),
                .number(r.value, text: Formatting.compact(r.value, metric: metric)),
                .number(r.share, text: Formatting.percent(r.share)),
                .number(
                    r.changePercent ?? .nan,
                    text: r.changePercent.map { ($0 > 0 ? "+" : "") + Formatting.percent($0) } ?? "–"),
                .number(r.rankChange ?? .nan, text: move),
            ]
            if !sameSource {
                row.append(
                    TextTable.Cell(
                        "\(r.source) · \(SeriesKey.label(scope: r.scope))", raw: .string("\(r.source); \(r.scope)")))
            }
            table.rows.append(row)
        }
        table.notes = t.warnings.map(\.message)
        if t.rankedCount > t.rows.count {
            table.notes.append("showing the top \(t.rows.count) of \(t.rankedCount) ranked exporters")
        }
        if sameSource, let r = t.rows.first {
            table.footer = "Source: \(r.source); scope: \(SeriesKey.label(scope: r.scope)) for every row."
        }
        var s = StorySection(key: metric.isCurrency ? "league_value" : "league_units", title: "\(number)  \(title)")
        s.table = table
        if let first = t.rows.first {
            s.lines.append(
                "\(first.exporter.name) leads with \(Formatting.compact(first.value, metric: metric)), \(Formatting.percent(first.share)) of the ranked total; shares are of the \(t.rankedCount == 1 ? "one exporter" : "\(t.rankedCount) exporters") ranked, not of world exports."
            )
        }
        s.lines.append(
            "Reproduce: autoexports rank --period \(t.period)" + (metric.isCurrency ? " --metric \(metric.name)" : "")
                + options)
        s.facts = [
            ("period", .string(t.period.description)), ("metric", .string(metric.name)),
            ("ranked", .number(Double(t.rankedCount))), ("total", .number(t.total)),
            (
                "warnings",
                .array(
                    t.warnings.map { .object([("kind", .string($0.kind.rawValue)), ("message", .string($0.message))]) })
            ),
        ]
        return s
    }
}

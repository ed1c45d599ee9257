import ArgumentParser
import AutoExports

extension Story {
    /// Computes every section from the panel.
    static func build(panel: Panel) throws -> Story {
        let units = try panel.select(metric: .units)
        guard let latest = units.periods.last else { throw ValidationError("the data has no unit figures") }
        let years = (panel.periods.first?.year ?? 0)...(panel.periods.last?.year ?? 0)
        var sections: [StorySection] = []
        sections.append(try leagueSection(panel: panel, period: latest, metric: .units, number: 1,
                                          title: "Who leads in \(latest): vehicle exports by units"))
        sections.append(try milestoneSection(panel: panel, number: 2))
        if let s = try evSection(panel: panel, number: 3) { sections.append(s) }
        let usd = try? panel.select(metric: .usd)
        if let usd, let lastUSD = usd.periods.last(where: { p in
            usd.column(period: usd.index(of: p)!).filter { !$0.isNaN }.count >= 3 }) {
            sections.append(try leagueSection(panel: panel, period: lastUSD, metric: .usd, number: 4,
                                              title: "Who leads by value in \(lastUSD): passenger-car exports in USD"))
        }
        if let s = try projectionSection(panel: panel, number: 5) { sections.append(s) }
        return Story(heading: "autoexports \(AutoExportsVersion.string) · national vehicle exports, \(years.lowerBound)–\(years.upperBound): who leads, what changed, why, what next",
                     sections: sections)
    }

    // MARK: 1 and 4 — league tables

    static func leagueSection(panel: Panel, period: Period, metric: Metric, number: Int, title: String) throws -> StorySection {
        let t = try panel.leagueTable(period: period, metric: metric)
        var table = TextTable(columns: [
            .init(title: "#", key: "rank", align: .right),
            .init(title: "exporter", key: "exporter", align: .left),
            .init(title: metric.isCurrency ? "value" : "units", key: "value", align: .right),
            .init(title: "share", key: "share", align: .right),
            .init(title: "vs \(t.previousPeriod.map(\.description) ?? "prev")", key: "change_percent", align: .right),
            .init(title: "rank", key: "rank_change", align: .right),
            .init(title: "source · scope", key: "source_scope", align: .left),
        ])
        // When every row has the same source and scope, say it once under the table.
        let sameSource = Set(t.rows.map { "\($0.source)|\($0.scope)" }).count == 1
        if sameSource { table.columns.removeLast() }
        let anyPrevious = t.rows.contains { $0.previousRank != nil }
        for r in t.rows {
            let move: String
            if let rc = r.rankChange, !rc.isNaN {
                move = rc > 0 ? "▲\(Formatting.compact(rc))" : rc < 0 ? "▼\(Formatting.compact(-rc))" : "="
            } else {
                move = anyPrevious && r.previousRank == nil ? "new" : "–"
            }
            table.rows.append([
                .number(r.rank, text: formatRank(r.rank)),
                TextTable.Cell(r.exporter.name, raw: .string(r.exporter.code)),
                .number(r.value, text: Formatting.compact(r.value, metric: metric)),
                .number(r.share, text: Formatting.percent(r.share)),
                .number(r.changePercent ?? .nan, text: r.changePercent.map { ($0 > 0 ? "+" : "") + Formatting.percent($0) } ?? "–"),
                .number(r.rankChange ?? .nan, text: move),
                TextTable.Cell("\(r.source) · \(String(r.scope.map { $0 == "_" ? " " : $0 }))", raw: .string("\(r.source); \(r.scope)")),
            ])
            if sameSource { table.rows[table.rows.count - 1].removeLast() }
        }
        if sameSource, let r = t.rows.first {
            table.footer = "Source: \(r.source); scope: \(String(r.scope.map { $0 == "_" ? " " : $0 })) for every row."
        }
        table.notes = t.warnings.map(\.message)
        var s = StorySection(key: metric.isCurrency ? "league_value" : "league_units", title: "\(number)  \(title)")
        s.table = table
        if let leader = t.rows.first {
            s.lines.append("\(leader.exporter.name) leads with \(Formatting.compact(leader.value, metric: metric)), \(Formatting.percent(leader.share)) of the ranked total; shares are of the \(t.rankedCount) exporters ranked, not of world exports.")
        }
        return s
    }
}

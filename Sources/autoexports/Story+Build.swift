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
        let sel = try panel.select(metric: metric)
        guard let p = sel.index(of: period) else { throw ValidationError("no \(metric) figures for \(period)") }
        let col = Array(sel.column(period: p))
        let ranks = Ranking.ranks(of: col, method: .competition, order: .descending)
        let prev: [Double]? = p > 0 ? Array(sel.column(period: p - 1)) : nil
        let prevRanks = prev.map { Ranking.ranks(of: $0, method: .competition, order: .descending) }
        let total = col.filter { !$0.isNaN }.reduce(0, +)
        let order = col.indices.filter { !col[$0].isNaN }.sorted { (ranks[$0], sel.exporters[$0]) < (ranks[$1], sel.exporters[$1]) }
        let rankedKeys = order.map { sel.keys[$0] }
        let sameSource = Set(rankedKeys.map { "\($0.source)|\($0.scope)" }).count == 1
        let anyPrevious = prev?.contains { !$0.isNaN } ?? false
        var table = TextTable(columns: [
            .init(title: "#", key: "rank", align: .right),
            .init(title: "exporter", key: "exporter", align: .left),
            .init(title: metric.isCurrency ? "value" : "units", key: "value", align: .right),
            .init(title: "share", key: "share", align: .right),
            .init(title: "vs \(p > 0 ? sel.periods[p - 1].description : "prev")", key: "change_percent", align: .right),
            .init(title: "rank", key: "rank_change", align: .right),
        ] + (sameSource ? [] : [.init(title: "source · scope", key: "source_scope", align: .left)]))
        for e in order {
            let v = col[e]
            let pv = prev?[e] ?? .nan
            let change = pv.isNaN || pv == 0 ? Double.nan : (v - pv) / pv
            let pr = prevRanks?[e] ?? .nan
            let move = pr.isNaN ? (anyPrevious ? "new" : "–") : pr > ranks[e] ? "▲\(Int(pr - ranks[e]))" : pr < ranks[e] ? "▼\(Int(ranks[e] - pr))" : "="
            let k = sel.keys[e]
            var row: [TextTable.Cell] = [
                .number(ranks[e], text: formatRank(ranks[e])),
                TextTable.Cell(k.exporter.name, raw: .string(k.exporter.code)),
                .number(v, text: Formatting.compact(v, metric: metric)),
                .number(v / total, text: Formatting.percent(v / total)),
                .number(change, text: change.isNaN ? "–" : (change > 0 ? "+" : "") + Formatting.percent(change)),
                .number(pr.isNaN ? .nan : pr - ranks[e], text: move),
            ]
            if !sameSource { row.append(TextTable.Cell("\(k.source) · \(k.scopeLabel)", raw: .string("\(k.source); \(k.scope)"))) }
            table.rows.append(row)
        }
        let scopes = Dictionary(grouping: rankedKeys, by: \.scope)
        if scopes.count > 1 {
            table.notes.append("the ranked series count different things: " + scopes.keys.sorted().map { sc in
                "\(sc.replacingUnderscores()) (\(scopes[sc]!.map(\.exporter.code).joined(separator: ", ")))" }.joined(separator: "; ")
                + " — a comparison across scopes is not like for like")
        }
        let unranked = col.indices.filter { col[$0].isNaN }.map { sel.exporters[$0].code }
        if !unranked.isEmpty { table.notes.append("not ranked (no value in \(period)): \(unranked.joined(separator: ", "))") }
        if sameSource, let k = rankedKeys.first { table.footer = "Source: \(k.source); scope: \(k.scopeLabel) for every row." }
        var s = StorySection(key: metric.isCurrency ? "league_value" : "league_units", title: "\(number)  \(title)")
        s.table = table
        if let first = order.first {
            s.lines.append("\(sel.exporters[first].name) leads with \(Formatting.compact(col[first], metric: metric)), \(Formatting.percent(col[first] / total)) of the ranked total; shares are of the \(order.count) exporters ranked, not of world exports.")
        }
        return s
    }
}

extension String {
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}

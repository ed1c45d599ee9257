extension LeagueTable {
    /// The table as JSON: the request, every row (missing numbers are null) and the
    /// warnings, keys in a fixed order.
    ///
    ///     try panel.leagueTable(period: Period(year: 2024)!, top: 1).json.rendered
    ///     // {"period":"2024","previous_period":"2023","metric":"units","segment":"total",
    ///     //  "basis":"value","method":"competition","ranked":5,"total":…,
    ///     //  "rows":[{"rank":1,"exporter":"CHN","name":"China","value":5859000,…}],
    ///     //  "warnings":[…]}
    ///
    /// - Complexity: O(rows + warnings).
    public var json: JSON {
        func number(_ x: Double?) -> JSON {
            guard let x, !x.isNaN else { return .null }
            return .number(x)
        }
        let rowValues: [JSON] = rows.map { r in
            .object([
                ("rank", .number(r.rank)),
                ("exporter", .string(r.exporter.code)),
                ("name", .string(r.exporter.name)),
                ("value", number(r.value)),
                ("score", number(r.score)),
                ("share", number(r.share)),
                ("previous_value", number(r.previousValue)),
                ("change", number(r.change)),
                ("change_percent", number(r.changePercent)),
                ("previous_rank", number(r.previousRank)),
                ("rank_change", number(r.rankChange)),
                ("source", .string(r.source)),
                ("scope", .string(r.scope)),
                ("citation", .string(r.citation)),
            ])
        }
        let warningValues: [JSON] = warnings.map { w in
            .object([
                ("kind", .string(w.kind.rawValue)),
                ("message", .string(w.message)),
                ("exporters", .array(w.exporters.map { .string($0.code) })),
            ])
        }
        // A table of markets says whose (the member is absent from a table of exporters).
        let head: [(String, JSON)] = marketsOf.map { [("markets_of", .string($0.code))] } ?? []
        return .object(
            head + [
                ("period", .string(period.description)),
                ("previous_period", .string(previousPeriod?.description)),
                ("metric", .string(metric.name)),
                ("segment", .string(segment.description)),
                ("basis", .string(basis.description)),
                ("method", .string(method.description)),
                ("ranked", .number(Double(rankedCount))),
                ("total", number(total)),
                ("rows", .array(rowValues)),
                ("warnings", .array(warningValues)),
            ])
    }
}

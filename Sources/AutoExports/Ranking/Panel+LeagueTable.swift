extension Panel {
    /// The league table of `period`: exporters ranked by `basis` of `metric` for `segment`.
    ///
    ///     let panel = ReferenceData.completedPanel
    ///     try panel.leagueTable(period: Period(year: 2024)!).rows.map(\.exporter)
    ///     // [CHN, JPN, DEU, KOR, MEX]
    ///     try panel.leagueTable(period: Period(year: 2024)!, metric: .usd, top: 3)
    ///     // DEU, JPN, MEX …
    ///
    /// - Parameters:
    ///   - period: The period to rank; its granularity picks the series.
    ///   - metric: `units` or a currency.
    ///   - segment: The powertrain segment (`.total`, `.nev`, …).
    ///   - basis: What to rank by; `.value` by default.
    ///   - top: Keep the rows ranked `top` or better (ties at the cut are all kept); nil = all.
    ///   - method: The tie method; `.competition` (RANK.EQ) by default.
    ///   - choice: Which series stands for each exporter (`SeriesChoice.standard`).
    ///   - exporters: Only these exporters (nil = every exporter with data, aggregates
    ///     such as WLD and EU27 left out); with `marketsOf`, only these markets.
    ///   - marketsOf: Rank this exporter's destination markets instead of exporters
    ///     (`Panel.selectMarkets(of:)`); `.shareOf("WLD")` is then each market's share of
    ///     the exporter's total, and a `partialCoverage` warning says how many markets the
    ///     data cover.
    /// - Throws: `RankingError.notFound` when no series matches or the period is outside
    ///   the data; `.invalid` for a segment share of `.total`.
    /// - Complexity: O(series + rows of the chosen series + exporters × periods).
    public func leagueTable(
        period: Period, metric: Metric = .units, segment: Segment = .total,
        by basis: LeagueBasis = .value, top: Int? = nil, method: RankMethod = .competition,
        choice: SeriesChoice = .standard, exporters: [Exporter]? = nil, marketsOf: Exporter? = nil
    ) throws(RankingError) -> LeagueTable {
        let scorer = try LeagueScorer(
            panel: self, metric: metric, segment: segment,
            granularity: period.granularity, basis: basis,
            choice: choice, exporters: exporters, marketsOf: marketsOf)
        let sel = scorer.selection
        guard let p = sel.index(of: period) else {
            let span =
                "\(sel.periods.first.map(String.init(describing:)) ?? "?")–\(sel.periods.last.map(String.init(describing:)) ?? "?")"
            throw .notFound("no \(segment) \(metric) data for \(period) (the chosen series run \(span))")
        }
        let n = sel.exporters.count
        // A share of a reference aggregate without the aggregate's figure is one error that
        // names it, not an empty table that blames every exporter.
        if case .shareOf(let ref) = basis, scorer.referenceValue(at: p).isNaN {
            let have = scorer.referencePeriods
            throw .notFound(
                "\(ref.code) has no \(segment) \(metric) figure for \(period): \(basis) needs it"
                    + (have.isEmpty
                        ? " (\(ref.code) has no \(segment) \(metric) figures at all)"
                        : " (\(ref.code) has figures for \(have.map(\.description).joined(separator: ", ")))"))
        }
        let lag = scorer.lag
        let cells = scorer.cells(at: p)
        let scores = scorer.scores(cells, at: p)
        let ranks = Ranking.ranks(of: scores, method: method, order: .descending)
        var previousRanks: [Double]? = nil
        if p - lag >= 0 {
            previousRanks = Ranking.ranks(of: scorer.scores(at: p - lag), method: method, order: .descending)
        }
        let ranked = (0..<n).filter { !scores[$0].isNaN }
        let total = ranked.reduce(0.0) { $0 + cells[$1].value }
        let reference = scorer.referenceValue(at: p)

        var rows: [LeagueTable.Row] = []
        for e in ranked {
            let c = cells[e]
            let v = c.value
            let prevValue: Double? = c.previous.isNaN ? nil : c.previous
            let prevRank = previousRanks.flatMap { $0[e].isNaN ? nil : $0[e] }
            let share: Double
            if case .shareOf = basis { share = v / reference } else { share = total == 0 ? .nan : v / total }
            rows.append(
                LeagueTable.Row(
                    rank: ranks[e], exporter: sel.exporters[e], value: v, score: scores[e], share: share,
                    previousValue: prevValue, change: prevValue.map { v - $0 },
                    changePercent: prevValue.flatMap { $0 == 0 ? nil : v / $0 - 1 },
                    previousRank: prevRank, rankChange: prevRank.map { $0 - ranks[e] },
                    source: c.key.source, scope: c.key.scope, citation: c.citation))
        }
        rows.sort { ($0.rank, $0.exporter) < ($1.rank, $1.exporter) }
        let rankedCount = rows.count
        if let top { rows = rows.filter { $0.rank <= Double(max(top, 0)) } }

        // Warnings: what the reader must see before trusting the comparison.
        var warnings: [LeagueTable.Warning] = []
        let byScope = Dictionary(grouping: ranked, by: { cells[$0].key.scope })
        if byScope.count > 1 {
            let parts = byScope.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.map { scope, es in
                "\(SeriesKey.label(scope: scope)) (\(es.map { sel.exporters[$0].code }.joined(separator: ", ")))"
            }
            warnings.append(
                .init(
                    kind: .mixedScopes,
                    message: "the ranked series count different things: " + parts.joined(separator: "; ")
                        + " — a comparison across scopes is not like for like",
                    exporters: ranked.map { sel.exporters[$0] }))
        }
        let substituted = ranked.filter { cells[$0].substituted }
        if !substituted.isEmpty {
            let parts = substituted.map { e in
                let k = sel.keys[e], c = cells[e].key
                return
                    "\(sel.exporters[e].code) (\(k.source) \(SeriesKey.label(scope: k.scope)) has no \(period) figure; "
                    + "\(c.source) \(SeriesKey.label(scope: c.scope)) used)"
            }
            warnings.append(
                .init(
                    kind: .substitutedSeries,
                    message: "another series stands in: " + parts.joined(separator: "; "),
                    exporters: substituted.map { sel.exporters[$0] }))
        }
        let missing = (0..<n).filter { scores[$0].isNaN }
        if !missing.isEmpty {
            let why: String
            switch basis {
            case .change, .changePercent:
                why =
                    lag == 1
                    ? "no value in \(period) or in the period before"
                    : "no value in \(period) or in the same period a year earlier"
            case .segmentShare: why = "no \(segment) or total value in \(period)"
            default: why = "no value in \(period)"
            }
            warnings.append(
                .init(
                    kind: .missingValues,
                    message: "not ranked (\(why)): " + missing.map { sel.exporters[$0].code }.joined(separator: ", "),
                    exporters: missing.map { sel.exporters[$0] }))
        }
        if case .shareOf(let ref) = basis, reference.isNaN {
            warnings.append(
                .init(
                    kind: .missingReference,
                    message: "\(ref.code) has no \(segment) \(metric) value in \(period): no shares",
                    exporters: [ref]))
        }
        if let of = marketsOf {
            // Coverage: the markets with a figure are not all of the exporter's markets.
            var m =
                "the data cover \(ranked.count) of \(of.name)'s markets in \(period) "
                + "(\(ranked.map { sel.exporters[$0].code }.joined(separator: ", "))): the markets listed are not all of them"
            if let w = try? select(
                metric: metric, segment: segment, granularity: period.granularity, choice: choice,
                exporters: [of]),
                let q = w.index(of: period), let e = w.index(of: of), !w.value(exporter: e, period: q).isNaN
            {
                let t = w.value(exporter: e, period: q)
                let like = ranked.filter {
                    cells[$0].key.source == w.keys[e].source && cells[$0].key.scope == w.keys[e].scope
                }
                let covered = like.reduce(0.0) { $0 + cells[$1].value }
                m += "; \(of.name)'s total is \(Formatting.compact(t, metric: metric)) (\(w.keys[e].provenanceLabel))"
                if !like.isEmpty && t != 0 {
                    m +=
                        ", of which the markets listed with the same source and scope account for "
                        + "\(Formatting.compact(covered, metric: metric)) (\(Formatting.percent(covered / t)))"
                }
            }
            if case .shareOfRanked = basis {
            } else if basis == .value {
                m += "; shares are of the markets listed"
            }
            warnings.append(.init(kind: .partialCoverage, message: m, exporters: ranked.map { sel.exporters[$0] }))
        }
        var table = LeagueTable(
            period: period, previousPeriod: p - lag >= 0 ? sel.periods[p - lag] : nil, metric: metric,
            segment: segment, basis: basis, method: method, rows: rows, rankedCount: rankedCount,
            total: total, warnings: warnings)
        table.marketsOf = marketsOf
        return table
    }
}

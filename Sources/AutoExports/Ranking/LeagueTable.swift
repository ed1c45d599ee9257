/// A league table: the exporters of one period ranked by a basis, with each row's value,
/// share, change against the previous period (value and rank), and the source and scope
/// of the series behind it (docs/design.md §2, §3).
///
///     let t = try ReferenceData.completedPanel.leagueTable(period: Period(year: 2024)!)
///     t.rows[0].exporter   // CHN
///     t.rows[0].value      // 5859000
///     t.warnings           // mixed scopes: DEU counts passenger cars, CHN all vehicles, …
///
/// Ranks are descending (the largest is 1) with the table's tie method (competition by
/// default: RANK.EQ, SQL RANK()). Tied rows are listed by exporter code. Exporters whose
/// score is missing in the period are not ranked; a warning names them.
public struct LeagueTable: Sendable {
    /// One ranked exporter.
    public struct Row: Hashable, Sendable {
        /// The rank in the period (1 = largest score).
        public var rank: Double
        public var exporter: Exporter
        /// The metric's value for the segment in the period (units, usd, …).
        public var value: Double
        /// What the table ranks by (`LeagueBasis`); equals `value` for `.value`.
        public var score: Double
        /// `value` as a fraction of the sum over every ranked exporter, or of the reference
        /// aggregate's value when the basis is `.shareOf`.
        public var share: Double
        /// The value in the same period a year earlier (the previous year; for quarters and months the same quarter or month of the year before), if any.
        public var previousValue: Double?
        /// value − previous value.
        public var change: Double?
        /// value / previous value − 1 (nil when the previous value is missing or 0).
        public var changePercent: Double?
        /// The rank a year earlier (as `previousValue`) by the same basis, if ranked then.
        public var previousRank: Double?
        /// previous rank − rank: positive = moved up, negative = moved down.
        public var rankChange: Double?
        /// The statistics body and scope of the series (what is counted).
        public var source: String
        public var scope: String
        /// Where the period's figure was published, if known.
        public var citation: String?
    }

    /// Something the reader must know before trusting the comparison.
    public struct Warning: Hashable, Sendable, CustomStringConvertible {
        public enum Kind: String, Hashable, Sendable {
            /// The ranked series count different things (passenger cars vs all vehicles).
            case mixedScopes = "mixed_scopes"
            /// Exporters with a series but no score in the period are left out.
            case missingValues = "missing_values"
            /// The reference aggregate of `.shareOf` has no value in the period.
            case missingReference = "missing_reference"
            /// An exporter's chosen series has no value in the period; another of its
            /// series stands in (named on the row).
            case substitutedSeries = "substituted_series"
            /// A table of one exporter's markets: the data cover only the markets listed,
            /// not all of them (docs/destinations.md).
            case partialCoverage = "partial_coverage"
        }
        public var kind: Kind
        public var message: String
        /// The exporters concerned.
        public var exporters: [Exporter]
        public var description: String { message }
    }

    public let period: Period
    /// The period before `period` (same granularity), when the data reach back to it.
    public let previousPeriod: Period?
    public let metric: Metric
    public let segment: Segment
    public let basis: LeagueBasis
    public let method: RankMethod
    /// The ranked rows by rank (then exporter code), cut to the top N when asked.
    public let rows: [Row]
    /// How many exporters were ranked (before the top-N cut).
    public let rankedCount: Int
    /// Σ value over every ranked exporter (the denominator of `share`, unless `.shareOf`).
    public let total: Double
    public let warnings: [Warning]
    /// For a table of one exporter's markets (`leagueTable(…, marketsOf:)`): that exporter;
    /// the rows' `exporter` is then the market. nil for a table of exporters.
    public internal(set) var marketsOf: Exporter? = nil

    /// Rows that moved up since the previous period, biggest climb first.
    ///
    /// - Complexity: O(rows log rows).
    public var moversUp: [Row] {
        rows.filter { ($0.rankChange ?? 0) > 0 }
            .sorted { ($0.rankChange ?? 0, $1.exporter) > ($1.rankChange ?? 0, $0.exporter) }
    }

    /// Rows that moved down since the previous period, biggest fall first.
    ///
    /// - Complexity: O(rows log rows).
    public var moversDown: [Row] {
        rows.filter { ($0.rankChange ?? 0) < 0 }
            .sorted { ($0.rankChange ?? 0, $0.exporter) < ($1.rankChange ?? 0, $1.exporter) }
    }

    /// True when a `.mixedScopes` warning was raised.
    public var hasMixedScopes: Bool { warnings.contains { $0.kind == .mixedScopes } }
}

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
        let scorer = try LeagueScorer(panel: self, metric: metric, segment: segment,
                                      granularity: period.granularity, basis: basis,
                                      choice: choice, exporters: exporters, marketsOf: marketsOf)
        let sel = scorer.selection
        guard let p = sel.index(of: period) else {
            let span = "\(sel.periods.first.map(String.init(describing:)) ?? "?")–\(sel.periods.last.map(String.init(describing:)) ?? "?")"
            throw .notFound("no \(segment) \(metric) data for \(period) (the chosen series run \(span))")
        }
        let n = sel.exporters.count
        // A share of a reference aggregate without the aggregate's figure is one error that
        // names it, not an empty table that blames every exporter.
        if case .shareOf(let ref) = basis, scorer.referenceValue(at: p).isNaN {
            let have = scorer.referencePeriods
            throw .notFound("\(ref.code) has no \(segment) \(metric) figure for \(period): \(basis) needs it"
                + (have.isEmpty ? " (\(ref.code) has no \(segment) \(metric) figures at all)"
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
            rows.append(LeagueTable.Row(
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
            warnings.append(.init(
                kind: .mixedScopes,
                message: "the ranked series count different things: " + parts.joined(separator: "; ")
                    + " — a comparison across scopes is not like for like",
                exporters: ranked.map { sel.exporters[$0] }))
        }
        let substituted = ranked.filter { cells[$0].substituted }
        if !substituted.isEmpty {
            let parts = substituted.map { e in
                let k = sel.keys[e], c = cells[e].key
                return "\(sel.exporters[e].code) (\(k.source) \(SeriesKey.label(scope: k.scope)) has no \(period) figure; "
                    + "\(c.source) \(SeriesKey.label(scope: c.scope)) used)"
            }
            warnings.append(.init(kind: .substitutedSeries,
                                  message: "another series stands in: " + parts.joined(separator: "; "),
                                  exporters: substituted.map { sel.exporters[$0] }))
        }
        let missing = (0..<n).filter { scores[$0].isNaN }
        if !missing.isEmpty {
            let why: String
            switch basis {
            case .change, .changePercent:
                why = lag == 1 ? "no value in \(period) or in the period before"
                    : "no value in \(period) or in the same period a year earlier"
            case .segmentShare: why = "no \(segment) or total value in \(period)"
            default: why = "no value in \(period)"
            }
            warnings.append(.init(
                kind: .missingValues,
                message: "not ranked (\(why)): " + missing.map { sel.exporters[$0].code }.joined(separator: ", "),
                exporters: missing.map { sel.exporters[$0] }))
        }
        if case .shareOf(let ref) = basis, reference.isNaN {
            warnings.append(.init(kind: .missingReference,
                                  message: "\(ref.code) has no \(segment) \(metric) value in \(period): no shares",
                                  exporters: [ref]))
        }
        if let of = marketsOf {
            // Coverage: the markets with a figure are not all of the exporter's markets.
            var m = "the data cover \(ranked.count) of \(of.name)'s markets in \(period) "
                + "(\(ranked.map { sel.exporters[$0].code }.joined(separator: ", "))): the markets listed are not all of them"
            if let w = try? select(metric: metric, segment: segment, granularity: period.granularity, choice: choice,
                                   exporters: [of]),
               let q = w.index(of: period), let e = w.index(of: of), !w.value(exporter: e, period: q).isNaN {
                let t = w.value(exporter: e, period: q)
                let like = ranked.filter { cells[$0].key.source == w.keys[e].source && cells[$0].key.scope == w.keys[e].scope }
                let covered = like.reduce(0.0) { $0 + cells[$1].value }
                m += "; \(of.name)'s total is \(Formatting.compact(t, metric: metric)) (\(w.keys[e].provenanceLabel))"
                if !like.isEmpty && t != 0 {
                    m += ", of which the markets listed with the same source and scope account for "
                        + "\(Formatting.compact(covered, metric: metric)) (\(Formatting.percent(covered / t)))"
                }
            }
            if case .shareOfRanked = basis {} else if basis == .value {
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

extension SeriesKey {
    /// A scope for people: `all_vehicles` -> "all vehicles".
    ///
    /// - Complexity: O(length).
    public static func label(scope: String) -> String { String(scope.map { $0 == "_" ? " " : $0 }) }
}

/// Computes the score of every exporter of a selection in a period, for one basis.
///
/// Each exporter is represented by its chosen series (`Panel.select`, one per exporter).
/// When that series has no value in a period but another series of the exporter that the
/// choice admits does, the best such series stands in for that period (its source and
/// scope go on the row, and a warning says so); a change is always taken within one
/// series, against the same period a year earlier (the year before, the same quarter or
/// month of the year before: `lag` periods back), so `yoy` means year on year at every
/// granularity.
struct LeagueScorer {
    let panel: Panel
    let selection: Selection
    let basis: LeagueBasis
    let segment: Segment
    /// Other admitted series of each exporter, best first.
    let alternatives: [[Int]]
    /// The panel's period index of each selection period (nil: no row in the panel).
    let panelPeriods: [Int?]
    /// For `.shareOf`: the reference aggregate's value by period of the selection.
    let reference: [Double]

    /// The figures behind one exporter in one period.
    struct Cell {
        var value: Double
        /// The same series' value in the period before (NaN when missing).
        var previous: Double
        var key: SeriesKey
        var citation: String?
        /// True when a series other than the exporter's chosen one stands in.
        var substituted: Bool
    }

    init(panel: Panel, metric: Metric, segment: Segment, granularity: Granularity,
         basis: LeagueBasis, choice: SeriesChoice, exporters: [Exporter]?, marketsOf: Exporter? = nil) throws(RankingError) {
        if basis == .segmentShare && segment == .total {
            throw .invalid("a segment share needs a segment other than total (e.g. --segment nev)")
        }
        var sel: Selection
        do {
            if let marketsOf {
                sel = try panel.selectMarkets(of: marketsOf, metric: metric, segment: segment, granularity: granularity,
                                              choice: choice, includeRegions: exporters?.contains(where: \.isAggregate) ?? false)
                if let exporters { sel = sel.keeping(Set(exporters)) }
            } else {
                sel = try panel.select(metric: metric, segment: segment, granularity: granularity,
                                       choice: choice, exporters: exporters)
            }
        } catch {
            throw .notFound(error.description)
        }
        self.panel = panel
        selection = sel
        self.basis = basis
        self.segment = segment
        panelPeriods = sel.periods.map { panel.periodIndex(of: $0) }
        // The series of each exporter for the metric and segment, in panel order: one pass
        // (a scan per exporter made wide panels quadratic).
        var byExporter: [Exporter: [Int]] = [:]
        if let marketsOf {
            // A table of markets: the alternatives are the exporter's other series to each market.
            for (i, k) in panel.series.enumerated()
            where k.segment == segment && k.metric == metric && k.exporter == marketsOf && !k.isWorld {
                byExporter[k.partner, default: []].append(i)
            }
        } else {
            for (i, k) in panel.series.enumerated() where k.segment == segment && k.metric == metric && k.partner == sel.partner {
                byExporter[k.exporter, default: []].append(i)
            }
        }
        alternatives = sel.exporters.indices.map { e in
            let primary = sel.seriesIndices[e]
            return (byExporter[sel.exporters[e]] ?? [])
                .filter { $0 != primary && choice.admits(panel.series[$0]) }
                .map { ($0, choice.preference(panel.series[$0], observations: panel.rows(ofSeries: $0).count)) }
                .sorted { a, b in a.1 != b.1 ? a.1 < b.1 : panel.series[a.0] < panel.series[b.0] }
                .map(\.0)
        }
        var ref = [Double](repeating: .nan, count: sel.periods.count)
        // For markets, the reference WLD is the exporter's own total.
        let refExporter: Exporter? = if case .shareOf(let r) = basis { marketsOf != nil && r == .world ? marketsOf : r } else { nil }
        if let r = refExporter,
            let rs = try? panel.select(metric: metric, segment: segment, granularity: granularity,
                                       choice: choice, exporters: [r], includeAggregates: true),
            let e = rs.index(of: r)
        {
            for (p, period) in sel.periods.enumerated() {
                if let q = rs.index(of: period) { ref[p] = rs.value(exporter: e, period: q) }
            }
        }
        reference = ref
    }

    func referenceValue(at p: Int) -> Double { reference[p] }

    /// The periods in which the reference aggregate has a figure.
    var referencePeriods: [Period] { selection.periods.indices.filter { !reference[$0].isNaN }.map { selection.periods[$0] } }

    /// How many periods back "a year earlier" is at the selection's granularity.
    var lag: Int { LeagueScorer.periodsPerYear(selection.granularity) }

    /// 1 for years, 4 for quarters, 12 for months.
    static func periodsPerYear(_ g: Granularity) -> Int {
        if g == .quarter { return 4 }
        if g == .month { return 12 }
        return 1
    }

    /// The value of panel series `s` in selection period `p` (NaN when missing).
    func value(series s: Int, period p: Int) -> Double {
        guard p >= 0, p < panelPeriods.count, let pi = panelPeriods[p], let v = panel.value(of: s, in: pi)
        else { return .nan }
        return v
    }

    /// Exporter `e`'s figures in selection period `p`.
    func cell(_ e: Int, _ p: Int) -> Cell {
        let sel = selection
        let v = sel.value(exporter: e, period: p)
        if !v.isNaN {
            return Cell(value: v, previous: p - lag >= 0 ? sel.value(exporter: e, period: p - lag) : .nan,
                        key: sel.keys[e], citation: sel.cellCitations[p * sel.exporters.count + e],
                        substituted: false)
        }
        for s in alternatives[e] {
            let w = value(series: s, period: p)
            guard !w.isNaN else { continue }
            let citation = panelPeriods[p].flatMap { pi in panel.row(series: s, period: pi) }
                .flatMap { panel.citation(ofRow: $0) }
            return Cell(value: w, previous: value(series: s, period: p - lag), key: panel.series[s],
                        citation: citation, substituted: true)
        }
        return Cell(value: .nan, previous: .nan, key: sel.keys[e], citation: nil, substituted: false)
    }

    /// Every exporter's figures in period `p`.
    func cells(at p: Int) -> [Cell] { selection.exporters.indices.map { cell($0, p) } }

    /// The score of every exporter in period index `p` (NaN = not ranked), from its cells.
    func scores(_ cells: [Cell], at p: Int) -> [Double] {
        switch basis {
        case .value:
            return cells.map(\.value)
        case .shareOfRanked:
            let total = cells.reduce(0.0) { $1.value.isNaN ? $0 : $0 + $1.value }
            return cells.map { total == 0 ? .nan : $0.value / total }
        case .shareOf:
            return cells.map { $0.value / reference[p] }
        case .segmentShare:
            return cells.map { c in
                let family = c.key.with(segment: .total)
                guard let s = panel.seriesIndex(of: family) else { return .nan }
                let t = value(series: s, period: p)
                return t == 0 ? .nan : c.value / t
            }
        case .change:
            return cells.map { $0.value - $0.previous }
        case .changePercent:
            return cells.map { $0.previous == 0 ? .nan : $0.value / $0.previous - 1 }
        }
    }

    /// The scores of every exporter in period index `p`.
    func scores(at p: Int) -> [Double] { scores(cells(at: p), at: p) }
}

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

    init(
        panel: Panel, metric: Metric, segment: Segment, granularity: Granularity,
        basis: LeagueBasis, choice: SeriesChoice, exporters: [Exporter]?, marketsOf: Exporter? = nil
    ) throws(RankingError) {
        if basis == .segmentShare && segment == .total {
            throw .invalid("a segment share needs a segment other than total (e.g. --segment nev)")
        }
        var sel: Selection
        do {
            if let marketsOf {
                sel = try panel.selectMarkets(
                    of: marketsOf, metric: metric, segment: segment, granularity: granularity,
                    choice: choice, includeRegions: exporters?.contains(where: \.isAggregate) ?? false)
                if let exporters { sel = sel.keeping(Set(exporters)) }
            } else {
                sel = try panel.select(
                    metric: metric, segment: segment, granularity: granularity,
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
            for (i, k) in panel.series.enumerated()
            where k.segment == segment && k.metric == metric && k.partner == sel.partner {
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
        let refExporter: Exporter? =
            if case .shareOf(let r) = basis { marketsOf != nil && r == .world ? marketsOf : r } else { nil }
        if let r = refExporter,
            let rs = try? panel.select(
                metric: metric, segment: segment, granularity: granularity,
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
    var referencePeriods: [Period] {
        selection.periods.indices.filter { !reference[$0].isNaN }.map { selection.periods[$0] }
    }

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
            return Cell(
                value: v, previous: p - lag >= 0 ? sel.value(exporter: e, period: p - lag) : .nan,
                key: sel.keys[e], citation: sel.cellCitations[p * sel.exporters.count + e],
                substituted: false)
        }
        for s in alternatives[e] {
            let w = value(series: s, period: p)
            guard !w.isNaN else { continue }
            let citation = panelPeriods[p].flatMap { pi in panel.row(series: s, period: pi) }
                .flatMap { panel.citation(ofRow: $0) }
            return Cell(
                value: w, previous: value(series: s, period: p - lag), key: panel.series[s],
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

/// An upper bound of the dense period × exporter matrix that `Panel.select` (or
/// `Panel.selectMarkets`) would lay out for a request, found without laying it out, so
/// that a caller that must not trap (the C library) can check before the work that the
/// memory is there. The matrix's size is not proportional to the panel: two rows of each
/// of a thousand exporters, one in January of the year 1000 and one in December of the
/// year 9000, make a matrix of 96 million cells from 2000 rows.
public struct SelectionBound: Sendable, Equatable {
    /// At least as many as the exporters (or markets) on the selection's exporter axis.
    public var exporters: Int
    /// At least as many as the periods on the selection's period axis.
    public var periods: Int
    /// The rows of every series the selection could choose from.
    public var rows: Int

    /// `exporters × periods`, saturating at `Int.max`.
    public var cells: Int {
        let (c, over) = exporters.multipliedReportingOverflow(by: periods)
        return over ? Int.max : c
    }
}

extension Panel {
    /// An upper bound of the selection `select` (or, with `marketsOf`, `selectMarkets`)
    /// would make with the same arguments (`SelectionBound`): the distinct exporters (or
    /// markets) of the series it could choose from, and the span of their periods at
    /// `granularity`, widened by a year at each end for a granularity summed from months or
    /// quarters (halves, year-to-date spans, fiscal years). The axis `select` lays out is
    /// never longer: it spans the chosen series' periods, which are among these. With
    /// `marketsOf`, `exporters` does not narrow the bound (`selectMarkets` lays out every
    /// market before a list keeps some) and `includeAggregates` is its `includeRegions`.
    ///
    /// - Complexity: O(series + rows of the series it could choose from); it allocates a
    ///   set of the distinct exporters, nothing proportional to the span.
    public func selectionBound(
        metric: Metric, segment: Segment = .total, granularity: Granularity = .year,
        choice: SeriesChoice = .standard, exporters: [Exporter]? = nil, includeAggregates: Bool = false,
        marketsOf: Exporter? = nil
    ) -> SelectionBound {
        let wanted = exporters.map(Set.init)
        let derives = granularity == .half || !granularity.isCalendar
        let perYear = granularity.perYear
        var axis = Set<Exporter>()
        var lo = Int.max, hi = Int.min, rowCount = 0
        for (i, k) in series.enumerated() {
            guard k.metric == metric, k.segment == segment, choice.admits(k) else { continue }
            let member: Exporter
            if let marketsOf {
                guard k.exporter == marketsOf, !k.isWorld else { continue }
                // Every market: `selectMarkets` lays them all out before a list keeps some.
                if !includeAggregates && k.partner.isAggregate { continue }
                member = k.partner
            } else {
                guard k.partner == .world else { continue }
                if let wanted, !wanted.contains(k.exporter) { continue }
                if wanted == nil && !includeAggregates && k.exporter.isAggregate { continue }
                member = k.exporter
            }
            let rows = self.rows(ofSeries: i)
            var any = false
            for r in rows {
                let p = periods[periodIndex(ofRow: Int(r))]
                if p.granularity == granularity {
                    lo = min(lo, p.ordinal)
                    hi = max(hi, p.ordinal)
                    any = true
                } else if derives && (p.granularity == .month || p.granularity == .quarter) {
                    lo = min(lo, (p.year - 1) * perYear)
                    hi = max(hi, (p.year + 2) * perYear - 1)
                    any = true
                }
            }
            guard any else { continue }
            rowCount += rows.count
            axis.insert(member)
        }
        let span = lo <= hi ? hi - lo + 1 : 0
        return SelectionBound(exporters: axis.count, periods: span, rows: rowCount)
    }
}

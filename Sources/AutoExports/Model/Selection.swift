/// One series per exporter for one metric, segment and granularity, as a dense
/// period × exporter matrix: the input of league tables, milestones and projections.
///
/// The period axis is dense: every period from the first to the last with data, so a
/// missing year is a NaN cell (a gap), never a skipped column, and period `p + 1`
/// always directly follows period `p`.
///
/// A selection holds one granularity, so it compares like with like: January–May spans
/// with January–May spans, H1 with H1, fiscal years from April with fiscal years from
/// April — never a fiscal year with a calendar year (docs/periods.md). At a half,
/// year-to-date or fiscal-year granularity, a cell without a published figure holds
/// the sum of the series' months (or quarters) when all of them have values, cited as
/// derived (`"derived: sum of 2023-01…2023-05"`).
///
///     let sel = try panel.select(metric: .units, segment: .total)
///     sel.value(exporter: sel.index(of: "CHN")!, period: sel.index(of: Period(year: 2023)!)!)
///     // 4910000
public struct Selection: Sendable {
    public let metric: Metric
    public let segment: Segment
    public let granularity: Granularity
    /// The exporters, sorted by code.
    public let exporters: [Exporter]
    /// The chosen series of each exporter (same order as `exporters`).
    public let keys: [SeriesKey]
    /// The chosen series' ids in the panel.
    public let seriesIndices: [Int]
    /// Every period from the first to the last with data, consecutive.
    public let periods: [Period]
    /// `values[p * exporters.count + e]`; NaN = missing.
    public let values: [Double]
    /// Citation of each cell (same layout), nil when none.
    public let cellCitations: [String?]
    /// The destination every chosen series counts exports to: `WLD` (national totals,
    /// the default) or one market (docs/destinations.md).
    public internal(set) var partner: Exporter = .world
    /// For a selection of one exporter's markets (`Panel.selectMarkets(of:)`): that exporter,
    /// whose exports to each market the `exporters` axis holds; nil for a selection of exporters.
    public internal(set) var marketsOf: Exporter? = nil

    /// A selection from its fields (`Panel.select` builds them).
    ///
    /// - Complexity: O(1).
    public init(
        metric: Metric, segment: Segment, granularity: Granularity, exporters: [Exporter],
        keys: [SeriesKey], seriesIndices: [Int], periods: [Period], values: [Double],
        cellCitations: [String?]
    ) {
        self.metric = metric
        self.segment = segment
        self.granularity = granularity
        self.exporters = exporters
        self.keys = keys
        self.seriesIndices = seriesIndices
        self.periods = periods
        self.values = values
        self.cellCitations = cellCitations
    }

    /// The value of exporter `e` in period `p` (NaN = missing).
    ///
    /// - Complexity: O(1).
    public func value(exporter e: Int, period p: Int) -> Double {
        values[p * exporters.count + e]
    }

    /// The values of every exporter in period `p`.
    ///
    /// - Complexity: O(1).
    public func column(period p: Int) -> ArraySlice<Double> {
        values[(p * exporters.count)..<((p + 1) * exporters.count)]
    }

    /// The values of exporter `e` across periods.
    ///
    /// - Complexity: O(periods).
    public func row(exporter e: Int) -> [Double] {
        periods.indices.map { values[$0 * exporters.count + e] }
    }

    /// The position of an exporter, or nil.
    ///
    /// - Complexity: O(log exporters).
    public func index(of exporter: Exporter) -> Int? {
        var lo = 0, hi = exporters.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if exporters[mid] < exporter { lo = mid + 1 } else { hi = mid }
        }
        return lo < exporters.count && exporters[lo] == exporter ? lo : nil
    }

    /// The position of a period, or nil.
    ///
    /// - Complexity: O(1).
    public func index(of period: Period) -> Int? {
        guard let first = periods.first, let d = first.distance(to: period),
            d >= 0, d < periods.count
        else { return nil }
        return d
    }

    /// The distinct scopes of the chosen series.
    public var scopes: [String] { Array(Set(keys.map(\.scope))).sorted() }

    /// True when the chosen series count different things (docs/design.md §2: a warning the
    /// user must see).
    public var hasMixedScopes: Bool { Set(keys.map(\.scope)).count > 1 }
}

extension Panel {
    /// Picks one series per exporter for a metric and segment (see `SeriesChoice`) and
    /// lays their values out as a dense period × exporter matrix.
    ///
    /// - Parameters:
    ///   - exporters: Only these exporters (nil = every exporter with data).
    ///   - includeAggregates: Whether aggregates such as `WLD` and `EU27` take part.
    ///   - partner: Only series of exports to this destination: `WLD` (the default,
    ///     national totals) or one market, so that a league table of exporters never
    ///     mixes a total with exports to one country.
    /// - Throws: `PanelError.notFound` when no series matches.
    /// - Complexity: O(series + rows of the chosen series + periods × exporters).
    public func select(
        metric: Metric, segment: Segment = .total, granularity: Granularity = .year,
        choice: SeriesChoice = .standard, exporters: [Exporter]? = nil,
        includeAggregates: Bool = false, partner: Exporter = .world
    ) throws(PanelError) -> Selection {
        let wanted = exporters.map(Set.init)
        var best: [Exporter: (pref: (Int, Int, Int), key: SeriesKey, id: Int)] = [:]
        // Halves, spans and fiscal years are also summed from complete months or quarters.
        let derives = granularity == .half || !granularity.isCalendar
        var derived: [Int: [(period: Period, sum: Double, citation: String)]] = [:]
        for (i, k) in series.enumerated() {
            guard k.metric == metric, k.segment == segment, k.partner == partner, choice.admits(k) else { continue }
            if let wanted, !wanted.contains(k.exporter) { continue }
            if wanted == nil && !includeAggregates && k.exporter.isAggregate { continue }
            let rows = self.rows(ofSeries: i)
            if derives {
                let sums = derivedSums(ofSeries: i, to: granularity).filter { $0.missing.isEmpty }
                if !sums.isEmpty {
                    derived[i] = sums.map { ($0.period, $0.sum, Panel.aggregateCitation($0.parts)) }
                }
            }
            guard
                derived[i] != nil
                    || rows.contains(where: { periods[periodIndex(ofRow: Int($0))].granularity == granularity })
            else { continue }
            let pref = choice.preference(k, observations: rows.count)
            if let cur = best[k.exporter], cur.pref < pref || (cur.pref == pref && cur.key < k) { continue }
            best[k.exporter] = (pref, k, i)
        }
        guard !best.isEmpty else {
            throw .notFound(
                "no \(segment) \(metric) series at \(granularity) granularity"
                    + (exporters.map { " for \($0.map(\.code).joined(separator: ", "))" } ?? "")
                    + (partner == .world ? "" : " to \(partner.code)"))
        }
        let chosen = best.sorted { $0.key < $1.key }
        let ex = chosen.map(\.key)
        // Dense period axis over the chosen series' periods at this granularity.
        var lo = Int.max, hi = Int.min
        for c in chosen {
            for r in rows(ofSeries: c.value.id) {
                let p = periods[periodIndex(ofRow: Int(r))]
                guard p.granularity == granularity else { continue }
                lo = min(lo, p.ordinal)
                hi = max(hi, p.ordinal)
            }
            for d in derived[c.value.id] ?? [] {
                lo = min(lo, d.period.ordinal)
                hi = max(hi, d.period.ordinal)
            }
        }
        let axis = (lo...hi).compactMap { Period(granularity: granularity, ordinal: $0) }
        let n = ex.count
        var values = [Double](repeating: .nan, count: axis.count * n)
        var cites = [String?](repeating: nil, count: axis.count * n)
        var published = Set<Int>()  // cells with a published figure (derived sums do not replace them)
        for (e, c) in chosen.enumerated() {
            for r in rows(ofSeries: c.value.id) {
                let row = Int(r)
                let p = periods[periodIndex(ofRow: row)]
                guard p.granularity == granularity else { continue }
                let at = (p.ordinal - lo) * n + e
                values[at] = rowValues[row]
                cites[at] = citation(ofRow: row)
                published.insert(at)
            }
            for d in derived[c.value.id] ?? [] where !published.contains((d.period.ordinal - lo) * n + e) {
                let at = (d.period.ordinal - lo) * n + e
                values[at] = d.sum
                cites[at] = d.citation
            }
        }
        var sel = Selection(
            metric: metric, segment: segment, granularity: granularity, exporters: ex,
            keys: chosen.map(\.value.key), seriesIndices: chosen.map(\.value.id),
            periods: axis, values: values, cellCitations: cites)
        sel.partner = partner
        return sel
    }
}

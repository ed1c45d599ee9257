/// An aggregate some of whose sub-periods are missing (docs/design.md §2: "the aggregate is
/// marked partial").
public struct PartialAggregate: Hashable, Sendable, CustomStringConvertible {
    public var series: SeriesKey
    /// The quarter or year.
    public var period: Period
    /// The sum of the sub-periods that have a value.
    public var sum: Double
    /// The sub-periods with a value, ascending.
    public var present: [Period]
    /// The sub-periods without a row or with a missing value, ascending.
    public var missing: [Period]

    /// A partial aggregate from its fields.
    ///
    /// - Complexity: O(1).
    public init(series: SeriesKey, period: Period, sum: Double, present: [Period], missing: [Period]) {
        self.series = series
        self.period = period
        self.sum = sum
        self.present = present
        self.missing = missing
    }

    /// `"CHN total units (…) 2023: 11 of 12 months, missing 2023-07"`.
    public var description: String {
        let unit = present.first?.granularity == .quarter ? "quarters" : "months"
        return "\(series) \(period): \(present.count) of \(present.count + missing.count) \(unit), missing "
            + missing.map(\.description).joined(separator: ", ")
    }
}

/// The result of `Panel.aggregated(to:includePartial:)`.
public struct PeriodAggregation: Sendable {
    /// The aggregates: complete ones, and partial ones too when asked for.
    public var panel: Panel
    /// Every aggregate with a missing sub-period, whether or not it is in `panel`.
    public var partial: [PartialAggregate]
}

extension Panel {
    /// The citation of an aggregate: `"derived: sum of 2023-01…2023-12"`, and for a
    /// partial one `"partial sum: 11 of 12 months of 2023-01…2023-12"`.
    ///
    /// - Complexity: O(1) (the text names the first and last part).
    public static func aggregateCitation(_ parts: [Period], partial: Int? = nil) -> String {
        let span = "\(parts.first?.description ?? "")…\(parts.last?.description ?? "")"
        guard let partial else { return "derived: sum of \(span)" }
        let unit = parts.first?.granularity == .quarter ? "quarters" : "months"
        return "partial sum: \(partial) of \(parts.count) \(unit) of \(span)"
    }

    /// Sums months (or quarters) into quarters, halves, years, year-to-date spans and
    /// fiscal years (docs/design.md §2).
    ///
    /// For every series and every target period it has month or quarter rows in, the
    /// aggregate is the sum of the months (or, for a target with no months of the series
    /// in it, of the quarters, when the target is made of whole quarters). It is complete
    /// only when every sub-period has a value; else it is *partial*: listed in `partial`
    /// and left out of the panel unless `includePartial` (then its citation says how many
    /// sub-periods it sums). Published figures are not touched: the result holds
    /// aggregates only, each cited as derived (`"derived: sum of 2023-01…2023-05"`), so
    /// callers compare them with published figures or add them where none exist.
    ///
    ///     // CHN units for 2023-01 … 2023-12 (all twelve)
    ///     let agg = panel.aggregated(to: .year)
    ///     agg.panel.value(of: 0, in: 0)     // the sum of the twelve months
    ///     agg.partial                       // [] — every month present
    ///     panel.aggregated(to: .yearToDate(through: 5))   // January–May of every year
    ///     panel.aggregated(to: .fiscalYear(start: 4))     // FY from April
    ///
    /// - Complexity: O(rows × log periods).
    public func aggregated(to target: Granularity, includePartial: Bool = false) -> PeriodAggregation {
        var b = PanelBuilder()
        var partial: [PartialAggregate] = []
        guard target != .month else { return PeriodAggregation(panel: b.build(), partial: []) }
        for (s, key) in series.enumerated() {
            for d in derivedSums(ofSeries: s, to: target) {
                if d.missing.isEmpty {
                    try? b.add(key, d.period, d.sum, citation: Panel.aggregateCitation(d.parts))
                } else {
                    partial.append(
                        PartialAggregate(
                            series: key, period: d.period, sum: d.sum, present: d.present,
                            missing: d.missing))
                    if includePartial {
                        try? b.add(
                            key, d.period, d.sum,
                            citation: Panel.aggregateCitation(d.parts, partial: d.present.count))
                    }
                }
            }
        }
        return PeriodAggregation(panel: b.build(), partial: partial)
    }

    /// One series' sums of months (or quarters) into periods of `target`, complete or
    /// not, in period order (see `aggregated(to:includePartial:)`).
    ///
    /// - Complexity: O(rows of the series × log periods).
    func derivedSums(
        ofSeries s: Int, to target: Granularity
    )
        -> [(period: Period, sum: Double, parts: [Period], present: [Period], missing: [Period])]
    {
        guard target != .month else { return [] }
        var months: [Period: [Period: Double]] = [:]
        var quarters: [Period: [Period: Double]] = [:]
        for r in rows(ofSeries: s) {
            let row = Int(r)
            let p = periods[periodIndex(ofRow: row)]
            guard p.granularity == .month || (p.granularity == .quarter && target != .quarter),
                let up = p.within(target)
            else { continue }
            if p.granularity == .month {
                months[up, default: [:]][p] = rowValues[row]
            } else {
                quarters[up, default: [:]][p] = rowValues[row]
            }
        }
        var targets = Set(months.keys)
        targets.formUnion(quarters.keys)
        var out: [(period: Period, sum: Double, parts: [Period], present: [Period], missing: [Period])] = []
        for t in targets.sorted() {
            let useMonths = months[t] != nil
            let values = useMonths ? months[t] ?? [:] : quarters[t] ?? [:]
            let parts = t.subPeriods(useMonths ? .month : .quarter)
            guard !parts.isEmpty else { continue }
            var sum = 0.0
            var present: [Period] = []
            var missing: [Period] = []
            for part in parts {
                if let v = values[part], !v.isNaN { sum += v; present.append(part) } else { missing.append(part) }
            }
            out.append((t, sum, parts, present, missing))
        }
        return out
    }
}

extension Period {
    /// The months or quarters this period consists of (itself when `granularity` is its
    /// own; empty when it is coarser or the period is not made of whole ones), and the
    /// halves of a year.
    ///
    ///     Period(year: 2023)!.subPeriods(.quarter)    // 2023-Q1 … 2023-Q4
    ///     Period(year: 2023, quarter: 2)!.subPeriods(.month)   // 2023-04, 2023-05, 2023-06
    ///     Period(parsing: "2023-01/2023-06")!.subPeriods(.quarter)   // 2023-Q1, 2023-Q2
    ///     Period(parsing: "FY2024")!.subPeriods(.quarter)   // 2024-Q2 … 2025-Q1
    ///
    /// - Complexity: O(sub-periods).
    public func subPeriods(_ g: Granularity) -> [Period] {
        if g == granularity { return [self] }
        let ms = months
        switch g {
        case .month: return ms.count > 1 ? ms : []
        case .quarter:
            guard ms.count >= 6 || ms.count == 3 && granularity != .quarter, ms.count % 3 == 0,
                let first = ms.first, first.sub % 3 == 1
            else { return [] }
            return stride(from: 0, to: ms.count, by: 3).compactMap { ms[$0].rolledUp(to: .quarter) }
        case .half:
            guard
                granularity == .year || (ms.count % 6 == 0 && ms.count > 6 && ms.first.map { $0.sub % 6 == 1 } == true)
            else { return [] }
            return stride(from: 0, to: ms.count, by: 6).compactMap { ms[$0].rolledUp(to: .half) }
        default: return []
        }
    }

    /// The period of granularity `target` that this month or quarter lies in: its
    /// quarter, half or year, the year-to-date span ending in `target`'s month if this
    /// period ends by then, the fiscal year it falls in. Nil when none contains it whole.
    ///
    ///     Period(parsing: "2024-02")!.within(.fiscalYear(start: 4))   // FY2023
    ///     Period(parsing: "2023-06")!.within(.yearToDate(through: 5)) // nil
    ///
    /// - Complexity: O(1).
    public func within(_ target: Granularity) -> Period? {
        guard let first = months.first, let last = months.last, granularity.isCalendar else { return nil }
        switch target {
        case .year, .half, .quarter, .month: return rolledUp(to: target)
        case .yearToDate(let m):
            guard last.year == year, last.sub <= m, granularity != .year else { return nil }
            return Period(year: year, throughMonth: m)
        case .fiscalYear(let s):
            let fy = first.sub >= s ? first.year : first.year - 1
            guard let f = Period(fiscalYear: fy, startMonth: s), f.months.contains(last),
                granularity.isFiner(than: .year)
            else { return nil }
            return f
        }
    }
}

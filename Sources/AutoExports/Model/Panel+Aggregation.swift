/// An aggregate some of whose sub-periods are missing (DESIGN.md §2: "the aggregate is
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
    /// The citation of an aggregate: `"sum of 2023-01…2023-12"`, and for a partial one
    /// `"partial sum: 11 of 12 months of 2023-01…2023-12"`.
    public static func aggregateCitation(_ parts: [Period], partial: Int? = nil) -> String {
        let span = "\(parts.first?.description ?? "")…\(parts.last?.description ?? "")"
        guard let partial else { return "sum of \(span)" }
        let unit = parts.first?.granularity == .quarter ? "quarters" : "months"
        return "partial sum: \(partial) of \(parts.count) \(unit) of \(span)"
    }

    /// Sums months into quarters or years, and quarters into years (DESIGN.md §2).
    ///
    /// For every series and every quarter or year it has sub-period rows in, the
    /// aggregate is the sum of the months (or, for a year of a series with no months in
    /// it, of the quarters). It is complete only when every sub-period has a value; else
    /// it is *partial*: listed in `partial` and left out of the panel unless
    /// `includePartial` (then its citation says how many sub-periods it sums). Published
    /// quarters and years are not touched: the result holds aggregates only, so callers
    /// compare them with published figures or add them where none exist.
    ///
    ///     // CHN units for 2023-01 … 2023-12 (all twelve)
    ///     let agg = panel.aggregated(to: .year)
    ///     agg.panel.value(of: 0, in: 0)     // the sum of the twelve months
    ///     agg.partial                       // [] — every month present
    ///
    /// - Complexity: O(rows × log periods).
    public func aggregated(to target: Granularity, includePartial: Bool = false) -> PeriodAggregation {
        var b = PanelBuilder()
        var partial: [PartialAggregate] = []
        guard target != .month else { return PeriodAggregation(panel: b.build(), partial: []) }
        for (s, key) in series.enumerated() {
            // Sub-period values of this series by aggregate period.
            var months: [Period: [Period: Double]] = [:]
            var quarters: [Period: [Period: Double]] = [:]
            for r in rows(ofSeries: s) {
                let row = Int(r)
                let p = periods[periodIndex(ofRow: row)]
                guard p.granularity > target, let up = p.rolledUp(to: target) else { continue }
                if p.granularity == .month { months[up, default: [:]][p] = rowValues[row] }
                else { quarters[up, default: [:]][p] = rowValues[row] }
            }
            var targets = Set(months.keys)
            targets.formUnion(quarters.keys)
            for t in targets.sorted() {
                let useMonths = months[t] != nil
                let values = useMonths ? months[t] ?? [:] : quarters[t] ?? [:]
                let parts = t.subPeriods(useMonths ? .month : .quarter)
                var sum = 0.0
                var present: [Period] = []
                var missing: [Period] = []
                for part in parts {
                    if let v = values[part], !v.isNaN { sum += v; present.append(part) } else { missing.append(part) }
                }
                if missing.isEmpty {
                    try? b.add(key, t, sum, citation: Panel.aggregateCitation(parts))
                } else {
                    partial.append(PartialAggregate(series: key, period: t, sum: sum, present: present, missing: missing))
                    if includePartial {
                        try? b.add(key, t, sum, citation: Panel.aggregateCitation(parts, partial: present.count))
                    }
                }
            }
        }
        return PeriodAggregation(panel: b.build(), partial: partial)
    }
}

extension Period {
    /// The months or quarters this period consists of (itself when `granularity` is its
    /// own; empty when it is coarser).
    ///
    ///     Period(year: 2023)!.subPeriods(.quarter)    // 2023-Q1 … 2023-Q4
    ///     Period(year: 2023, quarter: 2)!.subPeriods(.month)   // 2023-04, 2023-05, 2023-06
    ///
    /// - Complexity: O(sub-periods).
    public func subPeriods(_ g: Granularity) -> [Period] {
        if g == granularity { return [self] }
        guard g > granularity else { return [] }
        switch (granularity, g) {
        case (.year, .quarter): return (1...4).compactMap { Period(year: year, quarter: $0) }
        case (.year, .month): return (1...12).compactMap { Period(year: year, month: $0) }
        case (.quarter, .month): return (1...3).compactMap { Period(year: year, month: (sub - 1) * 3 + $0) }
        default: return []
        }
    }
}

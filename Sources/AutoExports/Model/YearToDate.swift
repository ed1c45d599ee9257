/// A year-to-date span: January through a month of one year, written `2023-01/2023-05`
/// (docs/design.md §2: a cumulative span). Spans are compared with the same span of another
/// year — January–May 2023 against January–May 2022 — never with whole years.
///
///     let ytd = YearToDate(parsing: "2023-01/2023-05")!
///     ytd.months.count          // 5
///     ytd.previousYear          // 2022-01/2022-05
public struct YearToDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    /// The last month of the span, 1...12.
    public let throughMonth: Int

    /// January through `throughMonth` (1...12) of `year` (1...9999).
    ///
    /// - Complexity: O(1).
    public init?(year: Int, through throughMonth: Int) {
        guard (1...9999).contains(year), (1...12).contains(throughMonth) else { return nil }
        self.year = year
        self.throughMonth = throughMonth
    }

    /// The span ending with `month`, a monthly period.
    ///
    /// - Complexity: O(1).
    public init?(through month: Period) {
        guard month.granularity == .month else { return nil }
        self.init(year: month.year, through: month.sub)
    }

    /// Parses `2023-01/2023-05` (both months of one year, the first January; spaces
    /// around the slash allowed).
    ///
    /// - Complexity: O(length of text).
    public init?<S: StringProtocol>(parsing text: S) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Period(parsing: parts[0]), let b = Period(parsing: parts[1]),
            a.granularity == .month, b.granularity == .month, a.sub == 1, a.year == b.year
        else { return nil }
        self.init(year: b.year, through: b.sub)
    }

    /// The months of the span, ascending.
    public var months: [Period] { (1...throughMonth).compactMap { Period(year: year, month: $0) } }

    /// The same span one year earlier (nil before year 1).
    public var previousYear: YearToDate? { YearToDate(year: year - 1, through: throughMonth) }

    /// `2023-01/2023-05`.
    public var description: String {
        "\(Period(year: year, month: 1)?.description ?? "")/\(Period(year: year, month: throughMonth)?.description ?? "")"
    }

    public static func < (a: YearToDate, b: YearToDate) -> Bool {
        (a.year, a.throughMonth) < (b.year, b.throughMonth)
    }
}

/// One series' cumulative value over a year-to-date span, beside the same span a year
/// earlier.
public struct YearToDateValue: Hashable, Sendable {
    public var series: SeriesKey
    public var span: YearToDate
    /// The sum of the span's months that have a value.
    public var value: Double
    /// True when every month of the span has a value.
    public var isComplete: Bool
    /// The span's months without a value.
    public var missing: [Period]
    /// The same span a year earlier, when all its months have values.
    public var previous: Double?

    /// `value − previous` when both spans are complete.
    public var change: Double? {
        guard isComplete, let previous else { return nil }
        return value - previous
    }

    /// `(value − previous) / previous × 100` when both spans are complete and previous ≠ 0.
    public var changePercent: Double? {
        guard let change, let previous, previous != 0 else { return nil }
        return change / previous * 100
    }
}

extension Panel {
    /// Cumulative values of every series with monthly rows in `span`, compared with the
    /// same span a year earlier (e.g. January–May 2023 against January–May 2022).
    ///
    ///     let v = panel.yearToDate(YearToDate(parsing: "2023-01/2023-05")!)
    ///     v.first?.changePercent      // growth on the same months of 2022
    ///
    /// A span with a missing month is reported with `isComplete == false` and no change.
    ///
    /// - Complexity: O(rows of the series with monthly data × log periods).
    public func yearToDate(_ span: YearToDate) -> [YearToDateValue] {
        var out: [YearToDateValue] = []
        let previousSpan = span.previousYear
        for (s, key) in series.enumerated() {
            var values: [Period: Double] = [:]
            for r in rows(ofSeries: s) {
                let row = Int(r)
                let p = periods[periodIndex(ofRow: row)]
                guard p.granularity == .month, p.year == span.year || p.year == span.year - 1,
                    p.sub <= span.throughMonth
                else { continue }
                values[p] = rowValues[row]
            }
            let current = span.months
            guard current.contains(where: { values[$0] != nil }) else { continue }
            var sum = 0.0
            var missing: [Period] = []
            for m in current {
                if let v = values[m], !v.isNaN { sum += v } else { missing.append(m) }
            }
            var previous: Double? = nil
            if let prev = previousSpan?.months {
                let vs = prev.map { values[$0] }
                if vs.allSatisfy({ v in v.map { !$0.isNaN } ?? false }) { previous = vs.reduce(0.0) { $0 + ($1 ?? 0) } }
            }
            out.append(
                YearToDateValue(
                    series: key, span: span, value: sum, isComplete: missing.isEmpty,
                    missing: missing, previous: previous))
        }
        return out
    }
}

extension YearToDate {
    /// The span as a period of granularity `.yearToDate(through:)`, the form importers,
    /// selections and league tables use.
    ///
    ///     YearToDate(parsing: "2023-01/2023-05")!.period.code   // 2202305
    public var period: Period {
        // year and throughMonth were checked by init.
        Period(year: year, throughMonth: throughMonth) ?? Period(year: 1)!
    }

    /// The span of a year-to-date period (nil for any other granularity).
    ///
    /// - Complexity: O(1).
    public init?(_ period: Period) {
        guard case .yearToDate(let m) = period.granularity else { return nil }
        self.init(year: period.year, through: m)
    }
}

extension Panel {
    /// The rows of this panel and of `other` together.
    ///
    /// A (series, period) present in both is a duplicate: the merge throws and neither
    /// panel changes (panels are values).
    ///
    ///     let both = try a.merging(b)      // a's and b's rows, sorted by (period, series)
    ///
    /// - Throws: `PanelError.duplicate` for the first repeated (series, period).
    /// - Complexity: O(n log n) for n rows in both; O(1) when either panel is empty.
    public func merging(_ other: Panel) throws(PanelError) -> Panel {
        if other.rowCount == 0 && other.series.isEmpty { return self }
        if rowCount == 0 && series.isEmpty { return other }
        var b = PanelBuilder()
        b.reserveCapacity(rowCount + other.rowCount)
        for source in [self, other] {
            var ids: [Int32] = []
            ids.reserveCapacity(source.series.count)
            for k in source.series { ids.append(try b.seriesID(for: k)) }
            for p in source.periods.indices {
                let period = source.periods[p]
                for r in source.rows(inPeriod: p) {
                    try b.add(
                        series: ids[Int(source.rowSeries[r])], period, source.rowValues[r],
                        citation: source.citation(ofRow: r))
                }
            }
        }
        return b.build()
    }
}

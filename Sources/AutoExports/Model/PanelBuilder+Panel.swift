extension PanelBuilder {
    /// A builder that starts with every row of `panel` (to add more rows to it cheaply:
    /// each `add` is O(1), one `build()` at the end).
    ///
    ///     var b = PanelBuilder(ReferenceData.panel)
    ///     try b.add(SeriesKey(exporter: "CHN", source: "CAAM", scope: "all_vehicles"),
    ///               Period(year: 2026)!, 7_500_000)
    ///     b.build().rowCount          // one more than the reference panel
    ///
    /// - Complexity: O(rows of `panel`).
    public init(_ panel: Panel) {
        self.init()
        reserveCapacity(panel.rowCount)
        for key in panel.series { _ = try? seriesID(for: key) }  // ids equal the panel's
        for p in panel.periods.indices {
            for r in panel.rows(inPeriod: p) {
                try? add(
                    series: panel.rowSeries[r], panel.periods[p], panel.rowValues[r],
                    citation: panel.citation(ofRow: r))
            }
        }
    }
}

extension Panel {
    /// The milestones of one metric and segment: overtakes, new and first-time leaders,
    /// lead changes, records, thresholds, top-N moves and streaks (docs/design.md §4), each with
    /// the figures that prove it and one plain sentence, plus coverage notes for changes
    /// that come only from series starting, ending or skipping periods.
    ///
    ///     let r = try ReferenceData.completedPanel.milestones()
    ///     r.milestones.first { $0.kind == .firstTimeLeader }?.sentence
    ///     // "2023: China (4.91M) became the largest vehicle exporter, ahead of Japan
    ///     //  (4.42M), for the first time in the years with figures, which for China
    ///     //  start in 2010; China has none for 2011 and 2014 (units; CAAM vs JAMA,
    ///     //  all vehicles)"
    ///
    /// - Throws: `MilestoneError.option` for an option out of range, `.notFound` when the
    ///   panel has no series of the metric and segment.
    /// - Complexity: O(T·n log n + K) for T periods, n exporters and K overtakes; a margin
    ///   above 0 compares every pair: O(T·n²).
    public func milestones(_ options: MilestoneOptions = MilestoneOptions()) throws(MilestoneError) -> MilestoneReport {
        var f = try MilestoneFinder(panel: self, options: options)
        f.run()
        var report = MilestoneReport(
            milestones: f.milestones, notes: f.notes, metric: f.metric, segment: f.segment,
            granularity: f.granularity, exporters: f.exporters, series: f.keys, periodLabels: f.labels)
        report.marketsOf = options.marketsOf
        return report
    }
}

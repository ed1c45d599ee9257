extension Panel {
    /// The series `choice` picks for one exporter, segment and metric (the rule of
    /// `SeriesChoice`: overrides, then preferred scope, then preferred source, then more
    /// observations, then the smaller key), or nil when no series matches.
    ///
    ///     ReferenceData.panel.chosenSeries(exporter: "DEU", metric: .units)
    ///         .map { ReferenceData.panel.series[$0].source }   // "VDA"
    ///
    /// - Complexity: O(series).
    public func chosenSeries(
        exporter: Exporter, segment: Segment = .total, metric: Metric = .units,
        choice: SeriesChoice = .standard, partner: Exporter = .world
    ) -> Int? {
        var best: (pref: (Int, Int, Int), key: SeriesKey, id: Int)? = nil
        for (i, k) in series.enumerated()
        where k.exporter == exporter && k.partner == partner && k.segment == segment && k.metric == metric
            && choice.admits(k)
        {
            let pref = choice.preference(k, observations: rows(ofSeries: i).count)
            if let cur = best, cur.pref < pref || (cur.pref == pref && cur.key < k) { continue }
            best = (pref, k, i)
        }
        return best?.id
    }
}

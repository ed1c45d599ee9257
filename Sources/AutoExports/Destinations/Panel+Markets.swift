extension Panel {
    /// A Selection whose `exporters` axis holds `exporter`'s markets (one series per partner, chosen
    /// by the SeriesChoice rules, regions included only when `includeRegions`), dense period axis, so
    /// LeagueTable / MilestoneFinder / ranking work on markets unchanged. `sel.marketsOf == exporter`.
    ///
    /// The markets listed are those the data cover, not all of the exporter's markets: a
    /// league table of them says so (docs/destinations.md).
    ///
    /// - Throws: `PanelError.notFound` when the exporter has no market at this metric, segment
    ///   and granularity.
    /// - Complexity: O(markets × series + rows).
    public func selectMarkets(
        of exporter: Exporter, metric: Metric = .units, segment: Segment = .total,
        granularity: Granularity = .year, choice: SeriesChoice = .standard,
        includeRegions: Bool = false
    ) throws(PanelError) -> Selection {
        var parts: [(partner: Exporter, sel: Selection)] = []
        for p in partners(of: exporter) where includeRegions || !p.isAggregate {
            if let s = try? select(
                metric: metric, segment: segment, granularity: granularity, choice: choice,
                exporters: [exporter], partner: p)
            {
                parts.append((p, s))
            }
        }
        guard !parts.isEmpty else {
            throw .notFound(
                "\(exporter.code) has no \(segment) \(metric) figures by destination at \(granularity) granularity")
        }
        var lo = Int.max, hi = Int.min
        for part in parts {
            if let f = part.sel.periods.first, let l = part.sel.periods.last {
                lo = min(lo, f.ordinal)
                hi = max(hi, l.ordinal)
            }
        }
        let axis = (lo...hi).compactMap { Period(granularity: granularity, ordinal: $0) }
        let n = parts.count
        var values = [Double](repeating: .nan, count: axis.count * n)
        var cites = [String?](repeating: nil, count: axis.count * n)
        for (e, part) in parts.enumerated() {
            for (pi, p) in part.sel.periods.enumerated() {
                let at = (p.ordinal - lo) * n + e
                values[at] = part.sel.values[pi]
                cites[at] = part.sel.cellCitations[pi]
            }
        }
        var sel = Selection(
            metric: metric, segment: segment, granularity: granularity,
            exporters: parts.map(\.partner), keys: parts.map { $0.sel.keys[0] },
            seriesIndices: parts.map { $0.sel.seriesIndices[0] }, periods: axis, values: values,
            cellCitations: cites)
        sel.marketsOf = exporter
        return sel
    }
}

extension Panel {
    /// The same rows with every national-total series (partner `WLD`) re-keyed to exports to
    /// `partner`: a file of one destination's figures read without a partner column (the
    /// wide layout's `--partner` option). Series that already have a market keep it.
    ///
    /// - Throws: `PanelError.duplicate` when a re-keyed series collides with one already
    ///   to `partner`.
    /// - Complexity: O(rows).
    public func withPartner(_ partner: Exporter) throws(PanelError) -> Panel {
        guard partner != .world else { return self }
        var b = PanelBuilder()
        b.reserveCapacity(rowCount)
        for (s, k) in series.enumerated() {
            var key = k
            if key.isWorld { key.partner = partner }
            for r in rows(ofSeries: s) {
                let row = Int(r)
                try b.add(key, periods[periodIndex(ofRow: row)], rowValues[row], citation: citation(ofRow: row))
            }
        }
        return b.build()
    }
}

extension Selection {
    /// The selection restricted to the exporters (or markets) in `keep`, same periods.
    ///
    /// - Complexity: O(periods × exporters).
    public func keeping(_ keep: Set<Exporter>) -> Selection {
        let idx = exporters.indices.filter { keep.contains(exporters[$0]) }
        let n = exporters.count
        var values: [Double] = [], cites: [String?] = []
        for p in periods.indices {
            for e in idx {
                values.append(self.values[p * n + e])
                cites.append(cellCitations[p * n + e])
            }
        }
        var sel = Selection(
            metric: metric, segment: segment, granularity: granularity, exporters: idx.map { exporters[$0] },
            keys: idx.map { keys[$0] }, seriesIndices: idx.map { seriesIndices[$0] }, periods: periods,
            values: values, cellCitations: cites)
        sel.partner = partner
        sel.marketsOf = marketsOf
        return sel
    }
}

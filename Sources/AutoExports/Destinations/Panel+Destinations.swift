/// Questions about destination markets (docs/destinations.md).
extension Panel {
    /// The markets of `exporter` with at least one figure (partners other than WLD), sorted by code.
    ///
    /// - Complexity: O(series + rows of the exporter's partner series).
    public func partners(of exporter: Exporter) -> [Exporter] {
        var out = Set<Exporter>()
        for (i, k) in series.enumerated() where k.exporter == exporter && !k.isWorld && !out.contains(k.partner) {
            if rows(ofSeries: i).contains(where: { !rowValues[Int($0)].isNaN }) { out.insert(k.partner) }
        }
        return out.sorted()
    }

    /// One published figure with its series and citation.
    struct DestinationFigure {
        var key: SeriesKey
        var value: Double
        var citation: String?
    }

    /// The series of `exporter`'s total figures to each market (partners other than WLD) of
    /// one metric that `choice` admits, grouped by market. O(series).
    func destinationSeries(_ exporter: Exporter, metric: Metric, choice: SeriesChoice) -> [Exporter: [Int]] {
        var out: [Exporter: [Int]] = [:]
        for (i, k) in series.enumerated()
        where k.exporter == exporter && !k.isWorld && k.segment == .total && k.metric == metric && choice.admits(k) {
            out[k.partner, default: []].append(i)
        }
        return out
    }

    /// Every figure (non-NaN) of the series `ids` in `period`.
    func destinationFigures(_ ids: [Int], period: Period) -> [DestinationFigure] {
        guard let p = periodIndex(of: period) else { return [] }
        var out: [DestinationFigure] = []
        for i in ids {
            if let r = row(series: i, period: p), !rowValues[r].isNaN {
                out.append(DestinationFigure(key: series[i], value: rowValues[r], citation: citation(ofRow: r)))
            }
        }
        return out
    }

    /// Orders candidate series of one market: the total's source and scope first, then the
    /// `SeriesChoice` preference, then the smaller key.
    func destinationOrder(_ total: SeriesKey, _ choice: SeriesChoice) -> (SeriesKey, SeriesKey) -> Bool {
        { a, b in
            let sa = a.source == total.source && a.scope == total.scope
            let sb = b.source == total.source && b.scope == total.scope
            if sa != sb { return sa }
            let pa = choice.preference(a, observations: 0), pb = choice.preference(b, observations: 0)
            if pa != pb { return pa < pb }
            return a < b
        }
    }

    /// Destinations of one exporter: in one period (from == nil) the markets' values and shares of the
    /// exporter's WLD total; between two periods the change of the total split by partner.
    ///
    /// - Throws: `.noSeries` (no WLD total of the metric), `.missingValue` (no total in a
    ///   period), `.invalidPeriods` (different granularities, or from not before to).
    /// - Complexity: O(series × markets + rows).
    public func explainDestinations(
        of exporter: Exporter, from: Period?, to: Period,
        metric: Metric = .units, choice: SeriesChoice = .standard
    )
        throws(AttributionError) -> DestinationExplanation
    {
        if let from {
            guard from.granularity == to.granularity else {
                throw .invalidPeriods(
                    "\(from) and \(to) have different granularities (a year-to-date span, a fiscal year "
                        + "and a calendar year are never compared)")
            }
            guard from < to else { throw .invalidPeriods("\(from) is not before \(to)") }
        }
        let completed = completingSegments().panel
        guard let ts = chosenSeries(exporter: exporter, segment: .total, metric: metric, choice: choice) else {
            throw .noSeries(exporter: exporter, segment: .total, metric: metric)
        }
        let total = series[ts]
        func totalValue(_ p: Period) throws(AttributionError) -> (Double, String?) {
            guard let pi = periodIndex(of: p), let r = row(series: ts, period: pi), !rowValues[r].isNaN else {
                throw .missingValue(series: total, period: p)
            }
            return (rowValues[r], citation(ofRow: r))
        }
        let (t1, c1) = try totalValue(to)
        var t0: Double? = nil, c0: String? = nil
        if let from { let v = try totalValue(from); t0 = v.0; c0 = v.1 }
        let dt: Double? = t0.map { t1 - $0 }
        let order = destinationOrder(total, choice)
        let same: (SeriesKey) -> Bool = { $0.source == total.source && $0.scope == total.scope }
        var lines: [DestinationExplanation.Line] = []
        var warnings: [String] = []
        var regions: [Exporter] = []
        var summedRegions: [Exporter] = []
        let bySeries = destinationSeries(exporter, metric: metric, choice: choice)
        for partner in bySeries.keys.sorted() {
            let ids = bySeries[partner] ?? []
            let region = partner.isAggregate
            let f1 = destinationFigures(ids, period: to)
            if let from {
                let f0 = destinationFigures(ids, period: from)
                if f0.isEmpty && f1.isEmpty { continue }
                // Prefer a source and scope present in both periods.
                let common = f1.map(\.key).filter { k in f0.contains { $0.key == k } }.sorted(by: order)
                var line = DestinationExplanation.Line(partner: partner)
                if let k = common.first, let a = f0.first(where: { $0.key == k }),
                    let b = f1.first(where: { $0.key == k })
                {
                    line.from = a.value; line.to = b.value; line.fromKey = k; line.toKey = k
                    line.fromCitation = a.citation; line.toCitation = b.citation
                    line.change = b.value - a.value
                    line.likeForLike = same(k)
                    line.inExactSum = line.likeForLike && !region
                    if !line.likeForLike {
                        line.note =
                            "\(Panel.article(k, metric)) in both periods, the total \(Panel.article(total, metric)): "
                            + "not like for like with the total, left out of the exact sum"
                    }
                } else {
                    let a = f0.sorted { order($0.key, $1.key) }.first, b = f1.sorted { order($0.key, $1.key) }.first
                    line.from = a?.value; line.to = b?.value; line.fromKey = a?.key; line.toKey = b?.key
                    line.fromCitation = a?.citation; line.toCitation = b?.citation
                    if let a, let b {
                        line.note =
                            "\(from) is \(Panel.article(a.key, metric)), \(to) \(Panel.article(b.key, metric)): "
                            + "not like for like, left out of the exact sum (the difference, "
                            + "\(Formatting.signedCompact(b.value - a.value, metric: metric)), is indicative only)"
                    } else {
                        line.note = "no figure for \(a == nil ? from : to): left out of the exact sum"
                    }
                }
                if region {
                    regions.append(partner)
                    line.note = "a region: shown, never summed with its members" + (line.note.map { "; " + $0 } ?? "")
                }
                if line.inExactSum, let dt, dt != 0, let c = line.change { line.share = c / dt }
                if line.change != nil, let fk = line.fromKey {
                    line.bySegment = Panel.segmentParts(completed, fk, [from, to])
                }
                lines.append(line)
            } else {
                guard let b = f1.sorted(by: { order($0.key, $1.key) }).first else { continue }
                var line = DestinationExplanation.Line(
                    partner: partner, to: b.value, toKey: b.key, toCitation: b.citation)
                line.likeForLike = same(b.key)
                line.inExactSum = line.likeForLike && !region
                if !line.likeForLike {
                    line.note =
                        "\(Panel.article(b.key, metric)), the total \(Panel.article(total, metric)): "
                        + "not like for like, left out of the exact sum"
                }
                if region {
                    regions.append(partner)
                    line.note = "a region: shown, never summed with its members" + (line.note.map { "; " + $0 } ?? "")
                }
                if line.inExactSum, t1 != 0 { line.share = b.value / t1 }
                // Other figures for the same market and period (another source or scope): named, not used.
                let others = f1.filter { $0.key != b.key }.sorted { order($0.key, $1.key) }
                if !others.isEmpty {
                    let list = others.map {
                        "\(Formatting.compact($0.value, metric: metric)) (\($0.key.provenanceLabel))"
                    }
                    line.note = (line.note.map { $0 + "; " } ?? "") + "also published: " + list.joined(separator: ", ")
                }
                line.bySegment = Panel.segmentParts(completed, b.key, [to])
                lines.append(line)
            }
        }
        // A region is summed like a country only when its members are known, none of them has
        // a figure here, and no other region here overlaps it: then nothing is counted twice.
        let countries = Set(lines.filter { !$0.partner.isAggregate }.map(\.partner))
        for i in lines.indices where lines[i].partner.isAggregate && lines[i].likeForLike {
            let r = lines[i].partner
            guard let members = Exporter.regionMembers[r], members.isDisjoint(with: countries),
                regions.allSatisfy({
                    $0 == r || (Exporter.regionMembers[$0].map { $0.isDisjoint(with: members) } ?? false)
                })
            else { continue }
            lines[i].inExactSum = true
            lines[i].note = "a region, summed: none of its members has a figure here"
            if let dt, dt != 0, let c = lines[i].change { lines[i].share = c / dt }
            if from == nil, t1 != 0, let v = lines[i].to { lines[i].share = v / t1 }
            summedRegions.append(r)
        }
        regions.removeAll { summedRegions.contains($0) }
        // Rest of world: the total minus the markets in the exact sum.
        let exact = lines.filter(\.inExactSum)
        if !exact.isEmpty {
            var row = DestinationExplanation.Line(partner: DestinationExplanation.restOfWorld, isRestOfWorld: true)
            row.likeForLike = true
            row.inExactSum = true
            let s1 = exact.reduce(0.0) { $0 + ($1.to ?? 0) }
            row.to = t1 - s1
            row.note = "derived: the total minus the markets in the exact sum (\(total.provenanceLabel))"
            if let t0, let dt {
                let s0 = exact.reduce(0.0) { $0 + ($1.from ?? 0) }
                row.from = t0 - s0
                row.change = dt - exact.reduce(0.0) { $0 + ($1.change ?? 0) }
                if dt != 0 { row.share = row.change! / dt }
                if s0 > t0 {
                    warnings.append(
                        "the markets in the exact sum add up to \(Formatting.compact(s0, metric: metric)) in \(from!), "
                            + "more than the total \(Formatting.compact(t0, metric: metric)): the figures disagree")
                }
            } else if t1 != 0 {
                row.share = row.to! / t1
            }
            if s1 > t1 {
                warnings.append(
                    "the markets in the exact sum add up to \(Formatting.compact(s1, metric: metric)) in \(to), "
                        + "more than the total \(Formatting.compact(t1, metric: metric)): the figures disagree")
            }
            lines.append(row)
        }
        // Every market figure together (any source or scope, regions aside) above the total: the
        // data disagree or count differently; said even when nothing is in the exact sum.
        func allAbove(_ value: (DestinationExplanation.Line) -> Double?, _ total: Double, _ p: Period) {
            let ls = lines.filter { !$0.isRestOfWorld && !$0.partner.isAggregate }
            guard ls.contains(where: { !$0.inExactSum }) else { return }
            let sum = ls.reduce(0.0) { $0 + (value($1) ?? 0) }
            if sum > total {
                warnings.append(
                    "the markets' figures in \(p) add up to \(Formatting.compact(sum, metric: metric)), more than the "
                        + "total \(Formatting.compact(total, metric: metric)), counting every source and scope: they do not measure "
                        + "the same thing and cannot be added")
            }
        }
        if let from, let t0 { allAbove({ $0.from }, t0, from) }
        allAbove({ $0.to }, t1, to)
        // Named in the order the lines are shown (largest first), as below.
        let unlike = Panel.destinationOrder(
            lines.filter { !$0.isRestOfWorld && !$0.inExactSum && !$0.partner.isAggregate },
            twoPeriods: from != nil)
        if !unlike.isEmpty {
            warnings.append(
                "sources or scopes differ from the total's (\(total.provenanceLabel)) for "
                    + unlike.map(\.partner.name).joined(separator: ", ") + ": not in the exact sum")
        }
        if !regions.isEmpty {
            warnings.append(
                regions.map(\.code).joined(separator: ", ") + (regions.count == 1 ? " is a region" : " are regions")
                    + ": shown, never summed with its members")
        }
        if from == nil {
            // Markets published only for parts of the year (year-to-date spans) are not added to it.
            var spans: [Period: Int] = [:]
            for (i, k) in series.enumerated()
            where k.exporter == exporter && !k.isWorld && k.metric == metric && k.segment == .total {
                for r in rows(ofSeries: i) {
                    let p = periods[periodIndex(ofRow: Int(r))]
                    if p != to && p.granularity != to.granularity && p.year == to.year && !p.granularity.isCalendar {
                        spans[p, default: 0] += 1
                    }
                }
            }
            if !spans.isEmpty {
                warnings.append(
                    "other periods of \(to.year) have market figures ("
                        + spans.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value) series" }.joined(
                            separator: ", ")
                        + "): year-to-date spans and fiscal years are never added to \(to) or compared with it; "
                        + "ask for one of those periods instead")
            }
        }
        let markets = Panel.destinationOrder(lines.filter { !$0.isRestOfWorld }, twoPeriods: from != nil)
        return DestinationExplanation(
            exporter: exporter, metric: metric, from: from, to: to, total: total,
            totalFrom: t0, totalTo: t1, totalChange: dt,
            lines: markets + lines.filter(\.isRestOfWorld), warnings: warnings,
            totalFromCitation: c0, totalToCitation: c1)
    }

    /// Largest first: the change between two periods, the value in one; lines without a
    /// number after those with one (by value), then by code.
    static func destinationOrder(
        _ lines: [DestinationExplanation.Line], twoPeriods: Bool
    ) -> [DestinationExplanation.Line] {
        lines.sorted { a, b in
            let ka = twoPeriods ? a.change : a.to, kb = twoPeriods ? b.change : b.to
            switch (ka, kb) {
            case let (x?, y?): return x != y ? x > y : a.partner < b.partner
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil):
                let ta = a.to ?? -.infinity, tb = b.to ?? -.infinity
                return ta != tb ? ta > tb : a.partner < b.partner
            }
        }
    }

    /// "a GACC count of passenger cars" / "a CAAM value of autos customs value".
    static func article(_ k: SeriesKey, _ metric: Metric) -> String {
        // "an" before a vowel sound: a vowel, or an acronym read letter by letter from F, H, L, M, N, R, S, X.
        let first = k.source.first.map { String($0) } ?? ""
        let acronym = k.source == k.source.uppercased() && k.source.count <= 6
        let an = "AEIOUaeiou".contains(first) || (acronym && "FHLMNRSX".contains(first))
        let src = k.source == SeriesKey.unspecified ? "an unattributed" : "\(an ? "an" : "a") \(k.source)"
        let what = metric == .units ? "count" : "value"
        let scope = k.scope == SeriesKey.unspecified ? "unspecified scope" : k.scopeLabel
        return "\(src) \(what) of \(scope)"
    }

    /// The powertrain split of one market's series family in every period, finest partition first
    /// (empty when the data have none).
    static func segmentParts(_ completed: Panel, _ key: SeriesKey, _ ps: [Period]) -> [ChangeDecomposition.Part] {
        func value(_ seg: Segment, _ p: Period) -> (Double, Bool)? {
            guard let s = completed.seriesIndex(of: key.with(segment: seg)), let pi = completed.periodIndex(of: p),
                let r = completed.row(series: s, period: pi), !completed.rowValues[r].isNaN
            else { return nil }
            return (completed.rowValues[r], completed.citation(ofRow: r)?.hasPrefix("derived:") ?? false)
        }
        // The standard partitions, then the exclusive segments present in every period when
        // they sum to the total exactly (a Comtrade file has no fcev or other line when
        // there is nothing to report: 870380 counts fuel-cell cars with BEVs).
        var candidates = Explainer.partitions
        let present = Segment.exclusive.filter { s in ps.allSatisfy { value(s, $0) != nil } }
        if !present.isEmpty,
            ps.allSatisfy({ p in
                guard let t = value(.total, p)?.0 else { return false }
                return present.reduce(0.0) { $0 + value($1, p)!.0 } == t
            })
        {
            candidates.append(present)
        }
        for candidate in candidates {
            guard ps.allSatisfy({ p in candidate.allSatisfy { value($0, p) != nil } }) else { continue }
            guard ps.allSatisfy({ value(.total, $0) != nil }) else { return [] }
            if ps.count == 1 {
                let t = value(.total, ps[0])!.0
                return candidate.map { s in
                    let (v, d) = value(s, ps[0])!
                    return ChangeDecomposition.Part(
                        segment: s, from: .nan, to: v, change: .nan,
                        share: t == 0 ? .nan : v / t, derived: d)
                }
            }
            let dt = value(.total, ps[1])!.0 - value(.total, ps[0])!.0
            return candidate.map { s in
                let (a, da) = value(s, ps[0])!, (b, db) = value(s, ps[1])!
                return ChangeDecomposition.Part(
                    segment: s, from: a, to: b, change: b - a,
                    share: dt == 0 ? .nan : (b - a) / dt, derived: da || db)
            }
        }
        return []
    }
}

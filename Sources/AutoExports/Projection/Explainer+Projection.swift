/// A projected crossover between two panel series (possibly of different segments, such
/// as China's NEV exports against Japan's total), with both fits and a sentence.
public struct PanelCrossover: Hashable, Sendable {
    /// The subject's and rival's series (the families' segment series).
    public let subject: SeriesKey
    public let rival: SeriesKey
    /// The granularity of both series.
    public let granularity: Granularity
    public let subjectFit: TrendFit
    public let rivalFit: TrendFit
    public let crossover: ProjectedCrossover
    /// The horizon asked for; `crossover.horizon` is at most the number of periods the
    /// shorter fit uses (a trend is not extrapolated further than the data it rests on).
    public var requestedHorizon: Int = 0

    /// The period of a fit's period number.
    public func period(_ number: Int) -> Period? { Period(granularity: granularity, ordinal: number) }

    /// "China's NEV exports" / "Japan's exports".
    static func label(_ k: SeriesKey) -> String {
        k.segment == .total ? "\(k.exporter.name)'s exports" : "\(k.exporter.name)'s \(k.segment.label) exports"
    }

    /// The crossover's sentence with the series' names and periods, plus the models.
    public var sentence: String {
        let name: (Int) -> String = { n in period(n)?.description ?? String(n) }
        var s = crossover.sentence(subject: PanelCrossover.label(subject), rival: PanelCrossover.label(rival), periodName: name)
        s += " Models: \(PanelCrossover.label(subject)) \(describe(subjectFit, name)), \(PanelCrossover.label(rival)) \(describe(rivalFit, name))."
        if requestedHorizon > crossover.horizon {
            let w = granularityWord(crossover.horizon)
            s += " Horizon limited to \(crossover.horizon) \(w), the length of the shorter fit (asked: \(requestedHorizon))."
        }
        return s
    }

    func describe(_ f: TrendFit, _ name: (Int) -> String) -> String {
        var d = "\(f.model.kind)"
        if f.model.kind == .holt && f.model.holt.damped { d = "damped Holt" }
        d += " fitted \(name(f.firstPeriod))–\(name(f.lastPeriod))"
        if f.model.kind == .logLinear {
            // A rate per period is named as such; only a yearly rate is a CAGR.
            let perYear = Double(periodsPerYear)
            if perYear == 1 {
                d += " (CAGR \(Formatting.percent(f.cagr)))"
            } else {
                let annual = Elementary.pow(1 + f.cagr, perYear) - 1
                d += " (growth \(Formatting.percent(f.cagr)) per \(granularityWord(1)), \(Formatting.percent(annual)) a year)"
            }
        }
        return d
    }

    /// 1, 4 or 12.
    var periodsPerYear: Int { granularity == .quarter ? 4 : granularity == .month ? 12 : 1 }

    /// "year(s)", "quarter(s)", "month(s)".
    func granularityWord(_ k: Int) -> String {
        let w = granularity == .quarter ? "quarter" : granularity == .month ? "month" : "year"
        return k == 1 ? w : w + "s"
    }
}

extension Explainer {
    /// The trailing run of consecutive periods with values of `segment` in the family of
    /// `exporter` at `granularity`: (first period, values). A gap ends the run (only the
    /// periods after the last gap are used).
    ///
    /// - Throws: `.noSeries` when there is no value at that granularity.
    /// - Complexity: O(series + rows of the series).
    public func trailingSeries(_ exporter: Exporter, _ segment: Segment, granularity: Granularity = .year)
        throws(AttributionError) -> (key: SeriesKey, first: Period, values: [Double])
    {
        let total = try family(of: exporter)
        let k = key(total, segment)
        guard let s = panel.seriesIndex(of: k) else { throw .noSeries(exporter: exporter, segment: segment, metric: metric) }
        var obs: [(Period, Double)] = []
        for r in panel.rows(ofSeries: s) {
            let p = panel.periods[panel.periodIndex(ofRow: Int(r))]
            let v = panel.rowValues[Int(r)]
            if p.granularity == granularity && !v.isNaN { obs.append((p, v)) }
        }
        guard let last = obs.last else { throw .noSeries(exporter: exporter, segment: segment, metric: metric) }
        var values = [last.1]
        var first = last.0
        for (p, v) in obs.dropLast().reversed() {
            guard p.ordinal == first.ordinal - 1 else { break }
            values.append(v)
            first = p
        }
        return (k, first, values.reversed())
    }

    /// Fits `model` to two panel series and projects when the subject's forecast first
    /// exceeds the rival's (docs/design.md §6): `project(subject: ("CHN", .nev), rival: ("JPN", .total))`.
    ///
    /// - Throws: `.noSeries`; `.projection(...)` for too few periods, no overlapping
    ///   periods, a horizon or level out of range; `.invalidPeriods` for a subject equal
    ///   to the rival.
    /// - Complexity: that of the fits plus O(horizon).
    public func project(subject: (exporter: Exporter, segment: Segment), rival: (exporter: Exporter, segment: Segment),
                        model: TrendModel = .logLinear, rivalModel: TrendModel? = nil, horizon: Int = 10,
                        level: Double = 0.95, granularity: Granularity = .year) throws(AttributionError) -> PanelCrossover
    {
        guard subject.exporter != rival.exporter || subject.segment != rival.segment else {
            throw .invalidPeriods("subject and rival are the same series")
        }
        let s = try trailingSeries(subject.exporter, subject.segment, granularity: granularity)
        let r = try trailingSeries(rival.exporter, rival.segment, granularity: granularity)
        do {
            let sf = try model.fit(s.values, firstPeriod: s.first.ordinal)
            let rf = try (rivalModel ?? model).fit(r.values, firstPeriod: r.first.ordinal)
            // The horizon the fit supports: no further ahead than the shorter fit reaches
            // back (docs/coverage.md); the sentence says when the request was cut.
            let supported = max(1, min(sf.lastPeriod - sf.firstPeriod + 1, rf.lastPeriod - rf.firstPeriod + 1))
            let c = try sf.projectedCrossover(over: rf, horizon: horizon < 1 ? horizon : min(horizon, supported), level: level)
            var out = PanelCrossover(subject: s.key, rival: r.key, granularity: granularity, subjectFit: sf,
                                     rivalFit: rf, crossover: c)
            out.requestedHorizon = horizon
            return out
        } catch {
            throw .projection(error)
        }
    }
}

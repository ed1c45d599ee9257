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
    /// The horizon asked for; `crossover.horizon` is what the rule of docs/design.md §6
    /// allows: at most `undampedLimit` periods for an undamped trend, `dampedLimit` for a
    /// damped one.
    public var requestedHorizon: Int = 0
    /// The longest horizon an undamped trend (linear, log-linear, Holt) is carried: half
    /// the periods of the shorter fit, at least 1 (`HorizonRule`).
    public var undampedLimit: Int = 0
    /// The longest horizon a damped trend is carried: twice the periods of the shorter fit.
    public var dampedLimit: Int = 0
    /// The subject's model as asked, when a damped Holt trend replaced it because the
    /// horizon asked is longer than `undampedLimit`; nil when it was used as asked.
    public var subjectModelAsked: TrendModel?
    /// The rival's model as asked, when a damped Holt trend replaced it; nil otherwise.
    public var rivalModelAsked: TrendModel?
    /// Why no damped trend could replace an undamped one for a long horizon (too few
    /// periods), when that happened; the horizon is then cut to `undampedLimit`.
    public var dampingUnavailable: String?

    /// The period of a fit's period number.
    ///
    /// - Complexity: O(1).
    public func period(_ number: Int) -> Period? { Period(granularity: granularity, ordinal: number) }

    /// "China's NEV exports" / "Japan's exports".
    static func label(_ k: SeriesKey) -> String {
        k.segment == .total ? "\(k.exporter.name)'s exports" : "\(k.exporter.name)'s \(k.segment.label) exports"
    }

    /// The crossover's sentence with the series' names and periods, plus the models.
    public var sentence: String {
        let name: (Int) -> String = { n in period(n)?.description ?? String(n) }
        var s = crossover.sentence(
            subject: PanelCrossover.label(subject), rival: PanelCrossover.label(rival), periodName: name)
        s +=
            " Models: \(PanelCrossover.label(subject)) \(describe(subjectFit)), \(PanelCrossover.label(rival)) \(describe(rivalFit))."
        for note in horizonNotes { s += " " + note }
        return s
    }

    /// What the horizon rule did, in sentences (empty when the models and horizon are the
    /// ones asked for): which undamped trends a damped Holt trend replaced and why, and
    /// where the horizon was cut.
    public var horizonNotes: [String] {
        var notes: [String] = []
        let n = undampedLimit
        let fitLength = max(1, min(subjectFit.count, rivalFit.count))
        if subjectModelAsked != nil || rivalModelAsked != nil {
            let what: String
            switch (subjectModelAsked, rivalModelAsked) {
            case let (s?, r?) where s.kind == r.kind:
                what = "the \(s.kind) trends of \(PanelCrossover.label(subject)) and \(PanelCrossover.label(rival))"
            case let (s?, r?):
                what =
                    "the \(s.kind) trend of \(PanelCrossover.label(subject)) and the \(r.kind) trend of \(PanelCrossover.label(rival))"
            case let (s?, nil):
                what = "the \(s.kind) trend of \(PanelCrossover.label(subject))"
            case let (nil, r?):
                what = "the \(r.kind) trend of \(PanelCrossover.label(rival))"
            case (nil, nil):
                what = ""
            }
            notes.append(
                "Damped Holt \(subjectModelAsked != nil && rivalModelAsked != nil ? "trends replace" : "trend replaces") \(what): "
                    + "\(requestedHorizon) \(granularityWord(requestedHorizon)) ahead is further than an undamped trend is carried "
                    + "(\(n) \(granularityWord(n)): half the \(fitLength) \(granularityWord(fitLength)) of the shorter fit)."
            )
        }
        if let why = dampingUnavailable {
            notes.append(
                "Horizon limited to \(crossover.horizon) \(granularityWord(crossover.horizon)), half the length of the "
                    + "shorter fit (asked: \(requestedHorizon)): \(why).")
        } else if requestedHorizon > crossover.horizon {
            let w = granularityWord(crossover.horizon)
            if crossover.horizon == dampedLimit && (subjectFit.model.holt.damped || rivalFit.model.holt.damped) {
                notes.append(
                    "Horizon limited to \(crossover.horizon) \(w), twice the length of the shorter fit (asked: \(requestedHorizon))."
                )
            } else {
                notes.append(
                    "Horizon limited to \(crossover.horizon) \(w), half the length of the shorter fit (asked: \(requestedHorizon))."
                )
            }
        }
        return notes
    }

    /// How a fit is described in sentences: "log-linear fitted 2013–2025 (CAGR -1.3%)",
    /// "damped Holt (φ 0.98, fixed) fitted 2021–2025".
    ///
    /// - Complexity: O(1).
    public func describe(_ f: TrendFit) -> String {
        describe(f) { n in period(n)?.description ?? String(n) }
    }

    func describe(_ f: TrendFit, _ name: (Int) -> String) -> String {
        var d = "\(f.model.kind)"
        if f.model.kind == .holt && f.model.holt.damped {
            let how = f.model.holt.dampingTrend == nil ? "estimated" : "fixed"
            d = "damped Holt (φ \(Formatting.trimZeros(Formatting.fixed(f.dampingTrend, digits: 3))), \(how))"
        }
        d += " fitted \(name(f.firstPeriod))–\(name(f.lastPeriod))"
        if f.model.kind == .logLinear {
            // A rate per period is named as such; only a yearly rate is a CAGR.
            let perYear = Double(periodsPerYear)
            if perYear == 1 {
                d += " (CAGR \(Formatting.percent(f.cagr)))"
            } else {
                let annual = Elementary.pow(1 + f.cagr, perYear) - 1
                d +=
                    " (growth \(Formatting.percent(f.cagr)) per \(granularityWord(1)), \(Formatting.percent(annual)) a year)"
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
    public func trailingSeries(
        _ exporter: Exporter, _ segment: Segment, granularity: Granularity = .year
    )
        throws(AttributionError) -> (key: SeriesKey, first: Period, values: [Double])
    {
        let total = try family(of: exporter)
        let k = key(total, segment)
        guard let s = panel.seriesIndex(of: k) else {
            throw .noSeries(exporter: exporter, segment: segment, metric: metric)
        }
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
    public func project(
        subject: (exporter: Exporter, segment: Segment), rival: (exporter: Exporter, segment: Segment),
        model: TrendModel = .logLinear, rivalModel: TrendModel? = nil, horizon: Int = 10,
        level: Double = 0.95, granularity: Granularity = .year
    ) throws(AttributionError) -> PanelCrossover {
        guard subject.exporter != rival.exporter || subject.segment != rival.segment else {
            throw .invalidPeriods("subject and rival are the same series")
        }
        let s = try trailingSeries(subject.exporter, subject.segment, granularity: granularity)
        let r = try trailingSeries(rival.exporter, rival.segment, granularity: granularity)
        do {
            let asked = (subject: model, rival: rivalModel ?? model)
            let rule = HorizonRule(
                subjectPeriods: asked.subject.fittedCount(of: s.values.count),
                rivalPeriods: asked.rival.fittedCount(of: r.values.count))
            var use = asked
            var replaced: (subject: TrendModel?, rival: TrendModel?) = (nil, nil)
            var unavailable: String?
            var h = horizon
            if horizon >= 1 {
                if horizon > rule.undampedLimit && !(asked.subject.isDamped && asked.rival.isDamped) {
                    // A long horizon: damped Holt trends instead of undamped ones, when both
                    // series have the periods a damped fit needs.
                    let ds =
                        asked.subject.isDamped
                        ? asked.subject : HorizonRule.damped(like: asked.subject, periods: rule.subjectPeriods)
                    let dr =
                        asked.rival.isDamped
                        ? asked.rival : HorizonRule.damped(like: asked.rival, periods: rule.rivalPeriods)
                    var short: [String] = []
                    if rule.subjectPeriods < ds.minimumPeriods {
                        short.append(
                            "\(PanelCrossover.label(s.key)) have \(rule.subjectPeriods) (it needs \(ds.minimumPeriods))"
                        )
                    }
                    if rule.rivalPeriods < dr.minimumPeriods {
                        short.append(
                            "\(PanelCrossover.label(r.key)) have \(rule.rivalPeriods) (it needs \(dr.minimumPeriods))")
                    }
                    if short.isEmpty {
                        use = (ds, dr)
                        replaced = (
                            asked.subject.isDamped ? nil : asked.subject, asked.rival.isDamped ? nil : asked.rival
                        )
                    } else {
                        unavailable = "too few periods for a damped trend: " + short.joined(separator: ", ")
                    }
                }
                h = min(horizon, use.subject.isDamped && use.rival.isDamped ? rule.dampedLimit : rule.undampedLimit)
            }
            let sf = try use.subject.fit(s.values, firstPeriod: s.first.ordinal)
            let rf = try use.rival.fit(r.values, firstPeriod: r.first.ordinal)
            let c = try sf.projectedCrossover(over: rf, horizon: h, level: level)
            var out = PanelCrossover(
                subject: s.key, rival: r.key, granularity: granularity, subjectFit: sf,
                rivalFit: rf, crossover: c)
            out.requestedHorizon = horizon
            out.undampedLimit = rule.undampedLimit
            out.dampedLimit = rule.dampedLimit
            out.subjectModelAsked = replaced.subject
            out.rivalModelAsked = replaced.rival
            out.dampingUnavailable = unavailable
            return out
        } catch {
            throw .projection(error)
        }
    }
}

/// How far a projection of two series carries their trends (docs/design.md §6).
///
/// With n the number of periods of the shorter fit:
/// - an undamped trend (linear, log-linear, Holt) is carried at most `undampedLimit` =
///   max(1, ⌊n/2⌋) periods: a straight or exponential trend fitted on n points says little
///   about the periods beyond half as many again;
/// - a longer horizon uses damped Holt trends instead (statsmodels'
///   `ExponentialSmoothing(trend="add", damped_trend=True)`): φ estimated in [0.8, 0.995]
///   when the series has the periods to estimate it (`TrendModel.dampedHolt.minimumPeriods`,
///   6), else fixed at 0.98; and carries them at most `dampedLimit` = 2n periods;
/// - when a series is too short for a damped fit (fewer than 5 periods), the undamped
///   trend is used with the horizon cut to `undampedLimit`.
///
///     let r = HorizonRule(subjectPeriods: 5, rivalPeriods: 13)
///     (r.undampedLimit, r.dampedLimit)  // (2, 10)
///
/// - Complexity: O(1).
public struct HorizonRule: Hashable, Sendable {
    /// The periods each fit uses (its window of the trailing run).
    public let subjectPeriods: Int
    public let rivalPeriods: Int

    /// The horizon rule for fits of `subjectPeriods` and `rivalPeriods` periods.
    ///
    /// - Complexity: O(1).
    public init(subjectPeriods: Int, rivalPeriods: Int) {
        self.subjectPeriods = subjectPeriods
        self.rivalPeriods = rivalPeriods
    }

    /// The periods of the shorter fit.
    public var shorter: Int { max(1, min(subjectPeriods, rivalPeriods)) }
    /// max(1, ⌊n/2⌋).
    public var undampedLimit: Int { max(1, shorter / 2) }
    /// 2n.
    public var dampedLimit: Int { 2 * shorter }
    /// The damping parameter used when a series is too short to estimate it.
    public static let fixedDamping = 0.98

    /// The damped Holt model that replaces `model` for a series of `periods` fitted periods:
    /// φ estimated when there are enough periods, else `fixedDamping`; the same window.
    ///
    /// - Complexity: O(1).
    public static func damped(like model: TrendModel, periods: Int) -> TrendModel {
        var d = TrendModel.dampedHolt
        d.window = model.window
        if periods < TrendModel.dampedHolt.minimumPeriods { d.holt.dampingTrend = fixedDamping }
        return d
    }
}

extension TrendModel {
    /// Holt's damped trend.
    var isDamped: Bool { kind == .holt && holt.damped }

    /// The number of the last `count` values a fit uses (its window).
    func fittedCount(of count: Int) -> Int { window.map { max(0, min($0, count)) } ?? count }
}

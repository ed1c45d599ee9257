/// "Without its growth in Russia, China would have exported … in 2023 against Japan's
/// 4.42M": an overtake (or a lead) tested without one market's growth (docs/destinations.md).
///
/// The growth is the market's change between `previous` and `period`, counted only when
/// its two figures are like for like with the subject's total (same source and scope);
/// otherwise `partnerGrowth`, `subjectWithout` and `overtakesWithout` are nil and
/// `caveat` says why (the indicative difference is given there, never as exact).
public struct MarketCounterfactual: Hashable, Sendable {
    /// WLD series.
    public let subject: SeriesKey, rival: SeriesKey
    public let partner: Exporter
    public let period: Period, previous: Period
    public let subjectValue: Double, rivalValue: Double
    /// nil when the partner's two figures are not like for like.
    public let partnerGrowth: Double?
    /// subjectValue − partnerGrowth.
    public let subjectWithout: Double?
    /// subjectWithout > rivalValue.
    public let overtakesWithout: Bool?
    /// e.g. the two Russia figures are not like for like.
    public let caveat: String?
    /// The market's line of the subject's destinations between the two periods (nil when no figure).
    public let line: DestinationExplanation.Line?

    /// A counterfactual from its fields.
    ///
    /// - Complexity: O(1).
    public init(
        subject: SeriesKey, rival: SeriesKey, partner: Exporter, period: Period, previous: Period,
        subjectValue: Double, rivalValue: Double, partnerGrowth: Double?, caveat: String?,
        line: DestinationExplanation.Line? = nil
    ) {
        self.subject = subject
        self.rival = rival
        self.partner = partner
        self.period = period
        self.previous = previous
        self.subjectValue = subjectValue
        self.rivalValue = rivalValue
        self.partnerGrowth = partnerGrowth
        self.subjectWithout = partnerGrowth.map { subjectValue - $0 }
        self.overtakesWithout = partnerGrowth.map { subjectValue - $0 > rivalValue }
        self.caveat = caveat
        self.line = line
    }

    /// Whether the subject was ahead of the rival with the market's growth.
    public var ahead: Bool { subjectValue > rivalValue }

    /// One sentence; with the caveat when the market's figures are not like for like.
    public var sentence: String {
        let m = subject.metric
        let s = subject.exporter.name, r = rival.exporter.name, p = partner.name
        var out =
            "\(s) exported \(Formatting.compact(subjectValue, metric: m)) in \(period) against "
            + "\(r)'s \(Formatting.compact(rivalValue, metric: m)) (\(ahead ? "ahead" : "behind"))"
        if let g = partnerGrowth, let w = subjectWithout, let o = overtakesWithout {
            out +=
                ". Without its growth in \(p) (\(Formatting.signedCompact(g, metric: m)) from \(previous), "
                + "\(subject.provenanceLabel) in both years), \(s) would have exported \(Formatting.compact(w, metric: m)) "
                + "in \(period) against \(r)'s \(Formatting.compact(rivalValue, metric: m)): "
            out += o ? (ahead ? "still ahead" : "ahead") : (ahead ? "no overtake without it" : "still behind")
        } else {
            out += ". How much of it came from \(p) cannot be said exactly"
        }
        if let caveat { out += " (\(caveat))" }
        if subject.scope != rival.scope {
            out += "; the two totals count different things (\(subject.provenanceLabel) vs \(rival.provenanceLabel))"
        }
        return out + "."
    }
}

extension Panel {
    /// "Without its growth in <partner>, <subject> would have exported … in <period> against <rival>'s …".
    ///
    /// - Parameter previous: The period the growth is measured from (default: the period before).
    /// - Throws: `.sameExporter`, `.noSeries`, `.missingValue`, `.invalidPeriods`.
    /// - Complexity: that of `explainDestinations`.
    public func explainMarketOvertake(
        subject: Exporter, rival: Exporter, without partner: Exporter,
        period: Period, previous: Period? = nil, metric: Metric = .units,
        choice: SeriesChoice = .standard
    )
        throws(AttributionError) -> MarketCounterfactual
    {
        guard subject != rival else { throw .sameExporter(subject) }
        guard let prev = previous ?? period.predecessor else {
            throw .invalidPeriods("\(period) has no period before it")
        }
        let x = Explainer(panel: self, metric: metric, choice: choice)
        let sk = try x.family(of: subject), rk = try x.family(of: rival)
        let sv = try x.require(sk, .total, period), rv = try x.require(rk, .total, period)
        let d = try explainDestinations(of: subject, from: prev, to: period, metric: metric, choice: choice)
        let line = d.lines.first { $0.partner == partner && !$0.isRestOfWorld }
        var growth: Double? = nil
        var caveat: String? = nil
        if let line, line.inExactSum, let c = line.change {
            growth = c
        } else if let line, let a = line.from, let b = line.to, let ak = line.fromKey, let bk = line.toKey {
            let indicative = sv - (b - a)
            caveat =
                "the two \(partner.name) figures are not like for like with the total: \(prev) "
                + "\(Formatting.compact(a, metric: metric)) (\(ak.provenanceLabel)), \(period) "
                + "\(Formatting.compact(b, metric: metric)) (\(bk.provenanceLabel)); taken at face value the growth "
                + "(\(Formatting.signedCompact(b - a, metric: metric))) would leave \(subject.name) at "
                + "\(Formatting.compact(indicative, metric: metric)) against \(Formatting.compact(rv, metric: metric)), "
                + "\(indicative > rv ? "ahead" : "behind"), but this is indicative only, not an exact figure"
        } else {
            caveat = "no figures of \(subject.name)'s exports to \(partner.name) in both \(prev) and \(period)"
        }
        return MarketCounterfactual(
            subject: sk, rival: rk, partner: partner, period: period, previous: prev,
            subjectValue: sv, rivalValue: rv, partnerGrowth: growth, caveat: caveat, line: line)
    }
}

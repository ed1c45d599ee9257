/// Whether an overtake (or a lead) of a subject over a rival in one period was due to
/// electric vehicles: the two counterfactuals of docs/design.md §5, margins, the EV share of the
/// subject's growth, and one sentence a journalist can quote.
///
/// With A the subject, B the rival, t the period, t−1 the period before and A_ev the
/// subject's EV group (nev or plugin):
/// - (a) **without EV exports**: A(t) − A_ev(t) against B(t);
/// - (b) **without EV growth**: A(t) − (A_ev(t) − A_ev(t−1)) against B(t).
/// The lead is **EV-decisive** under a counterfactual when A(t) > B(t) but the
/// counterfactual subject is not strictly ahead.
///
/// On the reference data (CAAM, JAMA; units, all vehicles), 2023: China 4,910,000 passed
/// Japan 4,422,682; without its 1,203,000 NEV exports China had 3,707,000 < 4,422,682, so
/// NEVs were decisive, although they supplied only 524,000 (29%) of China's +1,800,000
/// growth. In 2024 China's lead survives without NEVs (4,575,000 > 4,210,000).
public struct OvertakeExplanation: Hashable, Sendable {
    /// One counterfactual: the subject's value, and its margin over the rival.
    public struct Counterfactual: Hashable, Sendable {
        /// The counterfactual subject value.
        public var subjectValue: Double
        /// subjectValue − rival's value.
        public var margin: Double
        /// margin > 0.
        public var stillAhead: Bool { margin > 0 }
    }

    public let subject: SeriesKey
    public let rival: SeriesKey
    public let period: Period
    /// The period before `period`.
    public let previous: Period
    public let subjectValue: Double
    public let rivalValue: Double
    public let subjectPrevious: Double
    public let rivalPrevious: Double
    /// subjectValue − rivalValue.
    public let margin: Double
    /// The last period before `period` in which the two were strictly ordered (nil: none
    /// in the data). An overtake needs the rival ahead then.
    public let since: Period?
    /// The subject is ahead in `period` and the rival was ahead in `since` (docs/design.md §4).
    public let isOvertake: Bool
    public let evGroup: Segment
    /// A_ev(t) and A_ev(t−1).
    public let subjectEV: Double
    public let subjectEVPrevious: Double
    /// Counterfactual (a): without EV exports.
    public let withoutEVExports: Counterfactual
    /// Counterfactual (b): without EV growth.
    public let withoutEVGrowth: Counterfactual

    /// A(t) − A(t−1).
    public var subjectChange: Double { subjectValue - subjectPrevious }
    /// A_ev(t) − A_ev(t−1).
    public var evGrowth: Double { subjectEV - subjectEVPrevious }
    /// evGrowth / subjectChange: the EV share of the subject's growth.
    public var evShareOfGrowth: Double { subjectChange == 0 ? .nan : evGrowth / subjectChange }
    /// The subject leads in `period`.
    public var subjectAhead: Bool { margin > 0 }
    /// The lead disappears without EV exports.
    public var evDecisive: Bool { subjectAhead && !withoutEVExports.stillAhead }
    /// The lead disappears without EV growth.
    public var evGrowthDecisive: Bool { subjectAhead && !withoutEVGrowth.stillAhead }
    /// Whether the two series count different things (a warning the reader must see).
    public var scopesDiffer: Bool { subject.scope != rival.scope }

    /// One plain sentence (two when the data deserve it), e.g.
    /// "2023: China (4.91M) overtook Japan (4.42M) by 487k (units, CAAM vs JAMA, all
    /// vehicles). Without its 1.2M NEV exports China (3.71M) would have stayed 716k behind:
    /// NEVs were decisive, although they supplied only 29.1% (+524k) of its +1.8M growth
    /// since 2022."
    ///
    /// - Complexity: O(1).
    public var sentence: String {
        let a = subject.exporter.name, b = rival.exporter.name, m = subject.metric
        func c(_ x: Double) -> String { Formatting.compact(x, metric: m) }
        let ev = evGroup.label
        let scopeText =
            scopesDiffer
            ? "\(subject.source) \(subject.scopeLabel) vs \(rival.source) \(rival.scopeLabel) — scopes differ"
            : "\(subject.source) vs \(rival.source), \(subject.scopeLabel)"
        var s = "\(period): \(a) (\(c(subjectValue))) "
        if isOvertake {
            s += "overtook \(b) (\(c(rivalValue))) by \(c(margin)) (\(m), \(scopeText)). "
        } else if subjectAhead {
            s += "led \(b) (\(c(rivalValue))) by \(c(margin)) (\(m), \(scopeText)). "
        } else {
            s += "trailed \(b) (\(c(rivalValue))) by \(c(-margin)) (\(m), \(scopeText)). "
            return s
                + "Its \(c(subjectEV)) \(ev) exports are \(Formatting.percent(subjectValue == 0 ? .nan : subjectEV / subjectValue)) of its total."
        }
        let growth =
            "\(Formatting.percent(evShareOfGrowth)) (\(Formatting.signedCompact(evGrowth, metric: m))) of its \(Formatting.signedCompact(subjectChange, metric: m)) growth since \(previous)"
        if evDecisive {
            s += "Without its \(c(subjectEV)) \(ev) exports \(a) (\(c(withoutEVExports.subjectValue))) would have "
            s += withoutEVExports.margin == 0 ? "tied with \(b)" : "stayed \(c(-withoutEVExports.margin)) behind"
            s += ": \(ev)s were decisive"
            s +=
                subjectChange > 0 && !evShareOfGrowth.isNaN
                ? (evShareOfGrowth < 0.5
                    ? ", although they supplied only \(growth)." : ", and they supplied \(growth).")
                : "."
        } else {
            s +=
                "\(a) would \(isOvertake ? "have overtaken" : "still lead") \(b) even without its \(c(subjectEV)) \(ev) exports "
            s += "(\(c(withoutEVExports.subjectValue)), ahead by \(c(withoutEVExports.margin)))"
            s += subjectChange > 0 && !evShareOfGrowth.isNaN ? "; \(ev)s supplied \(growth)." : "."
        }
        return s
    }
}

extension Explainer {
    /// Explains the subject's overtake of (or lead over) the rival in `period` by the
    /// subject's EV exports.
    ///
    /// Takes the pair and the period, so it works for any event (see
    /// `explain(_:in:ev:)` for an `Overtake` found by the milestone kernel) and also for a
    /// lead that is not new.
    ///
    /// - Throws: `.sameExporter`, `.noSeries`, `.missingValue` (a total or the subject's
    ///   EV group in `period` or the period before), `.invalidEVGroup`, `.invalidPeriods`
    ///   (no period before).
    /// - Complexity: O(series + periods back to the last strict order).
    public func explainOvertake(
        subject: Exporter, rival: Exporter, in period: Period, ev: Segment = .nev
    )
        throws(AttributionError) -> OvertakeExplanation
    {
        try Explainer.checkEV(ev)
        guard subject != rival else { throw .sameExporter(subject) }
        guard let previous = period.predecessor else { throw .invalidPeriods("\(period) has no period before it") }
        let a = try family(of: subject), b = try family(of: rival)
        let at = try require(a, .total, period), bt = try require(b, .total, period)
        let ap = try require(a, .total, previous), bp = try require(b, .total, previous)
        let evt = try require(a, ev, period), evp = try require(a, ev, previous)
        // The last strictly ordered period before `period` (ties do not change the order).
        var since: Period? = nil
        var p: Period? = previous
        while let q = p, let x = value(a, .total, q), let y = value(b, .total, q) {
            if x != y { since = q; break }
            p = q.predecessor
        }
        let rivalWasAhead =
            since.flatMap { q in value(a, .total, q).flatMap { x in value(b, .total, q).map { x < $0 } } } ?? false
        let noEV = at - evt, noGrowth = at - (evt - evp)
        return OvertakeExplanation(
            subject: a, rival: b, period: period, previous: previous, subjectValue: at, rivalValue: bt,
            subjectPrevious: ap, rivalPrevious: bp, margin: at - bt, since: since,
            isOvertake: at > bt && rivalWasAhead, evGroup: ev, subjectEV: evt, subjectEVPrevious: evp,
            withoutEVExports: .init(subjectValue: noEV, margin: noEV - bt),
            withoutEVGrowth: .init(subjectValue: noGrowth, margin: noGrowth - bt))
    }

    /// Explains an overtake found by the milestone kernel on `selection` (its period and
    /// entity indices refer to the selection's periods and exporters).
    ///
    /// - Complexity: as `explainOvertake(subject:rival:in:ev:)`.
    public func explain(
        _ overtake: Overtake, in selection: Selection, ev: Segment = .nev
    )
        throws(AttributionError) -> OvertakeExplanation
    {
        guard selection.periods.indices.contains(overtake.period),
            selection.exporters.indices.contains(overtake.subject),
            selection.exporters.indices.contains(overtake.rival)
        else {
            throw .invalidPeriods("the overtake's indices are outside the selection")
        }
        return try explainOvertake(
            subject: selection.exporters[overtake.subject],
            rival: selection.exporters[overtake.rival],
            in: selection.periods[overtake.period], ev: ev)
    }
}

extension Explainer {
    /// Explains a milestone that has a rival (an overtake, a new leader or a lead change)
    /// found by `MilestoneFinder`: its subject, rival and period, by the subject's EV
    /// exports. The explainer's metric should be the milestone's.
    ///
    ///     // m: the 2023 overtake of Japan by China
    ///     try x.explain(m).evDecisive   // true
    ///
    /// - Throws: `.invalidPeriods` for a milestone without a rival; otherwise as
    ///   `explainOvertake(subject:rival:in:ev:)`.
    /// - Complexity: as `explainOvertake(subject:rival:in:ev:)`.
    public func explain(_ milestone: Milestone, ev: Segment = .nev) throws(AttributionError) -> OvertakeExplanation {
        guard let rival = milestone.rival else {
            throw .invalidPeriods("a \(milestone.kind) milestone has no rival to explain against")
        }
        return try explainOvertake(subject: milestone.subject, rival: rival, in: milestone.period, ev: ev)
    }
}

/// The change of the gap between two exporters split by segment (docs/design.md §5):
/// Δ(A − B) = Σ_seg (ΔA_seg − ΔB_seg), and the EV group's contribution to it.
///
///     let g = try Explainer(panel: ReferenceData.panel)
///         .decomposeGap(subject: "CHN", rival: "JPN", from: Period(year: 2022)!, to: Period(year: 2023)!)
///     g.gapChange         // 1_800_000 − 609_413 = 1_190_587 closed by China
///     g.evContribution    // 524_000 (Japan publishes no NEV split: rivalSplit == false)
///
/// Both exporters are split by the same partition when one is available for both in
/// both periods. A rival without a split (Japan publishes totals only) enters as one
/// unsplit change: Δ(A − B) = Σ_seg ΔA_seg − ΔB, still exact; the EV contribution is then
/// the subject's EV change alone and `rivalSplit` is false.
public struct GapDecomposition: Hashable, Sendable {
    /// One segment's part: the subject's and (when split) the rival's change.
    public struct Part: Hashable, Sendable {
        public var segment: Segment
        public var subjectChange: Double
        /// nil when the rival is not split by segment.
        public var rivalChange: Double?
        /// subjectChange − (rivalChange ?? 0).
        public var contribution: Double
    }

    public let subject: SeriesKey
    public let rival: SeriesKey
    public let from: Period
    public let to: Period
    /// A(from) − B(from).
    public let gapFrom: Double
    /// A(to) − B(to).
    public let gapTo: Double
    /// gapTo − gapFrom (positive: the subject gained on the rival).
    public let gapChange: Double
    public let parts: [Part]
    /// Whether the rival is split by the same segments.
    public let rivalSplit: Bool
    /// The rival's total change, counted against the gap when the rival is not split.
    public let rivalChange: Double
    /// gapChange − Σ contributions (− rivalChange when unsplit): 0 when the parts add up.
    public let unexplained: Double
    public let evGroup: Segment
    /// ΔA_ev − ΔB_ev (ΔA_ev alone when the rival is not split).
    public let evContribution: Double
    /// evContribution / gapChange.
    public var evShare: Double { gapChange == 0 ? .nan : evContribution / gapChange }

    /// "From 2022 to 2023 China gained 1.19M on Japan (gap −703k → +487k); China's NEV
    /// exports contributed +524k (44.0%) (Japan publishes no NEV split)."
    public var sentence: String {
        let a = subject.exporter.name, b = rival.exporter.name, m = subject.metric
        let verb = gapChange >= 0 ? "gained" : "lost"
        var s = "From \(from) to \(to) \(a) \(verb) \(Formatting.compact(abs(gapChange), metric: m)) on \(b) "
        s += "(gap \(Formatting.signedCompact(gapFrom, metric: m)) → \(Formatting.signedCompact(gapTo, metric: m))); "
        s += rivalSplit ? "\(evGroup.label) exports contributed " : "\(a)'s \(evGroup.label) exports contributed "
        s += Formatting.signedCompact(evContribution, metric: m)
        if !evShare.isNaN { s += " (\(Formatting.percent(evShare)))" }
        if !rivalSplit { s += " (\(b) publishes no \(evGroup.label) split)" }
        return s + "."
    }
}

extension Explainer {
    /// Splits the change of the gap `subject − rival` from `from` to `to` by segment.
    ///
    /// - Throws: `.sameExporter`, `.noSeries`, `.missingValue` (a total), `.missingSegments`
    ///   (the subject has no split in both periods), `.invalidEVGroup`, `.invalidPeriods`.
    /// - Complexity: O(series + parts).
    public func decomposeGap(
        subject: Exporter, rival: Exporter, from: Period, to: Period, ev: Segment = .nev
    )
        throws(AttributionError) -> GapDecomposition
    {
        guard subject != rival else { throw .sameExporter(subject) }
        let a = try decomposeChange(of: subject, from: from, to: to, ev: ev)
        let rk = try family(of: rival)
        let b0 = try require(rk, .total, from), b1 = try require(rk, .total, to)
        let segs = a.parts.map(\.segment)
        let rivalSplit = (try? partition(rk, [from, to], ev: ev, given: segs)) != nil
        var parts: [GapDecomposition.Part] = []
        var sum = 0.0
        for p in a.parts {
            var rc: Double? = nil
            if rivalSplit, let r0 = value(rk, p.segment, from), let r1 = value(rk, p.segment, to) { rc = r1 - r0 }
            let c = p.change - (rc ?? 0)
            sum += c
            parts.append(.init(segment: p.segment, subjectChange: p.change, rivalChange: rc, contribution: c))
        }
        let db = b1 - b0
        if !rivalSplit { sum -= db }
        let evMembers = Set(Explainer.members(of: ev, in: segs) ?? [])
        let evc = parts.filter { evMembers.contains($0.segment) }.reduce(0.0) { $0 + $1.contribution }
        let g0 = a.totalFrom - b0, g1 = a.totalTo - b1
        return GapDecomposition(
            subject: a.series, rival: rk, from: from, to: to, gapFrom: g0, gapTo: g1,
            gapChange: g1 - g0, parts: parts, rivalSplit: rivalSplit, rivalChange: db,
            unexplained: (g1 - g0) - sum, evGroup: ev, evContribution: evc)
    }
}

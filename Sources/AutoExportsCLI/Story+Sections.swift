import ArgumentParser
import AutoExports

extension Story {
    // MARK: 2 — milestones

    /// The milestone kinds the report tells (the `milestones` subcommand shows them all).
    static let reportKinds: Set<MilestoneKind> = [.firstTimeLeader, .newLeader, .overtake, .thresholdUp]

    static func milestoneSection(_ scope: StoryScope, number: Int) throws -> StorySection {
        var options = MilestoneOptions()
        options.kinds = reportKinds
        options.pairTopN = 3
        options.levels = [5e6, 6e6, 7e6, 8e6, 9e6, 10e6]
        options.choice = scope.choice
        options.exporters = scope.exporters
        let report: MilestoneReport
        do {
            report = try scope.panel.milestones(options)
        } catch {
            throw ValidationError(error.description)
        }
        // The headline (the latest first-time leader) first, then newest first.
        // With --period the story ends in that year.
        var events = report.milestones.filter { m in scope.period.map { m.period <= $0 } ?? true }
            .sorted { $0.period > $1.period }
        if let h = events.firstIndex(where: { $0.kind == .firstTimeLeader }) {
            events.insert(events.remove(at: h), at: 0)
        }
        // One sentence per event and period: a first-time leader is also an overtake of the
        // old leader; tell it once.
        var told = Set<String>()
        var lines: [String] = []
        // Of several levels crossed in one period, tell the highest.
        var highest: [String: Double] = [:]
        for m in events where m.kind == .thresholdUp {
            let k = "\(m.period)|\(m.subject.code)|\(m.isShare)"
            highest[k] = max(highest[k] ?? -.infinity, m.level)
        }
        for m in events {
            if m.kind == .thresholdUp, m.level < highest["\(m.period)|\(m.subject.code)|\(m.isShare)"] ?? m.level {
                continue
            }
            let key = "\(m.period)|\(m.subject.code)|\(m.rival?.code ?? "")"
            if m.kind == .overtake || m.kind == .newLeader, told.contains(key) { continue }
            told.insert(key)
            lines.append(m.sentence)
        }
        var s = StorySection(
            key: "milestones", title: "\(number)  Milestones by units: the headline, then newest first")
        s.lines = lines.isEmpty ? ["No overtakes or lead changes in the data."] : lines
        if let first = report.periodLabels.first, let last = report.periodLabels.last {
            s.lines.append(
                "Coverage is not an event: a series starting, ending or skipping a year never makes an overtake or a first-time leader on its own (\(report.notes.count) coverage notes; data from \(first) to \(last); `autoexports milestones` lists every kind)."
            )
        }
        s.lines.append(
            "Reproduce: autoexports milestones --kinds first_time_leader,new_leader,overtake,threshold_up --pair-top-n 3 --levels 5000000,6000000,7000000,8000000,9000000,10000000"
                + (scope.exporters.map { " --exporters " + $0.map(\.code).joined(separator: ",") } ?? ""))
        s.facts = [("milestones", .array(events.map { .string($0.sentence) }))]
        return s
    }

    /// The headline overtake: the latest first-time leader by units and the leader it passed.
    static func headline(_ scope: StoryScope) -> Milestone? {
        var options = MilestoneOptions()
        options.kinds = [.firstTimeLeader]
        options.choice = scope.choice
        options.exporters = scope.exporters
        return (try? scope.panel.milestones(options))?.milestones.last { m in
            m.rival != nil && (scope.period.map { m.period <= $0 } ?? true)
        }
    }

    /// Why sections 3 and 5 have nothing to tell: they follow the headline, the latest
    /// first-time leader by units that passed a previous leader.
    static func noHeadline(_ scope: StoryScope) -> String {
        "no exporter became the leader by units for the first time, passing a previous leader, in the data"
            + (scope.period.map { " up to \($0)" } ?? "")
            + " (the section follows that headline overtake; `autoexports explain A B` explains any pair)"
    }

    // MARK: 3 — was it EVs?

    /// The headline overtake explained by the core (`Explainer.explainOvertake`: both
    /// counterfactuals of docs/design.md §5) and the subject's growth split by powertrain
    /// (`Explainer.decomposeChange`); then the same counterfactual for every later year.
    static func evSection(_ scope: StoryScope, number: Int) -> StorySection {
        let title = "\(number)  Was it EVs?"
        guard let h = headline(scope), let rival = h.rival else {
            return .missing(key: "was_it_evs", title: title, why: noHeadline(scope))
        }
        let x = Explainer(panel: scope.panel, metric: .units, choice: scope.choice)
        var explained: (OvertakeExplanation, ChangeDecomposition)?
        var failure = ""
        do {
            let o = try x.explainOvertake(subject: h.subject, rival: rival, in: h.period, ev: .nev)
            explained = (o, try x.decomposeChange(of: h.subject, from: o.previous, to: o.period, ev: .nev))
        } catch {
            failure = error.description
        }
        guard let (o, c) = explained else {
            return .missing(
                key: "was_it_evs", title: title,
                why:
                    "\(h.subject.name) passing \(rival.name) in \(h.periodLabel) cannot be split by powertrain: \(failure)"
            )
        }
        let an = h.subject.name, bn = rival.name, ev = o.evGroup.label
        func n(_ v: Double) -> String { Formatting.compact(v) }
        var s = StorySection(key: "was_it_evs", title: "\(number)  Was it EVs? \(an) passing \(bn) in \(h.periodLabel)")
        let a = o.withoutEVExports, b = o.withoutEVGrowth
        s.lines.append(
            "Without EV exports: \(an) \(n(a.subjectValue)) (\(n(o.subjectValue)) − \(n(o.subjectEV)) \(ev)) vs \(bn) \(n(o.rivalValue)): "
                + (a.stillAhead ? "still ahead, so EVs were not needed." : "no overtake, so EVs were decisive for it."))
        s.lines.append(
            "Without EV growth (\(ev) exports held at their \(o.previous) level, \(n(o.subjectEVPrevious))): \(an) \(n(b.subjectValue)) vs \(bn) \(n(o.rivalValue)): "
                + (b.stillAhead ? "still ahead." : "no overtake either."))
        let parts = c.parts.map {
            "\($0.segment.label) \(Formatting.signedCompact($0.change)) (\(Formatting.percent($0.share, digits: 0)))"
        }
        let listed =
            parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "") : parts.joined()
        s.lines.append("Growth \(c.from)→\(c.to): \(Formatting.signedCompact(c.totalChange)), of which \(listed).")
        // Every later year with both figures: is the subject ahead even without its EVs?
        var later: [(period: Period, ahead: Bool, text: String)] = []
        for p in laterPeriods(scope, after: h.period) {
            guard let q = try? x.explainOvertake(subject: h.subject, rival: rival, in: p, ev: .nev) else { continue }
            let w = q.withoutEVExports
            later.append((p, w.stillAhead, "\(p): \(n(w.subjectValue)) vs \(n(q.rivalValue))"))
        }
        if !later.isEmpty {
            s.lines.append(
                "\(an) without \(ev)s against \(bn) since: "
                    + later.map { $0.text + ($0.ahead ? " ahead" : " behind") }.joined(separator: "; ") + ".")
        }
        var verdict =
            "Verdict: EVs were "
            + (o.evDecisive
                ? "decisive for the \(h.periodLabel) margin" : "not needed for the \(h.periodLabel) overtake")
        verdict += ", yet they supplied only \(Formatting.percent(c.evShare, digits: 0)) of \(an)'s growth"
        if let firstAhead = later.first(where: { $0.ahead }), later.drop(while: { !$0.ahead }).allSatisfy({ $0.ahead })
        {
            verdict += "; from \(firstAhead.period) \(an) leads even without them"
        }
        s.lines.append(verdict + ".")
        s.lines.append("Reproduce: autoexports explain \(h.subject.code) \(rival.code) --period \(h.periodLabel)")
        if o.scopesDiffer {
            s.lines.append(
                "Warning: the two series count different things (\(o.subject.scopeLabel) vs \(o.rival.scopeLabel)).")
        }
        s.facts = [
            ("subject", .string(h.subject.code)), ("rival", .string(rival.code)), ("period", .string(h.periodLabel)),
            ("ev_decisive", .bool(o.evDecisive)), ("ev_growth_decisive", .bool(o.evGrowthDecisive)),
            ("without_ev_exports", .number(a.subjectValue)), ("without_ev_growth", .number(b.subjectValue)),
            ("rival_value", .number(o.rivalValue)), ("ev_share_of_growth", .number(c.evShare)),
            ("overtake", o.json), ("growth", c.json),
        ]
        return s
    }

    /// The years after `period` with unit figures in the report's selection.
    static func laterPeriods(_ scope: StoryScope, after period: Period) -> [Period] {
        guard
            let units = try? scope.panel.select(
                metric: .units, granularity: .year, choice: scope.choice,
                exporters: scope.exporters)
        else { return [] }
        return units.periods.filter { q in q > period && (scope.period.map { q <= $0 } ?? true) }
    }

    // MARK: 5 — what next

    /// When the headline subject's NEV exports alone would pass the rival's total, by the
    /// core's projection (`Explainer.project`) with exactly the defaults of `autoexports
    /// project` (`Project.defaultModel`, `Project.defaultHorizon`; one set of defaults, so
    /// the report and the command give one answer), and the command that reproduces it.
    static func projectionSection(_ scope: StoryScope, number: Int) -> StorySection {
        let title = "\(number)  What next?"
        guard let h = headline(scope), let rival = h.rival else {
            return .missing(key: "projection", title: title, why: noHeadline(scope))
        }
        let x = Explainer(panel: scope.panel, metric: .units, choice: scope.choice)
        guard let model = TrendModel(name: Project.defaultModel) else {
            return .missing(key: "projection", title: title, why: "the trend model \(Project.defaultModel) is unknown")
        }
        var projected: PanelCrossover?
        var failure = ""
        do {
            projected = try x.project(
                subject: (h.subject, .nev), rival: (rival, .total), model: model, horizon: Project.defaultHorizon)
        } catch {
            failure = error.description
        }
        guard let p = projected else {
            return .missing(
                key: "projection", title: title,
                why: "\(h.subject.name)'s NEV exports cannot be projected against \(rival.name)'s total: \(failure)")
        }
        let an = h.subject.name, bn = rival.name
        let sf = p.subjectFit, rf = p.rivalFit, c = p.crossover
        func name(_ k: Int) -> String { p.period(k)?.description ?? String(k) }
        var s = StorySection(
            key: "projection", title: "\(number)  What next? When would \(an)'s NEV exports alone pass \(bn)'s total?")
        // The models as the core chose them for the horizon (docs/design.md §6: damped Holt
        // trends beyond half the shorter fit), described by the core.
        s.lines.append("\(an)'s NEV exports: \(p.describe(sf)); \(bn)'s total: \(p.describe(rf)).")
        s.lines.append(c.sentence(subject: "\(an)'s NEV exports", rival: "\(bn)'s total exports", periodName: name))
        s.lines.append(contentsOf: p.horizonNotes)
        s.lines.append(
            "A projection of trends, not a forecast of policy or markets, and never certain; the interval comes from the fits' 95% prediction intervals."
        )
        s.lines.append("Reproduce: autoexports project \(h.subject.code):nev \(rival.code)")
        s.facts = [
            ("crossover_period", c.period.map { .number(Double($0)) } ?? .null),
            ("earliest", c.earliest.map { .number(Double($0)) } ?? .null),
            ("latest", c.latest.map { .number(Double($0)) } ?? .null), ("fit", p.json),
        ]
        return s
    }
}

import ArgumentParser
import AutoExports

extension Story {
    // MARK: 2 — milestones

    /// The milestone kinds the report tells (the `milestones` subcommand shows them all).
    static let reportKinds: Set<MilestoneKind> = [.firstTimeLeader, .newLeader, .overtake, .thresholdUp]

    static func milestoneSection(panel: Panel, number: Int) throws -> StorySection {
        var options = MilestoneOptions()
        options.kinds = reportKinds
        options.pairTopN = 3
        options.levels = [5e6, 6e6, 7e6, 8e6, 9e6, 10e6]
        let report = try panel.milestones(options)
        // The headline (the latest first-time leader) first, then newest first.
        var events = report.milestones.sorted { $0.period > $1.period }
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
            if m.kind == .thresholdUp, m.level < highest["\(m.period)|\(m.subject.code)|\(m.isShare)"] ?? m.level { continue }
            let key = "\(m.period)|\(m.subject.code)|\(m.rival?.code ?? "")"
            if m.kind == .overtake || m.kind == .newLeader, told.contains(key) { continue }
            told.insert(key)
            lines.append(m.sentence)
        }
        var s = StorySection(key: "milestones", title: "\(number)  Milestones by units: the headline, then newest first")
        s.lines = lines.isEmpty ? ["No overtakes or lead changes in the data."] : lines
        if let first = report.periodLabels.first, let last = report.periodLabels.last {
            s.lines.append("Coverage is not an event: a series starting, ending or skipping a year never makes an overtake or a first-time leader on its own (\(report.notes.count) coverage notes; data from \(first) to \(last); `autoexports milestones` lists every kind).")
        }
        s.facts = [("milestones", .array(events.map { .string($0.sentence) }))]
        return s
    }

    /// The headline overtake: the latest first-time leader by units and the leader it passed.
    static func headline(_ panel: Panel) throws -> Milestone? {
        var options = MilestoneOptions()
        options.kinds = [.firstTimeLeader]
        return try panel.milestones(options).milestones.last { $0.rival != nil }
    }

    // MARK: 3 — was it EVs?

    static func evSection(panel: Panel, number: Int) throws -> StorySection? {
        guard let h = try headline(panel), let rival = h.rival else { return nil }
        let explainer = Explainer(panel: panel)
        guard let e = try? explainer.explainOvertake(subject: h.subject, rival: rival, in: h.period) else { return nil }
        let an = h.subject.name, bn = rival.name
        func c(_ x: Double) -> String { Formatting.compact(x) }
        var s = StorySection(key: "was_it_evs", title: "\(number)  Was it EVs? \(an) passing \(bn) in \(h.periodLabel)")
        s.lines.append(e.sentence)
        s.lines.append("Without EV exports: \(an) \(c(e.withoutEVExports.subjectValue)) vs \(bn) \(c(e.rivalValue)): "
                       + (e.withoutEVExports.stillAhead ? "still ahead." : "no overtake, so EVs were decisive for it."))
        s.lines.append("Without EV growth (NEV exports held at their \(e.previous) level, \(c(e.subjectEVPrevious))): \(an) \(c(e.withoutEVGrowth.subjectValue)) vs \(bn) \(c(e.rivalValue)): "
                       + (e.withoutEVGrowth.stillAhead ? "still ahead." : "no overtake either."))
        s.lines.append("Growth \(e.previous)→\(e.period): \(Formatting.signedCompact(e.subjectChange)), of which NEV \(Formatting.signedCompact(e.evGrowth)) (\(Formatting.percent(e.evShareOfGrowth, digits: 0))) and conventional \(Formatting.signedCompact(e.subjectChange - e.evGrowth)) (\(Formatting.percent(1 - e.evShareOfGrowth, digits: 0))).")
        // Later years: does the lead survive without EVs?
        var later: [(Period, Bool, String)] = []
        var p = h.period.successor
        while let q = p, let l = try? explainer.explainOvertake(subject: h.subject, rival: rival, in: q) {
            later.append((q, l.withoutEVExports.stillAhead, "\(q): \(c(l.withoutEVExports.subjectValue)) vs \(c(l.rivalValue))"))
            p = q.successor
        }
        if !later.isEmpty {
            s.lines.append("\(an) without NEVs against \(bn) since: " + later.map { $0.2 + ($0.1 ? " ahead" : " behind") }.joined(separator: "; ") + ".")
        }
        var verdict = "Verdict: EVs were " + (e.evDecisive ? "decisive for the \(h.periodLabel) margin" : "not needed for the \(h.periodLabel) overtake")
        verdict += ", yet they supplied only \(Formatting.percent(e.evShareOfGrowth, digits: 0)) of \(an)'s growth"
        if let firstAhead = later.first(where: { $0.1 }), later.drop(while: { !$0.1 }).allSatisfy({ $0.1 }) {
            verdict += "; from \(firstAhead.0) \(an) leads even without them"
        }
        s.lines.append(verdict + ".")
        s.facts = [("subject", .string(h.subject.code)), ("rival", .string(rival.code)), ("period", .string(h.periodLabel)),
                   ("ev_decisive", .bool(e.evDecisive)), ("ev_growth_decisive", .bool(e.evGrowthDecisive)),
                   ("without_ev_exports", .number(e.withoutEVExports.subjectValue)),
                   ("without_ev_growth", .number(e.withoutEVGrowth.subjectValue)),
                   ("rival_value", .number(e.rivalValue)), ("ev_share_of_growth", .number(e.evShareOfGrowth))]
        return s
    }

    // MARK: 5 — what next

    static func projectionSection(panel: Panel, number: Int) throws -> StorySection? {
        // China's NEV exports alone against Japan's total, both on their default series.
        let units = try panel.select(metric: .units)
        guard let h = try headline(panel), let rival = h.rival,
              let si = units.index(of: h.subject), let ri = units.index(of: rival) else { return nil }
        let a = units.keys[si], b = units.keys[ri]
        var nevKey = a
        nevKey.segment = .nev
        guard let nevIndex = panel.seriesIndex(of: nevKey) else { return nil }
        let nevObs = panel.observations(of: nevIndex).filter { $0.period.granularity == .year && !$0.value.isNaN }
        let rivalRow = units.row(exporter: ri)
        let rivalObs = units.periods.indices.compactMap { p in rivalRow[p].isNaN ? nil : (units.periods[p].year, rivalRow[p]) }
        guard nevObs.count >= 3, rivalObs.count >= 3 else { return nil }
        // Fit on the last 5 years of each (the trend now, not the whole history).
        let k = 5
        let sVals = Array(nevObs.suffix(k)), rVals = Array(rivalObs.suffix(k))
        guard isConsecutive(sVals.map(\.period.year)), isConsecutive(rVals.map(\.0)) else { return nil }
        let horizon = 10
        let subjectFit = try TrendModel.logLinear.fit(sVals.map(\.value), firstPeriod: sVals[0].period.year)
        let rivalFit = try TrendModel.linear.fit(rVals.map(\.1), firstPeriod: rVals[0].0)
        let cross = try subjectFit.projectedCrossover(over: rivalFit, horizon: horizon)
        let an = a.exporter.name, bn = b.exporter.name
        var s = StorySection(key: "projection", title: "\(number)  What next? When would \(an)'s NEV exports alone pass \(bn)'s total?")
        s.lines.append("\(an)'s NEV exports \(sVals.first!.period)–\(sVals.last!.period) (log-linear fit): \(Formatting.percent(subjectFit.cagr)) a year; \(bn)'s total \(rVals.first!.0)–\(rVals.last!.0) (linear fit): \(Formatting.signedCompact(rivalFit.slope)) a year.")
        s.lines.append(cross.sentence(subject: "\(an)'s NEV exports", rival: "\(bn)'s total exports"))
        s.lines.append("A projection of trends, not a forecast of policy or markets; the interval comes from the fits' 95% prediction intervals.")
        s.facts = [("crossover_period", cross.period.map { .number(Double($0)) } ?? .null),
                   ("earliest", cross.earliest.map { .number(Double($0)) } ?? .null),
                   ("latest", cross.latest.map { .number(Double($0)) } ?? .null)]
        return s
    }

    static func isConsecutive(_ years: [Int]) -> Bool {
        zip(years, years.dropFirst()).allSatisfy { $1 == $0 + 1 }
    }
}

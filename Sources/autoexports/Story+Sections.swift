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
        guard let h = try headline(panel), let rival = h.rival, let prevPeriod = h.period.predecessor else { return nil }
        let sel = try panel.select(metric: .units)
        guard let si = sel.index(of: h.subject), let ri = sel.index(of: rival),
              let t = sel.index(of: h.period), let t0 = sel.index(of: prevPeriod) else { return nil }
        let a = sel.keys[si]
        // The subject's segments come from the same source and scope as its total.
        func seg(_ s: Segment, _ p: Int) -> Double {
            var k = a
            k.segment = s
            guard let i = panel.seriesIndex(of: k), let pi = panel.periodIndex(of: sel.periods[p]) else { return .nan }
            return panel.value(of: i, in: pi) ?? .nan
        }
        let A = sel.value(exporter: si, period: t), B = sel.value(exporter: ri, period: t)
        let A0 = sel.value(exporter: si, period: t0)
        let ev = seg(.nev, t), ev0 = seg(.nev, t0)
        guard !ev.isNaN, !ev0.isNaN, !A0.isNaN else { return nil }
        let withoutEV = A - ev, withoutGrowth = A - (ev - ev0)
        let d = A - A0, dev = ev - ev0, share = dev / d
        let an = h.subject.name, bn = rival.name
        func c(_ x: Double) -> String { Formatting.compact(x) }
        var s = StorySection(key: "was_it_evs", title: "\(number)  Was it EVs? \(an) passing \(bn) in \(h.periodLabel)")
        s.lines.append("Without EV exports: \(an) \(c(withoutEV)) (\(c(A)) − \(c(ev)) NEV) vs \(bn) \(c(B)): "
                       + (withoutEV > B ? "still ahead, so EVs were not needed." : "no overtake, so EVs were decisive for it."))
        s.lines.append("Without EV growth (NEV exports held at their \(prevPeriod) level, \(c(ev0))): \(an) \(c(withoutGrowth)) vs \(bn) \(c(B)): "
                       + (withoutGrowth > B ? "still ahead." : "no overtake either."))
        s.lines.append("Growth \(prevPeriod)→\(h.periodLabel): \(Formatting.signedCompact(d)), of which NEV \(Formatting.signedCompact(dev)) (\(Formatting.percent(share, digits: 0))) and conventional \(Formatting.signedCompact(d - dev)) (\(Formatting.percent(1 - share, digits: 0))).")
        var later: [(Period, Bool, String)] = []
        for p in (t + 1)..<sel.periods.count {
            let Bp = sel.value(exporter: ri, period: p), conv = seg(.conventional, p)
            guard !Bp.isNaN, !conv.isNaN else { continue }
            later.append((sel.periods[p], conv > Bp, "\(sel.periods[p]): \(c(conv)) vs \(c(Bp))"))
        }
        if !later.isEmpty {
            s.lines.append("\(an) without NEVs against \(bn) since: " + later.map { $0.2 + ($0.1 ? " ahead" : " behind") }.joined(separator: "; ") + ".")
        }
        var verdict = "Verdict: EVs were " + (withoutEV > B ? "not needed for the \(h.periodLabel) overtake" : "decisive for the \(h.periodLabel) margin")
        verdict += ", yet they supplied only \(Formatting.percent(share, digits: 0)) of \(an)'s growth"
        if let firstAhead = later.first(where: { $0.1 }), later.drop(while: { !$0.1 }).allSatisfy({ $0.1 }) {
            verdict += "; from \(firstAhead.0) \(an) leads even without them"
        }
        s.lines.append(verdict + ".")
        s.facts = [("subject", .string(h.subject.code)), ("rival", .string(rival.code)), ("period", .string(h.periodLabel)),
                   ("ev_decisive", .bool(withoutEV <= B)), ("ev_growth_decisive", .bool(withoutGrowth <= B)),
                   ("without_ev_exports", .number(withoutEV)), ("without_ev_growth", .number(withoutGrowth)),
                   ("rival_value", .number(B)), ("ev_share_of_growth", .number(share))]
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

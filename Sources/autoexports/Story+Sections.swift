import ArgumentParser
import AutoExports

extension Story {
    /// The pair and period of the headline overtake: the latest change of the #1 exporter
    /// by units that is a real overtake (both present before and after).
    struct Headline {
        var subject: Int
        var rival: Int
        var period: Int
        var since: Int
    }

    // MARK: 2 — milestones

    static func milestoneSection(panel: Panel, number: Int) throws -> StorySection {
        let sel = try panel.select(metric: .units)
        let events = try milestoneSentences(sel)
        var s = StorySection(key: "milestones", title: "\(number)  Milestones by units, headline first, then newest first")
        s.lines = events.map(\.1)
        if events.isEmpty { s.lines = ["No overtakes or lead changes in the data."] }
        s.lines.append("Coverage is not an event: a series that starts, ends or skips a year never makes an overtake on its own (\(sel.exporters.count) exporters, data from \(sel.periods.first!) to \(sel.periods.last!)).")
        return s
    }

    /// (period index, sentence) of the milestones, the headline first.
    static func milestoneSentences(_ sel: Selection) throws -> [(Int, String)] {
        let n = sel.exporters.count
        let rows = sel.periods.indices.map { Array(sel.column(period: $0)) }
        let overtakes = try Overtakes.find(rows: rows)
        let names = sel.exporters.map(\.name)
        func v(_ e: Int, _ p: Int) -> Double { sel.value(exporter: e, period: p) }
        func leader(_ p: Int) -> Int? {
            var best: Int?
            for e in 0..<n where !v(e, p).isNaN {
                if best == nil || v(e, p) > v(best!, p) { best = e }
            }
            return best
        }
        func scopes(_ a: Int, _ b: Int) -> String {
            let ka = sel.keys[a], kb = sel.keys[b]
            let scope = ka.scope == kb.scope ? ka.scopeLabel : "\(ka.scopeLabel) vs \(kb.scopeLabel) — scopes differ"
            return "(units; \(ka.source) vs \(kb.source), \(scope))"
        }
        func rankOf(_ e: Int, _ p: Int) -> Int { 1 + (0..<n).filter { !v($0, p).isNaN && v($0, p) > v(e, p) }.count }
        var out: [(Int, String, Bool)] = []
        var everLed = Set<Int>()
        let leaders: [Int?] = sel.periods.indices.map(leader)
        for p in sel.periods.indices {
            defer { if let l = leaders[p] { everLed.insert(l) } }
            for o in overtakes where o.period == p {
                let a = o.subject, b = o.rival
                let takesLead = leaders[p] == a && (p > 0 && leaders[p - 1] == b)
                let first = takesLead && !everLed.contains(a)
                var what = "overtook \(names[b]) (\(Formatting.compact(v(b, p))))"
                if takesLead {
                    what += " to become the largest vehicle exporter"
                    if first {
                        let since = sel.periods[(0..<p).first { !v(b, $0).isNaN && !v(a, $0).isNaN } ?? 0]
                        what += " for the first time in the data (which runs from \(sel.periods[0]); the two are compared from \(since))"
                    }
                } else if leaders[p] != a {
                    guard rankOf(a, p) <= 5 else { continue }
                    what += " to become #\(rankOf(a, p))"
                }
                out.append((p, "\(sel.periods[p]): \(names[a]) (\(Formatting.compact(v(a, p)))) \(what) \(scopes(a, b)).", takesLead))
            }
            // Thresholds: a round million crossed upward.
            if p > 0 {
                // The highest round million of 5M and above crossed upward, once per year.
                for e in 0..<n where !v(e, p).isNaN && !v(e, p - 1).isNaN {
                    let crossed = stride(from: 5e6, through: 20e6, by: 1e6).filter { v(e, p - 1) < $0 && v(e, p) >= $0 }
                    if let level = crossed.last {
                        out.append((p, "\(sel.periods[p]): \(names[e]) crossed \(Formatting.compact(level)) units (\(Formatting.compact(v(e, p))), up from \(Formatting.compact(v(e, p - 1)))).", false))
                    }
                }
            }
        }
        // The headline (the latest change of leader) first, then newest first.
        let headline = out.last { $0.2 }
        var ordered = out.filter { !$0.2 }.sorted { $0.0 > $1.0 }.map { ($0.0, $0.1) }
        if let h = headline { ordered.insert((h.0, h.1), at: 0) }
        return ordered
    }

    static func headline(_ sel: Selection) throws -> Headline? {
        let rows = sel.periods.indices.map { Array(sel.column(period: $0)) }
        let overtakes = try Overtakes.find(rows: rows)
        func leader(_ p: Int) -> Int? {
            let c = Array(sel.column(period: p))
            return c.indices.filter { !c[$0].isNaN }.max { c[$0] < c[$1] }
        }
        return overtakes.last { o in leader(o.period) == o.subject && leader(o.period - 1) == o.rival }
            .map { Headline(subject: $0.subject, rival: $0.rival, period: $0.period, since: $0.since) }
    }

    // MARK: 3 — was it EVs?

    static func evSection(panel: Panel, number: Int) throws -> StorySection? {
        let sel = try panel.select(metric: .units)
        guard let h = try headline(sel), h.period > 0 else { return nil }
        let a = sel.keys[h.subject], b = sel.keys[h.rival]
        func seg(_ s: Segment, _ p: Int) -> Double {
            var k = a
            k.segment = s
            guard let i = panel.seriesIndex(of: k), let pi = panel.periodIndex(of: sel.periods[p]) else { return .nan }
            return panel.value(of: i, in: pi) ?? .nan
        }
        let t = h.period, t0 = h.period - 1
        let A = sel.value(exporter: h.subject, period: t), B = sel.value(exporter: h.rival, period: t)
        let ev = seg(.nev, t), ev0 = seg(.nev, t0), A0 = sel.value(exporter: h.subject, period: t0)
        guard !ev.isNaN else { return nil }
        let an = a.exporter.name, bn = b.exporter.name, year = sel.periods[t]
        let withoutEV = A - ev, withoutGrowth = A - (ev - ev0)
        var s = StorySection(key: "was_it_evs", title: "\(number)  Was it EVs? \(an) passing \(bn) in \(year)")
        s.lines.append("Without EV exports: \(an) \(Formatting.compact(withoutEV)) (\(Formatting.compact(A)) − \(Formatting.compact(ev)) NEV) vs \(bn) \(Formatting.compact(B)): "
                       + (withoutEV > B ? "still ahead, so EVs were not needed." : "no overtake, so EVs were decisive for it."))
        if !ev0.isNaN {
            s.lines.append("Without EV growth: \(an) \(Formatting.compact(withoutGrowth)) (NEV exports held at their \(sel.periods[t0]) level, \(Formatting.compact(ev0))) vs \(bn) \(Formatting.compact(B)): "
                           + (withoutGrowth > B ? "still ahead." : "no overtake either."))
            let d = A - A0, dev = ev - ev0
            s.lines.append("Growth \(sel.periods[t0])→\(year): \(Formatting.signedCompact(d)), of which NEV \(Formatting.signedCompact(dev)) (\(Formatting.percent(dev / d, digits: 0))) and conventional \(Formatting.signedCompact(d - dev)) (\(Formatting.percent((d - dev) / d, digits: 0))): most of the growth was conventional vehicles.")
        }
        // Later years: does the lead survive without NEVs?
        var later: [String] = []
        for p in (t + 1)..<sel.periods.count {
            let Bp = sel.value(exporter: h.rival, period: p), conv = seg(.conventional, p)
            guard !Bp.isNaN, !conv.isNaN else { continue }
            later.append("\(sel.periods[p]): \(Formatting.compact(conv)) vs \(Formatting.compact(Bp)) \(conv > Bp ? "ahead" : "behind")")
        }
        if !later.isEmpty {
            s.lines.append("\(an) without NEVs against \(bn) since: " + later.joined(separator: "; ") + ".")
        }
        if !ev0.isNaN {
            let share = (ev - ev0) / (A - A0)
            let survives = later.first.map { $0.hasSuffix("ahead") } ?? false
            s.lines.append("Verdict: EVs were decisive for the \(year) margin, yet they supplied only \(Formatting.percent(share, digits: 0)) of \(an)'s growth"
                           + (survives ? ", and from \(sel.periods[t + 1]) \(an) leads even without them." : "."))
        }
        s.facts = [("subject", .string(a.exporter.code)), ("rival", .string(b.exporter.code)), ("period", .string(year.description)),
                   ("without_ev_exports", .number(withoutEV)), ("without_ev_growth", .number(withoutGrowth)), ("rival_value", .number(B))]
        return s
    }

    // MARK: 5 — what next

    static func projectionSection(panel: Panel, number: Int) throws -> StorySection? {
        // China's NEV exports alone against Japan's total, both on their default series.
        let units = try panel.select(metric: .units)
        guard let h = try headline(units) else { return nil }
        let a = units.keys[h.subject], b = units.keys[h.rival]
        var nevKey = a
        nevKey.segment = .nev
        guard let nevIndex = panel.seriesIndex(of: nevKey) else { return nil }
        let nevObs = panel.observations(of: nevIndex).filter { $0.period.granularity == .year && !$0.value.isNaN }
        let rivalRow = units.row(exporter: h.rival)
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

extension MilestoneFinder {
    /// One pair's change of order: `(period, subject, rival, since, bridged)`.
    typealias Pass = (t: Int, a: Int, b: Int, s: Int, bridged: Bool)

    /// The passes between every pair: the all-pairs kernel without a margin, a pairwise
    /// scan with one (within the margin counts as a tie, so the earlier order carries).
    func passes(margin: Double, bridging: Bool) -> [Pass] {
        if margin == 0 {
            let list: OvertakeList
            do {
                list = try values.withUnsafeBufferPointer { (b) throws(Overtakes.InputError) in
                    try Overtakes.find(b, periods: periodCount, entities: n, bridgingGaps: bridging)
                }
            } catch {
                return []  // the selection is always a full matrix
            }
            return list.map { ($0.period, $0.subject, $0.rival, $0.since, $0.bridged) }
        }
        var out: [Pass] = []
        for a in 0..<n {
            for b in 0..<n where a != b {
                var last = 0, lastPeriod = -1
                var gap = false
                for t in 0..<periodCount {
                    let x = value(a, t), y = value(b, t)
                    if x.isNaN || y.isNaN {
                        if bridging { gap = true } else { last = 0; lastPeriod = -1; gap = false }
                        continue
                    }
                    let ahead = x > y && x - y >= margin * abs(y)
                    let behind = y > x && y - x >= margin * abs(x)
                    if ahead {
                        if last == -1 { out.append((t, a, b, lastPeriod, gap)) }
                        last = 1; lastPeriod = t; gap = false
                    } else if behind {
                        last = -1; lastPeriod = t; gap = false
                    }
                }
            }
        }
        return out
    }

    /// Overtakes, with values at both ends and the interpolated crossing; passes that exist
    /// only across a gap become notes when gaps are not bridged.
    mutating func findOvertakes() {
        let bridging = options.bridgingGaps
        for p in passes(margin: options.margin, bridging: bridging) {
            if let top = options.pairTopN, rank(p.a, p.t) > top { continue }
            var m = milestone(.overtake, p.a, p.t, rival: p.b)
            m.since = periods[p.s]
            m.valueSince = value(p.a, p.s)
            m.rivalValueSince = value(p.b, p.s)
            m.bridged = p.bridged
            let d0 = m.valueSince - m.rivalValueSince, d1 = m.value - m.rivalValue
            if d1 - d0 > 0 && d1.isFinite && d0.isFinite {
                let s = periods[p.s].decimalYear, t = periods[p.t].decimalYear
                m.crossing = s + (t - s) * (-d0 / (d1 - d0))
            }
            m.sentence = overtakeSentence(m, qualifier: rankQualifier(p.a, at: p.t))
            let a = p.a, b = p.b
            add(
                m,
                confirmation: confirm(after: p.t) { q in
                    present(a, q) && present(b, q) ? value(a, q) > value(b, q) : nil
                })
        }
        if !bridging {
            for p in passes(margin: options.margin, bridging: true) where p.bridged {
                if let top = options.pairTopN, rank(p.a, p.t) > top { continue }
                let a = exporters[p.a], b = exporters[p.b]
                notes.append(
                    CoverageNote(
                        kind: .hiddenByGap, period: periods[p.t], periodLabel: labels[p.t], exporter: a, other: b,
                        sentence: "\(labels[p.t]): \(a.name) is ahead of \(b.name), which was ahead in \(labels[p.s]), "
                            + "but a figure is missing in between: not an overtake unless gaps are bridged."))
            }
        }
    }
}

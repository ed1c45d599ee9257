extension MilestoneFinder {
    /// Records: a value above every earlier value of the same series. The first figure is
    /// no record. A record is the highest since the series' first figure, and says so; a
    /// gap since then does not drop it (docs/coverage.md: a claim that holds in the periods
    /// with figures is made with the gap named): "the highest in the years with figures
    /// since 2010; China has none for 2011 and 2014". With gap bridging it is also flagged.
    mutating func findRecords() {
        for e in 0..<n where firstPresent[e] >= 0 {
            var best = value(e, firstPresent[e]), bestAt = firstPresent[e]
            var gaps: [Int] = []
            for t in (firstPresent[e] + 1)..<max(firstPresent[e] + 1, lastPresent[e] + 1) {
                guard present(e, t) else { gaps.append(t); continue }
                let v = value(e, t)
                if v > best {
                    var m = milestone(.recordHigh, e, t)
                    m.since = periods[bestAt]
                    m.valueSince = best
                    m.bridged = !gaps.isEmpty && options.bridgingGaps
                    m.sentence = recordSentence(
                        m, start: labels[firstPresent[e]], gaps: gaps.isEmpty ? "" : periodList(gaps))
                    milestones.append(m)
                    best = v
                    bestAt = t
                }
            }
        }
    }

    /// Threshold crossings of absolute levels, and of share levels of `shareSegment` in the
    /// exporter's total (same source and scope), between consecutive figures.
    mutating func findThresholds() {
        let levels = options.levels ?? MilestoneOptions.defaultLevels(for: metric)
        for e in 0..<n {
            crossings(e, levels: levels, isShare: false, series: keys[e], (0..<periodCount).map { value(e, $0) })
        }
        guard !options.shareLevels.isEmpty, options.yearToDateMonth == nil else { return }
        for e in 0..<n {
            guard let (key, shares) = shareSeries(e) else { continue }
            crossings(e, levels: options.shareLevels, isShare: true, series: key, shares)
        }
    }

    /// `shareSegment / total` of exporter `e` per period (same metric, source and scope as
    /// its chosen series), or nil when the panel lacks either series.
    func shareSeries(_ e: Int) -> (SeriesKey, [Double])? {
        let k = keys[e]
        var numKey = k, denKey = k
        numKey.segment = options.shareSegment
        denKey.segment = .total
        guard numKey != denKey, let num = panel.seriesIndex(of: numKey), let den = panel.seriesIndex(of: denKey)
        else { return nil }
        let shares = periods.map { p -> Double in
            guard let i = panel.periodIndex(of: p), let a = panel.value(of: num, in: i),
                let b = panel.value(of: den, in: i), b != 0
            else { return .nan }
            return a / b
        }
        return shares.contains { !$0.isNaN } ? (numKey, shares) : nil
    }

    /// Crossings of `levels` by the series `x` of exporter `e`.
    mutating func crossings(_ e: Int, levels: [Double], isShare: Bool, series: SeriesKey, _ xs: [Double]) {
        let x = { (t: Int) in xs[t] }
        for t in 1..<max(1, periodCount) {
            let now = x(t)
            guard !now.isNaN else { continue }
            var q = t - 1
            if options.bridgingGaps { while q >= 0 && x(q).isNaN { q -= 1 } }
            guard q >= 0, !x(q).isNaN else { continue }
            let before = x(q)
            for level in levels {
                let up = before < level && now >= level
                let down = before >= level && now < level
                guard up || down else { continue }
                let kind: MilestoneKind = up ? .thresholdUp : .thresholdDown
                guard options.wants(kind) else { continue }
                var m = milestone(kind, e, t)
                m.value = now
                m.since = periods[q]
                m.valueSince = before
                m.level = level
                m.isShare = isShare
                m.subjectSeries = series
                m.bridged = q < t - 1
                m.sentence = thresholdSentence(m)
                add(
                    m,
                    confirmation: confirm(after: t) { p in
                        let v = x(p)
                        return v.isNaN ? nil : (up ? v >= level : v < level)
                    })
            }
        }
    }

    /// Top-N entries and exits that come from figures both periods have: an entry needs
    /// the exporter outside the top N in the previous period even among the exporters
    /// present in both periods, and inside it now; an exit the reverse.
    mutating func findTopMoves() {
        let cap = options.topN
        for t in 0..<periodCount {
            guard hasData[t], let q = previousWithData(before: t) else { continue }
            let common = ranks(amongPresentIn: q, and: t), commonNow = ranks(amongPresentIn: t, and: q)
            for e in 0..<n where present(e, t) && present(e, q) {
                let wasIn = rank(e, q) <= cap, isIn = rank(e, t) <= cap
                if !wasIn && isIn {
                    guard options.wants(.topEntry) else { continue }
                    if common[e] <= cap {
                        notes.append(
                            CoverageNote(
                                kind: .rankByCoverage, period: periods[t], periodLabel: labels[t],
                                exporter: exporters[e],
                                sentence:
                                    "\(labels[t]): \(exporters[e].name) is in the top \(cap) only because exporters ahead of it in \(labels[q]) have no figure: not a top-\(cap) entry."
                            ))
                        continue
                    }
                    let missing = missingContenders(e, at: t)
                    if rank(e, t) + missing.count > cap {
                        notes.append(
                            CoverageNote(
                                kind: .rankByCoverage, period: periods[t], periodLabel: labels[t],
                                exporter: exporters[e],
                                other: exporters[missing[0]],
                                sentence:
                                    "\(labels[t]): \(exporters[e].name) is #\(rank(e, t)) among the \(entities) with figures but \(missingPhrase(missing, at: t)): not stated as a top-\(cap) entry."
                            ))
                        continue
                    }
                    var m = milestone(.topEntry, e, t)
                    m.streak = cap
                    m.since = periods[q]
                    m.valueSince = value(e, q)
                    m.bridged = q < t - 1
                    m.sentence = topMoveSentence(m, rankBefore: rank(e, q))
                    add(m, confirmation: confirm(after: t) { p in present(e, p) ? rank(e, p) <= cap : nil })
                } else if wasIn && !isIn {
                    guard options.wants(.topExit) else { continue }
                    if commonNow[e] <= cap {
                        notes.append(
                            CoverageNote(
                                kind: .rankByCoverage, period: periods[t], periodLabel: labels[t],
                                exporter: exporters[e],
                                sentence:
                                    "\(labels[t]): \(exporters[e].name) drops out of the top \(cap) only because of exporters with no figure in \(labels[q]): not a top-\(cap) exit."
                            ))
                        continue
                    }
                    var m = milestone(.topExit, e, t)
                    m.streak = cap
                    m.since = periods[q]
                    m.valueSince = value(e, q)
                    m.bridged = q < t - 1
                    m.sentence = topMoveSentence(m, rankBefore: rank(e, q))
                    add(m, confirmation: confirm(after: t) { p in present(e, p) ? rank(e, p) > cap : nil })
                }
            }
        }
    }

    /// Growth streaks: k consecutive periods each above the one before.
    mutating func findGrowthStreaks() {
        for e in 0..<n {
            var streak = StreakRun()
            for t in 0..<periodCount {
                guard present(e, t) else {
                    if !options.bridgingGaps { close(&streak) } else { streak.skip() }
                    continue
                }
                guard let q = previous(e, before: t) else { close(&streak); continue }
                if value(e, t) > value(e, q) {
                    if q < t - 1 { streak.skipped = true }
                    extend(&streak, e, t, kind: .growthStreak, start: q)
                    if streak.length == 1 {
                        streak.openStart = openStart(e, q) { p in present(e, p) && value(e, q) <= value(e, p) }
                    }
                } else {
                    close(&streak)
                }
            }
            close(&streak)
        }
    }
}

extension MilestoneFinder {
    /// New leaders and first-time leaders: the sole #1 in t that was not #1 in the period
    /// before, when that comes from figures both periods have.
    mutating func findNewLeaders() {
        for t in 0..<periodCount {
            let a = soleLeader[t]
            guard a >= 0, let q = previousWithData(before: t) else { continue }
            if rank(a, q) == 1 { continue }  // already (co-)leader
            if !present(a, q) {
                // Back to the leader before the gap: no note when `a` plainly led then.
                var r = q - 1
                while r >= 0 && !present(a, r) { r -= 1 }
                if r >= 0 && leadsPlainly(a, r) { continue }
                notes.append(coverageLeaderNote(a, t, reason: "has no figure for \(labels[q])"))
                continue
            }
            let missing = missingContenders(a, at: t)
            if !missing.isEmpty {
                notes.append(coverageLeaderNote(a, t, reason: "may lead only because \(missingPhrase(missing, at: t))"))
                continue
            }
            // First time: no earlier period in which `a` plainly led. Periods where nobody
            // can tell (a gap of `a`, or `a` #1 only among the \(entities) with figures) are
            // named in the sentence rather than ignored.
            let first = !(0..<t).contains { leadsPlainly(a, $0) }
            if first ? !options.wants(.firstTimeLeader) : !options.wants(.newLeader) { continue }
            let prevLeader = soleLeader[q] >= 0 ? soleLeader[q] : nil
            var m = milestone(first ? .firstTimeLeader : .newLeader, a, t, rival: prevLeader)
            m.firstTime = first
            m.since = periods[q]
            m.valueSince = value(a, q)
            if let r = prevLeader { m.rivalValueSince = value(r, q) }
            m.bridged = q < t - 1
            m.sentence = leaderSentence(m, unknown: first ? firstTimeCaveat(a, before: t) : "")
            add(m, confirmation: confirm(after: t) { p in hasData[p] ? soleLeader[p] == a : nil })
        }
    }

    /// "; China has none for 2011 and 2014", "; in 2012 China is #1 only among the
    /// exporters with figures (Japan has none for 2012)": the earlier periods in which a
    /// first-time lead cannot be ruled out, or "".
    func firstTimeCaveat(_ a: Int, before t: Int) -> String {
        let (gaps, incomplete) = unknownLeadPeriods(a, before: t)
        var s = ""
        if !gaps.isEmpty { s += "; \(exporters[a].name) has none for \(periodList(gaps))" }
        for q in incomplete {
            s +=
                "; in \(labels[q]) \(exporters[a].name) is #1 only among the \(entities) with figures (\(missingPhrase(missingContenders(a, at: q), at: q)))"
        }
        return s
    }

    func coverageLeaderNote(_ a: Int, _ t: Int, reason: String) -> CoverageNote {
        CoverageNote(
            kind: .rankByCoverage, period: periods[t], periodLabel: labels[t], exporter: exporters[a],
            sentence:
                "\(labels[t]): \(exporters[a].name) is #1 among the \(entities) with figures but \(reason): not a new leader."
        )
    }

    /// Lead changes: the sole #1 differs from the last sole #1 before it (ties at the top
    /// carry the lead; a period without data breaks the chain unless gaps are bridged).
    mutating func findLeadChanges() {
        var carried: Int? = nil
        var carriedSince = -1
        for t in 0..<periodCount {
            guard hasData[t] else {
                if !options.bridgingGaps { carried = nil }
                continue
            }
            let a = soleLeader[t]
            guard a >= 0 else { continue }  // a tie at the top carries the lead
            // #1 only among the \(entities) with figures is no lead: it neither changes nor
            // carries the lead (its own note says so, `incompleteLeadNotes`).
            if !missingContenders(a, at: t).isEmpty { continue }
            defer { carried = a; carriedSince = t }
            guard let c = carried, c != a else { continue }
            if !present(c, t) {
                notes.append(
                    CoverageNote(
                        kind: .rankByCoverage, period: periods[t], periodLabel: labels[t], exporter: exporters[a],
                        other: exporters[c],
                        sentence:
                            "\(labels[t]): \(exporters[a].name) is #1 among the \(entities) with figures, but \(exporters[c].name), the leader in \(labels[carriedSince]), has no figure: not a lead change."
                    ))
                continue
            }
            if !present(a, carriedSince) {
                notes.append(
                    coverageLeaderNote(
                        a, t, reason: "has no figure for \(labels[carriedSince]), when \(exporters[c].name) led"))
                continue
            }
            let gap = (carriedSince + 1..<t).contains { !present(a, $0) || !present(c, $0) }
            if gap && !options.bridgingGaps {
                notes.append(
                    CoverageNote(
                        kind: .hiddenByGap, period: periods[t], periodLabel: labels[t], exporter: exporters[a],
                        other: exporters[c],
                        sentence:
                            "\(labels[t]): \(exporters[a].name) leads where \(exporters[c].name) led in \(labels[carriedSince]), but a figure is missing in between: not a lead change unless gaps are bridged."
                    ))
                continue
            }
            var m = milestone(.leadChange, a, t, rival: c)
            m.since = periods[carriedSince]
            m.valueSince = value(a, carriedSince)
            m.rivalValueSince = value(c, carriedSince)
            m.bridged = gap
            m.sentence = leadChangeSentence(m)
            add(m, confirmation: confirm(after: t) { p in hasData[p] ? soleLeader[p] == a : nil })
        }
    }

    /// Streaks at #1: k consecutive periods with rank 1 (alone or shared). With bridging,
    /// periods without any figure are skipped instead of ending the run.
    mutating func findLeaderStreaks() {
        for e in 0..<n {
            var streak = StreakRun()
            for t in 0..<periodCount {
                if !hasData[t] && options.bridgingGaps {
                    streak.skip()
                    continue
                }
                // Only periods where `e` plainly leads count; #1 among the exporters with
                // figures ends the run (and gets its own note, `incompleteLeadNotes`).
                if leadsPlainly(e, t) {
                    extend(&streak, e, t, kind: .leaderStreak, start: t)
                    if streak.length == 1 { streak.openStart = openStart(e, t) { plainlyNotLeader(e, $0) } }
                } else {
                    close(&streak)
                }
            }
            close(&streak)
        }
    }

    /// A run of consecutive periods that satisfy a streak's condition.
    struct StreakRun {
        var length = 0
        var start = -1
        var end = -1
        var bridged = false
        var skipped = false
        /// Index in `milestones` of the run's event, once it reached k.
        var reported: Int? = nil
        /// Why the run may have begun before its first period ("Japan's figures start in
        /// 2010"), or nil when the period before it plainly ends it.
        var openStart: String? = nil
        /// A period without figures inside the run (bridging only).
        mutating func skip() { if length > 0 { skipped = true } }
    }

    /// Adds period `t` to exporter `e`'s run (which starts at `start` if new); reports the
    /// run when it reaches k.
    mutating func extend(_ run: inout StreakRun, _ e: Int, _ t: Int, kind: MilestoneKind, start: Int) {
        if run.length == 0 { run.start = start; run.bridged = false }
        if run.skipped { run.bridged = true; run.skipped = false }
        run.length += 1
        run.end = t
        if run.length == options.streak {
            var m = milestone(kind, e, t)
            m.streak = options.streak
            m.since = periods[run.start]
            m.valueSince = value(e, run.start)
            milestones.append(m)
            run.reported = milestones.count - 1
        }
    }

    /// Ends a run: its event learns the run's full length and gets its sentence.
    mutating func close(_ run: inout StreakRun) {
        if let i = run.reported {
            milestones[i].runLength = run.length
            milestones[i].bridged = run.bridged
            milestones[i].sentence = streakSentence(milestones[i], runEnd: labels[run.end], openStart: run.openStart)
        }
        run = StreakRun()
    }
}

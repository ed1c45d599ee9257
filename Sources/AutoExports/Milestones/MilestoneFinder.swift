/// Finds the milestones of one selection of a panel (one series per exporter, one metric,
/// one segment, consecutive periods). The kinds live in `MilestoneFinder+<Kind>.swift`,
/// the sentences in `MilestoneFinder+Sentences.swift`.
struct MilestoneFinder {
    let panel: Panel
    let options: MilestoneOptions
    let metric: Metric
    let segment: Segment
    let granularity: Granularity
    let exporters: [Exporter]
    let keys: [SeriesKey]
    let periods: [Period]
    let labels: [String]
    /// `values[p * n + e]`, NaN = missing.
    let values: [Double]
    /// The series that stands in for a cell the chosen series lacks (same layout; nil: the
    /// chosen series' own figure or none): the league tables' rule (docs/coverage.md).
    let standIns: [SeriesKey?]
    let n: Int
    let periodCount: Int
    /// Competition rank of each present cell among the present cells of its period
    /// (largest = 1); 0 for a missing cell.
    var ranks: [Int] = []
    /// The sole #1 of each period (the unique largest value), or -1.
    var soleLeader: [Int] = []
    /// Whether a period has any figure.
    var hasData: [Bool] = []
    /// First and last period with a figure, per exporter (-1: none).
    var firstPresent: [Int] = []
    var lastPresent: [Int] = []
    /// First and last period with any figure.
    var dataStart = -1
    var dataEnd = -1

    var milestones: [Milestone] = []
    var notes: [CoverageNote] = []

    init(panel: Panel, options: MilestoneOptions) throws(MilestoneError) {
        try options.validate()
        self.panel = panel
        self.options = options
        metric = options.metric
        segment = options.segment
        var sel: Selection
        do {
            if let of = options.marketsOf {
                sel = try panel.selectMarkets(
                    of: of, metric: options.metric, segment: options.segment,
                    granularity: options.yearToDateMonth == nil ? options.granularity : .month,
                    choice: options.choice, includeRegions: options.includeAggregates)
                if let only = options.exporters { sel = sel.keeping(Set(only)) }
            } else {
                sel = try panel.select(
                    metric: options.metric, segment: options.segment,
                    granularity: options.yearToDateMonth == nil ? options.granularity : .month,
                    choice: options.choice, exporters: options.exporters,
                    includeAggregates: options.includeAggregates)
            }
        } catch {
            throw .notFound(error.description)
        }
        exporters = sel.exporters
        keys = sel.keys
        n = sel.exporters.count
        if let month = options.yearToDateMonth {
            // Year-to-date sums: January to `month` of each year; a missing month makes the
            // year's figure missing.
            granularity = .year
            let firstYear = sel.periods.first?.year ?? 0, lastYear = sel.periods.last?.year ?? -1
            var ps: [Period] = [], ls: [String] = [], vs: [Double] = []
            if firstYear <= lastYear {
                for y in firstYear...lastYear {
                    guard let py = Period(year: y) else { continue }
                    ps.append(py)
                    let m = month < 10 ? "0\(month)" : "\(month)"
                    ls.append("\(py)-01/\(py)-\(m)")
                    for e in 0..<n {
                        var sum = 0.0
                        for mo in 1...month {
                            guard let p = Period(year: y, month: mo), let i = sel.index(of: p) else {
                                sum = .nan; break
                            }
                            sum += sel.value(exporter: e, period: i)
                        }
                        vs.append(sum)
                    }
                }
            }
            periods = ps
            labels = ls
            values = vs
            standIns = [SeriesKey?](repeating: nil, count: vs.count)
        } else {
            granularity = options.granularity
            periods = sel.periods
            labels = sel.periods.map(\.description)
            (values, standIns) = MilestoneFinder.fillStandIns(panel: panel, selection: sel, choice: options.choice)
        }
        periodCount = periods.count
        prepare()
    }

    /// The selection's values with stand-ins: where an exporter's chosen series has no
    /// figure but another series of the exporter that the choice admits does, the best
    /// such series (by the choice's preference) stands in, exactly as in a league table
    /// (`LeagueScorer`), so that `rank`, `milestones` and the bump chart see the same
    /// figures. Every sentence that uses a stand-in names it.
    static func fillStandIns(panel: Panel, selection sel: Selection, choice: SeriesChoice) -> ([Double], [SeriesKey?]) {
        var values = sel.values
        let n = sel.exporters.count
        var keys = [SeriesKey?](repeating: nil, count: values.count)
        var byExporter: [Exporter: [Int]] = [:]
        if let of = sel.marketsOf {
            // Markets: the exporter's other series to each market stand in.
            for (i, k) in panel.series.enumerated()
            where k.segment == sel.segment && k.metric == sel.metric && k.exporter == of && !k.isWorld {
                byExporter[k.partner, default: []].append(i)
            }
        } else {
            for (i, k) in panel.series.enumerated()
            where k.segment == sel.segment && k.metric == sel.metric && k.partner == sel.partner {
                byExporter[k.exporter, default: []].append(i)
            }
        }
        guard byExporter.values.contains(where: { $0.count > 1 }) else { return (values, keys) }
        let panelPeriods = sel.periods.map { panel.periodIndex(of: $0) }
        for e in 0..<n {
            let primary = sel.seriesIndices[e]
            let alternatives = (byExporter[sel.exporters[e]] ?? [])
                .filter { $0 != primary && choice.admits(panel.series[$0]) }
                .map { ($0, choice.preference(panel.series[$0], observations: panel.rows(ofSeries: $0).count)) }
                .sorted { a, b in a.1 != b.1 ? a.1 < b.1 : panel.series[a.0] < panel.series[b.0] }
                .map(\.0)
            guard !alternatives.isEmpty else { continue }
            for p in sel.periods.indices where values[p * n + e].isNaN {
                guard let pi = panelPeriods[p] else { continue }
                for s in alternatives {
                    guard let v = panel.value(of: s, in: pi), !v.isNaN else { continue }
                    values[p * n + e] = v
                    keys[p * n + e] = panel.series[s]
                    break
                }
            }
        }
        return (values, keys)
    }

    @inline(__always) func value(_ e: Int, _ p: Int) -> Double { values[p * n + e] }
    @inline(__always) func present(_ e: Int, _ p: Int) -> Bool { !values[p * n + e].isNaN }
    @inline(__always) func rank(_ e: Int, _ p: Int) -> Int { ranks[p * n + e] }

    /// Ranks, leaders and coverage spans.
    mutating func prepare() {
        ranks = [Int](repeating: 0, count: values.count)
        soleLeader = [Int](repeating: -1, count: periodCount)
        hasData = [Bool](repeating: false, count: periodCount)
        firstPresent = [Int](repeating: -1, count: n)
        lastPresent = [Int](repeating: -1, count: n)
        for p in 0..<periodCount {
            var present: [(Double, Int)] = []
            for e in 0..<n where self.present(e, p) {
                present.append((value(e, p), e))
                if firstPresent[e] < 0 { firstPresent[e] = p }
                lastPresent[e] = p
            }
            guard !present.isEmpty else { continue }
            hasData[p] = true
            if dataStart < 0 { dataStart = p }
            dataEnd = p
            present.sort { $0.0 > $1.0 }
            var i = 0
            while i < present.count {
                var j = i + 1
                while j < present.count && present[j].0 == present[i].0 { j += 1 }
                for k in i..<j { ranks[p * n + present[k].1] = i + 1 }
                i = j
            }
            if present.count == 1 || present[0].0 > present[1].0 { soleLeader[p] = present[0].1 }
        }
    }

    /// Competition ranks of the exporters present in both `p` and `q`, measured in `p`.
    func ranks(amongPresentIn p: Int, and q: Int) -> [Int] {
        var both: [(Double, Int)] = []
        for e in 0..<n where present(e, p) && present(e, q) { both.append((value(e, p), e)) }
        both.sort { $0.0 > $1.0 }
        var out = [Int](repeating: 0, count: n)
        var i = 0
        while i < both.count {
            var j = i + 1
            while j < both.count && both[j].0 == both[i].0 { j += 1 }
            for k in i..<j { out[both[k].1] = i + 1 }
            i = j
        }
        return out
    }

    /// The period a comparison in `t` looks back to for exporter `e` (nil: none): `t − 1`,
    /// or with bridging the last earlier period in which `e` has a figure.
    func previous(_ e: Int, before t: Int) -> Int? {
        guard t > 0 else { return nil }
        if !options.bridgingGaps { return present(e, t - 1) ? t - 1 : nil }
        var q = t - 1
        while q >= 0 && !present(e, q) { q -= 1 }
        return q >= 0 ? q : nil
    }

    /// The period a league-table comparison in `t` looks back to: `t − 1` if it has data,
    /// or with bridging the last earlier period with data.
    func previousWithData(before t: Int) -> Int? {
        guard t > 0 else { return nil }
        if !options.bridgingGaps { return hasData[t - 1] ? t - 1 : nil }
        var q = t - 1
        while q >= 0 && !hasData[q] { q -= 1 }
        return q >= 0 ? q : nil
    }

    enum Confirmation { case confirmed, failed, pending }

    /// Whether a condition holds in each of the `options.confirmation` periods after `t`.
    /// `holds(q)` is true or false, or nil when period q lacks the figures (a gap: a
    /// failure unless gaps are bridged, then skipped).
    func confirm(after t: Int, _ holds: (Int) -> Bool?) -> Confirmation {
        let k = options.confirmation
        if k == 0 { return .confirmed }
        var seen = 0
        var q = t + 1
        while seen < k {
            if q >= periodCount { return .pending }
            switch holds(q) {
            case .some(true): seen += 1
            case .some(false): return .failed
            case .none: if !options.bridgingGaps { return .failed }
            }
            q += 1
        }
        return .confirmed
    }

    /// Adds `m` if its confirmation holds; a pending one becomes a note.
    mutating func add(_ m: Milestone, confirmation: Confirmation) {
        switch confirmation {
        case .confirmed: milestones.append(m)
        case .failed: break
        case .pending:
            notes.append(
                CoverageNote(
                    kind: .pendingConfirmation, period: m.period, periodLabel: m.periodLabel,
                    exporter: m.subject, other: m.rival,
                    sentence: "\(m.periodLabel): not yet confirmed (needs \(options.confirmation) more "
                        + "\(periodWord(options.confirmation)) of data): " + lowercasedFirst(dropPeriod(m.sentence))))
        }
    }

    /// Every kind asked for, then the coverage notes; results in period order.
    mutating func run() {
        coverageNotes()
        if options.wants(.overtake) { findOvertakes() }
        if options.wants(.newLeader) || options.wants(.firstTimeLeader) { findNewLeaders() }
        if options.wants(.leadChange) { findLeadChanges() }
        if options.wants(.recordHigh) { findRecords() }
        if options.wants(.thresholdUp) || options.wants(.thresholdDown) { findThresholds() }
        if options.wants(.topEntry) || options.wants(.topExit) { findTopMoves() }
        if options.wants(.growthStreak) { findGrowthStreaks() }
        if options.wants(.leaderStreak) { findLeaderStreaks() }
        if options.wants(.leaderStreak) || options.wants(.newLeader) || options.wants(.firstTimeLeader) {
            incompleteLeadNotes()
        }
        for i in milestones.indices { milestones[i].sentence += standInNote(milestones[i]) }
        milestones.sort { a, b in
            let ka = (a.period.ordinal, a.kind.rawValue, a.subject.code, a.rival?.code ?? "")
            let kb = (b.period.ordinal, b.kind.rawValue, b.subject.code, b.rival?.code ?? "")
            if ka != kb { return ka < kb }
            // Thresholds of one exporter in one period: shares after absolute levels, then by level.
            return (a.isShare ? 1 : 0, a.level.isNaN ? -Double.infinity : a.level)
                < (b.isShare ? 1 : 0, b.level.isNaN ? -Double.infinity : b.level)
        }
        notes.sort { a, b in
            (a.period.ordinal, a.kind.rawValue, a.exporter.code, a.other?.code ?? "")
                < (b.period.ordinal, b.kind.rawValue, b.exporter.code, b.other?.code ?? "")
        }
        // One rank-by-coverage note per exporter and period (a new leader and a lead change
        // can both be coverage for the same reason): keep the more specific one.
        var kept: [CoverageNote] = []
        for note in notes {
            if let last = kept.last, last.kind == .rankByCoverage, note.kind == .rankByCoverage,
                last.period == note.period, last.exporter == note.exporter
            {
                if note.sentence.count > last.sentence.count { kept[kept.count - 1] = note }
                continue
            }
            kept.append(note)
        }
        notes = kept
    }

    /// A milestone about exporter `e` in period `t` with the fields every kind shares.
    func milestone(_ kind: MilestoneKind, _ e: Int, _ t: Int, rival: Int? = nil) -> Milestone {
        var m = Milestone(
            kind: kind, period: periods[t], periodLabel: labels[t], subject: exporters[e],
            rival: rival.map { exporters[$0] }, metric: metric, segment: segment,
            value: value(e, t), subjectSeries: keys[e], rivalSeries: rival.map { keys[$0] })
        m.rank = rank(e, t)
        if let r = rival {
            m.rivalValue = value(r, t)
            m.scopeWarning = keys[r].scope != keys[e].scope
        }
        if firstPresent[e] >= 0 { m.dataStart = periods[firstPresent[e]] }
        return m
    }

    // MARK: - Coverage

    /// " [stand-in: Germany 2024 Destatis, passenger cars trade, for VDA, passenger cars]"
    /// when one of the milestone's figures comes from a stand-in series; "" otherwise.
    func standInNote(_ m: Milestone) -> String {
        var parts: [String] = []
        guard let end = periods.firstIndex(of: m.period) else { return "" }
        // The subject's figures from `since` to the event (a streak's whole span so far);
        // the rival's at both ends.
        let start = m.since.flatMap { periods.firstIndex(of: $0) } ?? end
        for who in [m.subject] + (m.rival.map { [$0] } ?? []) {
            guard let e = exporters.firstIndex(of: who) else { continue }
            let span = who == m.subject ? Array(min(start, end)...end) : [start, end]
            for t in Set(span).sorted() {
                guard let k = standIns[t * n + e] else { continue }
                parts.append(
                    "\(who.name) \(labels[t]) \(k.source), \(k.scopeLabel), for \(keys[e].source), \(keys[e].scopeLabel)"
                )
            }
        }
        return parts.isEmpty ? "" : " [stand-in: " + parts.joined(separator: "; ") + "]"
    }

    /// Notes for series that start late, end early or have gaps.
    mutating func coverageNotes() {
        guard dataStart >= 0 else { return }
        for t in 0..<periodCount {
            for e in 0..<n {
                guard let k = standIns[t * n + e] else { continue }
                notes.append(
                    CoverageNote(
                        kind: .gap, period: periods[t], periodLabel: labels[t], exporter: exporters[e],
                        sentence:
                            "\(labels[t]): \(exporters[e].name) has no \(keys[e].source) (\(keys[e].scopeLabel)) figure; "
                            + "\(k.source) (\(k.scopeLabel)) stands in (\(fmt(value(e, t)))), as in the league tables; sentences that use it say so."
                    ))
            }
        }
        for e in 0..<n where firstPresent[e] >= 0 {
            let k = keys[e]
            let what = "\(exporters[e].name)'s series" + (k.provenanceLabel.isEmpty ? "" : " (\(k.provenanceLabel))")
            if firstPresent[e] > dataStart {
                let p = firstPresent[e]
                let what =
                    standIns[p * n + e].map { s in
                        "\(exporters[e].name)'s series (\(s.source), \(s.scopeLabel), standing in for \(k.source))"
                    } ?? what
                notes.append(
                    CoverageNote(
                        kind: .seriesStarts, period: periods[p], periodLabel: labels[p], exporter: exporters[e],
                        sentence:
                            "\(labels[p]): \(what) starts; rank changes that come only from its start are not milestones."
                    ))
            }
            if lastPresent[e] < dataEnd {
                let p = lastPresent[e] + 1
                notes.append(
                    CoverageNote(
                        kind: .seriesEnds, period: periods[p], periodLabel: labels[p], exporter: exporters[e],
                        sentence:
                            "\(labels[p]): \(what) ends in \(labels[lastPresent[e]]); rank changes that come only from its end are not milestones."
                    ))
            }
            var p = firstPresent[e]
            while p < lastPresent[e] {
                if present(e, p) { p += 1; continue }
                var q = p
                while !present(e, q) { q += 1 }
                let span = q - p == 1 ? labels[p] : "\(labels[p])–\(labels[q - 1])"
                let effect =
                    options.bridgingGaps
                    ? "comparisons across it are bridged and flagged"
                    : "comparisons across it are not made"
                notes.append(
                    CoverageNote(
                        kind: .gap, period: periods[p], periodLabel: labels[p], exporter: exporters[e],
                        sentence: "\(labels[p]): \(exporters[e].name) has no figure for \(span) (a gap: \(effect))."))
                p = q
            }
        }
    }
}

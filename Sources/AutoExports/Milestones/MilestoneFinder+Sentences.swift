/// One plain sentence per milestone (docs/design.md §4), e.g. "2023: China (4.91M) overtook
/// Japan (4.42M) to become the largest vehicle exporter (units; CAAM vs JAMA, all
/// vehicles)". The parenthesis at the end says what is measured and by whom; when the two
/// series count different things it says so ("scopes differ").
extension MilestoneFinder {
    func fmt(_ x: Double) -> String { Formatting.compact(x, metric: metric) }

    /// "vehicle exporter", "NEV exporter", "vehicle exporter by value"; with a selection
    /// of exporters "vehicle exporter of those selected": ranks among a selection are
    /// never stated as world ranks (docs/coverage.md).
    var noun: String {
        if let of = options.marketsOf {
            // Markets: ranks among the markets with figures, never all of the exporter's markets.
            let what = segment == .total ? "vehicle exports" : "\(segment.label) exports"
            let noun = "market for \(of.name)'s \(what)\(metric.isCurrency ? " by value" : "")"
            return noun + (options.exporters == nil ? " among the markets with figures" : " of those selected")
        }
        let base = segment == .total ? "vehicle exporter" : "\(segment.label) exporter"
        let noun = metric.isCurrency ? base + " by value" : base
        return options.exporters == nil ? noun : noun + " of those selected"
    }

    /// "exporters", or "markets" for the milestones of one exporter's markets.
    var entities: String { options.marketsOf == nil ? "exporters" : "markets" }

    /// "units", "usd", "NEV units".
    var measure: String { segment == .total ? metric.name : "\(segment.label) \(metric.name)" }

    /// "year", "quarter", "month" (plural when k != 1).
    func periodWord(_ k: Int = 1) -> String {
        let w = granularity.noun
        return k == 1 ? w : w + "s"
    }

    /// "(units; CAAM vs JAMA, all vehicles)", or with different scopes
    /// "(units; CAAM all vehicles vs VDA passenger cars; scopes differ)".
    /// Unlabelled parts (`unspecified`, as a table without source and scope columns
    /// imports) are left out: "(units; CAAM)", "(units)".
    func provenance(_ a: SeriesKey, _ b: SeriesKey?, measure: String? = nil) -> String {
        let measure = measure ?? self.measure
        func within(_ label: String) -> String { label.isEmpty ? "(\(measure))" : "(\(measure); \(label))" }
        guard let b else { return within(a.provenanceLabel) }
        if a.scope == b.scope {
            var k = a
            if a.source != b.source { k.source = "\(a.source) vs \(b.source)" }
            return within(k.provenanceLabel)
        }
        return "(\(measure); \(a.source) \(a.scopeLabel) vs \(b.source) \(b.scopeLabel); scopes differ)"
    }

    func bridgedNote(_ m: Milestone) -> String { m.bridged ? " [across missing figures]" : "" }

    /// "the largest vehicle exporter", "the second-largest …", "the 12th-largest …".
    func position(_ rank: Int) -> String {
        let words = [
            "", "", "second-", "third-", "fourth-", "fifth-", "sixth-", "seventh-", "eighth-", "ninth-", "tenth-",
        ]
        if rank <= 1 { return "the largest \(noun)" }
        if rank < words.count { return "the \(words[rank])largest \(noun)" }
        return "the \(ordinal(rank))-largest \(noun)"
    }

    func ordinal(_ k: Int) -> String {
        let tens = (k / 10) % 10, ones = k % 10
        let suffix = tens == 1 ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th"
        return "\(k)\(suffix)"
    }

    func name(_ e: Exporter?) -> String { e?.name ?? "" }

    /// `qualifier`: " among the \(entities) with figures (Korea has none for 2022)" when a
    /// contender of the subject has no figure (the rank is then not a plain statement).
    func overtakeSentence(_ m: Milestone, qualifier: String = "") -> String {
        "\(m.periodLabel): \(m.subject.name) (\(fmt(m.value))) overtook \(name(m.rival)) (\(fmt(m.rivalValue))) "
            + "to become \(position(m.rank))\(qualifier) \(provenance(m.subjectSeries, m.rivalSeries))\(bridgedNote(m))"
    }

    /// `unknown`: the earlier periods in which a lead cannot be ruled out ("; China has
    /// none for 2011 and 2014"), for a first-time leader.
    func leaderSentence(_ m: Milestone, unknown: String = "") -> String {
        var s = "\(m.periodLabel): \(m.subject.name) (\(fmt(m.value))) became the largest \(noun)"
        if let r = m.rival { s += ", ahead of \(r.name) (\(fmt(m.rivalValue)))" }
        if m.firstTime {
            let start = m.dataStart?.description ?? m.periodLabel
            if unknown.isEmpty {
                s += ", for the first time in the data, which for \(m.subject.name) start in \(start)"
            } else {
                s +=
                    ", for the first time in the \(periodWord(2)) with figures, which for \(m.subject.name) start in \(start)\(unknown)"
            }
        }
        return s + " \(provenance(m.subjectSeries, m.rivalSeries))\(bridgedNote(m))"
    }

    func leadChangeSentence(_ m: Milestone) -> String {
        "\(m.periodLabel): the lead passed from \(name(m.rival)) (\(fmt(m.rivalValue))) to \(m.subject.name) "
            + "(\(fmt(m.value))) \(provenance(m.subjectSeries, m.rivalSeries))\(bridgedNote(m))"
    }

    /// A record is the highest since the subject's figures start (`start`), and says so;
    /// `gaps` ("2011 and 2014") names the periods without a figure since then.
    func recordSentence(_ m: Milestone, start: String, gaps: String = "") -> String {
        let since =
            gaps.isEmpty
            ? "the highest since its figures start in \(start)"
            : "the highest in the \(periodWord(2)) with figures since \(start); \(m.subject.name) has none for \(gaps)"
        return "\(m.periodLabel): \(m.subject.name) set a record of \(fmt(m.value)), above its previous high of "
            + "\(fmt(m.valueSince)) in \(m.since?.description ?? ""): \(since) "
            + "\(provenance(m.subjectSeries, nil))\(bridgedNote(m))"
    }

    func thresholdSentence(_ m: Milestone) -> String {
        let verb = m.kind == .thresholdUp ? "passed" : "fell below"
        let since = m.since?.description ?? ""
        if m.isShare {
            let p = { (x: Double) in Formatting.percent(x) }
            let level = Formatting.trimZeros(Formatting.fixed(m.level * 100, digits: 2)) + "%"
            return
                "\(m.periodLabel): \(m.subjectSeries.segment.label) exports \(verb) \(level) of \(m.subject.name)'s total "
                + "(\(p(m.value)), from \(p(m.valueSince)) in \(since)) "
                + provenance(m.subjectSeries, nil, measure: "\(m.subjectSeries.segment.label) share of \(metric.name)")
                + bridgedNote(m)
        }
        return
            "\(m.periodLabel): \(m.subject.name) \(verb) \(fmt(m.level)) (\(fmt(m.value)), from \(fmt(m.valueSince)) in \(since)) "
            + "\(provenance(m.subjectSeries, nil))\(bridgedNote(m))"
    }

    func topMoveSentence(_ m: Milestone, rankBefore: Int) -> String {
        let verb = m.kind == .topEntry ? "entered" : "left"
        return "\(m.periodLabel): \(m.subject.name) \(verb) the top \(m.streak) (#\(m.rank), \(fmt(m.value)); "
            + "#\(rankBefore) in \(m.since?.description ?? "")) \(provenance(m.subjectSeries, nil))\(bridgedNote(m))"
    }

    /// `openStart`: why the run may have begun before the data show ("Japan's figures
    /// start in 2010"): the count is then "at least".
    func streakSentence(_ m: Milestone, runEnd: String, openStart: String? = nil) -> String {
        let nth = openStart == nil ? "the \(ordinal(m.streak))" : "at least the \(ordinal(m.streak))"
        let what =
            m.kind == .growthStreak
            ? "\(m.subject.name) grew for \(nth) \(periodWord()) in a row"
            : "\(m.subject.name) was the largest \(noun) for \(nth) \(periodWord()) in a row"
        let atLeast = openStart == nil ? "" : "at least "
        let run =
            m.runLength > m.streak
            ? "; a run of \(atLeast)\(m.runLength) \(periodWord(m.runLength)) through \(runEnd)" : ""
        let open = openStart.map { "; \($0)" } ?? ""
        return
            "\(m.periodLabel): \(what) (\(fmt(m.value))\(run)\(open)) \(provenance(m.subjectSeries, nil))\(bridgedNote(m))"
    }

    /// "2023: China …" -> "China …".
    func dropPeriod(_ s: String) -> String {
        guard let i = s.firstIndex(of: ":") else { return s }
        return String(s[s.index(after: i)...].drop { $0 == " " })
    }

    func lowercasedFirst(_ s: String) -> String { s }
}

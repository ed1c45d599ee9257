import ArgumentParser
import AutoExports

/// One exporter's destinations as the report tells them (section "Where did it go?"): the
/// markets of the latest year with partner figures (`latest`, the core's one-period
/// `explainDestinations`) and the change from the latest earlier comparable year
/// (`change`, the two-period explanation; nil when no earlier year shares a market).
struct DestinationStory {
    var exporter: Exporter
    var from: Period?
    var to: Period
    var latest: DestinationExplanation
    var change: DestinationExplanation?
    /// Why the change is not shown although `from` exists (the core's error).
    var changeFailure: String?
    /// For the headline overtake's subject: would it have passed the rival without its
    /// growth in the market that changed most in the overtake's year (the core's
    /// `explainMarketOvertake`, with its caveat when the two figures are not like for like).
    var counterfactual: MarketCounterfactual?

    /// The lines the table and the chart show: the change's (every market of either year,
    /// the rest of world last), else the latest year's.
    var lines: [DestinationExplanation.Line] { (change ?? latest).lines }
}

extension Story {
    // MARK: 6 — where did it go?

    /// The key of an exporter's destinations section ("where_did_it_go_chn").
    static func destinationsKey(_ e: Exporter) -> String { "where_did_it_go_" + e.code.lowercased() }

    /// The exporters the section follows: the headline's subject and rival (the story's
    /// leaders), then the top two of the units league table; only those with destination
    /// figures by units in a calendar year, at most two.
    static func destinationExporters(_ scope: StoryScope, leaders: [Exporter]) -> [Exporter] {
        var order: [Exporter] = []
        if let h = headline(scope) {
            order.append(h.subject)
            if let r = h.rival { order.append(r) }
        }
        order += leaders.prefix(2)
        var seen = Set<Exporter>()
        return order.filter { seen.insert($0).inserted }
            .filter { e in scope.exporters.map { $0.contains(e) } ?? true }
            .filter { destinationYears(scope.panel, of: $0, upTo: scope.period, choice: scope.choice) != nil }
            .prefix(2).map { $0 }
    }

    /// The years of an exporter's destination story, by units, calendar years only (year-to-
    /// date spans and fiscal years are never compared with them): `to` is the latest year
    /// up to `upTo` with a market's figure and a world total; `from` the latest earlier such
    /// year in which at least one market also has a figure (nil when there is none).
    static func destinationYears(
        _ panel: Panel, of ex: Exporter, upTo: Period?,
        choice: SeriesChoice = .standard
    ) -> (from: Period?, to: Period)? {
        func years(_ s: Int) -> Set<Period> {
            Set(
                panel.observations(of: s).filter { o in
                    o.value.isFinite && o.period.granularity == .year && (upTo.map { o.period <= $0 } ?? true)
                }.map(\.period))
        }
        var byPartner: [Exporter: Set<Period>] = [:]
        for s in panel.seriesIndices(exporter: ex, segment: .total, metric: .units)
        where !panel.series[s].isWorld && choice.admits(panel.series[s]) {
            byPartner[panel.series[s].partner, default: []].formUnion(years(s))
        }
        // The world total the core explains against: the chosen series (SeriesChoice rules).
        guard let total = panel.chosenSeries(exporter: ex, segment: .total, metric: .units, choice: choice) else {
            return nil
        }
        let totals = years(total)
        let withMarkets = byPartner.values.reduce(into: Set<Period>()) { $0.formUnion($1) }
        let usable = withMarkets.intersection(totals).sorted()
        guard let to = usable.last else { return nil }
        let from = usable.dropLast().last { y in byPartner.values.contains { $0.contains(y) && $0.contains(to) } }
        return (from, to)
    }

    /// The core's explanations for one exporter (nil when its latest year cannot be explained).
    static func destinationStory(_ scope: StoryScope, of ex: Exporter) -> DestinationStory? {
        guard let (from, to) = destinationYears(scope.panel, of: ex, upTo: scope.period, choice: scope.choice),
            let latest = try? scope.panel.explainDestinations(
                of: ex, from: nil, to: to, metric: .units, choice: scope.choice)
        else { return nil }
        var d = DestinationStory(exporter: ex, from: from, to: to, latest: latest)
        if let from {
            do {
                d.change = try scope.panel.explainDestinations(
                    of: ex, from: from, to: to, metric: .units, choice: scope.choice)
            } catch {
                d.changeFailure = error.description
            }
        }
        d.counterfactual = marketCounterfactual(scope, of: ex)
        return d
    }

    /// The headline overtake by market: when `ex` is the headline's subject, its market with
    /// figures in the overtake's year and the year before whose figure changed most.
    static func marketCounterfactual(_ scope: StoryScope, of ex: Exporter) -> MarketCounterfactual? {
        guard let h = headline(scope), h.subject == ex, let rival = h.rival, h.period.granularity == .year,
            let prev = h.period.predecessor,
            let e = try? scope.panel.explainDestinations(
                of: ex, from: prev, to: h.period, metric: .units, choice: scope.choice)
        else { return nil }
        let moved = e.lines.filter { !$0.isRestOfWorld && $0.from != nil && $0.to != nil }
            .max { abs(($0.to ?? 0) - ($0.from ?? 0)) < abs(($1.to ?? 0) - ($1.from ?? 0)) }
        guard let partner = moved?.partner else { return nil }
        return try? scope.panel.explainMarketOvertake(
            subject: ex, rival: rival, without: partner, period: h.period,
            previous: prev, metric: .units, choice: scope.choice)
    }

    /// "Russia", or "Rest of world" for the complement line.
    static func marketName(_ l: DestinationExplanation.Line) -> String {
        l.isRestOfWorld ? "Rest of world" : l.partner.name
    }

    /// "GACC, passenger cars" — or, when the two years differ, "2022 GACC, passenger cars;
    /// 2023 CAAM, all vehicles".
    static func provenance(_ l: DestinationExplanation.Line, from: Period?, to: Period) -> String {
        switch (l.fromKey, l.toKey) {
        case let (f?, t?) where f.source == t.source && f.scope == t.scope: return f.provenanceLabel
        case let (f?, t?): return "\(from.map { "\($0) " } ?? "")\(f.provenanceLabel); \(to) \(t.provenanceLabel)"
        case let (f?, nil): return f.provenanceLabel
        case let (nil, t?): return t.provenanceLabel
        default: return l.isRestOfWorld ? "total minus the markets" : "–"
        }
    }

    /// "NEV +50k, conventional −10k" for a line split by powertrain ("" when not split).
    static func powertrainText(_ l: DestinationExplanation.Line) -> String {
        l.bySegment.map { "\($0.segment.label) \(Formatting.signedCompact($0.change))" }.joined(separator: ", ")
    }

    /// The section of one exporter: its markets' table (both years, the change, its share,
    /// source and scope of each figure, a warning beside any line that is not like for
    /// like), sentences no stronger than the coverage, the warnings, the reproducing commands.
    static func destinationsSection(_ d: DestinationStory, number: Int, period: Period? = nil) -> StorySection {
        let ex = d.exporter, name = ex.name
        let c = d.change, from = c?.from, to = d.to
        func n(_ v: Double?) -> String { v.map { Formatting.compact($0) } ?? "–" }
        let title =
            "\(number)  Where did it go? \(name)'s exports by destination, " + (from.map { "\($0)→\(to)" } ?? "\(to)")
        var s = StorySection(key: destinationsKey(ex), title: title)
        let lines = d.lines
        let split = lines.contains { !$0.bySegment.isEmpty }
        var columns: [TextTable.Column] = [.init(title: "market", key: "partner", align: .left)]
        if let from { columns.append(.init(title: "\(from)", key: "from", align: .right)) }
        columns += [
            .init(title: "\(to)", key: "to", align: .right),
            .init(title: "share \(to)", key: "share_of_total", align: .right),
        ]
        if c != nil {
            columns += [
                .init(title: "change", key: "change", align: .right),
                .init(title: "of change", key: "share_of_change", align: .right),
            ]
        }
        if split { columns.append(.init(title: "by powertrain", key: "by_powertrain", align: .left)) }
        columns.append(.init(title: "source · scope", key: "source_scope", align: .left))
        var table = TextTable(columns: columns)
        func row(
            name: String, code: String, from fv: Double?, to tv: Double?,
            share: Double?, change: Double?, changeShare: Double?, indicative: Double?, powertrain: String,
            provenance: String, exact: Bool
        ) -> [TextTable.Cell] {
            var r: [TextTable.Cell] = [TextTable.Cell(name, raw: .string(code))]
            if from != nil { r.append(.number(fv ?? .nan, text: n(fv))) }
            r.append(.number(tv ?? .nan, text: n(tv)))
            r.append(.number(share ?? .nan, text: share.map { Formatting.percent($0) } ?? "–"))
            if c != nil {
                // In the exact split: the change. In its own series (a source or scope other than
                // the total's): the change, marked †. Two figures not like for like: the bare
                // difference, marked ≈ and ⚠, never a change.
                let text =
                    change.map { Formatting.signedCompact($0) + (exact ? "" : " †") }
                    ?? indicative.map { "≈" + Formatting.signedCompact($0) + " ⚠" } ?? "–"
                r.append(.number(change ?? .nan, text: text))
                r.append(.number(changeShare ?? .nan, text: changeShare.map { Formatting.percent($0) } ?? "–"))
            }
            if split { r.append(TextTable.Cell(powertrain)) }
            r.append(TextTable.Cell(provenance))
            return r
        }
        for l in lines {
            let indicative: Double? = l.change == nil ? l.from.flatMap { f in l.to.map { $0 - f } } : nil
            // Of the latest year's total, for the lines of the exact split only (the total's
            // source and scope; the rest of world is the total minus them), so the shares
            // add up to the whole; a share of another count would be of unlike figures.
            let e = c ?? d.latest
            let share = (l.inExactSum || l.isRestOfWorld) && e.totalTo != 0 ? l.to.map { $0 / e.totalTo } : nil
            table.rows.append(
                row(
                    name: marketName(l), code: l.isRestOfWorld ? "ROW" : l.partner.code,
                    from: l.from, to: l.to, share: c == nil ? l.share : share,
                    change: l.change, changeShare: c == nil ? nil : l.share, indicative: indicative,
                    powertrain: powertrainText(l), provenance: provenance(l, from: from, to: to),
                    exact: l.inExactSum || l.isRestOfWorld))
        }
        let totalKey = (c ?? d.latest).total
        table.rows.append(
            row(
                name: "\(name) (world total)", code: "WLD", from: c?.totalFrom, to: d.latest.totalTo,
                share: 1, change: c?.totalChange, changeShare: c?.totalChange.map { _ in 1 }, indicative: nil,
                powertrain: "", provenance: totalKey.provenanceLabel, exact: true))
        // The core's note of each market beside the table, the two-figure cases marked ⚠.
        let oneYear = lines.filter { !$0.isRestOfWorld && ($0.from == nil) != ($0.to == nil) }
        for l in lines where !l.isRestOfWorld && !(c != nil && oneYear.contains(l)) {
            guard let note = l.note else { continue }
            let unlike = c != nil && l.change == nil && l.from != nil && l.to != nil
            table.notes.append("\(marketName(l)): \(note)" + (unlike ? " (marked ⚠)" : ""))
        }
        if let from, !oneYear.isEmpty {
            let only = oneYear.filter { $0.from == nil }.count, gone = oneYear.count - only
            table.notes.append(
                [
                    only > 0
                        ? "\(only) market\(only == 1 ? " has" : "s have") a \(to) figure but none for \(from)" : "",
                    gone > 0
                        ? "\(gone) market\(gone == 1 ? " has" : "s have") a \(from) figure but none for \(to)" : "",
                ]
                .filter { !$0.isEmpty }.joined(separator: "; ") + ": no change, outside the exact split")
        }
        if c != nil, lines.contains(where: { $0.change != nil && !$0.inExactSum && !$0.isRestOfWorld }) {
            table.notes.append(
                "† a change within the market's own source and scope, which are not the total's: outside the exact split"
            )
        }
        if let r = lines.first(where: { $0.isRestOfWorld }) {
            table.footer = "Rest of world: " + (r.note ?? "the total minus the markets in the exact split") + "."
        }
        s.table = table

        // The latest year: claims only as strong as the coverage (rule 5).
        s.lines.append(latestSentence(d))
        if let c {
            s.lines.append(changeSentence(d, c))
            for l in c.lines where l.change == nil && !l.isRestOfWorld {
                guard let f = l.from, let t = l.to else { continue }
                s.lines.append(
                    "Warning: \(name)→\(l.partner.name) \(c.from.map(String.init(describing:)) ?? "")→\(to) is not like for like (\(provenance(l, from: c.from, to: to))): \(n(f)) → \(n(t)), a difference of \(Formatting.signedCompact(t - f)) that is indicative only and left out of the exact sum."
                )
            }
        } else if let from = d.from, let why = d.changeFailure {
            s.lines.append("The change from \(from) is not shown: \(why).")
        } else {
            s.lines.append(
                "No earlier year has a figure for any of these markets, so the change by market is not shown.")
        }
        // The change's warnings; the latest year's only where they add something (its scope
        // warning is the change's, for fewer markets).
        // The scope warning is written here from the lines (a market lacking one year is not
        // a difference of scope; the table's notes say which markets lack a year).
        let e = c ?? d.latest
        let other = e.lines.filter { l in
            !l.isRestOfWorld
                && [l.fromKey, l.toKey].contains { k in
                    k.map { $0.source != e.total.source || $0.scope != e.total.scope } ?? false
                }
        }
        if !other.isEmpty {
            s.lines.append(
                "Warning: sources or scopes differ from the total's (\(e.total.provenanceLabel)) for "
                    + other.map(\.partner.name).joined(separator: ", ")
                    + ": outside the exact split, each beside its line.")
        }
        let coreWarnings = ((c?.warnings ?? []) + d.latest.warnings).filter {
            !$0.hasPrefix("sources or scopes differ")
        }
        for w in coreWarnings where !s.lines.contains("Warning: \(w)") {
            s.lines.append("Warning: \(w)")
        }
        if let m = d.counterfactual {
            s.lines.append(
                "Would \(name) have passed \(m.rival.exporter.name) in \(m.period) without \(m.partner.name)? \(m.sentence)"
            )
        }
        s.lines.append(
            "Reproduce: autoexports explain \(ex.code) "
                + (c?.from.map { "--from \($0) --to \(to)" } ?? "--period \(to)") + " --by partner"
                + (c != nil
                    ? "; autoexports chart destinations \(ex.code)" + (period == nil ? "" : " --period \(to)") : "")
                + (d.counterfactual.map {
                    "; autoexports explain \(ex.code) \($0.rival.exporter.code) --period \($0.period) --without \($0.partner.code)"
                } ?? ""))
        s.facts = [
            ("exporter", .string(ex.code)), ("from", c?.from.map { .string($0.description) } ?? .null),
            ("to", .string(to.description)), ("latest", d.latest.json),
        ]
        if let c { s.facts.append(("change", c.json)) }
        if let m = d.counterfactual { s.facts.append(("market_counterfactual", m.json)) }
        return s
    }

    /// "In 2023, Russia was China's largest market among the 3 markets with a figure: …".
    static func latestSentence(_ d: DestinationStory) -> String {
        let e = d.latest, name = d.exporter.name
        let markets = e.lines.filter { !$0.isRestOfWorld && ($0.to.map(\.isFinite) ?? false) }
            .sorted { ($0.to ?? 0) > ($1.to ?? 0) }
        let total = "\(Formatting.compact(e.totalTo)) (\(e.total.provenanceLabel))"
        guard let top = markets.first, let v = top.to else {
            return "\(name) has no market with a \(e.to) figure by units."
        }
        let topKey = top.toKey
        let sameScope = markets.allSatisfy { $0.toKey?.source == e.total.source && $0.toKey?.scope == e.total.scope }
        let topText = "\(Formatting.compact(v))" + (topKey.map { " (\($0.provenanceLabel))" } ?? "")
        var out: String, largestWhatever = ""
        let row = e.lines.first { $0.isRestOfWorld }
        if markets.count == 1 {
            out = "In \(e.to), \(top.partner.name) is the only market of \(name) with a figure: \(topText)"
        } else if sameScope, let r = row?.to, r.isFinite, r < v {
            // Every other market together took less than this one: the largest, whatever the gaps.
            out = "In \(e.to), \(top.partner.name) was \(name)'s largest market: \(topText)"
            largestWhatever = " (all other markets together took \(Formatting.compact(r)), less than it)"
        } else {
            out =
                "In \(e.to), \(top.partner.name) was \(name)'s largest market among the \(markets.count) markets with a figure: \(topText)"
        }
        if let share = top.share, share.isFinite {
            out += ", \(Formatting.percent(share)) of \(name)'s \(total)"
            if topKey.map({ $0.source != e.total.source || $0.scope != e.total.scope }) ?? false {
                out += " (a share across different sources or scopes, indicative only)"
            }
        } else {
            out += "; \(name)'s total: \(total)"
        }
        out += largestWhatever
        // Markets counted by different sources or scopes: their order is not a like-for-like ranking.
        let kinds = markets.compactMap(\.toKey).reduce(into: [String]()) { acc, k in
            if !acc.contains(k.provenanceLabel) { acc.append(k.provenanceLabel) }
        }
        if kinds.count > 1 {
            out +=
                "; the markets' figures come from \(kinds.count) different sources or scopes (\(kinds.joined(separator: "; "))), so their order is indicative"
        }
        if markets.count > 1 {
            let sum = markets.compactMap(\.to).reduce(0, +)
            out +=
                "; the \(markets.count) markets with a figure add up to \(Formatting.compact(sum))"
                + (sameScope
                    ? ", \(Formatting.percent(sum / e.totalTo)) of the total"
                    : " (sources or scopes differ from the total's)")
        }
        return out + "."
    }

    /// "2022→2023: China's exports rose by +1.80M (CAAM, all vehicles). In the exact split
    /// …; outside it, each in its own source and scope: …; not like for like: Russia".
    static func changeSentence(_ d: DestinationStory, _ c: DestinationExplanation) -> String {
        let name = d.exporter.name
        guard let tc = c.totalChange, let from = c.from else {
            return "\(name)'s total has no figure for both years: the change by market cannot be split."
        }
        let verb = tc > 0 ? "rose by" : tc < 0 ? "fell by" : "did not change:"
        var out =
            "\(from)→\(c.to): \(name)'s exports \(verb) \(Formatting.signedCompact(tc)) (\(c.total.provenanceLabel))"
        let exact = c.lines.filter { $0.change != nil && ($0.inExactSum || $0.isRestOfWorld) }
        if exact.contains(where: { !$0.isRestOfWorld }) {
            out +=
                "; in the exact split (the total's source and scope): "
                + exact.map { l in
                    "\((l.isRestOfWorld ? "rest of world" : l.partner.name)) \(Formatting.signedCompact(l.change ?? .nan))"
                        + (l.share.map { " (\(Formatting.percent($0, digits: 0)) of the change)" } ?? "")
                }.joined(separator: ", ")
        } else {
            out +=
                "; no market has figures of the total's source and scope in both years, so none of the change is split exactly"
        }
        let own = c.lines.filter { $0.change != nil && !$0.inExactSum && !$0.isRestOfWorld }
        if !own.isEmpty {
            out +=
                "; each in its own source and scope, outside the exact split: "
                + own.map { l in
                    "\(l.partner.name) \(Formatting.signedCompact(l.change ?? .nan))"
                        + (l.fromKey.map { " (\($0.provenanceLabel))" } ?? "")
                }.joined(separator: ", ")
        }
        let unlike = c.lines.filter { $0.change == nil && $0.from != nil && $0.to != nil && !$0.isRestOfWorld }
        if !unlike.isEmpty {
            out +=
                "; not like for like between the two years, so no change is given: "
                + unlike.map(\.partner.name).joined(separator: ", ")
        }
        return out + "."
    }
}

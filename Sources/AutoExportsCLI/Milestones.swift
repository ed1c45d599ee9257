import ArgumentParser
import AutoExports

#if canImport(FoundationEssentials)
    import FoundationEssentials  // not Foundation: keeps ICU out of the static CLI (EssentialsIO.swift)
#else
    import Foundation
#endif

/// `autoexports milestones`: the timeline of milestones, newest first.
struct Milestones: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List milestones (overtakes, new leaders, records, thresholds, top-N moves, streaks), newest first.",
        discussion: """
            Every milestone is one sentence with the figures that prove it. Changes that come
            only from a series starting, ending or skipping a period are listed as notes, not
            milestones.

            Kinds: overtake, new_leader, first_time_leader, lead_change, record_high,
            threshold_up, threshold_down, top_entry, top_exit, growth_streak, leader_streak.

            Examples:
              autoexports milestones                                 # units, every kind
              autoexports milestones --kinds overtake,new_leader --exporters CHN,JPN,DEU,KOR
              autoexports milestones --metric usd --bridge-gaps      # compare across missing years
              autoexports milestones --kinds threshold_up --levels 5000000 --format json
              autoexports milestones --margin 0.05 --confirm 1       # a pass needs a 5% lead, held a year
              autoexports milestones --exporter CHN                  # milestones among China's markets
            With --exporter X the milestones are those of X's destination markets ("Russia
            became the largest market for China's vehicle exports among the markets with
            figures"): ranks among the markets the data cover, never all of X's markets;
            --exporters then restricts the markets.
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var out: OutputOptions

    @Option(help: "Comma-separated kinds (default: every kind).")
    var kinds: String?

    @Option(help: "Minimum relative margin for a pass, e.g. 0.05 (within it counts as a tie).")
    var margin: Double = 0

    @Option(name: .customLong("confirm"), help: "Periods an event must hold afterwards to be reported.")
    var confirmation: Int = 0

    @Option(name: .customLong("top-n"), help: "N of top-N entries and exits.")
    var topN: Int = 3

    @Option(name: .customLong("pair-top-n"), help: "Report only overtakes that end in the top N.")
    var pairTopN: Int?

    @Option(
        help:
            "Comma-separated absolute levels for threshold crossings (default: 1M,2M,5M,10M units; $10B,$50B,$100B,$200B)."
    )
    var levels: String?

    @Option(
        name: .customLong("share-levels"),
        help: "Comma-separated share levels of --share-segment in the total, e.g. 0.1,0.25,0.5.")
    var shareLevels: String = "0.1,0.25,0.5"

    @Option(name: .customLong("share-segment"), help: "The segment whose share --share-levels watch.")
    var shareSegment: String = "nev"

    @Option(help: "k of streaks (k periods of growth, k periods at #1).")
    var streak: Int = 3

    @Flag(name: .customLong("bridge-gaps"), help: "Compare across missing figures (such events are flagged).")
    var bridgeGaps = false

    @Option(
        name: .customLong("ytd-month"), help: "Compare year-to-date sums of monthly data, January to this month (1-12)."
    )
    var ytdMonth: Int?

    @Flag(name: .customLong("no-notes"), help: "Leave out the coverage notes.")
    var noNotes = false

    @Option(help: "The milestones of this exporter's destination markets (code or name), e.g. CHN.")
    var exporter: String?

    func options() throws -> MilestoneOptions {
        var o = MilestoneOptions()
        o.metric = try data.parsedMetric()
        o.segment = try data.parsedSegment()
        o.granularity = try data.parsedGranularity()
        o.choice = data.choice
        o.exporters = try data.parsedExporters()
        if let exporter {
            guard let e = Exporter.resolve(exporter) else {
                throw ValidationError("unknown exporter '\(exporter)' in --exporter" + Exporter.didYouMean(exporter))
            }
            o.marketsOf = e
        }
        if let kinds {
            o.kinds = Set(
                try kinds.split(separator: ",").map { k in
                    guard let kind = MilestoneKind(name: String(k)) else {
                        throw ValidationError(
                            "unknown kind '\(k)' in --kinds (\(MilestoneKind.allCases.map(\.description).joined(separator: "|")))"
                        )
                    }
                    return kind
                })
        }
        o.margin = margin
        o.confirmation = confirmation
        o.topN = topN
        o.pairTopN = pairTopN
        if let levels { o.levels = try numbers(levels, "--levels") }
        o.shareLevels = try numbers(shareLevels, "--share-levels")
        guard let s = Segment(name: shareSegment) else {
            throw ValidationError("unknown --share-segment '\(shareSegment)'")
        }
        o.shareSegment = s
        o.streak = streak
        o.bridgingGaps = bridgeGaps
        o.yearToDateMonth = ytdMonth
        return o
    }

    func numbers(_ text: String, _ option: String) throws -> [Double] {
        try text.split(separator: ",").map { part in
            guard let x = Double(part.trimmingWhitespaces()) else {
                throw ValidationError("'\(part)' in \(option) is not a number")
            }
            return x
        }
    }

    func run() throws {
        let report: MilestoneReport
        let panel = try data.panel()
        let o = try options()
        do {
            report = try panel.milestones(o)
        } catch {
            throw ValidationError(
                error.description
                    + data.granularityHint(panel, metric: o.metric, segment: o.segment, exporters: o.exporters))
        }
        data.warnAbsentExporters(in: panel, metric: o.metric, segment: o.segment)
        var events = Array(report.milestones.reversed())  // newest first
        var notes = noNotes ? [] : Array(report.notes.reversed())
        if let p = try data.parsedPeriod() {
            events = events.filter { $0.period == p }
            notes = notes.filter { $0.period == p }
        }
        if let top = data.top { events = Array(events.prefix(max(0, top))) }
        if out.format == .json {
            var j = report
            j.milestones = events
            j.notes = notes
            try out.emit(j.json.rendered + "\n")
            return
        }
        var table = TextTable(
            title:
                "Milestones\(report.marketsOf.map { " of \($0.name)'s markets" } ?? ""): \(report.segment == .total ? "" : report.segment.label + " ")\(report.metric.name), "
                + "\(report.periodLabels.first ?? "")–\(report.periodLabels.last ?? ""), newest first",
            columns: out.format == .csv
                ? csvColumns
                : [
                    .init(title: "Period", key: "period", align: .left),
                    .init(title: "Kind", key: "kind", align: .left),
                    .init(title: "Milestone", key: "sentence", align: .left),
                ])
        for m in events {
            if out.format == .csv {
                table.rows.append(csvRow(m))
            } else {
                let sentence = String(m.sentence.dropFirst(m.periodLabel.count + 2))
                table.rows.append([
                    .init(m.periodLabel), .init(m.kind.description), .init(sentence, raw: .string(m.sentence)),
                ])
            }
        }
        if out.format != .csv { table.notes = notes.map(\.sentence) }
        if report.hasMixedScopes {
            table.footer =
                "Series of different scopes are compared (e.g. all vehicles vs passenger cars); such events say so."
        }
        if events.isEmpty && out.format == .table {
            table.footer = (table.footer.map { $0 + "\n" } ?? "") + "No milestones."
        }
        try out.emit(table.render(out.format, color: out.useColor))
    }

    var csvColumns: [TextTable.Column] {
        [
            "period", "kind", "subject", "rival", "value", "rival_value", "since", "value_since", "rival_value_since",
            "crossing", "level", "rank", "bridged", "scope_warning", "sentence",
        ].map { .init(title: $0, key: $0, align: .left) }
    }

    func csvRow(_ m: Milestone) -> [TextTable.Cell] {
        func num(_ x: Double) -> TextTable.Cell { .number(x, text: x.isNaN ? "" : JSON.numberText(x)) }
        return [
            .init(m.periodLabel), .init(m.kind.description), .init(m.subject.code),
            .init(m.rival?.code ?? "", raw: .string(m.rival?.code)),
            num(m.value), num(m.rivalValue), .init(m.since?.description ?? "", raw: .string(m.since?.description)),
            num(m.valueSince), num(m.rivalValueSince), num(m.crossing), num(m.level),
            num(m.rank > 0 ? Double(m.rank) : .nan), .init(m.bridged ? "true" : "false", raw: .bool(m.bridged)),
            .init(m.scopeWarning ? "true" : "false", raw: .bool(m.scopeWarning)), .init(m.sentence),
        ]
    }
}

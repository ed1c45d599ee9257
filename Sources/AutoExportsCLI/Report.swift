import ArgumentParser
import AutoExports

/// `autoexports report` (the default): the story of the embedded data in one screen —
/// who leads, what changed, why, and what comes next.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the report on the data (the default command).",
        discussion: """
            Sections: (1) the latest year's league table by units, with each row's source
            and scope and the scope warnings; (2) the milestone timeline, the headline
            overtake first; (3) "Was it EVs?": the headline overtake under two
            counterfactuals and the growth by powertrain; (4) the league table by value;
            (5) a projection: when China's NEV exports alone would pass Japan's total;
            (6, 7) "Where did it go?": the leading exporters' markets in the latest year
            with destination figures and the change from the year before that shares a
            market, each figure with its source (only when the data have destinations).

            Examples:
              autoexports                         # the report on the embedded data
              autoexports report --format markdown --output report.md
              autoexports report --format json
              autoexports report --period 2024 --top 3     # the tables of 2024, three rows each
              autoexports report --source GACC             # China's customs figures where given
              autoexports report --input my.csv            # the same story on your data

            --period sets the year of the league tables (the value table uses the latest
            year up to it) and ends the milestones and the EV story there; the projection
            always starts from the latest data. --source, --scope and --exporters choose
            the series everywhere; --top cuts the league tables.
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var out: OutputOptions

    func run() throws {
        if out.format == .csv {
            throw ValidationError(
                "the report has several tables; use --format table|markdown|json|html, or a subcommand for CSV")
        }
        try data.refuse(
            ["--metric"], in: "report",
            because: "it shows units (sections 1-3, 5) and value (section 4); use `rank --metric`")
        try data.refuse(
            ["--segment"], in: "report", because: "it ranks totals and explains them by segment; use `rank --segment`")
        if case let g = try data.parsedGranularity(), g != .year {
            throw ValidationError(
                "--granularity \(g) does not apply to report: it tells the story by year; use `rank --granularity`")
        }
        let period = try data.parsedPeriod()
        if let p = period, p.granularity != .year {
            throw ValidationError(
                "--period \(p) does not apply to report: it tells the story by year (e.g. --period 2024)")
        }
        let scope = StoryScope(
            panel: try data.panel(), choice: data.choice, exporters: try data.parsedExporters(),
            period: period, top: data.top)
        data.warnAbsentExporters(in: scope.panel, metric: .units, segment: .total, period: period)
        let story = try Story.build(scope)
        if out.format == .html {  // the page: HTMLReport.swift
            try out.emit(
                HTMLReport(story: story, scope: scope, command: HTMLReport.command(CommandLine.arguments)).render())
            return
        }
        try out.emit(story.render(out.format, color: out.useColor))
    }
}

/// Why a report section cannot be filled (see `StorySection.missing`).
struct NotShown: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

/// The report's content, computed once and rendered in any format.
struct Story {
    var heading: String
    var sections: [StorySection]

    func render(_ format: OutputFormat, color: Bool) -> String {
        switch format {
        case .json:
            return JSON.object([
                ("title", .string(heading)),
                ("sections", .array(sections.map(\.json))),
            ]).rendered + "\n"
        case .markdown:
            return "# \(MarkdownText.escape(heading))\n\n"
                + sections.map { $0.render(.markdown, color: false) }.joined(separator: "\n")
        default:
            return Terminal.bold(heading, color) + "\n\n"
                + sections.map { $0.render(.table, color: color) }.joined(separator: "\n")
        }
    }
}

/// One numbered section: a title, sentences, and optionally a table.
struct StorySection {
    var key: String
    var title: String
    var lines: [String] = []
    var table: TextTable?
    /// Extra machine-readable facts for JSON (e.g. the counterfactual values).
    var facts: [(String, JSON)] = []
    /// Why the section could not be filled from the data (nil: it was). Such a section is
    /// still shown, with this reason: "Not shown: …" in text and Markdown, `"missing"` in
    /// JSON, a warning paragraph in HTML.
    var missing: String?

    /// A section the data cannot fill, saying why.
    static func missing(key: String, title: String, why: String) -> StorySection {
        var s = StorySection(key: key, title: title)
        s.missing = why
        s.lines = ["Not shown: " + why + "."]
        return s
    }

    func render(_ format: OutputFormat, color: Bool) -> String {
        var out = ""
        if format == .markdown {
            out += "## \(MarkdownText.escape(title))\n\n"
            if let table { out += table.render(.markdown) + "\n" }
            for l in lines { out += "- \(MarkdownText.escape(l))\n" }
            return out
        }
        out += Terminal.bold(title, color) + "\n"
        if let table { out += indent(table.render(.table, color: color)) }
        for l in lines { out += indent(wrap(l, width: 92)) }
        return out
    }

    var json: JSON {
        var obj: [(String, JSON)] = [("key", .string(key)), ("title", .string(title))]
        if let table { obj.append(("table", table.renderJSON())) }
        obj.append(("lines", .array(lines.map { .string($0) })))
        if let missing { obj.append(("missing", .string(missing))) }
        obj += facts
        return .object(obj)
    }

    func indent(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
            .joined(separator: "\n")
            + (s.hasSuffix("\n") ? "" : "\n")
    }

    /// Word-wraps one paragraph; continuation lines are indented two more spaces.
    func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var cur = ""
        for word in text.split(separator: " ") {
            if cur.count + word.count + 1 > width && !cur.isEmpty {
                lines.append(cur)
                cur = "  " + word
            } else {
                cur += (cur.isEmpty ? "" : " ") + word
            }
        }
        if !cur.isEmpty { lines.append(cur) }
        return lines.joined(separator: "\n") + "\n"
    }
}

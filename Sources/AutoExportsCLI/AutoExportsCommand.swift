import ArgumentParser
import AutoExports

/// `autoexports`: rankings, milestones and EV attribution of national vehicle exports.
struct AutoExportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoexports",
        abstract: "Rank vehicle exporters, find milestones, explain them by powertrain.",
        discussion: """
            With no subcommand, prints a report on the embedded reference dataset of cited
            export figures: who leads, what changed, why, and what comes next.

            Every subcommand takes the same options: --input FILE --input-format
            tidy|wide|comtrade, --metric, --segment, --period, --granularity, --source,
            --scope, --exporters, --top, --format table|markdown|csv|json, --output FILE.
            An option that does not apply to a subcommand is refused with the reason.
            --output FILE takes its format from the extension (.csv, .json, .md, .html,
            .txt; .svg for chart) unless --format says it; the two must agree.
            A misspelt exporter gets a suggestion ("did you mean JPN (Japan)?"); an
            exporter of --exporters without figures is named on stderr, not dropped
            silently. A report over your own data keeps every section: one the data
            cannot fill says "Not shown:" and why.
            Exit status: 0 on success, 1 on a data or usage error (one line on stderr).
            Progress of reading an --input above 8 MB shows on stderr when it is a terminal.

            Examples:
              autoexports                                   # the report on the embedded data
              autoexports rank --period 2024 --metric usd   # the league table by value
              autoexports milestones --kinds overtake
              autoexports explain CHN JPN --period 2023     # was it EVs?
              autoexports project CHN:nev JPN               # when would NEVs alone pass Japan?
              autoexports chart bump --output ranks.svg
              autoexports data list --input my.csv --input-format wide
            """,
        version: AutoExportsVersion.string,
        subcommands: [
            Report.self, Rank.self, Chart.self, Milestones.self, Explain.self, Project.self, DataCommand.self,
        ],
        defaultSubcommand: Report.self
    )
}

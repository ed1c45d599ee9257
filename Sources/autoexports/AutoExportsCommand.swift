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
            """,
        version: AutoExportsVersion.string,
        subcommands: [Report.self, Rank.self, Chart.self, Milestones.self, Explain.self, Project.self, DataCommand.self],
        defaultSubcommand: Report.self
    )
}

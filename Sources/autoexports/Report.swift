import ArgumentParser
import AutoExports

/// `autoexports report` (the default): the story of the embedded data.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the report on the embedded data (the default command).")

    func run() throws {
        print("autoexports \(AutoExportsVersion.string) — vehicle export rankings and milestones")
        print("The full report lands with the data, ranking and milestone work; try:")
        print("  autoexports rank 30 20 20 10 --method competition")
    }
}

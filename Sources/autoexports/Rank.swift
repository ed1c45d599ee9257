import ArgumentParser
import AutoExports

/// `autoexports rank`: rank numbers given on the command line.
struct Rank: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank values with a tie method.",
        discussion: """
            Examples:
              autoexports rank 30 20 20 10 --method competition     # 1 2 2 4
              autoexports rank 30 20 20 10 --method average         # 1 2.5 2.5 4
              autoexports rank 3 nan 1 --ascending --na-option bottom
            """)

    @Argument(help: "The values to rank; 'nan' is missing.")
    var values: [String] = []

    @Option(help: "Tie method: competition|competition_max|fractional|dense|ordinal, or pandas' min|max|average|first.")
    var method: String = "competition"

    @Flag(help: "Rank the smallest value first (default: largest first, as in a league table).")
    var ascending = false

    @Option(name: .customLong("na-option"), help: "Missing values: keep|top|bottom.")
    var naOption: String = "keep"

    func run() throws {
        guard let m = RankMethod(name: method) else {
            throw ValidationError("unknown --method '\(method)'")
        }
        guard let na = MissingPolicy(name: naOption) else {
            throw ValidationError("unknown --na-option '\(naOption)'")
        }
        var xs: [Double] = []
        for (i, s) in values.enumerated() {
            guard let x = Double(s) else {
                throw ValidationError("value \(i + 1) '\(s)' is not a number")
            }
            xs.append(x)
        }
        let r = Ranking.ranks(of: xs, method: m, order: ascending ? .ascending : .descending, missing: na)
        print(r.map(formatRank).joined(separator: " "))
    }
}

/// "2" for whole ranks, "2.5" otherwise, "nan" for missing.
func formatRank(_ r: Double) -> String {
    if r.isNaN { return "nan" }
    if r == r.rounded() && abs(r) < 1e15 { return String(Int(r)) }
    return String(r)
}

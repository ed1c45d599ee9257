import ArgumentParser
import AutoExports

/// The options every data subcommand shares: where the data comes from and what to look at.
struct DataOptions: ParsableArguments {
    @Option(help: "Read this file instead of the embedded reference data.")
    var input: String?

    @Option(name: .customLong("input-format"), help: "Format of --input: tidy|wide|comtrade.")
    var inputFormat: String = "tidy"

    @Option(help: "units, or a currency such as usd.")
    var metric: String = "units"

    @Option(help: "Powertrain segment: total|nev|plugin|conventional|bev|phev|fcev|hev|ice|other.")
    var segment: String = "total"

    @Option(help: "The period to look at, e.g. 2024, 2024-Q1, 2024-03 (default: the latest).")
    var period: String?

    @Option(help: "year|quarter|month.")
    var granularity: String = "year"

    @Option(help: "Use only series from this source (e.g. CAAM, GACC).")
    var source: String?

    @Option(help: "Use only series with this scope (e.g. all_vehicles).")
    var scope: String?

    @Option(help: "Comma-separated exporters (codes or names), e.g. CHN,JPN,DEU.")
    var exporters: String?

    @Option(help: "Show only the first N rows.")
    var top: Int?

    func parsedMetric() throws -> Metric {
        guard let m = Metric(name: metric) else { throw ValidationError("unknown --metric '\(metric)' (units or a currency code such as usd)") }
        return m
    }

    func parsedSegment() throws -> Segment {
        guard let s = Segment(name: segment) else {
            throw ValidationError("unknown --segment '\(segment)' (\(Segment.allCases.map(\.description).joined(separator: "|")))")
        }
        return s
    }

    func parsedGranularity() throws -> Granularity {
        guard let g = Granularity(name: granularity) else { throw ValidationError("unknown --granularity '\(granularity)' (year|quarter|month)") }
        return g
    }

    func parsedPeriod() throws -> Period? {
        guard let period else { return nil }
        guard let p = Period(parsing: period) else { throw ValidationError("bad --period '\(period)' (e.g. 2024, 2024-Q1, 2024-03)") }
        return p
    }

    func parsedExporters() throws -> [Exporter]? {
        guard let exporters else { return nil }
        return try exporters.split(separator: ",").map { part in
            let t = String(part)
            guard let e = Exporter.resolve(t) else { throw ValidationError("unknown exporter '\(t)' in --exporters") }
            return e
        }
    }

    /// The series choice implied by --source and --scope.
    var choice: SeriesChoice { SeriesChoice(source: source, scope: scope) }

    /// The panel to work on: --input, or the embedded reference data with derived
    /// complements (conventional = total − nev).
    func panel() throws -> Panel {
        if let input {
            return try loadInput(path: input, format: inputFormat)
        }
        return ReferenceData.completedPanel
    }

    /// The selection for --metric, --segment, --granularity, --source, --scope, --exporters.
    func selection(in panel: Panel) throws -> Selection {
        try panel.select(metric: try parsedMetric(), segment: try parsedSegment(),
                         granularity: try parsedGranularity(), choice: choice,
                         exporters: try parsedExporters())
    }
}

/// Where output goes and in which format.
struct OutputOptions: ParsableArguments {
    @Option(help: "table|markdown|csv|json.")
    var format: OutputFormat = .table

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    /// Writes `text` to --output or standard output.
    func emit(_ text: String) throws {
        try writeOutput(text, to: output)
    }

    /// Colour is used only for tables written to a terminal, and never when NO_COLOR is set.
    var useColor: Bool { format == .table && output == nil && Terminal.stdoutSupportsColor }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, csv, json
}

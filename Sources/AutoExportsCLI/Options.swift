import ArgumentParser
import AutoExports

/// The options every subcommand shares: where the data comes from and what to look at.
///
/// Every subcommand takes them all. An option a subcommand cannot use is refused with one
/// line saying why (`refuse(_:because:)`), never silently ignored; so the stored values
/// are optional and the defaults live in the `parsed…` accessors.
struct DataOptions: ParsableArguments {
    @Option(help: "Read this file instead of the embedded reference data.")
    var input: String?

    @Option(name: .customLong("input-format"), help: "Format of --input: tidy|wide|comtrade (default: tidy).")
    var inputFormat: String?

    @Option(help: "units, or a currency such as usd (default: units).")
    var metric: String?

    @Option(help: "Powertrain segment: total|nev|plugin|conventional|bev|phev|fcev|hev|ice|other (default: total).")
    var segment: String?

    @Option(help: "The period to look at, e.g. 2024, 2024-Q1, 2024-03 (default: the latest).")
    var period: String?

    @Option(help: "year|quarter|month (default: year).")
    var granularity: String?

    @Option(help: "Use only series from this source (e.g. CAAM, GACC).")
    var source: String?

    @Option(help: "Use only series with this scope (e.g. all_vehicles).")
    var scope: String?

    @Option(help: "Comma-separated exporters (codes or names), e.g. CHN,JPN,DEU.")
    var exporters: String?

    @Option(help: "Show only the first N rows.")
    var top: Int?

    func validate() throws {
        if let top, top < 1 { throw ValidationError("--top must be at least 1, not \(top)") }
        if let inputFormat {
            guard ImportFormat(name: inputFormat) != nil else {
                throw ValidationError("unknown --input-format '\(inputFormat)' (tidy|wide|comtrade)")
            }
        }
    }

    /// The options of this group that were given, by their command-line name.
    var given: [String] {
        var g: [String] = []
        if input != nil { g.append("--input") }
        if inputFormat != nil { g.append("--input-format") }
        if metric != nil { g.append("--metric") }
        if segment != nil { g.append("--segment") }
        if period != nil { g.append("--period") }
        if granularity != nil { g.append("--granularity") }
        if source != nil { g.append("--source") }
        if scope != nil { g.append("--scope") }
        if exporters != nil { g.append("--exporters") }
        if top != nil { g.append("--top") }
        return g
    }

    /// Fails with one line when one of `names` was given: "--segment does not apply to
    /// explain: …".
    func refuse(_ names: [String], in command: String, because why: String) throws {
        if let name = given.first(where: names.contains) {
            throw ValidationError("\(name) does not apply to \(command): \(why)")
        }
    }

    func parsedMetric() throws -> Metric {
        let name = metric ?? "units"
        guard let m = Metric(name: name) else { throw ValidationError("unknown --metric '\(name)' (units or a currency code such as usd)") }
        return m
    }

    func parsedSegment() throws -> Segment {
        let name = segment ?? "total"
        guard let s = Segment(name: name) else {
            throw ValidationError("unknown --segment '\(name)' (\(Segment.allCases.map(\.description).joined(separator: "|")))")
        }
        return s
    }

    func parsedGranularity() throws -> Granularity {
        let name = granularity ?? "year"
        guard let g = Granularity(name: name) else { throw ValidationError("unknown --granularity '\(name)' (year|quarter|month)") }
        return g
    }

    func parsedPeriod() throws -> Period? {
        guard let period else { return nil }
        guard let p = Period(parsing: period) else { throw ValidationError("bad --period '\(period)' (e.g. 2024, 2024-Q1, 2024-03)") }
        if granularity != nil, p.granularity != (try parsedGranularity()) {
            throw ValidationError("--period \(period) is a \(p.granularity) but --granularity is \(granularity ?? "")")
        }
        return p
    }

    func parsedExporters() throws -> [Exporter]? {
        guard let exporters else { return nil }
        do {
            return try Exporter.parseList(exporters)
        } catch {
            if case .unknown(let name) = error { throw ValidationError("unknown exporter '\(name)' in --exporters") }
            throw ValidationError("--exporters: \(error)")
        }
    }

    /// The series choice implied by --source and --scope.
    var choice: SeriesChoice { SeriesChoice(source: source, scope: scope) }

    /// The panel to work on: --input, or the embedded reference data with derived
    /// complements (conventional = total − nev).
    func panel() throws -> Panel {
        try requireInputForFormat()
        if let input {
            return try loadInput(path: input, format: inputFormat ?? "tidy", options: try importOptions(policy: .strict))
        }
        return ReferenceData.completedPanel
    }

    /// How to read --input: for a wide CSV, --metric, --segment, --source and --scope also
    /// say what its cells hold (a tidy CSV names them in its columns; Comtrade takes the
    /// source and scope).
    func importOptions(policy: ImportPolicy) throws -> ImportOptions {
        var o = ImportOptions(policy: policy)
        o.metric = try parsedMetric()
        o.segment = try parsedSegment()
        o.source = source
        o.scope = scope
        o.maxRejections = 100_000
        return o
    }

    /// --input-format says how to read --input; alone it would be silently ignored.
    func requireInputForFormat() throws {
        if inputFormat != nil && input == nil {
            throw ValidationError("--input-format applies only with --input FILE (the embedded data need no format)")
        }
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
    @Option(name: .customLong("format"), help: "table|markdown|csv|json|html (default: table; html: a self-contained page for report, an HTML table elsewhere).")
    var formatOption: OutputFormat?

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    /// The format asked for, a table by default.
    var format: OutputFormat { formatOption ?? .table }

    /// Writes `text` to --output or standard output.
    func emit(_ text: String) throws {
        try writeOutput(text, to: output)
    }

    /// Colour is used only for tables written to a terminal, and never when NO_COLOR is set.
    var useColor: Bool { format == .table && output == nil && Terminal.stdoutSupportsColor }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, csv, json, html
}

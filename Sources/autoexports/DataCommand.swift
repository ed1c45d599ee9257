import ArgumentParser
import AutoExports

/// `autoexports data`: the data itself — list, show, validate and convert.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "List, show, validate and convert export data.",
        discussion: """
            Without --input the embedded reference dataset of cited figures is used.
            Examples:
              autoexports data list
              autoexports data show CHN
              autoexports data validate my.csv
              autoexports data convert comtrade.csv --input-format comtrade --to csv
            """,
        subcommands: [DataList.self, DataShow.self, DataValidate.self, DataConvert.self])
}

/// Where a data subcommand reads from.
struct DataSource: ParsableArguments {
    @Option(help: "Read this CSV file instead of the embedded reference data.")
    var input: String?

    @Option(name: .customLong("input-format"), help: "Format of --input: tidy|wide|comtrade.")
    var inputFormat: String = "tidy"

    /// The published rows (no derived complements: this is the data as given).
    func panel() throws -> Panel {
        guard let input else { return ReferenceData.panel }
        do {
            return try importFile(path: input, format: inputFormat, options: ImportOptions(policy: .strict)).panel
        } catch let error as ImportError {
            throw ValidationError("\(input): \(error.rejection)")
        }
    }
}

/// What a wide CSV's cells hold, and how to treat bad rows.
struct ImportFlags: ParsableArguments {
    @Option(name: .customLong("input-format"), help: "tidy|wide|comtrade.")
    var inputFormat: String = "tidy"

    @Option(help: "Wide CSV: the metric of every cell (units, usd, …).")
    var metric: String = "units"

    @Option(help: "Wide CSV: the segment of every cell.")
    var segment: String = "total"

    @Option(help: "Wide CSV and Comtrade: the source of the series.")
    var source: String?

    @Option(help: "Wide CSV and Comtrade: the scope of the series.")
    var scope: String?

    func options(policy: ImportPolicy) throws -> ImportOptions {
        var o = ImportOptions(policy: policy)
        guard let m = Metric(name: metric) else { throw ValidationError("unknown --metric '\(metric)'") }
        guard let s = Segment(name: segment) else { throw ValidationError("unknown --segment '\(segment)'") }
        o.metric = m
        o.segment = s
        o.source = source
        o.scope = scope
        o.maxRejections = 100_000
        return o
    }
}

/// `autoexports data list`: every series with source, scope, years and row count.
struct DataList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the series: exporter, segment, metric, source, scope, years, rows.")

    @OptionGroup var source: DataSource
    @OptionGroup var output: OutputOptions

    func run() throws {
        let panel = try source.panel()
        var t = TextTable(title: "Series (\(panel.series.count) series, \(panel.rowCount) rows)",
                          columns: [.init(title: "exporter", key: "exporter", align: .left),
                                    .init(title: "name", key: "name", align: .left),
                                    .init(title: "segment", key: "segment", align: .left),
                                    .init(title: "metric", key: "metric", align: .left),
                                    .init(title: "source", key: "source", align: .left),
                                    .init(title: "scope", key: "scope", align: .left),
                                    .init(title: "periods", key: "periods", align: .left),
                                    .init(title: "rows", key: "rows", align: .right)])
        for (s, k) in panel.series.enumerated() {
            let rows = panel.rows(ofSeries: s)
            let first = rows.first.map { panel.periods[panel.periodIndex(ofRow: Int($0))].description } ?? ""
            let last = rows.last.map { panel.periods[panel.periodIndex(ofRow: Int($0))].description } ?? ""
            t.rows.append([.init(k.exporter.code), .init(k.exporter.name), .init(k.segment.description),
                           .init(k.metric.name), .init(k.source), .init(k.scope),
                           .init(first == last ? first : "\(first)–\(last)"),
                           .number(Double(rows.count), text: String(rows.count))])
        }
        try output.emit(t.render(output.format, color: output.useColor))
    }
}

/// `autoexports data show CHN`: every observation of one exporter, with citations.
struct DataShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show every observation of one exporter, with its source and citation.")

    @Argument(help: "The exporter: code, name or UN M49 number (CHN, China, 156).")
    var exporter: String

    @Option(help: "Only this segment.") var segment: String?
    @Option(help: "Only this metric.") var metric: String?
    @Option(help: "Only this source.") var source: String?
    @Option(help: "Only this scope.") var scope: String?

    @OptionGroup var input: DataSource
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let e = Exporter.resolve(exporter) else {
            throw ValidationError("unknown exporter '\(exporter)' (an ISO 3166-1 alpha-3 code, an English name or a UN M49 number)")
        }
        let seg = try segment.map { s in
            guard let v = Segment(name: s) else { throw ValidationError("unknown --segment '\(s)'") }
            return v
        }
        let met = try metric.map { s in
            guard let v = Metric(name: s) else { throw ValidationError("unknown --metric '\(s)'") }
            return v
        }
        let panel = try input.panel()
        let ids = panel.seriesIndices(exporter: e, segment: seg, metric: met, source: source, scope: scope)
        guard !ids.isEmpty else { throw ValidationError("no series of \(e.code) (\(e.name)) in the data") }
        var t = TextTable(title: "\(e.name) (\(e.code))",
                          columns: [.init(title: "period", key: "period", align: .left),
                                    .init(title: "segment", key: "segment", align: .left),
                                    .init(title: "metric", key: "metric", align: .left),
                                    .init(title: "value", key: "value", align: .right),
                                    .init(title: "source", key: "source", align: .left),
                                    .init(title: "scope", key: "scope", align: .left),
                                    .init(title: "citation", key: "citation", align: .left)])
        for s in ids {
            let k = panel.series[s]
            for o in panel.observations(of: s) {
                t.rows.append([.init(o.period.description), .init(k.segment.description), .init(k.metric.name),
                               .number(o.value, text: o.value.isNaN ? "–" : ValueText.text(o.value)),
                               .init(k.source), .init(k.scope),
                               o.citation.map { TextTable.Cell($0) } ?? TextTable.Cell("", raw: .null)])
            }
        }
        if Set(ids.map { panel.series[$0].scope }).count > 1 {
            t.notes.append("the series count different things (scopes differ); compare like with like")
        }
        try output.emit(t.render(output.format, color: output.useColor))
    }
}

/// `autoexports data validate FILE`: reads a file leniently and reports every problem.
struct DataValidate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a CSV file: every rejected row with its line, column and reason.",
        discussion: "Exit status 0 when every row loads, 1 when some row is rejected or the file is refused.")

    @Argument(help: "The CSV file.") var file: String
    @OptionGroup var flags: ImportFlags

    func run() throws {
        let result: (panel: Panel, report: ImportReport)
        do {
            result = try importFile(path: file, format: flags.inputFormat, options: try flags.options(policy: .lenient))
        } catch let error as ImportError {
            print("\(file): refused: \(error.rejection)")
            throw ExitCode(1)
        }
        let r = result.report
        print("\(file): \(r.rowsRead) rows read, \(r.rowsLoaded) loaded, \(r.rowsRejected) rejected"
              + (r.rowsSkipped > 0 ? ", \(r.rowsSkipped) skipped" : "")
              + "; \(result.panel.series.count) series, \(r.observationsLoaded) observations")
        for (reason, n) in r.skippedReasons { print("  skipped \(n): \(reason)") }
        for j in r.rejections { print("  \(j)  [\(j.reason)]") }
        if r.rejections.count < r.rowsRejected { print("  … and \(r.rowsRejected - r.rejections.count) more") }
        for d in r.discrepancies { print("  parts and total disagree: \(d)") }
        if r.rowsRejected > 0 { throw ExitCode(1) }
    }
}

/// `autoexports data convert FILE --to json|csv|markdown`.
struct DataConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a CSV file (tidy, wide, Comtrade) to tidy CSV, JSON or a Markdown table.",
        discussion: """
            CSV output escapes cells that begin with = + - @ tab or CR against formula
            injection (spreadsheets would run them); --no-formula-escape turns that off.
            """)

    @Argument(help: "The CSV file.") var file: String
    @Option(help: "csv|json|markdown.") var to: String
    @Option(help: "strict|lenient: whether a bad row fails the conversion.") var policy: String = "strict"
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @Flag(name: .customLong("no-formula-escape"), help: "CSV: do not escape formula-like cells.")
    var noFormulaEscape = false
    @OptionGroup var flags: ImportFlags

    func run() throws {
        guard let format = ExportFormat(name: to) else { throw ValidationError("unknown --to '\(to)' (csv|json|markdown)") }
        guard let p = ImportPolicy(name: policy) else { throw ValidationError("unknown --policy '\(policy)'") }
        let result: (panel: Panel, report: ImportReport)
        do {
            result = try importFile(path: file, format: flags.inputFormat, options: try flags.options(policy: p))
        } catch let error as ImportError {
            throw ValidationError("\(file): \(error.rejection)")
        }
        if result.report.rowsRejected > 0 {
            FileHandleStderr.write("\(file): \(result.report.rowsRejected) rows rejected (see autoexports data validate)\n")
        }
        try writeOutput(result.panel.exported(as: format, escapeFormulas: !noFormulaEscape), to: output)
    }
}

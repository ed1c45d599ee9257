import ArgumentParser
import AutoExports

/// `autoexports data`: the data itself — list, show, validate and convert.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "List, show, validate and convert export data.",
        discussion: """
            Without --input the embedded reference dataset of cited figures is used.

            Files are CSV in one of three layouts (--input-format; docs/formats.md has the
            details and examples/data/ a small file of each):
              tidy      one figure per row; columns by header name, any order:
                        exporter (or country, reporter), period (or year), metric, value,
                        and optionally partner (destination market; blank or World:
                        exports to the world), segment, source, scope, citation.
              wide      one row per exporter, one column per period (2022, 2023, ...);
                        optional columns segment (powertrain, fuel), metric (unit,
                        measure, currency), source (provider), scope (coverage) and
                        partner (destination market; World/WLD/blank: the world; or
                        --partner X for a whole file). Blank cells take --metric,
                        --segment, --source, --scope. Any other column is an error.
              comtrade  a UN Comtrade export (HS 8703): exports to the world and to each
                        partner are read (destination x powertrain); other rows are
                        skipped and counted.
            Exporters: ISO 3166-1 alpha-3 codes, English names or UN M49 numbers.
            Periods: 2023, 2023-Q1, 2023-03, 2023-01/2023-05, FY2023.
            The embedded data include exports by destination market (docs/destinations.md):
            data list and data show then have a partner column.
            Missing values: a blank cell, NA, N/A, n/a, #N/A, -, .., … (--na-values) are
            gaps, counted in the report, never "bad numbers". In a wide file a bad cell is
            rejected on its own and the row's other cells load.
            Spreadsheet CSV: the delimiter (, ; tab) is taken from the header line; with ;
            or tab the decimal separator is told from the numbers (4.910.000 and 1,5 mean
            a decimal comma); thousands separators . , space, no-break spaces are read.
            When the file cannot tell, give --delimiter, --decimal, --thousands; a file
            saved as Windows-1252 needs --encoding cp1252.

            Examples:
              autoexports data list
              autoexports data show CHN
              autoexports data validate my.csv
              autoexports data validate export.csv --input-format wide --encoding cp1252
              autoexports data convert comtrade.csv --input-format comtrade --to csv
              autoexports data convert --to csv        # the embedded data as tidy CSV
            """,
        subcommands: [DataList.self, DataShow.self, DataValidate.self, DataConvert.self])
}

extension DataOptions {
    /// The published rows of --input or of the embedded data (no derived complements: the
    /// data as given).
    func publishedPanel(_ csv: CSVFormatOptions) throws -> Panel {
        try requireInputForFormat()
        guard let input else {
            if let name = csv.given.first {
                throw ValidationError("\(name) applies only with --input FILE (the embedded data need no format)")
            }
            if partner != nil {
                throw ValidationError(
                    "--partner applies only with --input FILE (it says which market a file's figures go to)")
            }
            return ReferenceData.panel
        }
        do {
            var o = try importOptions(policy: .strict)
            try csv.apply(to: &o)
            return try withPartner(try importFile(path: input, format: inputFormat ?? "tidy", options: o).panel)
        } catch let error as ImportError {
            throw ValidationError("\(input): \(error.rejection)")
        }
    }

    /// The series of `panel` that --metric, --segment, --source, --scope and --exporters
    /// (or one `exporter`) admit, in the panel's order; unset options admit every series.
    func matchingSeries(in panel: Panel, exporter: Exporter?) throws -> [Int] {
        let m = try metric.map { _ in try parsedMetric() }
        let seg = try segment.map { _ in try parsedSegment() }
        let only = try exporter.map { [$0] } ?? parsedExporters()
        return panel.series.indices.filter { s in
            let k = panel.series[s]
            return (m == nil || k.metric == m) && (seg == nil || k.segment == seg)
                && (source == nil || k.source == source) && (scope == nil || k.scope == scope)
                && (only == nil || only?.contains(k.exporter) == true)
        }
    }

    /// The rows of series `s` at --granularity (every row when it is not given).
    func rows(of s: Int, in panel: Panel) throws -> [Int32] {
        let rows = Array(panel.rows(ofSeries: s))
        guard granularity != nil else { return rows }
        let g = try parsedGranularity()
        return rows.filter { panel.periods[panel.periodIndex(ofRow: Int($0))].granularity == g }
    }
}

extension DataOptions {
    /// The file of `data validate` / `data convert`: the argument or --input (one of them).
    func file(_ argument: String?, in command: String) throws -> String {
        switch (argument, input) {
        case (let a?, nil): return a
        case (nil, let i?): return i
        case (.some, .some): throw ValidationError("give the file to \(command) once: as an argument or with --input")
        case (nil, nil): throw ValidationError("give the file to \(command), e.g. `autoexports data \(command) my.csv`")
        }
    }

    /// Import options for a file: for a wide CSV (and Comtrade) --metric, --segment,
    /// --source and --scope say what its cells hold; other options do not apply.
    func importOptions(policy: ImportPolicy, in command: String) throws -> ImportOptions {
        try refuse(
            ["--period", "--granularity", "--exporters", "--top"], in: "data \(command)",
            because: "it reads a whole file; filter the data with `data list` or `data show`")
        return try importOptions(policy: policy)
    }
}

/// `autoexports data list`: every series with source, scope, years and row count.
struct DataList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the series: exporter, segment, metric, source, scope, years, rows.",
        discussion: """
            --metric, --segment, --source, --scope, --exporters and --granularity keep only
            the series that match; --top keeps the first N. Lists the data as published
            (no derived segments).

            Examples:
              autoexports data list
              autoexports data list --exporters CHN --format csv
              autoexports data list --input my.csv --input-format wide --metric usd
            """)

    @OptionGroup var data: DataOptions
    @OptionGroup var csv: CSVFormatOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try data.refuse(
            ["--period"], in: "data list", because: "it lists whole series; see one exporter's figures with `data show`"
        )
        let panel = try data.publishedPanel(csv)
        let ids = try data.matchingSeries(in: panel, exporter: nil)
        // A partner column when a series counts exports to one market (docs/destinations.md).
        let withPartner = ids.contains { !panel.series[$0].isWorld }
        var t = TextTable(
            title: "Series (\(panel.series.count) series, \(panel.rowCount) rows)",
            columns: [
                .init(title: "exporter", key: "exporter", align: .left),
                .init(title: "name", key: "name", align: .left),
            ]
                + (withPartner ? [.init(title: "partner", key: "partner", align: .left)] : [])
                + [
                    .init(title: "segment", key: "segment", align: .left),
                    .init(title: "metric", key: "metric", align: .left),
                    .init(title: "source", key: "source", align: .left),
                    .init(title: "scope", key: "scope", align: .left),
                    .init(title: "periods", key: "periods", align: .left),
                    .init(title: "rows", key: "rows", align: .right),
                ])
        for (s, k) in ids.map({ ($0, panel.series[$0]) }) {
            let rows = try data.rows(of: s, in: panel)
            guard !rows.isEmpty else { continue }
            // One range per kind of period, in the order of first appearance: a series with
            // calendar and fiscal years reads "2010–2025; FY2010–FY2019", never "2010–FY2019"
            // (kinds are never compared, docs/periods.md).
            var ranges: [(granularity: Granularity, first: Period, last: Period)] = []
            for r in rows {
                let p = panel.periods[panel.periodIndex(ofRow: Int(r))]
                if let i = ranges.firstIndex(where: { $0.granularity == p.granularity }) {
                    ranges[i].first = min(ranges[i].first, p)
                    ranges[i].last = max(ranges[i].last, p)
                } else {
                    ranges.append((p.granularity, p, p))
                }
            }
            let span = ranges.map { $0.first == $0.last ? "\($0.first)" : "\($0.first)–\($0.last)" }.joined(
                separator: "; ")
            t.rows.append(
                [.init(k.exporter.code), .init(k.exporter.name)] + (withPartner ? [.init(k.partner.code)] : [])
                    + [
                        .init(k.segment.description),
                        .init(k.metric.name), .init(k.source), .init(k.scope),
                        .init(span),
                        .number(Double(rows.count), text: String(rows.count)),
                    ])
        }
        if let top = data.top, t.rows.count > top {
            t.notes.append("showing the first \(top) of \(t.rows.count) series")
            t.rows = Array(t.rows.prefix(top))
        }
        try output.emit(t.render(output.format, color: output.useColor))
    }
}

/// `autoexports data show CHN`: every observation of one exporter, with citations.
struct DataShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show every observation of one exporter, with its source and citation.",
        discussion: """
            --metric, --segment, --source, --scope, --period and --granularity keep only
            the observations that match; --top keeps the first N. Shows the data as
            published (no derived segments).

            Examples:
              autoexports data show CHN
              autoexports data show China --segment nev --format csv
              autoexports data show DEU --period 2024 --format json
            """)

    @Argument(help: "The exporter: code, name or UN M49 number (CHN, China, 156).")
    var exporter: String

    @OptionGroup var data: DataOptions
    @OptionGroup var csv: CSVFormatOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        guard let e = Exporter.resolve(exporter) else {
            throw ValidationError(
                "unknown exporter '\(exporter)' (an ISO 3166-1 alpha-3 code, an English name or a UN M49 number)"
                    + Exporter.didYouMean(exporter))
        }
        try data.refuse(
            ["--exporters"], in: "data show", because: "give the exporter as an argument, e.g. `data show CHN`")
        let panel = try data.publishedPanel(csv)
        let ids = try data.matchingSeries(in: panel, exporter: e)
        guard !ids.isEmpty else { throw ValidationError("no series of \(e.code) (\(e.name)) in the data match") }
        let withPartner = ids.contains { !panel.series[$0].isWorld }
        var t = TextTable(
            title: "\(e.name) (\(e.code))",
            columns: (withPartner ? [.init(title: "partner", key: "partner", align: .left)] : [])
                + [
                    .init(title: "period", key: "period", align: .left),
                    .init(title: "segment", key: "segment", align: .left),
                    .init(title: "metric", key: "metric", align: .left),
                    .init(title: "value", key: "value", align: .right),
                    .init(title: "source", key: "source", align: .left),
                    .init(title: "scope", key: "scope", align: .left),
                    .init(title: "citation", key: "citation", align: .left),
                ])
        let period = try data.parsedPeriod()
        for s in ids {
            let k = panel.series[s]
            for o in panel.observations(of: s) {
                if let period, o.period != period { continue }
                if data.granularity != nil, o.period.granularity != (try data.parsedGranularity()) { continue }
                t.rows.append(
                    (withPartner ? [.init(k.partner.code)] : []) + [
                        .init(o.period.description), .init(k.segment.description), .init(k.metric.name),
                        .number(o.value, text: o.value.isNaN ? "–" : ValueText.text(o.value)),
                        .init(k.source), .init(k.scope),
                        o.citation.map { TextTable.Cell($0) } ?? TextTable.Cell("", raw: .null),
                    ])
            }
        }
        if let top = data.top, t.rows.count > top {
            t.notes.append("showing the first \(top) of \(t.rows.count) observations")
            t.rows = Array(t.rows.prefix(top))
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
        discussion: """
            Exit status 0 when every row loads, 1 when some row is rejected or the file is refused.
            For a wide CSV, --metric, --segment, --source and --scope say what its cells hold.
            --delimiter, --decimal, --thousands, --encoding and --na-values describe a CSV
            saved by a spreadsheet (see `autoexports data --help`).

            Examples:
              autoexports data validate my.csv
              autoexports data validate export.csv --input-format wide --encoding cp1252 --decimal ,
              autoexports data validate sales.csv --input-format wide --metric usd --source VDA
            """)

    @Argument(help: "The CSV file (or --input FILE).") var argument: String?
    @OptionGroup var data: DataOptions
    @OptionGroup var csv: CSVFormatOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        if let name = [output.formatOption != nil ? "--format" : nil, output.output != nil ? "--output" : nil]
            .compactMap({ $0 }).first
        {
            throw ValidationError(
                "\(name) does not apply to data validate: it prints a report of the problems; use `data convert` to write data"
            )
        }
        try data.refuse(
            ["--partner"], in: "data validate",
            because: "it checks how a file reads; --partner only relabels its figures")
        let file = try data.file(argument, in: "validate")
        let result: (panel: Panel, report: ImportReport)
        do {
            var o = try data.importOptions(policy: .lenient, in: "validate")
            try csv.apply(to: &o)
            result = try importFile(path: file, format: data.inputFormat ?? "tidy", options: o)
        } catch let error as ImportError {
            print("\(file): refused: \(error.rejection)")
            FileHandleStderr.write("autoexports: \(file): refused: \(error.rejection)\n")
            throw ExitCode(1)
        }
        let r = result.report
        print(
            "\(file): \(r.rowsRead) rows read, \(r.rowsLoaded) loaded, \(r.rowsRejected) rejected"
                + (r.rowsSkipped > 0 ? ", \(r.rowsSkipped) skipped" : "")
                + "; \(result.panel.series.count) series, \(r.observationsLoaded) observations"
                + (r.missingValues > 0 ? ", \(r.missingValues) missing values (gaps)" : ""))
        for (reason, n) in r.skippedReasons { print("  skipped \(n): \(reason)") }
        for j in r.rejections { print("  \(j)  [\(j.reason)]") }
        if r.rejections.count < r.rowsRejected { print("  … and \(r.rowsRejected - r.rejections.count) more") }
        for d in r.discrepancies { print("  parts and total disagree: \(d)") }
        if r.rowsRejected > 0 {
            // The report is on stdout; stderr gets the one-line reason for the exit status.
            FileHandleStderr.write("autoexports: \(file): \(r.rowsRejected) of \(r.rowsRead) rows rejected\n")
            throw ExitCode(1)
        }
    }
}

/// `autoexports data convert FILE --to json|csv|markdown`.
struct DataConvert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a CSV file (tidy, wide, Comtrade), or the embedded data, to tidy CSV, JSON or Markdown.",
        discussion: """
            CSV output escapes cells that begin with = + - @ tab or CR against formula
            injection (spreadsheets would run them); --no-formula-escape turns that off.
            For a wide CSV, --metric, --segment, --source and --scope say what its cells hold.
            --format csv|json|markdown is the same as --to.

            Without a file, the embedded reference data are converted (as published).

            Examples:
              autoexports data convert --to csv
              autoexports data convert comtrade.csv --input-format comtrade --to csv
              autoexports data convert sales.csv --input-format wide --metric usd --format json --output sales.json
            """)

    @Argument(help: "The CSV file (or --input FILE).") var argument: String?
    @Option(help: "csv|json|markdown (or --format).") var to: String?
    @Option(help: "strict|lenient: whether a bad row fails the conversion.") var policy: String = "strict"
    @Flag(name: .customLong("no-formula-escape"), help: "CSV: do not escape formula-like cells.")
    var noFormulaEscape = false
    @OptionGroup var data: DataOptions
    @OptionGroup var csv: CSVFormatOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let target: String
        switch (to, output.formatOption) {
        case (let t?, nil):
            if case .format(let f)? = output.implied, let e = ExportFormat(name: t), f.rawValue != e.description {
                throw ValidationError(
                    "--to \(t) contradicts --output '\(output.output ?? "")', whose extension means \(f.rawValue)")
            }
            target = t
        case (nil, let f?) where f != .table: target = f.rawValue
        case (nil, .some):
            throw ValidationError("--format table does not apply to data convert: it writes csv, json or markdown")
        case (.some, .some): throw ValidationError("give the output format once: --to or --format")
        case (nil, nil):
            // --output sales.json says the format by its extension (a table or HTML it cannot write).
            guard case .format(let f)? = output.implied, f != .table, f != .html else {
                throw ValidationError(
                    "give the output format, e.g. --to csv (csv|json|markdown), or an --output file ending in .csv, .json or .md"
                )
            }
            target = f.rawValue
        }
        guard let format = ExportFormat(name: target) else {
            throw ValidationError("unknown --to '\(target)' (csv|json|markdown)")
        }
        guard let p = ImportPolicy(name: policy) else { throw ValidationError("unknown --policy '\(policy)'") }
        if argument == nil && data.input == nil {
            // No file: the embedded data as published, as `data --help` says.
            try data.refuse(
                [
                    "--input-format", "--metric", "--segment", "--source", "--scope", "--period", "--granularity",
                    "--exporters", "--top", "--partner",
                ], in: "data convert without a file",
                because: "it converts the whole embedded dataset; filter it with `data list` or `data show`")
            if let name = csv.given.first { throw ValidationError("\(name) applies only to a file to convert") }
            try output.emit(ReferenceData.panel.exported(as: format, escapeFormulas: !noFormulaEscape))
            return
        }
        let file = try data.file(argument, in: "convert")
        let result: (panel: Panel, report: ImportReport)
        do {
            var o = try data.importOptions(policy: p, in: "convert")
            try csv.apply(to: &o)
            result = try importFile(path: file, format: data.inputFormat ?? "tidy", options: o)
        } catch let error as ImportError {
            throw ValidationError("\(file): \(error.rejection)")
        }
        if result.report.rowsRejected > 0 {
            FileHandleStderr.write(
                "\(file): \(result.report.rowsRejected) rows rejected (see autoexports data validate)\n")
        }
        try output.emit(try data.withPartner(result.panel).exported(as: format, escapeFormulas: !noFormulaEscape))
    }
}

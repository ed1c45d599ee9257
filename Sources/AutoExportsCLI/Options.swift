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

    @Option(
        help:
            "Comma-separated exporters (codes or names), e.g. CHN,JPN,DEU. An unknown one is an error with a suggestion (JNP: did you mean JPN?); one without figures for what is shown is named in a warning on stderr."
    )
    var exporters: String?

    @Option(help: "Show only the first N rows.")
    var top: Int?

    @Option(
        help:
            "With --input: the destination market the file's figures count exports to, for a file without a partner column (code or name, e.g. RUS; default: the world)."
    )
    var partner: String?

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
        if partner != nil { g.append("--partner") }
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
        guard let m = Metric(name: name) else {
            throw ValidationError("unknown --metric '\(name)' (units or a currency code such as usd)")
        }
        return m
    }

    func parsedSegment() throws -> Segment {
        let name = segment ?? "total"
        guard let s = Segment(name: name) else {
            throw ValidationError(
                "unknown --segment '\(name)' (\(Segment.allCases.map(\.description).joined(separator: "|")))")
        }
        return s
    }

    func parsedGranularity() throws -> Granularity {
        let name = granularity ?? "year"
        guard let g = Granularity(name: name) else {
            throw ValidationError("unknown --granularity '\(name)' (year|quarter|month)")
        }
        return g
    }

    func parsedPeriod() throws -> Period? {
        guard let period else { return nil }
        guard let p = Period(parsing: period) else {
            throw ValidationError("bad --period '\(period)' (e.g. 2024, 2024-Q1, 2024-03)")
        }
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
            if case .unknown(let name) = error {
                throw ValidationError("unknown exporter '\(name)' in --exporters" + Exporter.didYouMean(name))
            }
            throw ValidationError("--exporters: \(error)")
        }
    }

    /// Says on stderr, one line each, which exporters of --exporters have no figure for
    /// what is shown (`metric` and `segment`, at --granularity, in `period` when given), so
    /// that none is left out silently: "warning: --exporters FRA (France): no total units
    /// figure in 2025; it is left out". The output itself is unchanged (stdout stays data).
    /// Returns the exporters warned about.
    @discardableResult
    func warnAbsentExporters(in panel: Panel, metric: Metric, segment: Segment, period: Period? = nil) -> [Exporter] {
        guard let requested = try? parsedExporters(), let g = try? parsedGranularity() else { return [] }
        var absent: [Exporter] = []
        let p = period.flatMap { panel.periodIndex(of: $0) }
        for e in requested {
            // Any of its series may stand in for the chosen one (the league table says so).
            let has = panel.series.indices.contains { s in
                let k = panel.series[s]
                guard k.exporter == e, k.isWorld, k.segment == segment, k.metric == metric, choice.admits(k) else {
                    return false
                }
                if period != nil {
                    guard let p, let v = panel.value(of: s, in: p) else { return false }
                    return !v.isNaN
                }
                return panel.rows(ofSeries: s).contains {
                    panel.periods[panel.periodIndex(ofRow: Int($0))].granularity == g
                }
            }
            if !has { absent.append(e) }
        }
        for e in absent {
            let when = period.map { "in \($0)" } ?? "by \(g)"
            FileHandleStderr.write(
                "autoexports: warning: --exporters \(e.code) (\(e.name)): no \(segment) \(metric) figure \(when)"
                    + "\(source.map { " from \($0)" } ?? "")\(scope.map { " with scope \($0)" } ?? ""); it is left out\n"
            )
        }
        return absent
    }

    /// The series choice implied by --source and --scope.
    var choice: SeriesChoice { SeriesChoice(source: source, scope: scope) }

    /// The panel to work on: --input, or the embedded reference data with derived
    /// complements (conventional = total − nev).
    func panel() throws -> Panel {
        try requireInputForFormat()
        if let input {
            let p = try loadInput(
                path: input, format: inputFormat ?? "tidy", options: try importOptions(policy: .strict))
            return try withPartner(p)
        }
        if partner != nil {
            throw ValidationError(
                "--partner applies only with --input FILE (it says which market a file's figures go to)")
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

    /// The panel with its national-total series re-keyed to --partner (unchanged without it).
    func withPartner(_ panel: Panel) throws -> Panel {
        guard let partner else { return panel }
        guard let p = Exporter.resolve(partner) else {
            throw ValidationError("unknown --partner '\(partner)'" + Exporter.didYouMean(partner))
        }
        do { return try panel.withPartner(p) } catch { throw ValidationError(error.description) }
    }

    /// --input-format says how to read --input; alone it would be silently ignored.
    func requireInputForFormat() throws {
        if inputFormat != nil && input == nil {
            throw ValidationError("--input-format applies only with --input FILE (the embedded data need no format)")
        }
    }

    /// The selection for --metric, --segment, --granularity, --source, --scope, --exporters.
    func selection(in panel: Panel) throws -> Selection {
        try select(panel, metric: try parsedMetric(), segment: try parsedSegment(), exporters: try parsedExporters())
    }

    /// `panel.select` at --granularity (year by default). When nothing matches and
    /// --granularity was not given, the error says which granularity would match
    /// ("… at year granularity; the data have them by month: use --granularity month").
    func select(_ panel: Panel, metric: Metric, segment: Segment, exporters: [Exporter]?) throws -> Selection {
        let g = try parsedGranularity()
        do {
            return try panel.select(
                metric: metric, segment: segment, granularity: g, choice: choice, exporters: exporters)
        } catch {
            throw ValidationError(
                error.description + granularityHint(panel, metric: metric, segment: segment, exporters: exporters))
        }
    }

    /// "; the data have them by month: use --granularity month", or "" when --granularity
    /// was given or no other granularity has the series either.
    func granularityHint(_ panel: Panel, metric: Metric, segment: Segment, exporters: [Exporter]?) -> String {
        guard granularity == nil else { return "" }
        let fit = [Granularity.half, .quarter, .month].filter {
            (try? panel.select(metric: metric, segment: segment, granularity: $0, choice: choice, exporters: exporters))
                != nil
        }
        if fit.isEmpty { return "" }
        return "; the data have them by \(fit.map(\.description).joined(separator: ", ")): use "
            + fit.map { "--granularity \($0)" }.joined(separator: " or ")
    }
}

/// Where output goes and in which format.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .customLong("format"),
        help:
            "table|markdown|csv|json|html (default: table; html: a self-contained page for report, an HTML table elsewhere)."
    )
    var formatOption: OutputFormat?

    @Option(
        help:
            "Write to this file instead of standard output. Its extension implies the format when --format is absent (.csv, .json, .md, .html, .txt for a table; .svg for chart); a --format that contradicts it is an error."
    )
    var output: String?

    /// What --output's file extension says about the format: `.csv` → csv, `.json` → json,
    /// `.md`/`.markdown` → markdown, `.html`/`.htm` → html, `.txt` → table, `.svg` → an SVG
    /// chart; nil for any other extension (or none, or standard output).
    enum Implied: Equatable { case format(OutputFormat), svg }

    var implied: Implied? { OutputOptions.implied(by: output) }

    static func implied(by path: String?) -> Implied? {
        guard let path, path != "-" else { return nil }
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return nil }
        switch file[file.index(after: dot)...].lowercased() {
        case "csv": return .format(.csv)
        case "json": return .format(.json)
        case "md", "markdown": return .format(.markdown)
        case "html", "htm": return .format(.html)
        case "txt", "text": return .format(.table)
        case "svg": return .svg
        default: return nil
        }
    }

    func validate() throws {
        guard let formatOption, let implied else { return }
        switch implied {
        case .format(let f) where f != formatOption:
            throw ValidationError(
                "--format \(formatOption.rawValue) contradicts --output '\(output ?? "")', whose extension means \(f.rawValue); drop one or make them agree"
            )
        default: return  // .svg: `chart` refuses --format, the others refuse .svg when writing
        }
    }

    /// The format asked for: --format, else the one --output's extension implies, else a table.
    var format: OutputFormat {
        if let formatOption { return formatOption }
        if case .format(let f) = implied { return f }
        return .table
    }

    /// Writes `text` to --output or standard output.
    func emit(_ text: String) throws {
        if implied == .svg {
            throw ValidationError(
                "--output '\(output ?? "")': only `autoexports chart` writes SVG; use .csv, .json, .md, .html or .txt here"
            )
        }
        try writeOutput(text, to: output)
    }

    /// Colour is used only for tables written to a terminal, and never when NO_COLOR is set.
    var useColor: Bool { format == .table && output == nil && Terminal.stdoutSupportsColor }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, markdown, csv, json, html
}

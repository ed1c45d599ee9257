import ArgumentParser
import AutoExports
import Dispatch

#if canImport(FoundationEssentials)
    import FoundationEssentials  // not Foundation: keeps ICU out of the static CLI (EssentialsIO.swift)
#else
    import Foundation
#endif

/// The core's `ParallelFor` on Dispatch: pieces run with `concurrentPerform`.
struct DispatchFor: ParallelFor {
    var width: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)

    func run(_ count: Int, _ body: (Int) -> Void) {
        if count <= 1 || width <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            // The core promises bodies of distinct indices touch distinct data.
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: count) { work($0) }
        }
    }
}

/// Reads a CSV file with the importers (the file is memory-mapped, not copied).
///
/// - Throws: `ImportError` for refused data (strict), `ValidationError` for an unknown
///   format or a file that cannot be read.
func importFile(path: String, format: String, options: ImportOptions) throws -> (panel: Panel, report: ImportReport) {
    guard let f = ImportFormat(name: format) else {
        throw ValidationError("unknown input format '\(format)' (tidy|wide|comtrade)")
    }
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
        throw ValidationError("cannot read '\(path)': \(fileErrorReason(error))")
    }
    var options = options
    let progress = ImportProgress(path: path, size: data.count)
    if progress.shown { options.progress = progress.report }
    defer { progress.finish() }
    return try data.withUnsafeBytes { bytes in
        try Importer.read(bytes: bytes, format: f, options: options, parallel: DispatchFor())
    }
}

/// Progress of an import on standard error ("autoexports: reading big.csv: 42%"), for
/// files above `threshold` bytes and only when standard error is a terminal; silent
/// otherwise (pipes, files, CI logs).
struct ImportProgress: Sendable {
    /// Files above 8 MB (four import blocks) show progress.
    static let threshold = 8 << 20

    let name: String
    let size: Int
    let shown: Bool

    init(path: String, size: Int) {
        name = path.split(separator: "/").last.map(String.init) ?? path
        self.size = size
        shown = size > ImportProgress.threshold && Terminal.stderrIsTerminal
    }

    /// The importer's callback: bytes read so far of the total (called once per block).
    var report: @Sendable (Int, Int?) -> Void {
        let name = name, size = size
        return { done, total in
            let whole = max(total ?? size, 1)
            let percent = min(100, done * 100 / whole)
            FileHandleStderr.write("\rautoexports: reading \(name): \(percent)%")
        }
    }

    /// Ends the progress line.
    func finish() {
        if shown { FileHandleStderr.write("\n") }
    }
}

/// Reads a data file given with --input (strict: the first bad row is an error naming
/// its line and column), with derived segment complements like the embedded data.
func loadInput(path: String, format: String, options: ImportOptions) throws -> Panel {
    do {
        return try importFile(path: path, format: format, options: options)
            .panel.completingSegments().panel
    } catch let error as ImportError {
        throw ValidationError("\(path): \(error.rejection)")
    }
}

/// How a CSV file is written, for files saved by spreadsheets in other locales: the
/// options of the `data` subcommands that read a file. Each is detected when absent (see
/// `ImportOptions`); give it when the file cannot tell.
struct CSVFormatOptions: ParsableArguments {
    @Option(help: "Field delimiter: , ; tab | (default: from the header line: a comma, else ; or tab).")
    var delimiter: String?

    @Option(help: "Decimal separator: . or , (default: . with commas between fields, else told from the numbers).")
    var decimal: String?

    @Option(
        help:
            "Thousands separator: . , ' space nbsp nnbsp none (default: any of them between groups of three digits, except the decimal one)."
    )
    var thousands: String?

    @Option(help: "Text encoding: utf-8 (default), cp1252 (Windows-1252), latin-1.")
    var encoding: String?

    @Option(
        name: .customLong("na-values"),
        help:
            "Comma-separated spellings of a missing value, replacing the default NA,N/A,n/a,#N/A,-,..,… (a blank cell is always missing; \"\" for none)."
    )
    var naValues: String?

    /// The options of this group that were given, by their command-line name.
    var given: [String] {
        [
            delimiter.map { _ in "--delimiter" }, decimal.map { _ in "--decimal" },
            thousands.map { _ in "--thousands" },
            encoding.map { _ in "--encoding" }, naValues.map { _ in "--na-values" },
        ].compactMap { $0 }
    }

    /// Sets the CSV options of `o`.
    func apply(to o: inout ImportOptions) throws {
        if let delimiter {
            switch delimiter.lowercased() {
            case ",", "comma": o.delimiter = ","
            case ";", "semicolon": o.delimiter = ";"
            case "\t", "\\t", "tab": o.delimiter = "\t"
            case "|", "pipe": o.delimiter = "|"
            default: throw ValidationError("unknown --delimiter '\(delimiter)' (, ; tab |)")
            }
        }
        if let decimal {
            switch decimal.lowercased() {
            case ".", "point", "dot": o.decimal = "."
            case ",", "comma": o.decimal = ","
            default: throw ValidationError("unknown --decimal '\(decimal)' (. or ,)")
            }
        }
        if let thousands {
            switch thousands.lowercased() {
            case "none", "": o.thousands = ""
            case ".", "dot", "point": o.thousands = "."
            case ",", "comma": o.thousands = ","
            case "'", "apostrophe": o.thousands = "'"
            case " ", "space": o.thousands = " "
            case "nbsp", "\u{A0}": o.thousands = "\u{A0}"
            case "nnbsp", "thin", "\u{202F}": o.thousands = "\u{202F}"
            default: throw ValidationError("unknown --thousands '\(thousands)' (. , ' space nbsp nnbsp none)")
            }
        }
        if let encoding {
            guard let e = TextEncoding(name: encoding) else {
                throw ValidationError("unknown --encoding '\(encoding)' (utf-8, cp1252, latin-1)")
            }
            o.encoding = e
        }
        if let naValues {
            o.naValues =
                naValues.isEmpty
                ? [] : naValues.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        if let d = o.decimal, let t = o.thousands, String(d) == t {
            throw ValidationError("--decimal and --thousands are both '\(d)'")
        }
    }
}

import ArgumentParser
import AutoExports
import Dispatch
import Foundation

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
        throw ValidationError("cannot read '\(path)': \(error.localizedDescription)")
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
    /// Files above 8 MB (one import block) show progress.
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

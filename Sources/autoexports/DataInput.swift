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
    return try data.withUnsafeBytes { bytes in
        try Importer.read(bytes: bytes, format: f, options: options, parallel: DispatchFor())
    }
}

/// Reads a data file given with --input (strict: the first bad row is an error naming
/// its line and column), with derived segment complements like the embedded data.
func loadInput(path: String, format: String) throws -> Panel {
    do {
        return try importFile(path: path, format: format, options: ImportOptions(policy: .strict))
            .panel.completingSegments().panel
    } catch let error as ImportError {
        throw ValidationError("\(path): \(error.rejection)")
    }
}

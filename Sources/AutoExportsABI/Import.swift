import AutoExports
import CAutoExports
import Glibc

/// What an `aex_rejections *` stands for: the report of one import (immutable).
final class RejectionsObject: HandleObject {
    static let handleKind = "rejections"
    let report: ImportReport
    init(_ report: ImportReport) { self.report = report }
}

/// A file read with POSIX `read`, for `Importer.read(from:)`.
struct FileSource: ByteSource {
    let fd: Int32
    var failure = "the file could not be read"

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            failure = "reading failed: " + String(cString: strerror(errno))
            return nil
        }
    }
}

/// The core's options from the C struct (NULL = defaults).
func checkImportOptions(
    _ p: UnsafePointer<aex_import_options>?, policy: ImportPolicy
) throws(ABIError)
    -> (options: ImportOptions, threads: Int32)
{
    var o = ImportOptions(policy: policy)
    o.memoryCheck = memoryAvailable
    guard let p else { return (o, 0) }
    let c = p.pointee
    // The struct before the CSV fields (`delimiter` …) were added is accepted too.
    let older = Int64(MemoryLayout<aex_import_options>.offset(of: \aex_import_options.delimiter) ?? 0)
    guard c.size >= Int64(MemoryLayout<aex_import_options>.size) || c.size == older else {
        throw .invalid(
            "options->size is \(c.size), expected \(MemoryLayout<aex_import_options>.size): initialise options with AEX_IMPORT_OPTIONS_INIT"
        )
    }
    o.segment = try checkEnum(c.segment, "options->segment", as: Segment.self)
    if c.threads < 0 { throw .range("options->threads is negative (\(c.threads))") }
    if let m = c.metric {
        let text = try decodeText(m, "options->metric")
        guard let metric = Metric(name: text) else {
            throw .invalid(
                "options->metric '\(text)' is not a metric (units, or a three-letter currency code such as usd)")
        }
        o.metric = metric
    }
    if let s = c.source { o.source = try decodeText(s, "options->source") }
    if let s = c.scope { o.scope = try decodeText(s, "options->scope") }
    if c.max_rejections < 0 { throw .range("options->max_rejections is negative (\(c.max_rejections))") }
    o.maxRejections = Int(min(c.max_rejections, 1 << 40))
    if c.flags & ~AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS != 0 {
        throw .invalid("options->flags has unknown bits \(c.flags) (allowed: AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS)")
    }
    o.keepUnknownExporters = c.flags & AEX_IMPORT_KEEP_UNKNOWN_EXPORTERS != 0
    if c.size > older { try convertCSVOptions(c, into: &o) }
    return (o, c.threads)
}

/// The CSV fields of the options (delimiter, decimal, thousands, encoding, na_values).
func convertCSVOptions(_ c: aex_import_options, into o: inout ImportOptions) throws(ABIError) {
    if let p = c.delimiter {
        let t = try decodeText(p, "options->delimiter")
        guard [",", ";", "\t", "|"].contains(t) else {
            throw .invalid("options->delimiter '\(t)' is not supported (\",\", \";\", \"\\t\" or \"|\")")
        }
        o.delimiter = Character(t)
    }
    if let p = c.decimal {
        let t = try decodeText(p, "options->decimal")
        guard t == "." || t == "," else { throw .invalid("options->decimal '\(t)' is not \".\" or \",\"") }
        o.decimal = Character(t)
    }
    if let p = c.thousands {
        let t = try decodeText(p, "options->thousands")
        guard t.unicodeScalars.count <= 1, t.first?.isNumber != true, t != "-", t != "+", t != "\"" else {
            throw .invalid("options->thousands '\(t)' is not one separator character (or \"\" for none)")
        }
        if let d = o.decimal, String(d) == t {
            throw .invalid("options->thousands and options->decimal are both '\(t)'")
        }
        o.thousands = t
    }
    if let p = c.encoding {
        let t = try decodeText(p, "options->encoding")
        guard let e = TextEncoding(name: t) else {
            throw .invalid("options->encoding '\(t)' is not supported (utf-8, cp1252, latin-1)")
        }
        o.encoding = e
    }
    if let p = c.na_values {
        let t = try decodeText(p, "options->na_values")
        o.naValues = t.isEmpty ? [] : t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// The C status of an import that failed on its data.
func importStatus(_ reason: RejectionReason) -> Int32 {
    switch reason {
    case .duplicate: AEX_E_DUPLICATE
    case .readFailure: AEX_E_IO
    default: AEX_E_PARSE
    }
}

/// Runs an import into the panel object: all or nothing, the report into out_rejections.
func runImport(
    _ panelHandle: OpaquePointer?, _ out: UnsafeMutablePointer<OpaquePointer?>?,
    _ read: (Panel) throws(ImportError) -> (panel: Panel, report: ImportReport)
) throws(ABIError) {
    let object = try Handles.get(panelHandle, "panel", as: PanelObject.self)
    try object.update { (base) throws(ABIError) -> Panel in
        // The import starts from a copy of the panel's columns.
        try ensurePanelMemory(base, bytesPerRow: 64, for: "panel (\(base.rowCount) rows to extend)")
        let result: (panel: Panel, report: ImportReport)
        do throws(ImportError) {
            result = try read(base)
        } catch {
            if error.outOfMemory != nil {
                // Not the input's fault: no rejection list.
                throw ABIError(
                    status: AEX_E_OUT_OF_MEMORY, message: error.rejection.detail + " (at line \(error.rejection.line))")
            }
            var report = error.report
            report.rejections = [error.rejection]
            if let out { out.pointee = try? Handles.make(RejectionsObject(report)) }
            throw ABIError(status: importStatus(error.rejection.reason), message: error.rejection.description)
        }
        if let out { out.pointee = try Handles.make(RejectionsObject(result.report)) }
        return result.panel
    }
}

@c @implementation
public func aex_panel_import_file(
    _ out_rejections: UnsafeMutablePointer<OpaquePointer?>!, _ panel: OpaquePointer!, _ path: UnsafePointer<CChar>!,
    _ format: Int32, _ policy: Int32, _ options: UnsafePointer<aex_import_options>!
) -> Int32 {
    out_rejections?.pointee = nil
    return guarded("aex_panel_import_file") { () throws(ABIError) in
        _ = try Handles.get(panel, "panel", as: PanelObject.self)
        let file = try checkText(path, "path")
        let f = try checkEnum(format, "format", as: ImportFormat.self)
        let p = try checkEnum(policy, "policy", as: ImportPolicy.self)
        let (o, threads) = try checkImportOptions(options, policy: p)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ABIError(status: AEX_E_IO, message: "cannot open '\(file)': " + String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var st = stat()
        var size: Int? = nil
        if fstat(fd, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw ABIError(status: AEX_E_IO, message: "'\(file)' is a directory")
            }
            if (st.st_mode & S_IFMT) == S_IFREG { size = Int(st.st_size) }
        }
        try runImport(panel, out_rejections) { (base) throws(ImportError) in
            var source = FileSource(fd: fd)
            return try Importer.read(
                from: &source, sizeHint: size, format: f, options: o, into: base,
                parallel: ThreadedFor(threads: threads))
        }
    }
}

@c @implementation
public func aex_panel_import_buffer(
    _ out_rejections: UnsafeMutablePointer<OpaquePointer?>!, _ panel: OpaquePointer!, _ data: UnsafePointer<CChar>!,
    _ length: Int64, _ format: Int32, _ policy: Int32, _ options: UnsafePointer<aex_import_options>!
) -> Int32 {
    out_rejections?.pointee = nil
    return guarded("aex_panel_import_buffer") { () throws(ABIError) in
        _ = try Handles.get(panel, "panel", as: PanelObject.self)
        let bytes = try checkArray(data, length, "data", "length")
        let f = try checkEnum(format, "format", as: ImportFormat.self)
        let p = try checkEnum(policy, "policy", as: ImportPolicy.self)
        let (o, threads) = try checkImportOptions(options, policy: p)
        try runImport(panel, out_rejections) { (base) throws(ImportError) in
            try Importer.read(
                bytes: UnsafeRawBufferPointer(bytes), format: f, options: o, into: base,
                parallel: ThreadedFor(threads: threads))
        }
    }
}

@c @implementation
public func aex_rejections_free(_ rejections: OpaquePointer!) -> Int32 {
    guarded("aex_rejections_free") { () throws(ABIError) in
        try Handles.free(rejections, "rejections", as: RejectionsObject.self)
    }
}

@c @implementation
public func aex_rejections_summary(
    _ out_read: UnsafeMutablePointer<Int64>!, _ out_loaded: UnsafeMutablePointer<Int64>!,
    _ out_rejected: UnsafeMutablePointer<Int64>!, _ out_skipped: UnsafeMutablePointer<Int64>!,
    _ rejections: OpaquePointer!
) -> Int32 {
    guarded("aex_rejections_summary") { () throws(ABIError) in
        let r = try Handles.get(rejections, "rejections", as: RejectionsObject.self).report
        out_read?.pointee = Int64(r.rowsRead)
        out_loaded?.pointee = Int64(r.rowsLoaded)
        out_rejected?.pointee = Int64(r.rowsRejected)
        out_skipped?.pointee = Int64(r.rowsSkipped)
    }
}

@c @implementation
public func aex_rejections_count(_ out_count: UnsafeMutablePointer<Int64>!, _ rejections: OpaquePointer!) -> Int32 {
    guarded("aex_rejections_count") { () throws(ABIError) in
        let out = try checkHandleOutput(out_count, "out_count")
        out.pointee = Int64(
            try Handles.get(rejections, "rejections", as: RejectionsObject.self).report.rejections.count)
    }
}

func checkRejection(_ rejections: OpaquePointer?, _ index: Int64) throws(ABIError) -> Rejection {
    let list = try Handles.get(rejections, "rejections", as: RejectionsObject.self).report.rejections
    guard index >= 0, index < Int64(list.count) else {
        throw .range("index is \(index), the list has \(list.count) rejections")
    }
    return list[Int(index)]
}

@c @implementation
public func aex_rejections_get(
    _ out_line: UnsafeMutablePointer<Int64>!, _ out_column: UnsafeMutablePointer<Int64>!,
    _ out_reason: UnsafeMutablePointer<Int32>!, _ rejections: OpaquePointer!, _ index: Int64
) -> Int32 {
    guarded("aex_rejections_get") { () throws(ABIError) in
        let r = try checkRejection(rejections, index)
        out_line?.pointee = Int64(r.line)
        out_column?.pointee = Int64(r.column)
        out_reason?.pointee = r.reason.rawValue
    }
}

@c @implementation
public func aex_rejections_message(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ rejections: OpaquePointer!, _ index: Int64
) -> Int32 {
    guarded("aex_rejections_message") { () throws(ABIError) in
        let r = try checkRejection(rejections, index)
        try writeText(r.description, into: out_text, capacity: capacity, length: out_length, "out_text")
    }
}

@c @implementation
public func aex_panel_export(
    _ out_text: UnsafeMutablePointer<CChar>!, _ capacity: Int64, _ out_length: UnsafeMutablePointer<Int64>!,
    _ panel: OpaquePointer!, _ format: Int32, _ flags: Int32
) -> Int32 {
    guarded("aex_panel_export") { () throws(ABIError) in
        let object = try Handles.get(panel, "panel", as: PanelObject.self)
        let f = try checkEnum(format, "format", as: ExportFormat.self)
        guard flags & ~AEX_EXPORT_NO_FORMULA_ESCAPE == 0 else {
            throw .invalid("flags has unknown bits \(flags) (allowed: AEX_EXPORT_NO_FORMULA_ESCAPE)")
        }
        let key = Int64(format) | Int64(flags) << 8
        try object.state.withLock { (s) throws(ABIError) in
            if s.exportCache?.key != key {
                let panel = s.current()
                // The text grows by doubling, then is copied: about 3 times its size.
                try ensureMemory(exportSizeEstimate(panel), bytesEach: 3, for: "the export of \(panel.rowCount) rows")
                let text = panel.exported(as: f, escapeFormulas: flags & AEX_EXPORT_NO_FORMULA_ESCAPE == 0)
                s.exportCache = (key, Array(text.utf8))
            }
            let bytes = s.exportCache?.bytes ?? []
            let failure: ABIError? = bytes.withUnsafeBytes { b in
                do throws(ABIError) {
                    try writeText(b, into: out_text, capacity: capacity, length: out_length, "out_text")
                } catch { return error }
                return nil
            }
            if let failure { throw failure }
            if out_text != nil { s.exportCache = nil }  // copied: drop the cache
        }
    }
}

/// About the size of a panel's export in any format: per row its period, value and
/// punctuation (96 bytes), its series' text fields and its citation.  Allocates nothing
/// (it runs before the memory is checked).
///
/// - Complexity: O(rows).
func exportSizeEstimate(_ panel: Panel) -> Int {
    var total = 0
    for r in 0..<panel.rowCount {
        let s = Int(panel.rowSeries[r])
        guard s >= 0, s < panel.series.count else { continue }
        let k = panel.series[s]
        total &+= 112 &+ k.exporter.code.utf8.count &+ k.source.utf8.count &+ k.scope.utf8.count
        if r < panel.rowCitations.count, case let c = Int(panel.rowCitations[r]), c >= 0, c < panel.citations.count {
            total &+= panel.citations[c].utf8.count &+ 2
        }
    }
    return max(0, total)
}

@c @implementation
public func aex_import_options_init(_ options: UnsafeMutablePointer<aex_import_options>!) -> Int32 {
    guarded("aex_import_options_init") { () throws(ABIError) in
        guard let options else { return }  // nothing to fill (documented)
        var o = aex_import_options()
        o.size = Int64(MemoryLayout<aex_import_options>.size)
        o.segment = AEX_SEGMENT_TOTAL
        o.threads = 0
        o.max_rejections = 1000
        o.flags = 0
        options.pointee = o
    }
}

/// Reads tidy CSV, wide CSV and UN Comtrade CSV into a panel, with one error model.
///
/// Every refused row is reported with its line, column and reason (`Rejection`). Under
/// the strict policy the first refused row fails the import (`ImportError`) and nothing
/// is loaded; under the lenient policy the valid rows load and the refusals come back in
/// the `ImportReport`. A repeated (series, period) — within the input or against the
/// panel imported into — is a refusal like any other. Rows read = rows loaded + rows
/// rejected + rows skipped, always.
///
/// Input is UTF-8 with or without a byte-order mark, LF or CRLF line ends, RFC 4180
/// quoting. It is cut into blocks of a few megabytes at record boundaries, each block
/// into pieces that are parsed independently (in parallel with a threaded `ParallelFor`)
/// over bytes, and the pieces are merged in input order: the result never depends on the
/// split. Memory beyond the panel's columns is a few blocks.
///
///     let csv = "exporter,period,metric,value\nCHN,2023,units,4910000\n"
///     let (panel, report) = try Importer.read(csv, format: .tidy)
///     report.rowsLoaded                    // 1
///
/// - Complexity: O(input bytes + n log n) for n observations in the worst case, O(input
///   bytes + n) when rows come grouped by period or by series.
public enum Importer {
    /// Reads text already in memory.
    ///
    /// - Complexity: O(input bytes + n log n) for n observations in the worst case, O(input
    ///   bytes + n) when rows come grouped by period or by series.
    public static func read(
        _ text: String, format: ImportFormat, options: ImportOptions = ImportOptions(),
        into base: Panel = Panel(), parallel: some ParallelFor = SerialFor()
    )
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        var t = text
        let r: Result<(panel: Panel, report: ImportReport), ImportError> = t.withUTF8 { u in
            do throws(ImportError) {
                return .success(
                    try read(
                        bytes: UnsafeRawBufferPointer(u), format: format, options: options,
                        into: base, parallel: parallel))
            } catch { return .failure(error) }
        }
        return try r.get()
    }

    /// Reads bytes in memory (not copied).
    ///
    /// - Complexity: O(input bytes + n log n) for n observations in the worst case, O(input
    ///   bytes + n) when rows come grouped by period or by series.
    public static func read(
        bytes: UnsafeRawBufferPointer, format: ImportFormat,
        options: ImportOptions = ImportOptions(), into base: Panel = Panel(),
        parallel: some ParallelFor = SerialFor()
    )
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        if let canonical = try CSVDialect.canonical(bytes, options: options) {
            // Another delimiter, decimal comma, encoding: read the rewritten text.
            let r: Result<(panel: Panel, report: ImportReport), ImportError> = canonical.withUnsafeBytes { b in
                var blocks = MemoryBlocks(bytes: b, blockBytes: options.blockBytes)
                do throws(ImportError) {
                    return .success(try dispatch(format, &blocks, sizeHint: b.count, options, base, parallel))
                } catch { return .failure(error) }
            }
            return try r.get()
        }
        var blocks = MemoryBlocks(bytes: bytes, blockBytes: options.blockBytes)
        return try dispatch(format, &blocks, sizeHint: bytes.count, options, base, parallel)
    }

    /// Reads from a byte source block by block (a file, a pipe).
    ///
    /// - Parameter sizeHint: The input's size if known (a file's size): lets the importer
    ///   reserve the columns once instead of growing them.
    ///
    /// - Complexity: O(input bytes + n log n) for n observations in the worst case, O(input
    ///   bytes + n) when rows come grouped by period or by series.
    public static func read(
        from source: inout some ByteSource, sizeHint: Int? = nil, format: ImportFormat,
        options: ImportOptions = ImportOptions(), into base: Panel = Panel(),
        parallel: some ParallelFor = SerialFor()
    )
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        // The header line decides whether the input is canonical (UTF-8, commas); if not,
        // the whole input is read into memory and rewritten (`CSVDialect`).
        var head: [UInt8] = []
        var ended = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while !ended && head.count < 1 << 20 && !(head.contains(10) || head.contains(13)) {
            let n = chunk.withUnsafeMutableBytes { source.read(into: $0) }
            guard let n else {
                throw ImportError(
                    rejection: Rejection(line: 1, column: 1, reason: .readFailure, detail: source.failure),
                    report: ImportReport())
            }
            if n == 0 { ended = true } else { head.append(contentsOf: chunk[0..<n]) }
        }
        let delimiter =
            options.delimiter?.asciiValue
            ?? head.withUnsafeBufferPointer {
                CSVDialect.detectDelimiter($0.baseAddress ?? CSVScanner.emptyBase, $0.count)
            }
        if delimiter != UInt8(ascii: ",") || CSVDialect.optionsNeedRewrite(options) {
            var all = head
            while !ended {
                let n = chunk.withUnsafeMutableBytes { source.read(into: $0) }
                guard let n else {
                    throw ImportError(
                        rejection: Rejection(line: 1, column: 1, reason: .readFailure, detail: source.failure),
                        report: ImportReport())
                }
                if n == 0 { ended = true; break }
                if all.count + n > all.capacity, let memoryCheck = options.memoryCheck, !memoryCheck(all.count * 2 + n)
                {
                    var e = ImportError(
                        rejection: Rejection(
                            line: 1, column: 1, reason: .readFailure,
                            detail:
                                "out of memory: reading the input whole (it is not comma-delimited UTF-8) needs about \(all.count * 2 + n) bytes, which cannot be allocated"
                        ),
                        report: ImportReport())
                    e.outOfMemory = all.count * 2 + n
                    throw e
                }
                all.append(contentsOf: chunk[0..<n])
            }
            let r: Result<(panel: Panel, report: ImportReport), ImportError> = all.withUnsafeBytes { b in
                do throws(ImportError) {
                    return .success(
                        try read(bytes: b, format: format, options: options, into: base, parallel: parallel))
                } catch { return .failure(error) }
            }
            return try r.get()
        }
        var blocks = StreamBlocks(
            source: PrefixedSource(prefix: head, source: source), blockBytes: options.blockBytes,
            firstBlockBytes: options.firstBlockBytes)
        defer { blocks.release() }
        return try dispatch(format, &blocks, sizeHint: sizeHint, options, base, parallel)
    }

    static func dispatch(
        _ format: ImportFormat, _ blocks: inout some BlockProducer, sizeHint: Int?,
        _ options: ImportOptions, _ base: Panel, _ parallel: some ParallelFor
    )
        throws(ImportError) -> (panel: Panel, report: ImportReport)
    {
        switch format {
        case .tidy:
            var run = ImportRun(prototype: TidyCSV(options: options), options: options, base: base)
            return try run.run(&blocks, sizeHint: sizeHint, parallel: parallel)
        case .wide:
            var run = ImportRun(prototype: WideCSV(options: options), options: options, base: base)
            return try run.run(&blocks, sizeHint: sizeHint, parallel: parallel)
        case .comtrade:
            var run = ImportRun(prototype: ComtradeCSV(options: options), options: options, base: base)
            return try run.run(&blocks, sizeHint: sizeHint, parallel: parallel)
        }
    }
}

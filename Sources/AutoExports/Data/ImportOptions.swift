/// How to import: the policy, limits, and for the wide layout what its cells hold.
///
///     var o = ImportOptions(policy: .lenient)
///     o.metric = .usd                          // wide CSV of export values
///     let (panel, report) = try Importer.read(text, format: .wide, options: o)
public struct ImportOptions: Sendable {
    /// Strict (the first bad row fails the import) or lenient (bad rows are reported).
    public var policy: ImportPolicy
    /// Wide CSV: the metric of every cell; UN Comtrade: ignored (units and usd).
    public var metric: Metric = .units
    /// Wide CSV: the segment of every cell.
    public var segment: Segment = .total
    /// Wide CSV and UN Comtrade: the source of the series (`unspecified` / `Comtrade` when nil).
    public var source: String? = nil
    /// Wide CSV and UN Comtrade: the scope (`unspecified` / `hs8703_passenger_cars` when nil).
    public var scope: String? = nil
    /// Tidy and wide CSV: the month (1...12) in which a fiscal year written without one
    /// (`FY2024`) starts; April by default (JAMA, SIAM). `FY2024@07` names its own.
    /// Outside 1...12 no bare `FY2024` is a period (its rows are rejected as bad periods).
    public var fiscalYearStart = Granularity.defaultFiscalYearStart
    /// How many rejections the report keeps (the count of rejected rows is always exact).
    public var maxRejections = 1000
    /// Whether an exporter that is not a known code, name or UN M49 number is kept as a
    /// code of its own (uppercased, `Exporter(_:)`) instead of rejecting the row
    /// (`unknownExporter`). Off by default: a misspelt country should not become a new one.
    public var keepUnknownExporters = false
    /// Whether a header without data rows loads an empty panel instead of failing with
    /// `noDataRows`.
    public var allowEmpty = false
    /// Whether a text cell that starts with an apostrophe followed by `=`, `+`, `-`, `@`,
    /// tab or CR loses the apostrophe (undoing the formula-injection escape that
    /// `TidyCSV.write` adds), so that an export reads back exactly.
    public var unescapeFormulas = true
    /// The longest field accepted (`fieldTooLong` beyond).
    public var maxFieldBytes = 1 << 20
    /// The longest record accepted (`recordTooLong` beyond; the input cannot be split).
    public var maxRecordBytes = 64 << 20
    /// Called after each block of input is read (a few megabytes at a time) with the bytes
    /// read so far and the input's size when known: a way to show progress on large files.
    /// Nil (no calls) by default; it runs on the importing thread, so keep it cheap.
    ///
    ///     o.progress = { done, total in print("\(done) of \(total ?? 0) bytes") }
    ///
    /// - Complexity: one call per block (input bytes / 2 MB), after the block is merged.
    public var progress: (@Sendable (_ bytesRead: Int, _ totalBytes: Int?) -> Void)? = nil
    /// Asked before the import allocates memory that grows with its input (each block's
    /// parse, the tables of series, the panel's columns, the final build): can about this
    /// many more bytes be had now? `false` ends the import with `ImportError.outOfMemory`
    /// set and nothing loaded. `nil` (the default) never asks. Swift's allocator ends the
    /// process when an allocation fails; a host that must survive a too-large input (the C
    /// ABI) answers by trying to allocate that much.
    ///
    ///     o.memoryCheck = { bytes in bytes < 64 << 20 }   // imports within 64 MiB
    public var memoryCheck: (@Sendable (Int) -> Bool)? = nil
    /// The field delimiter: nil (the default) takes it from the header line — a comma,
    /// or `;` or a tab when the header has no comma (and more of that than of the other);
    /// else `,`, `;`, a tab or `|`.
    public var delimiter: Character? = nil
    /// The decimal separator, `.` or `,`: nil (the default) is `.` in a comma-delimited
    /// file, and otherwise told from the numbers of the file (`4.910.000`, `1,5`,
    /// `174.500.000.000,0`); when the file cannot tell (every number like `4.910`), the
    /// import fails and asks for it.
    public var decimal: Character? = nil
    /// The thousands separator: nil (the default) accepts the separator that is not the
    /// decimal one (`.` or `,`), a space, a no-break space (U+00A0), a narrow no-break
    /// space (U+202F) or an apostrophe between groups of three digits; `""` accepts none;
    /// any other text is the only one accepted. (A comma-delimited file with a decimal
    /// point keeps its quoted `"4,910,000"` as before.)
    public var thousands: String? = nil
    /// The text encoding of the input (UTF-8 by default).
    public var encoding: TextEncoding = .utf8
    /// The spellings of a missing value (compared after trimming spaces, case-sensitive);
    /// a blank cell is always missing. A missing value is a gap, not a bad number.
    public var naValues: [String] = ImportOptions.defaultNAValues
    /// `NA`, `N/A`, `n/a`, `#N/A`, `-`, `..`, `…` (spreadsheets', pandas' and statistical
    /// offices' spellings of "no figure").
    public static let defaultNAValues = ["NA", "N/A", "n/a", "#N/A", "-", "..", "…"]
    /// The unit of reading and of splitting work (tests make it small to cross blocks).
    var blockBytes = 2 << 20
    /// The first block read from a stream or file holds at most this much (at most
    /// `blockBytes`): the parse starts after 1 MB is read instead of a whole block, and the next
    /// block is read beside it.
    var firstBlockBytes = 1 << 20
    /// Blocks smaller than this are parsed as one piece, and an input of known size under
    /// 16 times this on one thread.
    var minPieceBytes = 1 << 16

    /// The default options with `policy`.
    ///
    /// - Complexity: O(1).
    public init(policy: ImportPolicy = .strict) {
        self.policy = policy
    }
}

/// The text encoding of an input file.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    /// Windows-1252, what spreadsheets on Windows save as "CSV" in Western European
    /// locales (the bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D, undefined there, read as the C1
    /// controls, as browsers do).
    case windows1252 = "cp1252"
    /// ISO 8859-1: every byte is the code point of the same number.
    case latin1 = "latin-1"

    /// Parses `utf-8`/`utf8`, `cp1252`/`windows-1252`, `latin-1`/`latin1`/`iso-8859-1`
    /// (any case, `_` for `-`).
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        switch name.lowercased().replacingOccurrencesOfUnderscore() {
        case "utf-8", "utf8", "utf-8-sig": self = .utf8
        case "cp1252", "windows-1252", "win-1252", "1252": self = .windows1252
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1": self = .latin1
        default: return nil
        }
    }
}

extension String {
    fileprivate func replacingOccurrencesOfUnderscore() -> String {
        String(map { $0 == "_" ? "-" : $0 })
    }
}

/// Why an importer refused a row or a whole input. Raw values are the C ABI's
/// `AEX_REJECT_*` and never change.
///
/// Input-level reasons (the whole input cannot be read; both policies fail): `emptyInput`,
/// `missingColumn`, `duplicateColumn`, `recordTooLong`, `readFailure`, and any problem in
/// the header line; `noDataRows` fails the strict policy only. Every other reason rejects one row (an unclosed quote
/// rejects the row it opens in, which runs to the end of the input).
public enum RejectionReason: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// The input has no bytes (or only a byte-order mark and blank lines).
    case emptyInput = 1
    /// The input has a header but no data rows (unless `ImportOptions.allowEmpty`): an
    /// error under the strict policy; under the lenient one nothing loads and the report
    /// lists it (a note, not a rejected row: the counts stay 0).
    case noDataRows = 2
    /// The header lacks a required column (tidy: exporter, period, metric, value).
    case missingColumn = 3
    /// The header names a column twice.
    case duplicateColumn = 4
    /// A quoted field is not closed before the end of the input.
    case unterminatedQuote = 5
    /// A quote inside an unquoted field, or text after a closing quote.
    case badQuote = 6
    /// A row has more or fewer fields than the header.
    case columnCount = 7
    /// Bytes that are not UTF-8.
    case invalidUTF8 = 8
    /// A byte-order mark (U+FEFF) anywhere but at the very start of the input.
    case byteOrderMark = 9
    /// A control character (NUL and the like; tab, CR and LF are allowed) in a field.
    case controlCharacter = 10
    /// A field longer than `ImportOptions.maxFieldBytes` (1 MiB by default).
    case fieldTooLong = 11
    /// A record longer than `ImportOptions.maxRecordBytes` (64 MiB): the input cannot be
    /// split into rows.
    case recordTooLong = 12
    /// The value is not a number.
    case badNumber = 13
    /// The period is none of `2023`, `2023-H1`, `2023-Q1`, `2023-03`, `2023-01/2023-05`, `FY2024`.
    case badPeriod = 14
    /// The exporter is not a known code, name or UN M49 number.
    case unknownExporter = 15
    /// The segment is not one of total, bev, phev, fcev, hev, ice, other, nev, plugin,
    /// conventional.
    case badSegment = 16
    /// The metric is not `units` or a three-letter currency code.
    case badMetric = 17
    /// A required field (exporter, period, metric) is empty.
    case emptyField = 18
    /// The same (series, period) was given before.
    case duplicate = 19
    /// A value outside what the format allows (e.g. a Comtrade flag or code that is not a
    /// number).
    case badField = 20
    /// The input could not be read (an I/O error of the byte source).
    case readFailure = 21

    /// `"unterminated_quote"`, `"duplicate"`, … (the C constant's name in lower case).
    public var description: String {
        switch self {
        case .emptyInput: "empty_input"
        case .noDataRows: "no_data_rows"
        case .missingColumn: "missing_column"
        case .duplicateColumn: "duplicate_column"
        case .unterminatedQuote: "unterminated_quote"
        case .badQuote: "bad_quote"
        case .columnCount: "column_count"
        case .invalidUTF8: "invalid_utf8"
        case .byteOrderMark: "byte_order_mark"
        case .controlCharacter: "control_character"
        case .fieldTooLong: "field_too_long"
        case .recordTooLong: "record_too_long"
        case .badNumber: "bad_number"
        case .badPeriod: "bad_period"
        case .unknownExporter: "unknown_exporter"
        case .badSegment: "bad_segment"
        case .badMetric: "bad_metric"
        case .emptyField: "empty_field"
        case .duplicate: "duplicate"
        case .badField: "bad_field"
        case .readFailure: "read_failure"
        }
    }

    /// True for the reasons that stop an import whatever the policy.
    public var isInputLevel: Bool {
        switch self {
        case .emptyInput, .missingColumn, .duplicateColumn, .recordTooLong, .readFailure: true
        default: false
        }
    }
}

/// One refused row (or a refused input), with where and why.
///
/// `line` is the 1-based physical line of the input where the offending field starts
/// (a field with quoted line breaks spans several lines); `column` is the 1-based field
/// number, and `columnName` the header's name for it when there is one.
///
///     // line 7, column 5 (value): "abc" is not a number
public struct Rejection: Hashable, Sendable, CustomStringConvertible, Error {
    public var line: Int
    public var column: Int
    public var columnName: String?
    public var reason: RejectionReason
    /// What was wrong, for people: the offending text (at most 60 characters) and what
    /// was expected.
    public var detail: String

    /// A rejection of the field at `line` and `column` (1-based), for `reason`.
    ///
    /// - Complexity: O(1).
    public init(line: Int, column: Int, columnName: String? = nil, reason: RejectionReason, detail: String) {
        self.line = line
        self.column = column
        self.columnName = columnName
        self.reason = reason
        self.detail = detail
    }

    /// `line 7, column 5 (value): "abc" is not a number`.
    public var description: String {
        "line \(line), column \(column)" + (columnName.map { " (\($0))" } ?? "") + ": \(detail)"
    }
}

/// What an import read, loaded and refused. Rows read = rows loaded + rows rejected +
/// rows skipped, always: nothing is lost silently.
public struct ImportReport: Sendable {
    /// Data rows (records after the header; blank lines are not rows).
    public var rowsRead = 0
    /// Rows whose every observation was added.
    public var rowsLoaded = 0
    /// Rows refused (each has a rejection; a wide row with a refused cell is counted here
    /// although its other cells load; `rejections` keeps the first
    /// `ImportOptions.maxRejections` of them).
    public var rowsRejected = 0
    /// Rows left out by design, not by error: UN Comtrade rows of imports, of partners
    /// other than the world, or of commodities outside HS 8703 (`skippedReasons` says
    /// which).
    public var rowsSkipped = 0
    /// Observations added (a wide row adds one per period column; a Comtrade row one per
    /// metric).
    public var observationsLoaded = 0
    /// Missing values met: blank value cells and the spellings of
    /// `ImportOptions.naValues` (`NA`, `..`, `-`, …). They are gaps, not errors: a tidy
    /// row with a missing value loads as a gap (a NaN observation, as a blank value always
    /// has) and counts as loaded; a wide cell adds no observation. They change none of the
    /// row counts (read = loaded + rejected + skipped).
    public var missingValues = 0
    /// The first rejections, in input order. A wide row has one per refused cell (its
    /// other cells load; the row counts once in `rowsRejected`).
    public var rejections: [Rejection] = []
    /// How many rows were skipped for each reason, e.g. `("flowCode is not X (exports)", 12)`.
    public var skippedReasons: [(reason: String, count: Int)] = []
    /// Where published parts and their total disagree (UN Comtrade: HS 8703 subheadings
    /// against heading 8703).
    public var discrepancies: [SegmentDiscrepancy] = []

    /// An empty report.
    ///
    /// - Complexity: O(1).
    public init() {}
}

/// An import that failed: the first rejection (strict policy, or an input-level error)
/// and the report of what had been read until then. Nothing was loaded.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var rejection: Rejection
    public var report: ImportReport
    /// Set when the import stopped because `ImportOptions.memoryCheck` refused this many
    /// bytes: the input was not at fault (`rejection` then only describes where it stopped).
    public var outOfMemory: Int? = nil

    /// The error of a strict import that stopped at `rejection`, with the report so far.
    ///
    /// - Complexity: O(1).
    public init(rejection: Rejection, report: ImportReport) {
        self.rejection = rejection
        self.report = report
    }

    public var description: String { rejection.description }
}

/// How an importer treats a bad row.
///
/// Raw values are the C ABI's `AEX_POLICY_*`.
public enum ImportPolicy: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// The first bad row fails the whole import; nothing is loaded.
    case strict = 0
    /// Valid rows load; bad rows are reported as rejections.
    case lenient = 1

    public var description: String { self == .strict ? "strict" : "lenient" }

    /// Parses `strict` or `lenient`.
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        switch name.lowercased() {
        case "strict": self = .strict
        case "lenient": self = .lenient
        default: return nil
        }
    }
}

/// The input layouts the importers read. Raw values are the C ABI's `AEX_FORMAT_*`.
public enum ImportFormat: Int32, CaseIterable, Sendable, CustomStringConvertible {
    /// One observation per row: exporter, period, segment, metric, value, source, scope,
    /// citation (the project's canonical format; see `TidyCSV`).
    case tidy = 0
    /// One row per exporter, one column per period (see `WideCSV`).
    case wide = 1
    /// UN Comtrade data API CSV (see `ComtradeCSV`).
    case comtrade = 2

    public var description: String {
        switch self {
        case .tidy: "tidy"
        case .wide: "wide"
        case .comtrade: "comtrade"
        }
    }

    /// Parses `tidy`, `wide` or `comtrade`.
    ///
    /// - Complexity: O(1): the names are a short fixed list.
    public init?(name: String) {
        guard let f = ImportFormat.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = f
    }
}

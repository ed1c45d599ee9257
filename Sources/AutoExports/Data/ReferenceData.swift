/// The embedded reference dataset of published, cited annual vehicle export figures
/// (Data/Reference/README.md says what each column means and what to know before use).
///
///     let panel = ReferenceData.panel
///     let sel = try panel.select(metric: .units)   // CAAM, JAMA, VDA, KAMA, INEGI, …
///
/// Every row carries its citation. Loading is done once, lazily, and is thread-safe.
public enum ReferenceData {
    /// One row of the reference file, as published.
    public struct Row: Hashable, Sendable {
        public var key: SeriesKey
        public var period: Period
        public var value: Double
        /// `cited`: the figure appears at `citation`; `derived`: arithmetic on cited figures
        /// (e.g. a level from the next year's level and its published growth rate), whose
        /// inputs are at `citation`.
        public var status: String
        public var citation: String
    }

    /// Every row of the reference file (`exports.csv`, national totals), in file order.
    public static let rows: [Row] = parseRows(csv)

    /// Every row of the destinations file (`destinations.csv`: exports by destination market,
    /// `key.partner` the market), in file order (docs/destinations.md).
    public static let destinationRows: [Row] = parseRows(destinationsCSV)

    /// The reference rows as a panel (published rows only; see `completedPanel`): the
    /// national totals of `exports.csv` and the destination series of `destinations.csv`
    /// (partners other than WLD, which no league table of exporters sees), read by the tidy
    /// CSV importer (strict: a row that does not read is a build defect the tests catch; the
    /// panel is then the national totals alone, or empty, rather than a trap).
    public static let panel: Panel = {
        let totals = (try? Importer.read(csv, format: .tidy, options: ImportOptions(policy: .strict)).panel) ?? Panel()
        guard
            let markets = try? Importer.read(
                destinationsCSV, format: .tidy,
                options: ImportOptions(policy: .strict)
            ).panel
        else { return totals }
        return (try? totals.merging(markets)) ?? totals
    }()

    /// The national totals alone (`exports.csv`), without the destination series.
    public static let totalsPanel: Panel = {
        (try? Importer.read(csv, format: .tidy, options: ImportOptions(policy: .strict)).panel) ?? Panel()
    }()

    /// The reference panel with derived complements (e.g. China's conventional = total −
    /// nev for the years where only total and nev are published).
    public static let completedPanel: Panel = panel.completingSegments().panel

    /// Rows of the shared reference file left out of the embedded copy: none (the JAMA
    /// fiscal years load as fiscal-year periods, docs/periods.md).
    public static let fiscalYearRowsLeftOut = 0

    /// The first year of any row and the last (2010 and 2025 in this release).
    public static var years: ClosedRange<Int> {
        let ys = rows.map(\.period.year)
        return (ys.min() ?? 0)...(ys.max() ?? 0)
    }

    /// Reads the embedded text row by row with the CSV scanner the importers use (so
    /// quoting follows RFC 4180), keeping the `status` column the panel does not hold.
    /// A row that does not read is a build defect caught by the tests (it is skipped,
    /// not trapped).
    static func parseRows(_ source: String) -> [Row] {
        var text = source
        return text.withUTF8 { u -> [Row] in
            var scanner = CSVScanner(UnsafeRawBufferPointer(u), line: 1, maxFieldBytes: 1 << 20)
            var record = CSVRecord()
            guard scanner.next(into: &record) else { return [] }
            func field(_ i: Int) -> String {
                scanner.withField(record, i) { p, n in FieldText.string(p, n, unescape: false) }
            }
            let cols = (0..<record.count).map(field)
            func idx(_ name: String) -> Int? { cols.firstIndex(of: name) }
            guard let ie = idx("exporter"), let ip = idx("period"), let isg = idx("segment"),
                let im = idx("metric"), let iv = idx("value"), let iso = idx("source"),
                let isc = idx("scope"), let ist = idx("status"), let ic = idx("citation")
            else { return [] }
            let ipa = idx("partner")
            var out: [Row] = []
            while scanner.next(into: &record) {
                guard record.count == cols.count, record.problem == nil,
                    let e = Exporter.resolve(field(ie)), let p = Period(parsing: field(ip)),
                    let seg = Segment(name: field(isg)), let m = Metric(name: field(im)),
                    let v = DecimalParser.parse(field(iv))
                else { continue }
                var partner = Exporter.world
                if let ipa {
                    guard let p = Exporter.resolve(field(ipa)) else { continue }
                    partner = p
                }
                out.append(
                    Row(
                        key: SeriesKey(
                            exporter: e, partner: partner, segment: seg, metric: m, source: field(iso),
                            scope: field(isc)),
                        period: p, value: v, status: field(ist), citation: field(ic)))
            }
            return out
        }
    }
}

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
        /// `cited`: the figure appears at `citation`.
        public var status: String
        public var citation: String
    }

    /// Every row of the reference file, in file order.
    public static let rows: [Row] = parseRows()

    /// The reference rows as a panel (published rows only; see `completedPanel`).
    public static let panel: Panel = {
        var b = PanelBuilder()
        for r in rows { try? b.add(r.key, r.period, r.value, citation: r.citation) }
        return b.build()
    }()

    /// The reference panel with derived complements (e.g. China's conventional = total −
    /// nev for the years where only total and nev are published).
    public static let completedPanel: Panel = panel.completingSegments().panel

    /// The first year of any row and the last (2015 and 2025 in this release).
    public static var years: ClosedRange<Int> {
        let ys = rows.map(\.period.year)
        return (ys.min() ?? 0)...(ys.max() ?? 0)
    }

    /// Parses the embedded text. The text is ours and has no quoted fields; a row that
    /// does not parse is a build defect caught by the tests (it is skipped, not trapped).
    static func parseRows() -> [Row] {
        var out: [Row] = []
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard let header = lines.next() else { return [] }
        let cols = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func idx(_ name: String) -> Int? { cols.firstIndex(of: name) }
        guard let ie = idx("exporter"), let ip = idx("period"), let isg = idx("segment"),
              let im = idx("metric"), let iv = idx("value"), let iso = idx("source"),
              let isc = idx("scope"), let ist = idx("status"), let ic = idx("citation") else { return [] }
        while let line = lines.next() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == cols.count, let p = Period(parsing: f[ip]), let seg = Segment(name: f[isg]),
                  let m = Metric(name: f[im]), let v = Double(f[iv]) else { continue }
            out.append(Row(key: SeriesKey(exporter: Exporter(f[ie]), segment: seg, metric: m,
                                          source: f[iso], scope: f[isc]),
                           period: p, value: v, status: f[ist], citation: f[ic]))
        }
        return out
    }
}

/// Where published parts and their published total disagree.
public struct SegmentDiscrepancy: Hashable, Sendable, CustomStringConvertible {
    /// The series of the group (e.g. CHN total units CAAM all_vehicles).
    public var group: SeriesKey
    public var period: Period
    /// The group's published value.
    public var published: Double
    /// The sum of its published parts.
    public var sumOfParts: Double
    /// The parts that were summed.
    public var parts: [Segment]

    public var description: String {
        "\(group) in \(period): published \(published) but \(parts.map(\.description).joined(separator: " + ")) = \(sumOfParts)"
    }
}

extension Panel {
    /// The citation text of rows derived by `completingSegments()`.
    ///
    /// - Complexity: O(length of `parts`).
    public static func derivedCitation(_ segment: Segment, from parts: String) -> String {
        "derived: \(segment) = \(parts)"
    }

    /// Adds the segments that follow from the published ones and reports where published
    /// parts and totals disagree (docs/design.md §2).
    ///
    /// Within each (exporter, metric, source, scope) and period, until nothing changes:
    /// `conventional = total − nev`, `nev = total − conventional`,
    /// `total = nev + conventional`, and a group (nev, plugin, conventional, total) = the
    /// sum of its exclusive parts when every part is present. Derived rows carry the
    /// citation `"derived: conventional = total − nev"` (etc.). Published values are never
    /// changed. A group whose published value differs from the sum of its published parts
    /// by more than 0.5 (one vehicle, or half a currency unit) is reported.
    ///
    ///     // CHN 2024: total 5,859,000 and nev 1,284,000 published
    ///     let (full, _) = panel.completingSegments()
    ///     // full has CHN 2024 conventional = 4,575,000
    ///
    /// - Complexity: O(rows).
    public func completingSegments() -> (panel: Panel, discrepancies: [SegmentDiscrepancy]) {
        struct Family: Hashable {
            var exporter: Exporter; var partner: Exporter; var metric: Metric; var source: String; var scope: String
        }
        // family -> period -> segment -> value (published rows only; NaN = absent)
        var cells: [Family: [Period: [Segment: Double]]] = [:]
        for (s, k) in series.enumerated() {
            let f = Family(exporter: k.exporter, partner: k.partner, metric: k.metric, source: k.source, scope: k.scope)
            for r in rows(ofSeries: s) where !rowValues[Int(r)].isNaN {
                cells[f, default: [:]][periods[periodIndex(ofRow: Int(r))], default: [:]][k.segment] = rowValues[Int(r)]
            }
        }
        var builder = PanelBuilder()
        builder.reserveCapacity(rowCount)
        for (s, k) in series.enumerated() {
            for r in rows(ofSeries: s) {
                let row = Int(r)
                try? builder.add(k, periods[periodIndex(ofRow: row)], rowValues[row], citation: citation(ofRow: row))
            }
        }
        var discrepancies: [SegmentDiscrepancy] = []
        let groups: [Segment] = [.nev, .plugin, .conventional, .total]
        for (f, byPeriod) in cells.sorted(by: { a, b in
            if a.key.exporter != b.key.exporter { return a.key.exporter < b.key.exporter }
            if a.key.metric != b.key.metric { return a.key.metric < b.key.metric }
            return (a.key.partner.code, a.key.source, a.key.scope) < (b.key.partner.code, b.key.source, b.key.scope)
        }) {
            for (period, published) in byPeriod.sorted(by: { $0.key < $1.key }) {
                var v = published
                func key(_ seg: Segment) -> SeriesKey {
                    SeriesKey(
                        exporter: f.exporter, partner: f.partner, segment: seg, metric: f.metric, source: f.source,
                        scope: f.scope)
                }
                // Checks on published values only.
                for g in groups {
                    let parts = g.parts
                    if let total = published[g], parts.allSatisfy({ published[$0] != nil }) {
                        let sum = parts.reduce(0.0) { $0 + published[$1]! }
                        if abs(total - sum) > 0.5 {
                            discrepancies.append(
                                SegmentDiscrepancy(
                                    group: key(g), period: period, published: total,
                                    sumOfParts: sum, parts: parts))
                        }
                    }
                }
                if let t = published[.total], let n = published[.nev], let c = published[.conventional],
                    abs(t - (n + c)) > 0.5
                {
                    discrepancies.append(
                        SegmentDiscrepancy(
                            group: key(.total), period: period, published: t,
                            sumOfParts: n + c, parts: [.nev, .conventional]))
                }
                // Derivations to a fixed point.
                var changed = true
                while changed {
                    changed = false
                    func derive(_ seg: Segment, _ value: Double, _ how: String) {
                        guard v[seg] == nil else { return }
                        v[seg] = value
                        try? builder.add(key(seg), period, value, citation: Panel.derivedCitation(seg, from: how))
                        changed = true
                    }
                    if let t = v[.total], let n = v[.nev] { derive(.conventional, t - n, "total − nev") }
                    if let t = v[.total], let c = v[.conventional] { derive(.nev, t - c, "total − conventional") }
                    if let n = v[.nev], let c = v[.conventional] { derive(.total, n + c, "nev + conventional") }
                    for g in groups where v[g] == nil {
                        let parts = g.parts
                        if parts.allSatisfy({ v[$0] != nil }) {
                            derive(
                                g, parts.reduce(0.0) { $0 + v[$1]! }, parts.map(\.description).joined(separator: " + "))
                        }
                    }
                }
            }
        }
        return (builder.build(), discrepancies)
    }
}

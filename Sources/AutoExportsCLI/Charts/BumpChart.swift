import AutoExports

/// A bump chart: each exporter's rank across periods (rank 1 on top), from a selection.
struct BumpChart {
    var title: String
    var subtitle: String?
    /// Exporters' names, ranks per period (NaN = not ranked), and period labels.
    var periods: [String]
    var series: [(name: String, ranks: [Double])]
    var source: String
    /// Per period, the exporters without a figure that could outrank a shown one
    /// (`RankHistory.missingContenders`): such a period's ranking is incomplete. It gets a
    /// grey band and hollow markers, and the subtitle names who is missing.
    var incomplete: [[String]] = []

    func isIncomplete(_ i: Int) -> Bool { i < incomplete.count && !incomplete[i].isEmpty }

    /// "Ranking incomplete in 2012, 2017 (grey band, hollow markers): no figure for Japan,
    /// South Korea" (each band's tooltip says who is missing in that period).
    var incompleteLine: String? {
        let ps = periods.indices.filter(isIncomplete)
        guard !ps.isEmpty else { return nil }
        var names: [String] = []
        for p in ps { for x in incomplete[p] where !names.contains(x) { names.append(x) } }
        return "Ranking incomplete in \(ps.map { periods[$0] }.joined(separator: ", ")) (grey band, hollow markers): "
            + "no figure for \(names.joined(separator: ", "))"
    }

    func render() -> String {
        let w = 820.0
        // Further subtitle lines name the incomplete periods and who has no figure, wrapped
        // to the chart's width; the plot moves down by as much as they take.
        let notes = incompleteLine.map { ChartStyle.wrap($0, width: w - 48, size: 11) } ?? []
        let shift = notes.isEmpty ? 0 : Double(notes.count) * 14 + 10
        let h = 500.0 + shift
        var svg = SVG(width: w, height: h)
        ChartStyle.header(&svg, title: title, subtitle: subtitle)
        for (k, line) in notes.enumerated() { svg.text(line, 24, 71 + Double(k) * 14, size: 11, fill: "#555") }
        let maxRank = series.flatMap(\.ranks).filter { !$0.isNaN }.max() ?? 1
        let left = 70.0, right = w - 150, top = 80.0 + shift, bottom = h - 70
        let nx = max(periods.count - 1, 1)
        func x(_ i: Int) -> Double { left + (right - left) * Double(i) / Double(nx) }
        func y(_ r: Double) -> Double { top + (bottom - top) * (r - 1) / max(maxRank - 1, 1) }
        // The bands of incomplete periods first, clipped to the plot, so that they cover
        // neither the rank labels at the left nor the names at the right; then the axes:
        // one horizontal guide per rank, period labels below.
        let step = (right - left) / Double(nx)
        for i in periods.indices where isIncomplete(i) {
            let x0 = max(x(i) - step / 2, left - 6), x1 = min(x(i) + step / 2, right + 6)
            svg.rect(
                x0, top - 12, x1 - x0, bottom - top + 24, fill: "#f1f1f1",
                title: "\(periods[i]): incomplete ranking, no figure for \(incomplete[i].joined(separator: ", "))")
        }
        for r in 1...Int(maxRank) {
            svg.line(left, y(Double(r)), right, y(Double(r)), stroke: "#eee")
            svg.text("#\(r)", left - 12, y(Double(r)) + 4, size: 11.5, anchor: .end, fill: "#666")
        }
        for (i, p) in periods.enumerated() {
            svg.text(p, x(i), bottom + 22, size: 11.5, anchor: .middle, fill: "#444")
        }
        svg.text(
            "rank (1 = largest exporter)", 18, (top + bottom) / 2, size: 11.5, anchor: .middle, fill: "#555",
            rotate: -90)
        var placed: [(x: Double, y: Double, width: Double)] = []
        for (k, s) in series.enumerated() {
            let c = ChartStyle.color(k)
            // Break the line at unranked periods (gaps are gaps, not interpolated).
            var run: [(Double, Double)] = []
            for (i, r) in s.ranks.enumerated() {
                if r.isNaN { svg.polyline(run, stroke: c, width: 3); run = []; continue }
                run.append((x(i), y(r)))
            }
            svg.polyline(run, stroke: c, width: 3)
            for (i, r) in s.ranks.enumerated() where !r.isNaN {
                if isIncomplete(i) {
                    svg.circle(x(i), y(r), r: 5, fill: "white", stroke: c, strokeWidth: 2.5)
                } else {
                    svg.circle(x(i), y(r), r: 5, fill: c)
                }
            }
            if let last = s.ranks.lastIndex(where: { !$0.isNaN }) {
                // A name that would overlap one already placed (two series ending on the same
                // rank in different periods) moves down a line until it is clear.
                let lx = x(last) + 10, width = ChartStyle.textWidth(s.name, size: 12.5)
                var ly = y(s.ranks[last]) + 4
                while placed.contains(where: { abs($0.y - ly) < 14 && lx < $0.x + $0.width && $0.x < lx + width }) {
                    ly += 14
                }
                placed.append((lx, ly, width))
                svg.text(s.name, lx, ly, size: 12.5, fill: c, weight: "bold")
            }
        }
        ChartStyle.footer(&svg, source: source)
        return svg.rendered
    }
}

import AutoExports

/// A stacked bar chart: one exporter's segments by period (e.g. China's NEV vs conventional).
struct StackedBarChart {
    var title: String
    var subtitle: String?
    var periods: [String]
    /// Bottom to top.
    var layers: [(name: String, values: [Double], color: String)]
    var metric: Metric
    var yLabel: String
    var source: String
    /// The description for screen readers (default: the subtitle).
    var desc: String? = nil

    func render() -> String {
        let w = 820.0, h = 500.0
        var svg = SVG(width: w, height: h)
        svg.desc = desc
        ChartStyle.header(&svg, title: title, subtitle: subtitle)
        let totals = periods.indices.map { i in
            layers.reduce(0.0) { $0 + max(0, $1.values[i].isFinite ? $1.values[i] : 0) }
        }
        let hi = (totals.max() ?? 1) * 1.1
        let ticks = ChartStyle.niceTicks(0, hi)
        let ymax = max(ticks.last ?? hi, hi)
        let top = 80.0, bottom = h - 70, left = 80.0, right = w - 40
        func y(_ v: Double) -> Double { bottom - (bottom - top) * v / ymax }
        for t in ticks {
            svg.line(left, y(t), right, y(t), stroke: "#eee")
            svg.text(Formatting.compact(t, metric: metric), left - 10, y(t) + 4, size: 11.5, anchor: .end, fill: "#666")
        }
        let slot = (right - left) / Double(max(periods.count, 1))
        let bw = slot * 0.62
        for (i, p) in periods.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            var base = 0.0
            for l in layers {
                let v = l.values[i]
                guard v.isFinite, v > 0 else { continue }
                svg.rect(
                    cx - bw / 2, y(base + v), bw, y(base) - y(base + v), fill: l.color,
                    title: "\(l.name) \(p): \(Formatting.grouped(v))")
                base += v
            }
            if totals[i] > 0 {
                svg.text(
                    Formatting.compact(totals[i], metric: metric), cx, y(totals[i]) - 6, size: 11.5, anchor: .middle,
                    fill: "#333", weight: "bold")
                if let share = layers.first.map({ $0.values[i] / totals[i] }), share.isFinite, layers.count > 1 {
                    let top0 = layers[0].values[i]
                    if top0.isFinite, y(0) - y(top0) > 16 {
                        svg.text(
                            Formatting.percent(share, digits: 0), cx, y(top0 / 2) + 4, size: 11, anchor: .middle,
                            fill: "white", weight: "bold")
                    }
                }
            }
            svg.text(p, cx, bottom + 22, size: 11.5, anchor: .middle, fill: "#444")
        }
        svg.line(left, bottom, right, bottom, stroke: "#999")
        svg.text(yLabel, 18, (top + bottom) / 2, size: 11.5, anchor: .middle, fill: "#555", rotate: -90)
        // Legend, top right: swatch, 6 px, label, 18 px to the next swatch (widths measured,
        // so a swatch never lands on the label before it).
        var lx = right
        for l in layers.reversed() {
            lx -= 12 + 6 + ChartStyle.textWidth(l.name, size: 12)
            svg.rect(lx, 63, 12, 12, fill: l.color)
            svg.text(l.name, lx + 18, 73, size: 12, fill: "#333")
            lx -= 18
        }
        ChartStyle.footer(&svg, source: source)
        return svg.rendered
    }
}

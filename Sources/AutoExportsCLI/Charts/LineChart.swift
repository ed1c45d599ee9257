import AutoExports

/// A line chart of exporters' values across periods with milestone markers.
struct LineChart {
    struct Marker {
        /// Position on the period axis as a fractional index (2.8 = 80% from period 2 to 3).
        var at: Double
        var value: Double
        var label: String
    }

    var title: String
    var subtitle: String?
    var periods: [String]
    var series: [(name: String, values: [Double])]
    var markers: [Marker] = []
    var metric: Metric
    var yLabel: String
    var source: String
    /// The colour of each series (default: the palette in order), so that an exporter has
    /// one colour across the charts of a page.
    var colors: [String]? = nil
    /// The description for screen readers (default: the subtitle); the page gives the headline.
    var desc: String? = nil

    func render() -> String {
        let w = 820.0, h = 500.0
        var svg = SVG(width: w, height: h)
        svg.desc = desc
        ChartStyle.header(&svg, title: title, subtitle: subtitle)
        let all = series.flatMap(\.values).filter(\.isFinite)
        let hi = (all.max() ?? 1) * 1.08
        let ticks = ChartStyle.niceTicks(0, hi)
        let top = 80.0, bottom = h - 70, left = 80.0, right = w - 150
        let ymax = max(ticks.last ?? hi, hi)
        let nx = max(periods.count - 1, 1)
        func x(_ i: Double) -> Double { left + (right - left) * i / Double(nx) }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * v / ymax }
        for t in ticks {
            svg.line(left, y(t), right, y(t), stroke: "#eee")
            svg.text(Formatting.compact(t, metric: metric), left - 10, y(t) + 4, size: 11.5, anchor: .end, fill: "#666")
        }
        svg.line(left, bottom, right, bottom, stroke: "#999")
        let every = max(1, periods.count / 12)
        for (i, p) in periods.enumerated() where i % every == 0 || i == periods.count - 1 {
            svg.text(p, x(Double(i)), bottom + 22, size: 11.5, anchor: .middle, fill: "#444")
        }
        svg.text(yLabel, 18, (top + bottom) / 2, size: 11.5, anchor: .middle, fill: "#555", rotate: -90)
        var endLabels: [(name: String, x: Double, y: Double, color: String)] = []
        for (k, s) in series.enumerated() {
            let c = colors.flatMap { k < $0.count ? $0[k] : nil } ?? ChartStyle.color(k)
            var run: [(Double, Double)] = []
            for (i, v) in s.values.enumerated() {
                if !v.isFinite { svg.polyline(run, stroke: c); run = []; continue }
                run.append((x(Double(i)), y(v)))
            }
            svg.polyline(run, stroke: c)
            for (i, v) in s.values.enumerated() where v.isFinite { svg.circle(x(Double(i)), y(v), r: 3.5, fill: c) }
            if let last = s.values.lastIndex(where: \.isFinite) {
                endLabels.append((s.name, x(Double(last)) + 10, y(s.values[last]) + 4, c))
            }
        }
        // End labels: keep at least 15 px apart, top to bottom.
        endLabels.sort { $0.y < $1.y }
        for i in endLabels.indices.dropFirst() where endLabels[i].y - endLabels[i - 1].y < 15 {
            endLabels[i].y = endLabels[i - 1].y + 15
        }
        for l in endLabels { svg.text(l.name, l.x, l.y, size: 12.5, fill: l.color, weight: "bold") }
        // Every marker gets a circle where the lines cross on the drawing; labelled ones a
        // leader line and text (naming the period of the overtake, not the crossing's
        // position), staggered upward when they would collide. No guide down to the axis:
        // the interpolated position is not a date.
        var placed: [(x: Double, y: Double)] = []
        for m in markers {
            let mx = x(m.at), my = y(m.value)
            svg.circle(mx, my, r: 6.5, fill: "none", stroke: "#222", strokeWidth: 2)
            guard !m.label.isEmpty else { continue }
            var ly = my - 44
            while placed.contains(where: { abs($0.x - mx) < 190 && abs($0.y - ly) < 16 }) { ly -= 17 }
            placed.append((mx, ly))
            svg.line(mx, ly + 10, mx, my - 8, stroke: "#444", width: 1, dash: "4 3")
            svg.text(m.label, mx, ly, size: 12, anchor: .middle, fill: "#222", weight: "bold")
        }
        ChartStyle.footer(&svg, source: source)
        return svg.rendered
    }
}

import AutoExports

/// A projection chart: two series' history (solid), their trend forecasts (dashed) with the
/// prediction interval as a shaded band, and the projected crossing (a vertical guide
/// labelled with the period and its interval).
struct ProjectionChart {
    struct Series {
        var name: String
        /// Period labels and values of the fitted history.
        var history: [(period: String, value: Double)]
        /// Period labels, point forecasts and interval ends.
        var forecast: [(period: String, mean: Double, lower: Double, upper: Double)]
        var color: String
    }

    var title: String
    var subtitle: String?
    var series: [Series]
    /// The period label of the projected crossing, if any, and its label text.
    var crossing: (period: String, label: String)?
    var metric: Metric
    var yLabel: String
    var source: String
    var desc: String? = nil
    /// The top of the value axis (default: the largest value drawn); bands above it are
    /// clipped, so an exploding interval does not flatten the actual figures.
    var maxValue: Double? = nil

    func render() -> String {
        let w = 820.0, h = 500.0
        var svg = SVG(width: w, height: h)
        svg.desc = desc
        ChartStyle.header(&svg, title: title, subtitle: subtitle)
        // One period axis: every period of every history and forecast, in order of appearance
        // (histories first, then forecasts; labels are comparable period texts).
        var periods: [String] = []
        for s in series {
            for p in s.history.map(\.period) + s.forecast.map(\.period) where !periods.contains(p) { periods.append(p) }
        }
        periods.sort()
        let index = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
        let all = series.flatMap { s in s.history.map(\.value) + s.forecast.flatMap { [$0.mean, $0.upper] } }.filter(
            \.isFinite)
        let hi = min(all.max() ?? 1, maxValue ?? .infinity) * 1.05
        let ticks = ChartStyle.niceTicks(0, hi)
        let ymax = max(ticks.last ?? hi, hi)
        let top = 80.0, bottom = h - 70, left = 80.0, right = w - 190
        let nx = max(periods.count - 1, 1)
        func x(_ p: String) -> Double { left + (right - left) * Double(index[p] ?? 0) / Double(nx) }
        func y(_ v: Double) -> Double { bottom - (bottom - top) * min(max(v, 0), ymax) / ymax }
        for t in ticks {
            svg.line(left, y(t), right, y(t), stroke: "#eee")
            svg.text(Formatting.compact(t, metric: metric), left - 10, y(t) + 4, size: 11.5, anchor: .end, fill: "#666")
        }
        svg.line(left, bottom, right, bottom, stroke: "#999")
        let every = max(1, periods.count / 10)
        for (i, p) in periods.enumerated() where i % every == 0 || i == periods.count - 1 {
            svg.text(p, x(p), bottom + 22, size: 11.5, anchor: .middle, fill: "#444")
        }
        svg.text(yLabel, 18, (top + bottom) / 2, size: 11.5, anchor: .middle, fill: "#555", rotate: -90)
        // Where the forecasts start: a light divider labelled "projected".
        if let f = series.compactMap({ $0.forecast.first?.period }).min() {
            svg.line(x(f), top, x(f), bottom, stroke: "#bbb", width: 1, dash: "2 3")
            svg.text("projected →", x(f) + 4, top + 12, size: 11, fill: "#595959")
        }
        var endLabels: [(name: String, x: Double, y: Double, color: String)] = []
        for s in series {
            // The band: upper ends left to right, lower ends back, joined to the last actual value.
            var upper = s.forecast.filter { $0.upper.isFinite && $0.lower.isFinite }.map { (x($0.period), y($0.upper)) }
            var lower = s.forecast.filter { $0.upper.isFinite && $0.lower.isFinite }.map { (x($0.period), y($0.lower)) }
            if let last = s.history.last, last.value.isFinite {
                upper.insert((x(last.period), y(last.value)), at: 0)
                lower.insert((x(last.period), y(last.value)), at: 0)
            }
            if upper.count > 1 {
                svg.polygon(upper + lower.reversed(), fill: s.color, opacity: 0.16)
                svg.polyline(upper, stroke: s.color, width: 1, dash: "1 3")
                svg.polyline(lower, stroke: s.color, width: 1, dash: "1 3")
            }
            let hist = s.history.filter { $0.value.isFinite }.map { (x($0.period), y($0.value)) }
            svg.polyline(hist, stroke: s.color)
            for p in hist { svg.circle(p.0, p.1, r: 3.5, fill: s.color) }
            var ahead = s.forecast.filter { $0.mean.isFinite }.map { (x($0.period), y($0.mean)) }
            if let l = hist.last { ahead.insert(l, at: 0) }
            svg.polyline(ahead, stroke: s.color, width: 2.5, dash: "7 5")
            if let l = ahead.last ?? hist.last { endLabels.append((s.name, l.0 + 10, l.1 + 4, s.color)) }
        }
        endLabels.sort { $0.y < $1.y }
        for i in endLabels.indices.dropFirst() where endLabels[i].y - endLabels[i - 1].y < 15 {
            endLabels[i].y = endLabels[i - 1].y + 15
        }
        for l in endLabels { svg.text(l.name, l.x, l.y, size: 12.5, fill: l.color, weight: "bold") }
        if let c = crossing, index[c.period] != nil {
            let cx = x(c.period)
            svg.line(cx, top + 20, cx, bottom, stroke: "#222", width: 1.5, dash: "5 3")
            // The label beside the guide, on the side with room for it.
            let tw = ChartStyle.textWidth(c.label, size: 12)
            if cx - left - 8 >= tw {
                svg.text(c.label, cx - 8, top + 34, size: 12, anchor: .end, fill: "#222", weight: "bold")
            } else {
                svg.text(c.label, cx + 8, top + 34, size: 12, anchor: .start, fill: "#222", weight: "bold")
            }
        }
        ChartStyle.footer(&svg, source: source)
        return svg.rendered
    }
}

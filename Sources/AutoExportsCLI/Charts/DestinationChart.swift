import AutoExports

/// Change by destination: one horizontal bar per market, diverging around zero (growth to
/// the right, decline to the left), the rest of world last. A bar split by powertrain
/// stacks its parts (positive parts rightwards from zero, negative parts leftwards); a
/// market whose two figures are not like for like is drawn hatched in grey, its bare
/// difference marked "≈" — indicative, never part of the exact split. Each bar's value is
/// written in the column at the right, so nothing depends on colour alone.
struct DestinationChart {
    struct Part {
        var name: String
        var value: Double
        var color: String
    }

    /// How a bar's change compares with the total: in the exact split (the total's source
    /// and scope in both years; the rest of world too), within the market's own source and
    /// scope (a real change, outside the exact split: drawn lighter, marked †), or two
    /// figures that are not like for like (hatched grey, marked ≈: indicative only).
    enum Kind { case exact, ownSeries, unlike }

    struct Bar {
        var label: String
        /// The stacked parts (one part when the line is not split by powertrain).
        var parts: [Part]
        /// The line's change (the indicative difference when not like for like; NaN when
        /// one of the two figures is missing).
        var total: Double
        var kind: Kind
        var isRestOfWorld: Bool
        /// What the value column says when there is no bar ("no 2022 figure").
        var missing: String? = nil
    }

    var title: String
    var subtitle: String?
    var bars: [Bar]
    var metric: Metric = .units
    var source: String
    /// The description for screen readers (default: the subtitle).
    var desc: String? = nil
    /// The id of the hatch pattern: unique per chart, since a page inlines several charts.
    var patternID: String = "aex-hatch"

    static let hatchColor = "#595959"
    static let restOfWorldColor = "#5E5E5E"

    /// The left edge of the bars' area, its right edge, and the value column's right edge.
    static let plotRight = 820.0 - 120, valueRight = 820.0 - 24

    /// The left edge of the bars: 200 px, more when a market's name needs it (names are
    /// never cut), at most 360 px.
    var plotLeft: Double {
        let widest = bars.map { ChartStyle.textWidth($0.label, size: 12.5) }.max() ?? 0
        return min(360, max(200, 24 + widest + 12))
    }
    static let rowHeight = 30.0, barHeight = 18.0, top = 124.0
    /// The opacity of a bar outside the exact split (its own source or scope).
    static let ownOpacity = 0.55

    /// The x of `v` for a scale from `lo` to `hi` (both include zero).
    func x(_ v: Double, lo: Double, hi: Double) -> Double {
        plotLeft + (DestinationChart.plotRight - plotLeft) * (v - lo) / (hi - lo)
    }

    /// The scale: rounded tick values covering every bar's positive and negative stacks.
    func scale() -> (lo: Double, hi: Double, ticks: [Double]) {
        var lo = 0.0, hi = 0.0
        for b in bars {
            let pos = b.parts.filter { $0.value.isFinite && $0.value > 0 }.reduce(0) { $0 + $1.value }
            let neg = b.parts.filter { $0.value.isFinite && $0.value < 0 }.reduce(0) { $0 + $1.value }
            hi = max(hi, pos)
            lo = min(lo, neg)
        }
        if hi == lo { hi = 1 }
        let ticks = ChartStyle.niceTicks(lo, hi, count: 6)
        return (min(lo, ticks.first ?? lo), max(hi, ticks.last ?? hi), ticks)
    }

    /// "+1,234", "-567": a change in whole units, for a bar's tooltip.
    static func signed(_ v: Double) -> String { (v > 0 ? "+" : "") + Formatting.grouped(v) }

    func render() -> String {
        let w = 820.0
        let h = DestinationChart.top + Double(max(bars.count, 1)) * DestinationChart.rowHeight + 78
        var svg = SVG(width: w, height: h)
        svg.desc = desc
        ChartStyle.header(&svg, title: title, subtitle: subtitle)
        let id = SVG.escape(patternID)
        svg.raw(
            "<defs><pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#EFEFEF\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(DestinationChart.hatchColor)\" stroke-width=\"2.2\"/></pattern></defs>"
        )
        legend(&svg, id: id)
        let (lo, hi, ticks) = scale()
        func x(_ v: Double) -> Double { self.x(v, lo: lo, hi: hi) }
        let top = DestinationChart.top, bottom = top + Double(bars.count) * DestinationChart.rowHeight
        for t in ticks {
            svg.line(x(t), top - 6, x(t), bottom, stroke: t == 0 ? "#333" : "#e6e6e6", width: t == 0 ? 1.2 : 1)
            svg.text(
                t == 0 ? "0" : Formatting.signedCompact(t, metric: metric), x(t), bottom + 18, size: 11.5,
                anchor: .middle, fill: "#595959")
        }
        svg.text(
            "change", DestinationChart.valueRight, top - 10, size: 11.5, anchor: .end, fill: "#595959", weight: "bold")
        for (i, b) in bars.enumerated() {
            let y0 = top + Double(i) * DestinationChart.rowHeight
            let by = y0 + (DestinationChart.rowHeight - DestinationChart.barHeight) / 2
            if b.isRestOfWorld { svg.line(24, y0, DestinationChart.valueRight, y0, stroke: "#bbb", dash: "3 3") }
            svg.text(
                b.label, plotLeft - 10, by + 13.5, size: 12.5, anchor: .end, fill: "#333",
                weight: b.isRestOfWorld ? "bold" : "normal")
            var pos = 0.0, neg = 0.0
            for p in b.parts where p.value.isFinite && p.value != 0 {
                let a = p.value > 0 ? pos : neg + p.value
                let fill = b.kind == .unlike ? "url(#\(id))" : p.color
                let tip =
                    "\(b.label)" + (b.parts.count > 1 ? " · \(p.name)" : "") + ": "
                    + (b.kind == .unlike ? "≈" : "") + DestinationChart.signed(p.value)
                    + (b.kind == .unlike
                        ? " (not like for like: indicative)"
                        : b.kind == .ownSeries ? " (own source or scope, outside the exact split)" : "")
                let opacity = b.kind == .ownSeries ? " fill-opacity=\"\(SVG.n(DestinationChart.ownOpacity))\"" : ""
                svg.raw(
                    "<rect x=\"\(SVG.n(x(a)))\" y=\"\(SVG.n(by))\" width=\"\(SVG.n(x(a + abs(p.value)) - x(a)))\" height=\"\(SVG.n(DestinationChart.barHeight))\" fill=\"\(fill)\"\(opacity)><title>\(SVG.escape(tip))</title></rect>"
                )
                if p.value > 0 { pos += p.value } else { neg += p.value }
            }
            if b.kind == .unlike, b.total.isFinite {  // outline of the hatched bar
                let a = min(0, b.total), e = max(0, b.total)
                svg.raw(
                    "<rect x=\"\(SVG.n(x(a)))\" y=\"\(SVG.n(by))\" width=\"\(SVG.n(x(e) - x(a)))\" height=\"\(SVG.n(DestinationChart.barHeight))\" fill=\"none\" stroke=\"\(DestinationChart.hatchColor)\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>"
                )
            }
            let value: String
            if b.total.isFinite {
                value =
                    (b.kind == .unlike ? "≈" : "") + Formatting.signedCompact(b.total, metric: metric)
                    + (b.kind == .ownSeries ? " †" : "")
            } else {
                value = b.missing ?? "–"
            }
            svg.text(
                value, DestinationChart.valueRight, by + 13.5, size: 12, anchor: .end,
                fill: b.kind == .exact ? "#222" : "#595959", weight: b.kind == .exact ? "bold" : "normal")
        }
        ChartStyle.footer(&svg, source: source)
        return svg.rendered
    }

    /// One swatch per kind of bar drawn (powertrains, all powertrains, rest of world, not
    /// like for like), in a row under the subtitle; widths measured so nothing overlaps.
    func legend(_ svg: inout SVG, id: String) {
        var items: [(name: String, color: String, opacity: Double)] = []
        for b in bars where b.kind == .exact {
            for p in b.parts where !items.contains(where: { $0.name == p.name }) { items.append((p.name, p.color, 1)) }
        }
        if let b = bars.first(where: { $0.kind == .ownSeries && $0.total.isFinite }) {
            items.append(
                (
                    "† own source or scope, not the total's", b.parts.first?.color ?? ChartStyle.color(0),
                    DestinationChart.ownOpacity
                ))
        }
        if bars.contains(where: { $0.kind == .unlike && $0.total.isFinite }) {
            items.append(("≈ not like for like (indicative)", "url(#\(id))", 1))
        }
        // Left to right, onto a second row when the first is full.
        var lx = 24.0, ly = 68.0
        for item in items {
            let width = 18 + ChartStyle.textWidth(item.name, size: 12)
            if lx > 24 && lx + width > svg.width - 24 { lx = 24; ly += 20 }
            svg.raw(
                "<rect x=\"\(SVG.n(lx))\" y=\"\(SVG.n(ly))\" width=\"12\" height=\"12\" fill=\"\(item.color)\" fill-opacity=\"\(SVG.n(item.opacity))\"/>"
            )
            svg.text(item.name, lx + 18, ly + 10, size: 12, fill: "#333")
            lx += width + 18
        }
    }
}

extension Charts {
    /// The report's destination chart of one exporter (also `autoexports chart
    /// destinations`): the core's two-period `explainDestinations` lines as bars, in its
    /// order (largest change first, the rest of world last). Nil when there is no change to
    /// draw (a single year of destination figures).
    static func destinations(_ d: DestinationStory, color: String = ChartStyle.color(0)) -> DestinationChart? {
        guard let c = d.change, let from = c.from else { return nil }
        let to = c.to, name = d.exporter.name
        let powertrainColors: [Segment: String] = [.nev: "#007A5A", .conventional: "#8C8C8C"]
        var bars: [DestinationChart.Bar] = []
        // A market with a figure in one year only has no change to draw: named in the footer.
        var notDrawn: [(String, String)] = []
        for l in c.lines {
            let label = Story.marketName(l)
            if l.from == nil || l.to == nil {
                notDrawn.append((label, l.from == nil ? "no \(from) figure" : "no \(to) figure"))
                continue
            }
            let difference = l.from.flatMap { f in l.to.map { $0 - f } }
            let total = l.change ?? difference ?? .nan
            var parts: [DestinationChart.Part]
            if l.change != nil, !l.bySegment.isEmpty {
                parts = l.bySegment.enumerated().map { k, p in
                    .init(
                        name: p.segment.label, value: p.change,
                        color: powertrainColors[p.segment] ?? ChartStyle.color(k + 2))
                }
            } else {
                parts = [
                    .init(
                        name: l.isRestOfWorld ? "rest of world" : "all powertrains", value: total,
                        color: l.isRestOfWorld ? DestinationChart.restOfWorldColor : color)
                ]
            }
            let kind: DestinationChart.Kind =
                l.change == nil ? .unlike : (l.inExactSum || l.isRestOfWorld) ? .exact : .ownSeries
            bars.append(
                .init(
                    label: label, parts: parts, total: total, kind: kind,
                    isRestOfWorld: l.isRestOfWorld))
        }
        // Every source and scope, with the markets it counts (nothing dropped: the footer wraps).
        var groups: [(String, [String])] = []
        func add(_ key: SeriesKey?, _ who: String) {
            guard let key else { return }
            let p = "\(key.source) (\(key.scopeLabel))"
            if let i = groups.firstIndex(where: { $0.0 == p }) {
                if !groups[i].1.contains(who) { groups[i].1.append(who) }
            } else {
                groups.append((p, [who]))
            }
        }
        add(c.total, "\(name) total")
        for l in c.lines where !l.isRestOfWorld {
            if l.fromKey == l.toKey || l.fromKey == nil || l.toKey == nil {
                add(l.toKey ?? l.fromKey, l.partner.name)
            } else {
                add(l.fromKey, "\(l.partner.name) \(from)")
                add(l.toKey, "\(l.partner.name) \(to)")
            }
        }
        var absent = ""
        for reason in Set(notDrawn.map(\.1)).sorted() {
            let who = notDrawn.filter { $0.1 == reason }.map(\.0)
            absent += "\nNot drawn (\(reason)): " + who.joined(separator: ", ") + "."
        }
        let source =
            "Source: " + groups.map { "\($0.0): \($0.1.joined(separator: ", "))" }.joined(separator: "; ")
            + (c.lines.contains { $0.isRestOfWorld }
                ? ". Rest of world = the change of the total minus the changes of the markets in the exact split (the total's source and scope)."
                : ".") + absent
        let change = c.totalChange.map { Formatting.signedCompact($0) } ?? "–"
        return DestinationChart(
            title: "Where did it go? \(name)'s exports by destination, change \(from)→\(to)",
            subtitle:
                "Units; total \(change) (\(c.total.provenanceLabel)); growth right of zero, decline left; by powertrain where the data split it",
            bars: bars, metric: .units, source: source,
            desc:
                "Change of \(name)'s vehicle exports by destination market from \(from) to \(to), the rest of world last. \(Story.changeSentence(d, c))",
            patternID: "aex-hatch-" + d.exporter.code.lowercased())
    }
}

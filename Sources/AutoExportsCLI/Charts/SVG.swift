import AutoExports

/// A tiny SVG writer: elements appended as text, attributes escaped.
struct SVG {
    let width: Double
    let height: Double
    private(set) var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func n(_ x: Double) -> String { Formatting.trimZeros(Formatting.fixed(x, digits: 1)) }

    mutating func raw(_ s: String) { body.append(s) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                       width: Double = 1, dash: String? = nil) {
        body.append("<line x1=\"\(SVG.n(x1))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(x2))\" y2=\"\(SVG.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2.5) {
        guard points.count > 1 else { return }
        let pts = points.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
        body.append("<polyline points=\"\(pts)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String = "white", strokeWidth: Double = 1.5) {
        body.append("<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"\(SVG.n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(strokeWidth))\"/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String? = nil) {
        let t = title.map { "<title>\(SVG.escape($0))</title>" } ?? ""
        body.append("<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(max(w, 0)))\" height=\"\(SVG.n(max(h, 0)))\" fill=\"\(fill)\">\(t)</rect>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ s: String, _ x: Double, _ y: Double, size: Double = 12, anchor: Anchor = .start,
                       fill: String = "#333", weight: String = "normal", rotate: Double? = nil) {
        let r = rotate.map { " transform=\"rotate(\(SVG.n($0)) \(SVG.n(x)) \(SVG.n(y)))\"" } ?? ""
        body.append("<text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" font-size=\"\(SVG.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\" font-weight=\"\(weight)\"\(r)>\(SVG.escape(s))</text>")
    }

    var rendered: String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(SVG.n(width))" height="\(SVG.n(height))" viewBox="0 0 \(SVG.n(width)) \(SVG.n(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
        <rect width="100%" height="100%" fill="white"/>
        \(body.joined(separator: "\n"))
        </svg>

        """
    }
}

/// Shared chart furniture: palette, nice ticks, frame, title, source line.
enum ChartStyle {
    /// A colour-blind-friendly palette (Okabe–Ito, then Tableau).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                          "#F0E442", "#000000", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF"]

    /// The conventional colour of an exporter in every chart, so China is always the same.
    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// Up to ~`count` round tick values covering lo...hi (1, 2, 2.5, 5 × 10^k steps).
    static func niceTicks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let raw = (hi - lo) / Double(max(count, 1))
        var mag = 1.0
        while mag * 10 <= raw { mag *= 10 }
        while mag > raw { mag /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
        var t = (lo / step).rounded(.down) * step
        var out: [Double] = []
        while t <= hi + step * 1e-9 {
            out.append(t)
            t += step
        }
        return out
    }

    static func header(_ svg: inout SVG, title: String, subtitle: String?) {
        svg.text(title, 24, 32, size: 19, weight: "bold", rotate: nil)
        if let subtitle { svg.text(subtitle, 24, 54, size: 13, fill: "#555") }
    }

    static func footer(_ svg: inout SVG, source: String) {
        svg.text(source, 24, svg.height - 14, size: 10.5, fill: "#666")
    }
}

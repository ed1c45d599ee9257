import AutoExports

/// A tiny SVG writer: elements appended as text, attributes escaped.
struct SVG {
    let width: Double
    /// Grows when the footer wraps onto more lines (`ChartStyle.footer`).
    var height: Double
    private(set) var body: [String] = []
    /// The accessible name and description (`<title>`, `<desc>`): what the chart shows in
    /// words. `ChartStyle.header` sets them from the chart's title and subtitle.
    var title: String?
    var desc: String?

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Text as SVG character data or a quoted attribute value: the HTML page's escaping,
    /// since the page inlines these charts (one rule for both).
    static func escape(_ s: String) -> String { HTMLText.escape(s) }

    static func n(_ x: Double) -> String { Formatting.trimZeros(Formatting.fixed(x, digits: 1)) }

    mutating func raw(_ s: String) { body.append(s) }

    mutating func line(
        _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
        width: Double = 1, dash: String? = nil
    ) {
        body.append(
            "<line x1=\"\(SVG.n(x1))\" y1=\"\(SVG.n(y1))\" x2=\"\(SVG.n(x2))\" y2=\"\(SVG.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\""
                + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2.5, dash: String? = nil) {
        guard points.count > 1 else { return }
        let pts = points.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
        body.append(
            "<polyline points=\"\(pts)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
                + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
        guard points.count > 2 else { return }
        let pts = points.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
        body.append(
            "<polygon points=\"\(pts)\" fill=\"\(fill)\" fill-opacity=\"\(Formatting.trimZeros(Formatting.fixed(opacity, digits: 2)))\" stroke=\"none\"/>"
        )
    }

    /// `svg` (a rendered chart) with its `<desc>` replaced by `desc` (or added), for a page
    /// that describes a chart by its headline.
    static func describing(_ svg: String, as desc: String) -> String {
        let d = "<desc>\(escape(desc))</desc>"
        var out = svg
        if let a = svg.firstRange(of: "<desc>"), let b = svg.firstRange(of: "</desc>"), a.lowerBound < b.lowerBound {
            out.replaceSubrange(a.lowerBound..<b.upperBound, with: d)
        } else if let t = svg.firstRange(of: "</title>") {
            out.replaceSubrange(t, with: "</title>\n" + d)
        }
        return out
    }

    mutating func circle(
        _ x: Double, _ y: Double, r: Double, fill: String, stroke: String = "white", strokeWidth: Double = 1.5
    ) {
        body.append(
            "<circle cx=\"\(SVG.n(x))\" cy=\"\(SVG.n(y))\" r=\"\(SVG.n(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(strokeWidth))\"/>"
        )
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, title: String? = nil) {
        let t = title.map { "<title>\(SVG.escape($0))</title>" } ?? ""
        body.append(
            "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(max(w, 0)))\" height=\"\(SVG.n(max(h, 0)))\" fill=\"\(fill)\">\(t)</rect>"
        )
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(
        _ s: String, _ x: Double, _ y: Double, size: Double = 12, anchor: Anchor = .start,
        fill: String = "#333", weight: String = "normal", rotate: Double? = nil
    ) {
        let r = rotate.map { " transform=\"rotate(\(SVG.n($0)) \(SVG.n(x)) \(SVG.n(y)))\"" } ?? ""
        body.append(
            "<text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" font-size=\"\(SVG.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\" font-weight=\"\(weight)\"\(r)>\(SVG.escape(s))</text>"
        )
    }

    var rendered: String {
        let a11y =
            (title.map { "<title>\(SVG.escape($0))</title>\n" } ?? "")
            + (desc.map { "<desc>\(SVG.escape($0))</desc>\n" } ?? "")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(SVG.n(width))" height="\(SVG.n(height))" viewBox="0 0 \(SVG.n(width)) \(SVG.n(height))" role="img" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            \(a11y)<rect width="100%" height="100%" fill="white"/>
            \(body.joined(separator: "\n"))
            </svg>

            """
    }
}

/// Shared chart furniture: palette, nice ticks, frame, title, source line.
enum ChartStyle {
    /// A colour-blind-safe palette: the Okabe–Ito hues (blue, vermillion, bluish green,
    /// reddish purple, orange, black), darkened where needed so that each has at least
    /// 4.5:1 contrast on white (WCAG AA for text, so the labels at line ends in the
    /// series' colour are readable), then grey and a dark teal. Names at line ends and
    /// markers carry the identity too, never the colour alone.
    static let palette = [
        "#0072B2", "#B35000", "#007A5A", "#A8508A", "#8A6100", "#000000",
        "#5E5E5E", "#117A8B",
    ]

    /// The colour of the `index`-th series of a chart.
    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// One colour per exporter across several charts: the exporters of `first` get the
    /// colours `color(0)`, `color(1)`, … (the order the bump chart draws them in), any
    /// other exporter the next colour not yet taken.
    struct Colors {
        private(set) var byName: [String: String] = [:]
        private var next = 0
        init(_ first: [String]) { for n in first { _ = self[n] } }
        subscript(name: String) -> String {
            mutating get {
                if let c = byName[name] { return c }
                let c = ChartStyle.color(next)
                next += 1
                byName[name] = c
                return c
            }
        }
    }

    /// The approximate width of `s` in pixels at font size `size` (DejaVu Sans-like
    /// metrics: capitals and digits wider than lower case), for layout without a font.
    static func textWidth(_ s: String, size: Double) -> Double {
        s.reduce(0.0) { w, c in
            w + size * (c.isUppercase ? 0.72 : c.isNumber ? 0.64 : c == " " ? 0.32 : c.isLowercase ? 0.6 : 0.5)
        }
    }

    /// Splits `text` into lines of at most `width` pixels at `size`, at spaces (a word
    /// longer than a line is cut into pieces; nothing is dropped).
    static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var cur = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var w = String(word)
            while textWidth(w, size: size) > width, w.count > 1 {
                // Cut an overlong word at the widest prefix that fits.
                var k = w.count
                while k > 1 && textWidth(String(w.prefix(k)), size: size) > width { k -= 1 }
                if !cur.isEmpty { lines.append(cur); cur = "" }
                lines.append(String(w.prefix(k)))
                w = String(w.dropFirst(k))
            }
            let candidate = cur.isEmpty ? w : cur + " " + w
            if textWidth(candidate, size: size) > width && !cur.isEmpty {
                lines.append(cur)
                cur = w
            } else {
                cur = candidate
            }
        }
        if !cur.isEmpty { lines.append(cur) }
        return lines
    }

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
        if svg.title == nil { svg.title = title }
        if svg.desc == nil, let subtitle { svg.desc = subtitle }
        svg.text(title, 24, 32, size: 19, weight: "bold", rotate: nil)
        if let subtitle { svg.text(subtitle, 24, 54, size: 13, fill: "#555") }
    }

    /// The source line at the foot: every source, wrapped onto as many lines as it needs
    /// (the chart grows taller; nothing is cut).
    static func footer(_ svg: inout SVG, source: String) {
        let size = 10.5, lead = 14.0
        let lines = source.split(separator: "\n").flatMap { wrap(String($0), width: svg.width - 48, size: size) }
        let extra = Double(max(lines.count - 1, 0)) * lead
        let y0 = svg.height - 14
        svg.height += extra
        for (i, l) in lines.enumerated() {
            svg.text(l, 24, y0 + Double(i) * lead, size: size, fill: "#595959")
        }
    }
}

import CostModel

extension FlameGraph {
    /// How ``svg(_:)`` draws.
    public struct SVGOptions: Sendable {
        /// The image's width in pixels.
        public var width = 1200
        /// The title; a title from the measure when `nil`.
        public var title: String?
        /// Frames narrower than this many pixels are not drawn (nor anything above them), so a
        /// selection of a million spans still opens fast; the subtitle counts them.
        public var minWidth = 0.1
        /// Roots at the bottom, as the classic flame graph; by default roots are at the top
        /// (an icicle), as in the text output.
        public var inverted = false

        public init(width: Int = 1200, title: String? = nil, minWidth: Double = 0.1, inverted: Bool = false) {
            self.width = width
            self.title = title
            self.minWidth = minWidth
            self.inverted = inverted
        }
    }

    /// What ``svg(_:)`` drew.
    public struct SVGDrawing: Sendable {
        public var text: String
        /// Frames drawn: one `<g class="f">` with one `<rect>` each.
        public var framesDrawn: Int
        /// Frames left out for being narrower than ``SVGOptions/minWidth``.
        public var framesPruned: Int
    }

    static let svgFrameHeight = 17
    static let svgFontSize = 12
    /// The advance of a monospace character at ``svgFontSize``, for fitting labels.
    static let svgCharacterWidth = 7.25
    static let svgPadding = 10.0
    static let svgTop = 60

    /// The flame graph as one self-contained, interactive SVG file.
    ///
    /// Frames are `<rect>`s with a `<text>` label and a `<title>` tooltip (name, inclusive and
    /// self value with their shares, cost when the measure is not cost, tokens by kind, spans).
    /// Embedded JavaScript zooms on a click, resets the zoom, and searches names by regular
    /// expression, showing "Matched: x%". Every name is escaped for XML, and the script only
    /// ever sets `textContent`, so a span named `<script>` is text, never code.
    ///
    /// ```swift
    /// let svg = graph.svg(FlameGraph.SVGOptions(title: "Support agent")).text
    /// ```
    public func svg(_ options: SVGOptions = SVGOptions()) -> SVGDrawing {
        let width = max(200, options.width)
        let drawWidth = Double(width) - 2 * Self.svgPadding
        let total = self.total

        let (placed, maxDepth) = Self.svgLayout(
            roots: roots, total: Double(total), drawWidth: drawWidth, minWidth: options.minWidth,
            value: { Double(inclusiveValues[$0]) },
            children: tree.appendChildren)

        // A frame is drawn, or left out with its subtree (whose frames are never visited).
        let pruned = tree.count - placed.count
        let height = Self.svgTop + (maxDepth + 1) * Self.svgFrameHeight + 34
        let title = options.title ?? defaultSVGTitle
        var subtitle = "total " + formatted(total)
        if measure == .value {
            subtitle += " · folded stacks"
        } else {
            subtitle += " · \(runCount) run" + (runCount == 1 ? "" : "s")
            subtitle += " · \(totalCost.unpricedSpans) unpriced span" + (totalCost.unpricedSpans == 1 ? "" : "s")
        }
        subtitle += Self.prunedNote(pruned, minWidth: options.minWidth)

        var svg = Self.svgHead(width: width, height: height, total: String(total), title: title, subtitle: subtitle)
        svg.reserveCapacity(placed.count * 400 + 8000)
        for (number, placement) in placed.enumerated() {
            let row = options.inverted ? maxDepth - placement.depth : placement.depth
            let y = Self.svgTop + row * Self.svgFrameHeight
            let rawName = tree.name(of: placement.frame)
            let name = Self.displayName(rawName)
            Self.appendSVGFrame(
                to: &svg, number: number, placement: placement, y: y, value: String(inclusiveValues[placement.frame]),
                tooltip: tooltip(placement.frame, name: name, total: total), name: name,
                fill: Self.color(kind: tree.kinds[placement.frame], name: rawName))
        }
        svg += Self.svgTail()
        return SVGDrawing(text: svg, framesDrawn: placed.count, framesPruned: pruned)
    }

    /// Where a frame is drawn: preorder, so a frame's parent is drawn (and numbered) before it.
    struct SVGPlacement {
        var frame: Int
        var x: Double
        var width: Double
        /// The parent's number among the placements, -1 for a root.
        var parent: Int
        var depth: Int
    }

    /// Places frames side by side in proportion to `value`, children under their parent; a frame
    /// narrower than `minWidth` pixels is left out with its subtree, which is never visited.
    static func svgLayout(
        roots: [Int], total: Double, drawWidth: Double, minWidth: Double, value: (Int) -> Double,
        children: (Int, inout [Int]) -> Void
    ) -> (placed: [SVGPlacement], maxDepth: Int) {
        guard total > 0 else { return ([], 0) }
        var placed: [SVGPlacement] = []
        var maxDepth = 0
        let scale = drawWidth / total
        var stack: [SVGPlacement] = []
        var offset = 0.0
        for root in roots {
            stack.append(SVGPlacement(frame: root, x: svgPadding + offset * scale, width: 0, parent: -1, depth: 0))
            offset += value(root)
        }
        stack.reverse()
        var childFrames: [Int] = []
        var queued: [SVGPlacement] = []
        while var placement = stack.popLast() {
            let frameValue = value(placement.frame)
            placement.width = frameValue * scale
            guard placement.width >= minWidth, frameValue > 0 else { continue }
            let number = placed.count
            placed.append(placement)
            maxDepth = max(maxDepth, placement.depth)
            childFrames.removeAll(keepingCapacity: true)
            children(placement.frame, &childFrames)
            queued.removeAll(keepingCapacity: true)
            var childOffset = 0.0
            for child in childFrames {
                queued.append(
                    SVGPlacement(
                        frame: child, x: placement.x + childOffset * scale, width: 0, parent: number, depth: placement.depth + 1))
                childOffset += value(child)
            }
            stack.append(contentsOf: queued.reversed())
        }
        return (placed, maxDepth)
    }

    /// One frame: a group with its tooltip, its rectangle and its label.
    static func appendSVGFrame(
        to svg: inout String, number: Int, placement: SVGPlacement, y: Int, value: String, tooltip: String, name: String,
        fill: String, rectAttributes: String = ""
    ) {
        svg += "<g class=\"f\" id=\"f\(number)\""
        if placement.parent >= 0 { svg += " data-p=\"\(placement.parent)\"" }
        svg += " data-v=\"\(value)\"><title>"
        svg += xml(tooltip)
        svg +=
            "</title><rect x=\"\(px(placement.x))\" y=\"\(y)\" width=\"\(px(placement.width))\" height=\"\(svgFrameHeight - 1)\""
        svg += " rx=\"2\" fill=\"\(fill)\"\(rectAttributes)/>"
        svg += "<text x=\"\(px(placement.x + 3))\" y=\"\(y + svgFrameHeight - 5)\">"
        svg += xml(label(name, width: placement.width))
        svg += "</text></g>\n"
    }

    /// ` · 12 frames narrower than 0.1px not drawn`, or nothing when every frame is drawn.
    static func prunedNote(_ pruned: Int, minWidth: Double) -> String {
        guard pruned > 0 else { return "" }
        let frames = "\(Format.count(Int64(pruned))) frame\(pruned == 1 ? "" : "s")"
        return minWidth > 0 ? " · \(frames) narrower than \(px(minWidth))px not drawn" : " · \(frames) of zero width not drawn"
    }

    /// The document up to the frames: size, style, title, subtitle, buttons and text slots.
    /// `total` is the value the script divides by for "Matched".
    static func svgHead(width: Int, height: Int, total: String, title: String, subtitle: String, style: String = "") -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <svg version="1.1" xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
        viewBox="0 0 \(width) \(height)" data-total="\(total)" data-padding="\(Self.px(Self.svgPadding))">
        <style>
        text { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: \(Self.svgFontSize)px; fill: #000; }
        #title { font-size: 17px; text-anchor: middle; }
        #subtitle { text-anchor: middle; fill: #555; }
        #search, #matched { text-anchor: end; }
        #unzoom, #search { cursor: pointer; fill: #1a5fb4; }
        #unzoom.hide { display: none; }
        g.f { cursor: pointer; }
        g.f text { pointer-events: none; }
        g.f:hover rect { stroke: #000; stroke-width: 0.7; }
        \(style)</style>
        <rect id="background" x="0" y="0" width="\(width)" height="\(height)" fill="#fafafa"/>
        <text id="title" x="\(width / 2)" y="24">\(Self.xml(title))</text>
        <text id="subtitle" x="\(width / 2)" y="44">\(Self.xml(subtitle))</text>
        <text id="unzoom" class="hide" x="\(Self.px(Self.svgPadding))" y="24">Reset Zoom</text>
        <text id="search" x="\(Self.px(Double(width) - Self.svgPadding))" y="24">Search</text>
        <text id="details" x="\(Self.px(Self.svgPadding))" y="\(height - 12)"> </text>
        <text id="matched" x="\(Self.px(Double(width) - Self.svgPadding))" y="\(height - 12)"> </text>
        <g id="frames">

        """
    }

    /// The rest of the document after the frames: `extra` elements (a legend), then the script.
    static func svgTail(extra: String = "") -> String {
        "</g>\n" + extra + "<script><![CDATA[\n" + svgScript + "]]></script>\n</svg>\n"
    }

    private var defaultSVGTitle: String {
        switch measure {
        case .cost: "Cost flame graph"
        case .value: "Flame graph"
        default: "Flame graph by \(measure.rawValue)"
        }
    }

    private func tooltip(_ index: Int, name: String, total: Int64) -> String {
        let details = self.details.isEmpty ? Details() : self.details[index]
        func share(_ value: Int64) -> String { total > 0 ? Format.percent(Double(value) / Double(total)) : "0.0%" }
        var lines = [
            name,
            "inclusive: \(formatted(inclusiveValues[index])) (\(share(inclusiveValues[index])))",
            "self: \(formatted(selfValues[index])) (\(share(selfValues[index])))",
        ]
        if measure != .cost && measure != .value
            && (details.inclusiveCost.total.nanos != 0 || details.inclusiveCost.unpricedSpans > 0)
        {
            lines.append("cost: " + Format.total(details.inclusiveCost))
        } else if measure == .cost && details.inclusiveCost.unpricedSpans > 0 {
            lines.append("unpriced spans: \(details.inclusiveCost.unpricedSpans)")
        }
        let tokens = TokenKind.allCases.filter { details.inclusiveTokens[$0] != 0 }
        if !tokens.isEmpty {
            lines.append(
                "tokens: "
                    + tokens.map { "\($0.rawValue) \(Format.count(details.inclusiveTokens[$0]))" }.joined(
                        separator: " · "))
        }
        let count = Format.count(spanCounts[index])
        lines.append(measure == .value ? "lines: \(count)" : "spans: \(count)")
        return lines.joined(separator: "\n")
    }

    /// A label that fits `width` pixels, cut with `…`; empty when not even three characters fit.
    /// The script fits labels the same way when it zooms.
    static func label(_ name: String, width: Double) -> String {
        let fits = Int(((width - 6) / svgCharacterWidth).rounded(.down))
        guard fits >= 3 else { return "" }
        let scalars = name.unicodeScalars
        if scalars.count <= fits { return name }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars.prefix(fits - 1))
        return String(result) + "…"
    }

    static func displayName(_ name: String) -> String { Format.singleLine(name) }

    /// Text escaped for XML content and attribute values.
    static func xml(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                switch scalar.value {
                case 0x09, 0x0A, 0x0D: result.unicodeScalars.append(scalar)
                case 0..<0x20, 0xFFFE, 0xFFFF: result += "\u{FFFD}"
                default: result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    /// Pixels with at most two decimals: `12`, `12.5`, `0.13`.
    static func px(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        var text = String(hundredths.magnitude / 100)
        let fraction = hundredths.magnitude % 100
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return (hundredths < 0 ? "-" : "") + text
    }

    /// A colour from the kind's hue, the shade picked by a hash of the name, so the same name
    /// has the same colour in every graph.
    static func color(kind: SpanKind, name: String) -> String {
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let a = Double(hash & 0xFF) / 255
        let b = Double((hash >> 8) & 0xFF) / 255
        let c = Double((hash >> 16) & 0xFF) / 255
        if kind == .other {
            // The classic warm palette of flamegraph.pl.
            return "rgb(\(205 + Int(50 * a)),\(Int(230 * b)),\(Int(55 * c)))"
        }
        let hue: Double =
            switch kind {
            case .workflow: 280
            case .agent: 220
            case .step: 188
            case .llm: 32
            case .embedding: 52
            case .retrieval: 125
            case .tool: 90
            case .gpu: 0
            case .other: 0
            }
        return hsl(hue: hue + (a - 0.5) * 16, saturation: 0.55 + 0.25 * b, lightness: 0.62 + 0.14 * c)
    }

    private static func hsl(hue: Double, saturation: Double, lightness: Double) -> String {
        let h = (hue.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 60
        let chroma = (1 - abs(2 * lightness - 1)) * saturation
        let x = chroma * (1 - abs(h.truncatingRemainder(dividingBy: 2) - 1))
        let (r, g, b): (Double, Double, Double) =
            switch Int(h) {
            case 0: (chroma, x, 0)
            case 1: (x, chroma, 0)
            case 2: (0, chroma, x)
            case 3: (0, x, chroma)
            case 4: (x, 0, chroma)
            default: (chroma, 0, x)
            }
        let m = lightness - chroma / 2
        func channel(_ value: Double) -> Int { min(255, max(0, Int(((value + m) * 255).rounded()))) }
        return "rgb(\(channel(r)),\(channel(g)),\(channel(b)))"
    }
}

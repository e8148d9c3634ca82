import CostModel

extension FlameDiff {
    /// The differential flame graph as one self-contained, interactive SVG file.
    ///
    /// A frame's width is its inclusive value on both sides together (per run, when normalised),
    /// so a frame of either side is drawn. Its colour is the change of its inclusive value
    /// relative to base: white for none, deepening to full red at +100% or more (or only in
    /// compare) and to full blue at −100% (only in base). Frames on one side only have a dashed
    /// outline. A legend under the frames states the scale. Zoom, search and tooltips work as in
    /// ``FlameGraph/svg(_:)``.
    public func svg(_ options: FlameGraph.SVGOptions = FlameGraph.SVGOptions(), labels: SideLabels = SideLabels()) -> FlameGraph.SVGDrawing {
        let width = max(400, options.width)
        let drawWidth = Double(width) - 2 * FlameGraph.svgPadding
        // Per run, a side's values count 1/runs each; the weights keep both sides on one scale.
        let baseWeight = normalization == .perRun && baseRuns > 0 ? 1 / Double(baseRuns) : 1
        let compareWeight = normalization == .perRun && compareRuns > 0 ? 1 / Double(compareRuns) : 1
        func weight(_ index: Int) -> Double {
            Double(base[index].inclusiveValue) * baseWeight + Double(compare[index].inclusiveValue) * compareWeight
        }
        let total = roots.reduce(0.0) { $0 + weight($1) }
        let (placed, maxDepth) = FlameGraph.svgLayout(
            roots: roots, total: total, drawWidth: drawWidth, minWidth: options.minWidth, value: weight,
            children: tree.appendChildren)
        let pruned = frameCount - placed.count
        let legendHeight = 52
        let height = FlameGraph.svgTop + (maxDepth + 1) * FlameGraph.svgFrameHeight + legendHeight + 34
        var subtitle = headline(labels: labels)
        subtitle += FlameGraph.prunedNote(pruned, minWidth: options.minWidth)
        var svg = FlameGraph.svgHead(
            width: width, height: height, total: FlameGraph.px(total), title: options.title ?? "Cost diff",
            subtitle: subtitle, style: "#legend text { fill: #333; }\n")
        for (number, placement) in placed.enumerated() {
            let row = options.inverted ? maxDepth - placement.depth : placement.depth
            let y = FlameGraph.svgTop + row * FlameGraph.svgFrameHeight
            let name = FlameGraph.displayName(name(of: placement.frame))
            let oneSided = presence(of: placement.frame) != .both
            FlameGraph.appendSVGFrame(
                to: &svg, number: number, placement: placement, y: y, value: FlameGraph.px(weight(placement.frame)),
                tooltip: tooltip(placement.frame, name: name), name: name, fill: color(placement.frame),
                rectAttributes: oneSided ? " stroke=\"#222\" stroke-width=\"1\" stroke-dasharray=\"3,2\"" : "")
        }
        let legendTop = FlameGraph.svgTop + (maxDepth + 1) * FlameGraph.svgFrameHeight + 10
        svg += FlameGraph.svgTail(extra: legend(top: legendTop, width: width))
        return FlameGraph.SVGDrawing(text: svg, framesDrawn: placed.count, framesPruned: pruned)
    }

    /// The change of a frame's inclusive value relative to base, from −1 to +1: +1 for +100% or
    /// more and for a frame only in compare.
    func colorScale(_ index: Int) -> Double {
        let values = inclusive(of: index)
        guard values.base != 0 else { return values.compare == 0 ? 0 : 1 }
        return min(1, max(-1, Double(values.change) / Double(values.base)))
    }

    func color(_ index: Int) -> String { Self.color(scale: colorScale(index)) }

    /// White at 0, red at +1, blue at −1.
    static func color(scale: Double) -> String {
        let white = (248.0, 248.0, 248.0)
        let end = scale >= 0 ? (215.0, 38.0, 40.0) : (40.0, 100.0, 200.0)
        let t = abs(scale)
        func channel(_ from: Double, _ to: Double) -> Int { Int((from + (to - from) * t).rounded()) }
        return "rgb(\(channel(white.0, end.0)),\(channel(white.1, end.1)),\(channel(white.2, end.2)))"
    }

    private func tooltip(_ index: Int, name: String) -> String {
        let inclusive = self.inclusive(of: index)
        let own = selfValues(of: index)
        func change(_ values: (base: Int64, compare: Int64, change: Int64)) -> String {
            var text = formattedChange(values.change)
            if let relative = Self.relativeChange(base: values.base, change: values.change) { text += " (\(Self.signedPercent(relative)))" }
            return text
        }
        var lines = [
            name + marker(index),
            "inclusive: \(formatted(inclusive.base)) → \(formatted(inclusive.compare)), \(change(inclusive))",
            "self: \(formatted(own.base)) → \(formatted(own.compare)), \(change(own))",
            "spans: \(Format.count(base[index].spans)) base, \(Format.count(compare[index].spans)) compare",
        ]
        if normalization == .perRun { lines[1] += " per run" }
        if base[index].unpricedSpans + compare[index].unpricedSpans > 0 {
            lines.append(
                "unpriced spans, not in the cost: \(base[index].unpricedSpans) base, \(compare[index].unpricedSpans) compare")
        }
        return lines.joined(separator: "\n")
    }

    private func legend(top: Int, width: Int) -> String {
        let barWidth = 300.0
        let left = FlameGraph.svgPadding
        var svg = "<g id=\"legend\">\n<defs><linearGradient id=\"change-scale\">"
        for stop in stride(from: -1.0, through: 1.0, by: 0.25) {
            svg += "<stop offset=\"\(FlameGraph.px((stop + 1) * 50))%\" stop-color=\"\(Self.color(scale: stop))\"/>"
        }
        svg += "</linearGradient></defs>\n"
        svg += "<rect x=\"\(FlameGraph.px(left))\" y=\"\(top)\" width=\"\(FlameGraph.px(barWidth))\" height=\"12\" fill=\"url(#change-scale)\" stroke=\"#999\" stroke-width=\"0.5\"/>\n"
        for (offset, label, anchor) in [(0.0, "−100%", "start"), (0.5, "0", "middle"), (1.0, "+100% or more", "end")] {
            svg += "<text x=\"\(FlameGraph.px(left + barWidth * offset))\" y=\"\(top + 26)\" text-anchor=\"\(anchor)\">\(FlameGraph.xml(label))</text>\n"
        }
        let measured = measure == .cost ? "cost" : measure.rawValue
        let lines = [
            "colour: change of inclusive \(measured) relative to base; blue cheaper, red dearer",
            "dashed: on one side only (full blue: only in base, full red: only in compare)",
            "width: base + compare" + (normalization == .perRun ? ", per run" : ""),
        ]
        for (row, line) in lines.enumerated() {
            svg += "<text x=\"\(FlameGraph.px(left + barWidth + 16))\" y=\"\(top + 10 + row * 15)\">\(FlameGraph.xml(line))</text>\n"
        }
        return svg + "</g>\n"
    }
}

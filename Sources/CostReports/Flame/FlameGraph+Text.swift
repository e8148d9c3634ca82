import CostModel

extension FlameGraph {
    /// The flame graph as rows of labelled bars, top-down (roots first), fitted to `style.width`,
    /// then the frames with the largest self values.
    public func text(style: TextStyle = TextStyle(), top: Int = 10) -> String {
        let width = max(20, style.width ?? 120)
        let total = self.total
        var output = style.bold(
            measure == .value
                ? "flame graph of folded stacks · \(formatted(total))"
                : "flame graph by \(measure.rawValue) · \(runCount) runs · \(formatted(total))")
        if measure == .cost && totalCost.unpricedSpans > 0 { output += style.bold(" + \(totalCost.unpricedSpans) unpriced spans") }
        output += "\n"
        guard total > 0 else { return output + "(nothing to draw: every frame is zero)\n" }
        // Lay frames out row by row: each frame gets columns in proportion to its inclusive value.
        var rows: [[(start: Int, width: Int, frame: Int)]] = []
        var placements: [(start: Int, width: Int, frame: Int)] = []
        var allocated = Int64(0)
        for root in roots {
            let start = Int(Int128(allocated) * Int128(width) / Int128(total))
            allocated += inclusiveValues[root]
            let end = Int(Int128(allocated) * Int128(width) / Int128(total))
            placements.append((start, end - start, root))
        }
        while !placements.isEmpty {
            rows.append(placements)
            var next: [(start: Int, width: Int, frame: Int)] = []
            for placement in placements where placement.width > 0 {
                let parentValue = Int128(inclusiveValues[placement.frame])
                guard parentValue > 0 else { continue }
                var offset = Int64(0)
                for child in children(of: placement.frame) {
                    let from = placement.start + Int(Int128(offset) * Int128(placement.width) / parentValue)
                    offset += inclusiveValues[child]
                    let to = placement.start + Int(Int128(offset) * Int128(placement.width) / parentValue)
                    if to > from { next.append((from, to - from, child)) }
                }
            }
            placements = next
        }
        for row in rows {
            var line = ""
            var column = 0
            for placement in row where placement.width > 0 {
                if placement.start > column { line += String(repeating: " ", count: placement.start - column) }
                let name = Format.singleLine(tree.name(of: placement.frame))
                let value = inclusiveValues[placement.frame]
                let share = Format.percent(Double(value) / Double(total))
                var label = "\(name) \(formatted(value)) \(share)"
                if label.count > placement.width - 1 { label = name }
                let bar: String
                if style.colored {
                    bar = style.kindBackground(tree.kinds[placement.frame], " " + label.fitted(to: placement.width - 1))
                } else {
                    // Too narrow for a label: a thin mark per column.
                    bar = placement.width <= 2
                        ? String(repeating: "▏", count: placement.width)
                        : "[" + label.fitted(to: placement.width - 2) + "]"
                }
                line += bar
                column = placement.start + placement.width
            }
            output += line + "\n"
        }
        let bySelf = selfValues.indices.filter { selfValues[$0] > 0 }.sorted {
            (selfValues[$0], $1) > (selfValues[$1], $0)
        }
        if !bySelf.isEmpty {
            output += "\n" + style.dim("top frames by self \(measure.rawValue):") + "\n"
            for index in bySelf.prefix(top) {
                let share = Format.percent(Double(selfValues[index]) / Double(total))
                output += "  " + formatted(selfValues[index]).leftPadded(to: 12) + "  " + share.leftPadded(to: 6) + "  "
                    + style.kind(tree.kinds[index], Format.singleLine(path(of: index).joined(separator: " › "))) + "\n"
            }
        }
        return output
    }
}

extension TextStyle {
    /// Text on the background colour of a span kind, black on colour.
    func kindBackground(_ kind: SpanKind, _ text: String) -> String {
        let code =
            switch kind {
            case .workflow: "45"
            case .agent: "44"
            case .step: "46"
            case .llm: "43"
            case .embedding: "103"
            case .retrieval: "42"
            case .tool: "102"
            case .gpu: "41"
            case .other: "47"
            }
        return "\u{1B}[30;\(code)m\(text)\u{1B}[0m"
    }
}

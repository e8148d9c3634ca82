import CostModel

/// The span tree of each run: kind, duration, tokens, and cost of every span.
///
/// Each span shows its own (*self*) cost, its *inclusive* cost (itself and everything below it)
/// and that inclusive cost's share of the run. Tokens are the span's own: the prompt (with the
/// cached part apart) and the completion. An unpriced span shows `unpriced`, never $0, and is
/// listed with its reason under the tree.
public struct TreeReport {
    public var runs: [CostedRun]

    public init(runs: [CostedRun]) {
        self.runs = runs
    }

    private static let columns = [
        ("KIND", 9), ("DURATION", 8), ("INPUT", 9), ("CACHED", 9), ("OUTPUT", 8), ("SELF", 12), ("INCL", 12),
        ("SHARE", 6),
    ]

    /// The trees as text, fitted to `style.width`.
    public func text(style: TextStyle = TextStyle()) -> String {
        let fixedWidth = Self.columns.reduce(0) { $0 + $1.1 + 1 }
        var output = ""
        for (runIndex, costed) in runs.enumerated() {
            let labels = treePrefixes(costed.run.tree).map { index, prefix in (index, label(prefix, costed.run.tree.nodes[index])) }
            let nameWidth = style.width.map { max(16, $0 - fixedWidth) } ?? max(4, labels.map(\.1.count).max() ?? 0)
            if runIndex > 0 { output += "\n" }
            let run = costed.run
            let tree = run.tree
            let end = tree.nodes.map(\.record.endNanos).max() ?? run.startNanos
            let tokens = tree.nodes.reduce(Int64(0)) { $0 + $1.record.usage.totalTokens }
            output += style.bold("run \(run.traceID.hex)  \(Format.singleLine(run.name))  \(Format.total(costed.total))") + "\n"
            output +=
                "  started \(Format.timestamp(nanos: run.startNanos)) · \(tree.nodes.count) spans · "
                + "\(Format.duration(nanos: end - run.startNanos)) · \(Format.count(tokens)) tokens\n"
            var header = "SPAN".fitted(to: nameWidth)
            for (title, width) in Self.columns { header += " " + title.leftPadded(to: width) }
            output += style.dim(header) + "\n"
            for (index, label) in labels {
                let record = tree.nodes[index].record
                let cost = costed.nodes[index]
                var line = label.fitted(to: nameWidth)
                line += " " + style.kind(record.kind, record.kind.rawValue.leftPadded(to: 9))
                line += " " + Format.duration(nanos: record.durationNanos).leftPadded(to: 8)
                line += " " + tokenCell(record.usage.promptTokens).leftPadded(to: 9)
                line += " " + tokenCell(record.usage.cacheRead).leftPadded(to: 9)
                line += " " + tokenCell(record.usage.completionTokens).leftPadded(to: 8)
                line += " " + selfCell(cost.selfCost).leftPadded(to: 12)
                line += " " + inclusiveCell(cost.inclusive).leftPadded(to: 12)
                line += " " + Format.percent(costed.share(of: index)).leftPadded(to: 6)
                output += line + "\n"
            }
            let unpriced = costed.unpriced
            if !unpriced.isEmpty {
                output += style.dim("unpriced spans (add them to a price book with --prices):") + "\n"
                for (index, reason) in unpriced {
                    output += "  \(Format.singleLine(tree.nodes[index].record.name)): \(reason)\n"
                }
            }
            if costed.total.reportedSpans > 0 {
                output += style.dim("* cost reported by the provider") + "\n"
            }
        }
        return output
    }

    private func label(_ prefix: String, _ node: SpanTree.Node) -> String {
        var label = prefix + Format.singleLine(node.record.name)
        if node.parentIsMissing { label += " (parent missing)" }
        if node.record.status == .error { label += " ✗" }
        return label
    }

    private func tokenCell(_ count: Int64) -> String { count == 0 ? "-" : Format.compactCount(count) }

    private func selfCell(_ cost: SpanCost) -> String {
        switch cost.source {
        case .unpriced: "unpriced"
        case .reported: Format.usd(cost.total) + "*"
        case .computed: cost.total.nanos == 0 ? "-" : Format.usd(cost.total)
        }
    }

    private func inclusiveCell(_ totals: CostTotals) -> String {
        let amount = totals.total.nanos == 0 && totals.unpricedSpans == 0 ? "-" : Format.usd(totals.total)
        return totals.unpricedSpans > 0 ? amount + "+?" : amount
    }

    /// Node indices in depth-first order with the box-drawing prefix of each.
    private func treePrefixes(_ tree: SpanTree) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var stack: [(index: Int, lead: String, branch: String)] = tree.roots.reversed().map { ($0, "", "") }
        while let (index, lead, branch) = stack.popLast() {
            result.append((index, lead + branch))
            let children = tree.nodes[index].children
            let childLead = lead + (branch == "├─ " ? "│  " : branch.isEmpty ? "" : "   ")
            for (position, child) in children.enumerated().reversed() {
                stack.append((child, childLead, position == children.count - 1 ? "└─ " : "├─ "))
            }
        }
        return result
    }

    /// The trees as JSON: an array of runs, each with its totals and its spans in depth-first order.
    ///
    /// Money is an exact decimal string; the self cost of an unpriced span is `null`, never `"0"`.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for costed in runs {
            let run = costed.run
            let tree = run.tree
            let inclusiveTokens = tree.inclusive({ $0.usage }, combine: +=)
            writer.beginObject()
            writer.string("run", run.traceID.hex)
            writer.string("name", run.name)
            writer.string("start", Format.timestamp(nanos: run.startNanos))
            writer.number("spans", tree.nodes.count)
            writer.string("cost_usd", costed.total.total.decimalString)
            writer.number("unpriced_spans", costed.total.unpricedSpans)
            writer.beginArray("tree")
            for index in tree.depthFirstOrder {
                let node = tree.nodes[index]
                let record = node.record
                let cost = costed.nodes[index]
                writer.beginObject()
                writer.string("span", record.spanID.hex)
                writer.optionalString("parent", record.parentSpanID?.hex)
                writer.string("name", record.name)
                writer.string("kind", record.kind.rawValue)
                writer.number("depth", node.depth)
                writer.number("start_ns", record.startNanos)
                writer.number("duration_ns", record.durationNanos)
                writer.string("status", record.status.rawValue)
                writer.optionalString("model", record.model)
                writer.optionalString("provider", record.provider)
                if node.parentIsMissing { writer.bool("parent_missing", true) }
                writer.optionalString("self_cost_usd", cost.selfCost.isPriced ? cost.selfCost.total.decimalString : nil)
                writer.string("inclusive_cost_usd", cost.inclusive.total.decimalString)
                writer.bool("unpriced", !cost.selfCost.isPriced)
                if let reason = cost.selfCost.unpricedReason { writer.string("unpriced_reason", reason.description) }
                if cost.selfCost.isReported { writer.string("cost_source", "reported") }
                writer.number("inclusive_unpriced_spans", cost.inclusive.unpricedSpans)
                writer.string("share", Format.percent(costed.share(of: index)))
                writeMoneyByKind(&writer, "self_cost_by_kind_usd", cost.selfCost.byKind)
                writeTokens(&writer, "tokens", record.usage)
                writeTokens(&writer, "inclusive_tokens", inclusiveTokens[index])
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        return writer.text + "\n"
    }
}

func writeTokens(_ writer: inout JSONWriter, _ name: String, _ usage: TokenUsage) {
    writer.beginObject(name)
    for kind in TokenKind.allCases where usage[kind] != 0 { writer.number(kind.rawValue, usage[kind]) }
    writer.endObject()
}

func writeMoneyByKind(_ writer: inout JSONWriter, _ name: String, _ money: [TokenKind: Money]) {
    writer.beginObject(name)
    for kind in TokenKind.allCases { if let amount = money[kind] { writer.string(kind.rawValue, amount.decimalString) } }
    writer.endObject()
}

extension Format {
    /// `$12.40`, or `$12.40 + 3 unpriced spans`.
    public static func total(_ totals: CostTotals) -> String {
        switch totals.unpricedSpans {
        case 0: usd(totals.total)
        case 1: usd(totals.total) + " + 1 unpriced span"
        default: usd(totals.total) + " + \(totals.unpricedSpans) unpriced spans"
        }
    }
}

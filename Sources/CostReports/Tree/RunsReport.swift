import CostModel

/// One line per run: when, what, how many spans and tokens, and what it cost.
public struct RunsReport {
    public var runs: [CostedRun]

    public init(runs: [CostedRun]) {
        self.runs = runs
    }

    /// The runs as a table, with a total line; names come last and are never cut.
    public func text(style: TextStyle = TextStyle()) -> String {
        var output = style.dim(
            "RUN".fitted(to: 32) + " " + "START".fitted(to: 20) + " " + "SPANS".leftPadded(to: 6) + " "
                + "DURATION".leftPadded(to: 9) + " " + "TOKENS".leftPadded(to: 10) + " " + "COST".leftPadded(to: 11) + " "
                + "UNPRICED".leftPadded(to: 9) + "  NAME") + "\n"
        var total = CostTotals()
        var spans = 0
        var tokens: Int64 = 0
        for costed in runs {
            let tree = costed.run.tree
            let runTokens = tree.nodes.reduce(Int64(0)) { $0 + $1.record.usage.totalTokens }
            let end = tree.nodes.map(\.record.endNanos).max() ?? costed.run.startNanos
            output +=
                costed.run.traceID.hex + " " + Format.timestamp(nanos: costed.run.startNanos).fitted(to: 20) + " "
                + String(tree.nodes.count).leftPadded(to: 6) + " "
                + Format.duration(nanos: end - costed.run.startNanos).leftPadded(to: 9) + " "
                + Format.compactCount(runTokens).leftPadded(to: 10) + " "
                + Format.usd(costed.total.total).leftPadded(to: 11) + " "
                + (costed.total.unpricedSpans == 0 ? "-" : String(costed.total.unpricedSpans)).leftPadded(to: 9) + "  "
                + Format.singleLine(costed.run.name) + "\n"
            total += costed.total
            spans += tree.nodes.count
            tokens += runTokens
        }
        output += style.bold(
            "\(runs.count) runs · \(Format.count(Int64(spans))) spans · \(Format.count(tokens)) tokens · \(Format.total(total))") + "\n"
        return output
    }

    /// The runs as a JSON array; money as exact decimal strings.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for costed in runs {
            let tree = costed.run.tree
            let end = tree.nodes.map(\.record.endNanos).max() ?? costed.run.startNanos
            writer.beginObject()
            writer.string("run", costed.run.traceID.hex)
            writer.string("name", costed.run.name)
            writer.string("start", Format.timestamp(nanos: costed.run.startNanos))
            writer.number("duration_ns", end - costed.run.startNanos)
            writer.number("spans", tree.nodes.count)
            writer.string("cost_usd", costed.total.total.decimalString)
            writer.number("unpriced_spans", costed.total.unpricedSpans)
            writer.number("reported_cost_spans", costed.total.reportedSpans)
            writeMoneyByKind(&writer, "cost_by_kind_usd", costed.total.byKind)
            writer.string("fees_usd", costed.total.fees.decimalString)
            writer.string("tools_usd", costed.total.tools.decimalString)
            writer.string("gpu_usd", costed.total.gpu.decimalString)
            writeTokens(&writer, "tokens", tree.nodes.reduce(TokenUsage.zero) { $0 + $1.record.usage })
            writer.endObject()
        }
        writer.endArray()
        return writer.text + "\n"
    }
}

import CostModel

/// The span tree of each run: kind, duration and tokens of every span.
///
/// Tokens are the span's own (``TokenUsage/promptTokens`` with the cached part shown apart, and
/// ``TokenUsage/completionTokens``), and in the last column the total of the span and everything
/// below it.
public struct TreeReport {
    public var runs: [Run]

    public init(runs: [Run]) {
        self.runs = runs
    }

    private static let numberColumns = [("KIND", 9), ("DURATION", 9), ("INPUT", 11), ("CACHED", 11), ("OUTPUT", 10), ("TOTAL INCL", 12)]

    /// The tree as text, fitted to `style.width`.
    public func text(style: TextStyle = TextStyle()) -> String {
        let fixedWidth = Self.numberColumns.reduce(0) { $0 + $1.1 + 1 }
        let nameWidth = max(16, style.width - fixedWidth)
        var output = ""
        for (runIndex, run) in runs.enumerated() {
            if runIndex > 0 { output += "\n" }
            let tree = run.tree
            let inclusive = tree.inclusive({ $0.usage.totalTokens }, combine: +=)
            let end = tree.nodes.map(\.record.endNanos).max() ?? run.startNanos
            let runTokens = tree.roots.reduce(Int64(0)) { $0 + inclusive[$1] }
            output += style.bold("run \(run.traceID.hex)  \(run.name)") + "\n"
            output +=
                "  started \(Format.timestamp(nanos: run.startNanos)) · \(tree.nodes.count) spans · "
                + "\(Format.duration(nanos: end - run.startNanos)) · \(Format.count(runTokens)) tokens\n"
            var header = "SPAN".fitted(to: nameWidth)
            for (title, width) in Self.numberColumns { header += " " + title.leftPadded(to: width) }
            output += style.dim(header) + "\n"
            for (index, prefix) in treePrefixes(tree) {
                let node = tree.nodes[index]
                let record = node.record
                var label = prefix + record.name
                if node.parentIsMissing { label += " (parent missing)" }
                if record.status == .error { label += " ✗" }
                var line = label.fitted(to: nameWidth)
                line += " " + style.kind(record.kind, record.kind.rawValue.leftPadded(to: 9))
                line += " " + Format.duration(nanos: record.durationNanos).leftPadded(to: 9)
                line += " " + tokens(record.usage.promptTokens).leftPadded(to: 11)
                line += " " + tokens(record.usage.cacheRead).leftPadded(to: 11)
                line += " " + tokens(record.usage.completionTokens).leftPadded(to: 10)
                line += " " + tokens(inclusive[index]).leftPadded(to: 12)
                output += line + "\n"
            }
        }
        return output
    }

    private func tokens(_ count: Int64) -> String { count == 0 ? "-" : Format.count(count) }

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

    /// The tree as JSON: an array of runs, each with its spans in depth-first order.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginArray()
        for run in runs {
            let tree = run.tree
            let inclusive = tree.inclusive({ $0.usage }, combine: +=)
            writer.beginObject()
            writer.string("run", run.traceID.hex)
            writer.string("name", run.name)
            writer.string("start", Format.timestamp(nanos: run.startNanos))
            writer.number("span_count", tree.nodes.count)
            writer.beginArray("spans")
            for index in tree.depthFirstOrder {
                let node = tree.nodes[index]
                let record = node.record
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
                writeTokens(&writer, "tokens", record.usage)
                writeTokens(&writer, "inclusive_tokens", inclusive[index])
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        return writer.text + "\n"
    }

    private func writeTokens(_ writer: inout JSONWriter, _ name: String, _ usage: TokenUsage) {
        writer.beginObject(name)
        for kind in TokenKind.allCases where usage[kind] != 0 { writer.number(kind.rawValue, usage[kind]) }
        writer.endObject()
    }
}

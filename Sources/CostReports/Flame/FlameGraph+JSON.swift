import CostModel

extension FlameGraph {
    /// The merged tree as JSON, with the same numbers as the pictures; money as exact decimals.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("measure", measure.rawValue)
        writer.string("unit", measure.unit)
        if measure == .value {
            // Values are integers in 10⁻ⁿ of the file's unit; `total_value` is the exact decimal.
            writer.number("decimals", valueDecimals)
            writer.string("total_value", plain(total))
        }
        writer.number("runs", runCount)
        writer.number("total", total)
        writer.string("cost_usd", totalCost.total.decimalString)
        writer.number("unpriced_spans", totalCost.unpricedSpans)
        writer.beginArray("frames")
        for root in roots { write(root, into: &writer) }
        writer.endArray()
        writer.endObject()
        return writer.text + "\n"
    }

    private func write(_ index: Int, into writer: inout JSONWriter) {
        let frame = frames[index]
        writer.beginObject()
        writer.string("name", frame.name)
        writer.string("kind", frame.kind.rawValue)
        writer.number("self", frame.selfValue)
        writer.number("inclusive", frame.inclusiveValue)
        writer.string("self_cost_usd", frame.selfCost.total.decimalString)
        writer.string("inclusive_cost_usd", frame.inclusiveCost.total.decimalString)
        writer.number("inclusive_unpriced_spans", frame.inclusiveCost.unpricedSpans)
        writer.number("spans", frame.spans)
        writeTokens(&writer, "inclusive_tokens", frame.inclusiveTokens)
        writer.beginArray("children")
        for child in frame.children { write(child, into: &writer) }
        writer.endArray()
        writer.endObject()
    }
}

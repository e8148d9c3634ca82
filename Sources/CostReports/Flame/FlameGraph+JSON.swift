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
        let details = self.details.isEmpty ? Details() : self.details[index]
        writer.beginObject()
        writer.string("name", tree.name(of: index))
        writer.string("kind", tree.kinds[index].rawValue)
        writer.number("self", selfValues[index])
        writer.number("inclusive", inclusiveValues[index])
        writer.string("self_cost_usd", details.selfCost.total.decimalString)
        writer.string("inclusive_cost_usd", details.inclusiveCost.total.decimalString)
        writer.number("inclusive_unpriced_spans", details.inclusiveCost.unpricedSpans)
        writer.number("spans", spanCounts[index])
        writeTokens(&writer, "inclusive_tokens", details.inclusiveTokens)
        writer.beginArray("children")
        for child in children(of: index) { write(child, into: &writer) }
        writer.endArray()
        writer.endObject()
    }
}

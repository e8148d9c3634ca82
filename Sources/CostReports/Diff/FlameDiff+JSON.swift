import CostModel

extension FlameDiff {
    /// The union tree as JSON, values as shown (per run or absolute) with the sides' exact
    /// totals beside them; money as exact decimal strings.
    public func json(labels: SideLabels = SideLabels(), top: Int = 10) -> String {
        var writer = JSONWriter()
        let total = self.total
        writer.beginObject()
        writer.string("measure", measure.rawValue)
        writer.string("unit", measure == .cost ? "USD" : measure.unit)
        writer.string("normalize", normalization.rawValue)
        for (name, label, runs, shown, values, unpriced) in [
            ("base", labels.base, baseRuns, total.base, base, baseUnpricedSpans),
            ("compare", labels.compare, compareRuns, total.compare, compare, compareUnpricedSpans),
        ] {
            writer.beginObject(name)
            writer.string("label", label)
            writer.number("runs", runs)
            writer.string("total", plain(shown))
            writer.string("total_absolute", plain(roots.reduce(0) { $0 + values[$1].inclusiveValue }))
            writer.number("unpriced_spans", unpriced)
            writer.endObject()
        }
        writer.string("change", plain(total.change))
        writer.beginArray("frames")
        for root in roots { write(root, into: &writer) }
        writer.endArray()
        for inclusive in [true, false] {
            writer.beginArray(inclusive ? "largest_inclusive_changes" : "largest_self_changes")
            for index in largestChanges(inclusive: inclusive, limit: top) {
                let values = inclusive ? self.inclusive(of: index) : selfValues(of: index)
                writer.beginObject()
                writer.beginArray("path")
                for name in path(of: index) { writer.string(nil, name) }
                writer.endArray()
                writer.string("change", plain(values.change))
                writer.endObject()
            }
            writer.endArray()
        }
        writer.endObject()
        return writer.text + "\n"
    }

    private func write(_ index: Int, into writer: inout JSONWriter) {
        let inclusive = self.inclusive(of: index)
        let own = selfValues(of: index)
        writer.beginObject()
        writer.string("name", name(of: index))
        writer.string("kind", kind(of: index).rawValue)
        writer.string("presence", presence(of: index).rawValue)
        writer.string("base_inclusive", plain(inclusive.base))
        writer.string("compare_inclusive", plain(inclusive.compare))
        writer.string("change_inclusive", plain(inclusive.change))
        writer.string("base_self", plain(own.base))
        writer.string("compare_self", plain(own.compare))
        writer.string("change_self", plain(own.change))
        writer.number("base_spans", base[index].spans)
        writer.number("compare_spans", compare[index].spans)
        writer.number("base_unpriced_spans", base[index].unpricedSpans)
        writer.number("compare_unpriced_spans", compare[index].unpricedSpans)
        writer.beginArray("children")
        for child in children(of: index) { write(child, into: &writer) }
        writer.endArray()
        writer.endObject()
    }
}

import CostModel

extension TraceID {
    static let sample = TraceID(high: 0x4bf9_2f35_77b3_4da6, low: 0xa3ce_929d_0e0e_4736)
}

/// A span for tree tests: only what the tree looks at, with the span id as its name.
func makeSpan(
    _ id: UInt64,
    parent: UInt64? = nil,
    start: Int64,
    trace: TraceID = .sample,
    usage: TokenUsage = .zero
) -> SpanRecord {
    SpanRecord(
        traceID: trace,
        spanID: SpanID(id),
        parentSpanID: parent.map(SpanID.init),
        kind: .step,
        name: "s\(id)",
        startNanos: start,
        endNanos: start + 1,
        usage: usage
    )
}

extension SpanTree {
    /// The index of the node whose span has `id`.
    func index(of id: UInt64) -> Int? {
        nodes.firstIndex { $0.record.spanID == SpanID(id) }
    }

    /// The span ids of a node's children, in tree order.
    func childIDs(of index: Int) -> [UInt64] {
        nodes[index].children.map { nodes[$0].record.spanID.value }
    }

    /// The span ids of the roots, in tree order.
    var rootIDs: [UInt64] { roots.map { nodes[$0].record.spanID.value } }
}

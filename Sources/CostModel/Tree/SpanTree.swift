/// The spans of one run, arranged as a tree (a forest, when some parents are missing).
///
/// Children are ordered by start time, then span id, so the same spans always give the same tree.
/// A span whose parent is not among the spans becomes a root of its own and is flagged
/// ``Node/parentIsMissing``. A parent cycle is cut at its earliest span, which becomes a flagged
/// root in the same way.
public struct SpanTree: Sendable {
    public struct Node: Sendable {
        public var record: SpanRecord
        /// Indices of the children in ``SpanTree/nodes``.
        public var children: [Int]
        /// The parent's index, `nil` for a root.
        public var parent: Int?
        /// The record names a parent that is not in the tree.
        public var parentIsMissing: Bool
        /// 0 for a root.
        public var depth: Int
    }

    public private(set) var nodes: [Node]
    /// Indices of the roots, by start time.
    public private(set) var roots: [Int]

    /// Builds the tree of spans that all belong to one trace.
    public init(spans: [SpanRecord]) {
        let sorted = spans.sorted { ($0.startNanos, $0.spanID) < ($1.startNanos, $1.spanID) }
        var indexByID: [SpanID: Int] = [:]
        indexByID.reserveCapacity(sorted.count)
        nodes = []
        nodes.reserveCapacity(sorted.count)
        for (index, record) in sorted.enumerated() {
            indexByID[record.spanID] = index
            nodes.append(Node(record: record, children: [], parent: nil, parentIsMissing: false, depth: 0))
        }
        roots = []
        for index in nodes.indices {
            guard let parentID = nodes[index].record.parentSpanID else {
                roots.append(index)
                continue
            }
            if let parent = indexByID[parentID], parent != index {
                nodes[index].parent = parent
                nodes[parent].children.append(index)
            } else {
                nodes[index].parentIsMissing = true
                roots.append(index)
            }
        }
        assignDepths()
    }

    /// Gives depths from the roots down, and cuts any cycle that no root reaches.
    private mutating func assignDepths() {
        var reached = [Bool](repeating: false, count: nodes.count)
        var stack = roots.reversed().map { ($0, 0) }
        func walk(_ stack: inout [(Int, Int)], _ reached: inout [Bool]) {
            while let (index, depth) = stack.popLast() {
                reached[index] = true
                nodes[index].depth = depth
                for child in nodes[index].children.reversed() { stack.append((child, depth + 1)) }
            }
        }
        walk(&stack, &reached)
        for index in nodes.indices where !reached[index] {
            // No root reaches it, so its parents lead into a cycle. Find the cycle, and cut it at its
            // earliest span (nodes are sorted by start), which becomes a flagged root; spans that
            // hang off the cycle keep their parents.
            var seen: Set<Int> = []
            var onCycle = index
            while seen.insert(onCycle).inserted, let parent = nodes[onCycle].parent { onCycle = parent }
            var cut = onCycle
            var member = nodes[onCycle].parent ?? onCycle
            while member != onCycle {
                cut = min(cut, member)
                member = nodes[member].parent ?? onCycle
            }
            if let parent = nodes[cut].parent {
                nodes[parent].children.removeAll { $0 == cut }
            }
            nodes[cut].parent = nil
            nodes[cut].parentIsMissing = true
            roots.append(cut)
            stack.append((cut, 0))
            walk(&stack, &reached)
        }
        roots.sort()
    }

    /// Node indices in depth-first order, parents before children.
    public var depthFirstOrder: [Int] {
        var order: [Int] = []
        order.reserveCapacity(nodes.count)
        var stack = Array(roots.reversed())
        while let index = stack.popLast() {
            order.append(index)
            stack.append(contentsOf: nodes[index].children.reversed())
        }
        return order
    }

    /// For every node, its own value combined with all of its descendants' values.
    ///
    /// - Parameters:
    ///   - value: A node's own value.
    ///   - combine: Adds a child's inclusive value into its parent's.
    /// - Returns: Inclusive values, indexed like ``nodes``.
    public func inclusive<Value>(
        _ value: (SpanRecord) -> Value,
        combine: (inout Value, Value) -> Void
    ) -> [Value] {
        var totals = nodes.map { value($0.record) }
        for index in depthFirstOrder.reversed() {
            if let parent = nodes[index].parent { combine(&totals[parent], totals[index]) }
        }
        return totals
    }
}

/// A run (trace) and the tree of its spans.
public struct Run: Sendable {
    public var traceID: TraceID
    public var tree: SpanTree

    /// Groups spans by trace, in order of each run's earliest start.
    public static func group(_ spans: [SpanRecord]) -> [Run] {
        var byTrace: [TraceID: [SpanRecord]] = [:]
        for span in spans { byTrace[span.traceID, default: []].append(span) }
        return byTrace.map { Run(traceID: $0.key, tree: SpanTree(spans: $0.value)) }
            .sorted { ($0.startNanos, $0.traceID) < ($1.startNanos, $1.traceID) }
    }

    /// The earliest start of any span of the run.
    public var startNanos: Int64 { tree.nodes.first?.record.startNanos ?? 0 }

    /// The name of the first root, which names the run.
    public var name: String { tree.roots.first.map { tree.nodes[$0].record.name } ?? "" }
}

/// A run with every span priced: its own (*self*) cost, and the *inclusive* cost of it and all
/// its descendants.
///
/// Inclusive costs are exact sums of self costs, so a parent equals the sum of itself and its
/// children to the nano-dollar, and ``total`` is the sum of the roots' inclusive costs. Spans
/// whose parent is missing are roots of their own (``SpanTree/Node/parentIsMissing``) and count
/// in the total like any root.
///
/// ```swift
/// let costed = CostedRun(run: run, pricer: SpanPricer(book: book))
/// print(costed.total)                                   // "$1.2345 + 2 unpriced spans"
/// ```
public struct CostedRun: Sendable {
    /// The cost of one span of ``CostedRun/run``.
    public struct Node: Sendable {
        /// The span's own cost.
        public var selfCost: SpanCost
        /// The span and all of its descendants.
        public var inclusive: CostTotals
    }

    public let run: Run
    /// Costs indexed like ``SpanTree/nodes`` of the run's tree.
    public let nodes: [Node]
    /// The whole run: the sum of the roots' inclusive totals.
    public let total: CostTotals

    public init(run: Run, pricer: SpanPricer) {
        self.run = run
        let tree = run.tree
        var nodes = tree.nodes.map { node in
            let cost = pricer.cost(of: node.record)
            return Node(selfCost: cost, inclusive: CostTotals(cost))
        }
        // Children come after their parents in depth-first order, so reversed it adds every
        // subtree into its parent before the parent is added into its own.
        for index in tree.depthFirstOrder.reversed() {
            if let parent = tree.nodes[index].parent { nodes[parent].inclusive += nodes[index].inclusive }
        }
        self.nodes = nodes
        total = tree.roots.reduce(into: CostTotals()) { $0 += nodes[$1].inclusive }
    }

    /// Prices every run with the same pricer.
    public static func price(_ runs: [Run], with pricer: SpanPricer) -> [CostedRun] {
        runs.map { CostedRun(run: $0, pricer: pricer) }
    }

    /// The unpriced spans, in depth-first order, with why each is unpriced.
    public var unpriced: [(index: Int, reason: UnpricedReason)] {
        run.tree.depthFirstOrder.compactMap { index in nodes[index].selfCost.unpricedReason.map { (index, $0) } }
    }

    /// The share of the run's total that a span's inclusive cost is, from 0 to 1; 0 when the run
    /// cost nothing.
    public func share(of index: Int) -> Double {
        guard total.total.nanos != 0 else { return 0 }
        return Double(nodes[index].inclusive.total.nanos) / Double(total.total.nanos)
    }
}

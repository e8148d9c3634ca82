import CostModel

/// Spans merged by their name path across runs: the tree a flame graph draws.
///
/// A frame is a path of span names from a root (`support ticket;answer;draft answer`). Spans
/// with the same path in any run add into one frame, so the tree is a real tree: a path never
/// splits because of how names sort. Each frame carries its *self* value (its own spans) and its
/// *inclusive* value (itself and every frame below).
///
/// Frames are stored column by column (a name id, a parent, a value…), so a graph of millions of
/// frames costs tens of bytes a frame; ``frames`` presents them one ``Frame`` at a time.
public struct FlameGraph: Sendable {
    /// What a frame's width stands for.
    public enum Measure: String, CaseIterable, Sendable {
        case cost
        case tokens
        case inputTokens = "input-tokens"
        case outputTokens = "output-tokens"
        case duration
        case calls
        /// The values of a folded-stacks file, in the file's own unit, as exact decimals
        /// (see ``FlameGraph/valueDecimals``).
        case value

        /// The unit the values are in.
        public var unit: String {
            switch self {
            case .cost: "nano-USD"
            case .tokens, .inputTokens, .outputTokens: "tokens"
            case .duration: "ns"
            case .calls: "spans"
            case .value: "value"
            }
        }
    }

    /// One frame, gathered from the graph's columns.
    public struct Frame: Sendable {
        public var name: String
        /// The kind of the frame's spans; the first seen when they differ.
        public var kind: SpanKind
        public var depth: Int
        public var parent: Int?
        /// Children in order of first appearance.
        public var children: [Int]
        public var selfValue: Int64
        public var inclusiveValue: Int64
        /// The frame's own spans (for folded stacks, its lines): cost, tokens and how many.
        public var selfCost: CostTotals
        public var inclusiveCost: CostTotals
        public var selfTokens: TokenUsage
        public var inclusiveTokens: TokenUsage
        public var spans: Int
    }

    /// The frames, by index; parents come before their children.
    public struct Frames: RandomAccessCollection, Sendable {
        let graph: FlameGraph
        public var startIndex: Int { 0 }
        public var endIndex: Int { graph.tree.count }
        public subscript(index: Int) -> Frame { graph.frame(index) }
    }

    /// Cost and tokens of a frame built from spans; folded stacks have none.
    struct Details: Sendable {
        var selfCost = CostTotals()
        var inclusiveCost = CostTotals()
        var selfTokens = TokenUsage.zero
        var inclusiveTokens = TokenUsage.zero
    }

    /// The frames' names, kinds and links.
    let tree: FrameTree
    // Values, one entry per frame.
    let selfValues: [Int64]
    let inclusiveValues: [Int64]
    let spanCounts: [Int64]
    /// Empty for folded stacks.
    let details: [Details]

    /// Indices of the top frames (one per distinct root name).
    public var roots: [Int] { tree.roots }
    public let measure: Measure
    public let runCount: Int
    /// For ``Measure/value``: the values are integers in units of 10⁻ⁿ of the file's unit, so
    /// that fractional values stay exact. Zero for every other measure.
    public let valueDecimals: Int

    /// Merges the spans of every run by name path.
    public init(runs: [CostedRun], measure: Measure) {
        var names = NameTable()
        var builder = Builder()
        var details: [Details] = []
        for costed in runs {
            let tree = costed.run.tree
            var frameOfNode = [Int32](repeating: -1, count: tree.nodes.count)
            for index in tree.depthFirstOrder {
                let node = tree.nodes[index]
                let record = node.record
                let parent = node.parent.map { frameOfNode[$0] } ?? -1
                let frame = builder.frame(named: names.id(record.name), kind: record.kind, parent: parent)
                frameOfNode[index] = frame
                let cost = costed.nodes[index].selfCost
                builder.add(Self.value(of: record, cost: cost, measure: measure), to: frame)
                if details.count <= Int(frame) { details.append(Details()) }
                details[Int(frame)].selfCost += CostTotals(cost)
                details[Int(frame)].selfTokens += record.usage
            }
        }
        self.init(builder, names: names.names, details: details, measure: measure, runCount: runs.count, valueDecimals: 0)
    }

    /// The graph of a builder's frames; inclusive values (and details) are added up here.
    init(_ builder: Builder, names: [String], details: [Details] = [], measure: Measure, runCount: Int, valueDecimals: Int) {
        selfValues = builder.selfValues
        spanCounts = builder.spanCounts
        self.measure = measure
        self.runCount = runCount
        self.valueDecimals = valueDecimals
        // Children come after their parents, so the tree's backward walk adds every subtree up.
        var inclusive = builder.selfValues
        var details = details
        for index in details.indices {
            details[index].inclusiveCost = details[index].selfCost
            details[index].inclusiveTokens = details[index].selfTokens
        }
        let hasDetails = !details.isEmpty
        tree = FrameTree(builder, names: names) { child, parent in
            inclusive[parent] += inclusive[child]
            if hasDetails {
                details[parent].inclusiveCost += details[child].inclusiveCost
                details[parent].inclusiveTokens += details[child].inclusiveTokens
            }
        }
        inclusiveValues = inclusive
        self.details = details
    }

    static func value(of record: SpanRecord, cost: SpanCost, measure: Measure) -> Int64 {
        switch measure {
        case .cost: cost.isPriced ? cost.total.nanos : 0
        case .tokens: record.usage.totalTokens
        case .inputTokens: record.usage.promptTokens
        case .outputTokens: record.usage.completionTokens
        case .duration: record.durationNanos
        case .calls: 1
        case .value: 0
        }
    }

    public var frames: Frames { Frames(graph: self) }

    func frame(_ index: Int) -> Frame {
        let details = self.details.isEmpty ? Details() : self.details[index]
        return Frame(
            name: tree.name(of: index), kind: tree.kinds[index], depth: tree.depth(of: index), parent: tree.parent(of: index),
            children: tree.children(of: index), selfValue: selfValues[index], inclusiveValue: inclusiveValues[index],
            selfCost: details.selfCost, inclusiveCost: details.inclusiveCost,
            selfTokens: details.selfTokens, inclusiveTokens: details.inclusiveTokens,
            spans: Int(spanCounts[index]))
    }

    /// The children of a frame, in order of first appearance.
    public func children(of index: Int) -> [Int] { tree.children(of: index) }

    /// The sum over the roots.
    public var total: Int64 { roots.reduce(0) { $0 + inclusiveValues[$1] } }

    public var totalCost: CostTotals {
        details.isEmpty ? CostTotals() : roots.reduce(into: CostTotals()) { $0 += details[$1].inclusiveCost }
    }

    /// The names of a frame's path, from its root.
    public func path(of index: Int) -> [String] { tree.path(of: index) }

    /// A value in the measure's unit for people.
    public func formatted(_ value: Int64) -> String { measure.formatted(value, decimals: valueDecimals) }

    /// A value in the measure's unit for machines: the exact decimal for cost (dollars) and
    /// folded-stacks values, the integer otherwise.
    public func plain(_ value: Int64) -> String { measure.plain(value, decimals: valueDecimals) }
}

extension FlameGraph.Measure {
    /// A value in this unit for people; `decimals` is ``FlameGraph/valueDecimals``.
    public func formatted(_ value: Int64, decimals: Int = 0) -> String {
        switch self {
        case .cost: Format.usd(Money(nanos: value))
        case .tokens, .inputTokens, .outputTokens: Format.count(value) + " tok"
        case .duration: Format.duration(nanos: value)
        case .calls: Format.count(value) + " calls"
        case .value: FlameGraph.decimal(value, decimals: decimals, grouped: true)
        }
    }

    /// A value in this unit for machines: the exact decimal for cost (dollars) and folded-stacks
    /// values, the integer otherwise.
    public func plain(_ value: Int64, decimals: Int = 0) -> String {
        switch self {
        case .cost: FlameGraph.decimal(value, decimals: 9, grouped: false)
        case .value: FlameGraph.decimal(value, decimals: decimals, grouped: false)
        default: String(value)
        }
    }
}

extension FlameGraph {
    /// `value` × 10⁻`decimals` as a decimal without trailing zeros: `0.000001`, `12.5`, `3`;
    /// `grouped` puts thousands separators in the whole part.
    static func decimal(_ value: Int64, decimals: Int, grouped: Bool) -> String {
        guard decimals > 0 else { return grouped ? Format.count(value) : String(value) }
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let magnitude = value.magnitude
        let whole = Int64(magnitude / scale)
        var fraction = String(magnitude % scale)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        let sign = value < 0 ? "-" : ""
        let wholeText = grouped ? Format.count(whole) : String(whole)
        return sign + wholeText + (fraction.isEmpty ? "" : "." + fraction)
    }
}

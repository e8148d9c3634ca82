import CostModel

/// Spans merged by their name path across runs: the tree a flame graph draws.
///
/// A frame is a path of span names from a root (`support ticket;answer;draft answer`). Spans
/// with the same path in any run add into one frame, so the tree is a real tree: a path never
/// splits because of how names sort. Each frame carries its *self* value (its own spans) and its
/// *inclusive* value (itself and every frame below).
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

    public struct Frame: Sendable {
        public var name: String
        /// The kind of the frame's spans; the first seen when they differ.
        public var kind: SpanKind
        public var depth: Int
        public var parent: Int?
        /// Children in order of first appearance.
        public var children: [Int] = []
        public var selfValue: Int64 = 0
        public var inclusiveValue: Int64 = 0
        /// The frame's own spans: cost, tokens and how many.
        public var selfCost = CostTotals()
        public var inclusiveCost = CostTotals()
        public var selfTokens = TokenUsage.zero
        public var inclusiveTokens = TokenUsage.zero
        public var spans = 0
    }

    public private(set) var frames: [Frame] = []
    /// Indices of the top frames (one per distinct root name).
    public private(set) var roots: [Int] = []
    public let measure: Measure
    public let runCount: Int
    /// For ``Measure/value``: the values are integers in units of 10⁻ⁿ of the file's unit, so
    /// that fractional values stay exact. Zero for every other measure.
    public let valueDecimals: Int

    /// Merges the spans of every run by name path.
    public init(runs: [CostedRun], measure: Measure) {
        self.measure = measure
        runCount = runs.count
        valueDecimals = 0
        var rootByName: [String: Int] = [:]
        var childByName: [Int: [String: Int]] = [:]
        for costed in runs {
            let tree = costed.run.tree
            var frameOfNode = [Int](repeating: -1, count: tree.nodes.count)
            for index in tree.depthFirstOrder {
                let node = tree.nodes[index]
                let record = node.record
                let frame: Int
                if let parent = node.parent {
                    let parentFrame = frameOfNode[parent]
                    if let known = childByName[parentFrame]?[record.name] {
                        frame = known
                    } else {
                        frame = frames.count
                        frames.append(Frame(name: record.name, kind: record.kind, depth: frames[parentFrame].depth + 1, parent: parentFrame))
                        frames[parentFrame].children.append(frame)
                        childByName[parentFrame, default: [:]][record.name] = frame
                    }
                } else if let known = rootByName[record.name] {
                    frame = known
                } else {
                    frame = frames.count
                    frames.append(Frame(name: record.name, kind: record.kind, depth: 0, parent: nil))
                    roots.append(frame)
                    rootByName[record.name] = frame
                }
                frameOfNode[index] = frame
                let cost = costed.nodes[index].selfCost
                frames[frame].selfValue += Self.value(of: record, cost: cost, measure: measure)
                frames[frame].selfCost += CostTotals(cost)
                frames[frame].selfTokens += record.usage
                frames[frame].spans += 1
            }
        }
        addUpInclusiveValues()
    }

    /// A graph of frames whose self values are set; the inclusive values are added up here.
    /// Children must come after their parents in `frames`.
    init(frames: [Frame], roots: [Int], measure: Measure, runCount: Int, valueDecimals: Int) {
        self.frames = frames
        self.roots = roots
        self.measure = measure
        self.runCount = runCount
        self.valueDecimals = valueDecimals
        addUpInclusiveValues()
    }

    private mutating func addUpInclusiveValues() {
        // Children come after their parents, so walking backwards adds each subtree up once.
        for index in frames.indices {
            frames[index].inclusiveValue = frames[index].selfValue
            frames[index].inclusiveCost = frames[index].selfCost
            frames[index].inclusiveTokens = frames[index].selfTokens
        }
        for index in frames.indices.reversed() {
            guard let parent = frames[index].parent else { continue }
            frames[parent].inclusiveValue += frames[index].inclusiveValue
            frames[parent].inclusiveCost += frames[index].inclusiveCost
            frames[parent].inclusiveTokens += frames[index].inclusiveTokens
        }
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

    /// The sum over the roots.
    public var total: Int64 { roots.reduce(0) { $0 + frames[$1].inclusiveValue } }

    public var totalCost: CostTotals { roots.reduce(into: CostTotals()) { $0 += frames[$1].inclusiveCost } }

    /// The path of a frame, names joined by `;`.
    public func path(of index: Int) -> [String] {
        var names: [String] = []
        var current: Int? = index
        while let frame = current {
            names.append(frames[frame].name)
            current = frames[frame].parent
        }
        return names.reversed()
    }

    /// A value in the measure's unit for people.
    public func formatted(_ value: Int64) -> String {
        switch measure {
        case .cost: Format.usd(Money(nanos: value))
        case .tokens, .inputTokens, .outputTokens: Format.count(value) + " tok"
        case .duration: Format.duration(nanos: value)
        case .calls: Format.count(value) + " calls"
        case .value: Self.decimal(value, decimals: valueDecimals, grouped: true)
        }
    }

    /// A value in the measure's unit for machines: the exact decimal for cost (dollars) and
    /// folded-stacks values, the integer otherwise.
    public func plain(_ value: Int64) -> String {
        switch measure {
        case .cost: Self.decimal(value, decimals: 9, grouped: false)
        case .value: Self.decimal(value, decimals: valueDecimals, grouped: false)
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

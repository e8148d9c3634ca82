import CostModel

/// The union of two flame graphs, *base* and *compare*: every name path of either side, with
/// both sides' values and the change, as a differential flame graph draws it.
///
/// Frames keep the order in which they first appear, base first. A frame on one side only is
/// kept, with zero on the other and its ``Presence`` saying so.
///
/// Values can be shown per run (each side divided by its number of runs), so that selections of
/// different sizes compare, or as they are. The sides' own values are kept exact; a per-run value
/// is rounded half to even to the measure's unit (a nano-dollar for cost) once, where it is shown,
/// and a change is the difference of the two values shown, so `base + change = compare` holds
/// for every figure printed.
public struct FlameDiff: Sendable {
    /// How values of the two sides are made comparable.
    public enum Normalization: String, CaseIterable, Sendable {
        /// Each side's values divided by its number of runs.
        case perRun = "per-run"
        /// The sides' totals as they are.
        case absolute
    }

    /// Which sides a frame's path occurs on.
    public enum Presence: String, Sendable {
        case both
        case baseOnly = "base"
        case compareOnly = "compare"
    }

    /// One side of a frame: its own and its subtree's values, exact, and its spans.
    public struct Values: Sendable, Equatable {
        public var selfValue: Int64 = 0
        public var inclusiveValue: Int64 = 0
        public var spans: Int64 = 0
        /// Spans of the frame's subtree that could not be priced: its cost is a lower bound.
        public var unpricedSpans = 0
    }

    /// A diff that cannot be made.
    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public let measure: FlameGraph.Measure
    public let normalization: Normalization
    public let baseRuns: Int
    public let compareRuns: Int
    /// For folded stacks: values are in units of 10⁻ⁿ (see ``FlameGraph/valueDecimals``).
    public let valueDecimals: Int
    public let baseUnpricedSpans: Int
    public let compareUnpricedSpans: Int

    let tree: FrameTree
    let base: [Values]
    let compare: [Values]
    let presences: [Presence]

    /// The top frames, in order of first appearance, base first.
    public var roots: [Int] { tree.roots }

    /// The union of `base` and `compare`, which must have the same measure.
    /// - Parameter normalization: `nil` picks per run when both sides have runs and their
    ///   numbers differ, else absolute.
    /// - Throws: ``Error`` when the measures differ, when per run is asked of a side without runs
    ///   (folded stacks), or when aligning the decimals of folded values would overflow.
    public init(base: FlameGraph, compare: FlameGraph, normalization: Normalization? = nil) throws(Error) {
        guard base.measure == compare.measure else {
            throw Error(description: "the sides measure different things: \(base.measure.rawValue) and \(compare.measure.rawValue)")
        }
        let chosen = normalization ?? (base.runCount > 0 && compare.runCount > 0 && base.runCount != compare.runCount ? .perRun : .absolute)
        if chosen == .perRun && (base.runCount == 0 || compare.runCount == 0) {
            throw Error(description: "per-run values need runs on both sides; folded stacks have none (use --normalize absolute)")
        }
        measure = base.measure
        self.normalization = chosen
        baseRuns = base.runCount
        compareRuns = compare.runCount
        valueDecimals = max(base.valueDecimals, compare.valueDecimals)
        baseUnpricedSpans = base.totalCost.unpricedSpans
        compareUnpricedSpans = compare.totalCost.unpricedSpans

        var names = FlameGraph.NameTable()
        var builder = FlameGraph.Builder()
        var baseValues: [Values] = []
        var compareValues: [Values] = []
        var presences: [Presence] = []
        for (graph, isBase) in [(base, true), (compare, false)] {
            var scale: Int64 = 1
            for _ in graph.valueDecimals..<valueDecimals { scale *= 10 }
            let frames = graph.tree
            var frameOf = [Int32](repeating: -1, count: frames.count)
            for index in 0..<frames.count {
                let parent = frames.parents[index] < 0 ? -1 : frameOf[Int(frames.parents[index])]
                let frame = builder.frame(named: names.id(frames.name(of: index)), kind: frames.kinds[index], parent: parent)
                frameOf[index] = frame
                if baseValues.count < builder.frameCount {
                    baseValues.append(Values())
                    compareValues.append(Values())
                    presences.append(isBase ? .baseOnly : .compareOnly)
                } else if !isBase && presences[Int(frame)] == .baseOnly {
                    presences[Int(frame)] = .both
                }
                let (selfValue, selfOverflow) = graph.selfValues[index].multipliedReportingOverflow(by: scale)
                let (inclusive, inclusiveOverflow) = graph.inclusiveValues[index].multipliedReportingOverflow(by: scale)
                guard !selfOverflow && !inclusiveOverflow else {
                    throw Error(description: "the values do not fit in 64 bits at \(valueDecimals) decimals")
                }
                let unpriced = graph.details.isEmpty ? 0 : graph.details[index].inclusiveCost.unpricedSpans
                let values = Values(
                    selfValue: selfValue, inclusiveValue: inclusive, spans: graph.spanCounts[index], unpricedSpans: unpriced)
                if isBase { baseValues[Int(frame)] = values } else { compareValues[Int(frame)] = values }
            }
        }
        tree = FrameTree(builder, names: names.names)
        self.base = baseValues
        self.compare = compareValues
        self.presences = presences
    }

    // MARK: Frames

    public var frameCount: Int { tree.count }

    public func name(of index: Int) -> String { tree.name(of: index) }

    public func kind(of index: Int) -> SpanKind { tree.kinds[index] }

    public func parent(of index: Int) -> Int? { tree.parent(of: index) }

    /// The children of a frame, in order of first appearance.
    public func children(of index: Int) -> [Int] { tree.children(of: index) }

    /// The names from the root down to the frame.
    public func path(of index: Int) -> [String] { tree.path(of: index) }

    /// The frame at a path of names, if either side has it.
    public func frame(at path: [String]) -> Int? {
        var candidates = roots
        var found: Int?
        for name in path {
            guard let match = candidates.first(where: { self.name(of: $0) == name }) else { return nil }
            found = match
            candidates = children(of: match)
        }
        return found
    }

    /// The base side's exact values of a frame.
    public func baseValues(of index: Int) -> Values { base[index] }

    /// The compare side's exact values of a frame.
    public func compareValues(of index: Int) -> Values { compare[index] }

    public func presence(of index: Int) -> Presence { presences[index] }

    // MARK: Values as shown

    /// A base value as shown: divided by the base runs, per run.
    public func shownBase(_ value: Int64) -> Int64 { shown(value, runs: baseRuns) }

    /// A compare value as shown: divided by the compare runs, per run.
    public func shownCompare(_ value: Int64) -> Int64 { shown(value, runs: compareRuns) }

    private func shown(_ value: Int64, runs: Int) -> Int64 {
        guard normalization == .perRun, runs > 1 else { return value }
        return Self.divided(value, by: Int64(runs))
    }

    /// `value / divisor`, rounded half to even.
    static func divided(_ value: Int64, by divisor: Int64) -> Int64 {
        let quotient = value / divisor
        let remainder = value % divisor
        let twice = remainder.magnitude * 2
        if twice > divisor.magnitude || (twice == divisor.magnitude && quotient % 2 != 0) {
            return quotient + (value < 0 ? -1 : 1)
        }
        return quotient
    }

    /// Base and compare inclusive values of a frame as shown, and their difference.
    public func inclusive(of index: Int) -> (base: Int64, compare: Int64, change: Int64) {
        let base = shownBase(self.base[index].inclusiveValue)
        let compare = shownCompare(self.compare[index].inclusiveValue)
        return (base, compare, compare - base)
    }

    /// Base and compare self values of a frame as shown, and their difference.
    public func selfValues(of index: Int) -> (base: Int64, compare: Int64, change: Int64) {
        let base = shownBase(self.base[index].selfValue)
        let compare = shownCompare(self.compare[index].selfValue)
        return (base, compare, compare - base)
    }

    /// The totals of both sides as shown, and their difference.
    public var total: (base: Int64, compare: Int64, change: Int64) {
        let base = shownBase(roots.reduce(0) { $0 + self.base[$1].inclusiveValue })
        let compare = shownCompare(roots.reduce(0) { $0 + self.compare[$1].inclusiveValue })
        return (base, compare, compare - base)
    }

    /// The change relative to the base value: 0.25 for 25% dearer; `nil` when the base is zero.
    public static func relativeChange(base: Int64, change: Int64) -> Double? {
        base == 0 ? nil : Double(change) / Double(base)
    }

    /// Frames by the size of their change, largest first (ties in frame order); frames that did
    /// not change are left out.
    public func largestChanges(inclusive: Bool, limit: Int) -> [Int] {
        let changes = (0..<frameCount).map { inclusive ? self.inclusive(of: $0).change : selfValues(of: $0).change }
        return (0..<frameCount).filter { changes[$0] != 0 }
            .sorted { (changes[$0].magnitude, $1) > (changes[$1].magnitude, $0) }
            .prefix(limit).map { $0 }
    }

    // MARK: Formatting

    /// A value for people, in the measure's unit.
    public func formatted(_ value: Int64) -> String { measure.formatted(value, decimals: valueDecimals) }

    /// A change for people, signed: `+$0.0123`, `-$0.0581`, `0`.
    public func formattedChange(_ value: Int64) -> String {
        value == 0 ? "0" : (value > 0 ? "+" : "-") + measure.formatted(Int64(value.magnitude), decimals: valueDecimals)
    }

    /// A value for machines: an exact decimal for cost and folded values.
    public func plain(_ value: Int64) -> String { measure.plain(value, decimals: valueDecimals) }
}

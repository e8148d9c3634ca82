import CostModel

/// Spend grouped by allocation keys (and by period): each span's *self* cost goes to the group
/// its inherited values name, so the groups add up to the runs' total to the nano-dollar.
///
/// A span with no value for a key lands in a group whose value for that key is `nil`, shown as
/// ``unallocated``: spend is never dropped. Values are compared as text (``AttributeValue/text``),
/// as `--where KEY=VALUE` matches them.
///
/// ```swift
/// let allocation = CostAllocation(runs: costedRuns, by: try AllocationKey.list("team"), period: .month)
/// for row in allocation.rows { print(row.values, row.period?.iso ?? "", row.cost) }
/// ```
public struct CostAllocation: Sendable {
    /// The spend of one group.
    public struct Row: Sendable {
        /// One value per key, in the order of ``CostAllocation/keys``; `nil` where unallocated.
        public var values: [String?]
        /// The first day of the row's period, when grouped by period.
        public var period: CalendarDate?
        /// The self costs of the row's spans; ``CostTotals/spans`` counts the spans.
        public var cost: CostTotals
        /// The row's spans' tokens.
        public var tokens: TokenUsage
        /// How many distinct runs have a span in the row.
        public var runs: Int
    }

    /// The text reports show for a missing value.
    public static let unallocated = "(unallocated)"

    public let keys: [AllocationKey]
    public let period: CalendarPeriod?
    /// Rows by period (oldest first) when grouped by period, then by cost (highest first), then
    /// by values (text order, unallocated last).
    public let rows: [Row]
    /// All spans of all runs: equal to the sum of the runs' totals.
    public let total: CostTotals
    public let tokens: TokenUsage
    public let runs: Int

    /// Groups the spans of `runs`.
    ///
    /// - Parameters:
    ///   - runs: Priced runs; every span of each is allocated.
    ///   - keys: The grouping keys; none gives a single row.
    ///   - period: Buckets spans by the UTC period their start falls in; `nil` for no buckets.
    ///   - models: How the `model` key names models: pass the pricer's book
    ///     (`ModelNaming(book: pricer.book)`) so that aliases and dated ids share a row.
    public init(
        runs: [CostedRun], by keys: [AllocationKey], period: CalendarPeriod? = nil, models: ModelNaming = .asRecorded
    ) {
        struct Group: Hashable {
            var values: [String?]
            var period: CalendarDate?
        }
        var rowsByGroup: [Group: Row] = [:]
        var lastRunOfGroup: [Group: TraceID] = [:]
        var total = CostTotals()
        var tokens = TokenUsage.zero
        for costed in runs {
            let tree = costed.run.tree
            let valuesByKey = keys.map { tree.inheritedValues(of: $0, models: models) }
            for index in tree.nodes.indices {
                let record = tree.nodes[index].record
                let group = Group(
                    values: valuesByKey.map { $0[index]?.text },
                    period: period?.interval(containingNanos: record.startNanos).start)
                let cost = CostTotals(costed.nodes[index].selfCost)
                rowsByGroup[
                    group, default: Row(values: group.values, period: group.period, cost: .zero, tokens: .zero, runs: 0)
                ]
                .add(cost, tokens: record.usage)
                if lastRunOfGroup.updateValue(costed.run.traceID, forKey: group) != costed.run.traceID {
                    rowsByGroup[group]?.runs += 1
                }
                total += cost
                tokens += record.usage
            }
        }
        self.keys = keys
        self.period = period
        self.rows = rowsByGroup.values.sorted(by: Self.ordered)
        self.total = total
        self.tokens = tokens
        self.runs = runs.count
    }

    private static func ordered(_ lhs: Row, _ rhs: Row) -> Bool {
        if lhs.period != rhs.period, let left = lhs.period, let right = rhs.period { return left < right }
        if lhs.cost.total != rhs.cost.total { return lhs.cost.total > rhs.cost.total }
        if lhs.cost.unpricedSpans != rhs.cost.unpricedSpans { return lhs.cost.unpricedSpans > rhs.cost.unpricedSpans }
        for (left, right) in zip(lhs.values, rhs.values) where left != right {
            guard let left else { return false }
            guard let right else { return true }
            return left < right
        }
        return false
    }
}

extension CostAllocation.Row {
    fileprivate mutating func add(_ spanCost: CostTotals, tokens spanTokens: TokenUsage) {
        cost += spanCost
        tokens += spanTokens
    }
}

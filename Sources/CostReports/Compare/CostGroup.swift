import CostModel

/// The runs of one group of a comparison, and their cost per run.
///
/// Money is exact: ``total`` is the sum of the runs' totals, and ``mean``, ``median`` and
/// ``costPerSuccessfulRun`` are exact quotients rounded half to even to the nano-dollar. The cost
/// of a run is its priced part; spans the book cannot price are counted in ``unpricedSpans``.
///
/// - ``median``: the middle run's cost, or with an even count the mean of the two middle ones.
/// - ``p95``: nearest rank, the cost of the run of rank ⌈0.95 × runs⌉ by cost
///   (``Quantile/nearestRank(_:perMille:)``), the cheapest run that at least 95% of runs cost no
///   more than.
/// - A run *failed* when a root span (any root) has status `error`: the run as a whole reported
///   failure. The others are *successful*, including runs that recovered from an error in a
///   span below the root (a retried 429, a failed tool call handled by the agent); those are
///   counted in ``runsWithSpanErrors``.
public struct CostGroup: Sendable {
    /// Which runs the group holds: a value, `(mixed)` or `(unallocated)`.
    public var key: RunGroupKey
    /// The cost of each run, in ascending order.
    public private(set) var runCosts: [Money]
    /// The runs' costs added up, with their unpriced spans counted.
    public private(set) var total: CostTotals
    /// Tokens of all the runs' spans, by kind.
    public private(set) var tokens: TokenUsage
    /// Runs with a root span of status `error`.
    public private(set) var failedRuns: Int
    /// Runs with at least one span of status `error`, root or not, whether the run failed or not.
    public private(set) var runsWithSpanErrors: Int
    /// The total cost of the runs that did not fail.
    public private(set) var successfulRunsCost: Money

    /// The label of runs without a value.
    public static let unallocatedLabel = RunGroupKey.unallocatedLabel

    /// Sums up `runs`, which are all the runs of the group.
    /// - Precondition: `runs` is not empty.
    public init(key: RunGroupKey, runs: [CostedRun]) {
        precondition(!runs.isEmpty, "a group has at least one run")
        self.key = key
        runCosts = runs.map(\.total.total).sorted()
        total = CostTotals()
        tokens = .zero
        failedRuns = 0
        runsWithSpanErrors = 0
        successfulRunsCost = .zero
        for costed in runs {
            total += costed.total
            let tree = costed.run.tree
            for node in tree.nodes { tokens += node.record.usage }
            if tree.nodes.contains(where: { $0.record.status == .error }) { runsWithSpanErrors += 1 }
            if tree.roots.contains(where: { tree.nodes[$0].record.status == .error }) {
                failedRuns += 1
            } else {
                successfulRunsCost += costed.total.total
            }
        }
    }

    /// Sums up `runs` as the group of `value`, or of runs without one when `value` is `nil`.
    /// - Precondition: `runs` is not empty.
    public init(value: String?, runs: [CostedRun]) {
        self.init(key: value.map(RunGroupKey.value) ?? .unallocated, runs: runs)
    }

    /// The group's value of the key; `nil` for `(mixed)` and `(unallocated)`.
    public var value: String? { key.value }

    /// ``value``, `(mixed)` or `(unallocated)`.
    public var label: String { key.label }

    /// How many runs.
    public var runs: Int { runCosts.count }

    /// Runs that did not fail.
    public var successfulRuns: Int { runs - failedRuns }

    /// The mean cost per run: ``total`` / ``runs``, rounded half to even to the nano-dollar.
    public var mean: Money { Money.mean(ofNanos: Int128(total.total.nanos), count: runs) }

    /// The median cost per run.
    public var median: Money { Quantile.median(runCosts) }

    /// The 95th percentile of cost per run, by nearest rank.
    public var p95: Money { Quantile.nearestRank(runCosts, perMille: 950) }

    /// The total cost of successful runs over their number: what one run that worked cost. `nil`
    /// when every run failed.
    public var costPerSuccessfulRun: Money? {
        successfulRuns == 0 ? nil : Money.mean(ofNanos: Int128(successfulRunsCost.nanos), count: successfulRuns)
    }

    /// Failed runs over runs, from 0 to 1.
    public var errorRate: Double { Double(failedRuns) / Double(runs) }

    /// Runs with any span of status `error` over runs, from 0 to 1: failed runs and runs that
    /// recovered.
    public var shareOfRunsWithSpanErrors: Double { Double(runsWithSpanErrors) / Double(runs) }

    /// Tokens read from a prompt cache over all prompt tokens (``TokenUsage/promptTokens``), from 0
    /// to 1; `nil` when the runs sent no prompt tokens.
    public var cacheReadShare: Double? {
        tokens.promptTokens == 0 ? nil : Double(tokens.cacheRead) / Double(tokens.promptTokens)
    }

    /// The mean number of tokens of a kind per run.
    public func meanTokens(_ kind: TokenKind) -> Double { Double(tokens[kind]) / Double(runs) }

    /// Spans the price book could not price; their cost is in no total.
    public var unpricedSpans: Int { total.unpricedSpans }
}

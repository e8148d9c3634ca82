import CostModel

/// Where each budget stands at one instant: its spend so far in the period that contains the
/// instant, its status, and a straight-line projection to the period's end.
///
/// A budget's spend is the sum of the own (*self*) costs of the spans in its scope that start
/// in its current period before ``at``, so that budgets reconcile with `costtrace report`: a
/// month's spend equals the month's row of an allocation by the same keys, once the month is
/// over.
///
/// ```swift
/// let check = BudgetCheck(budgets: budgets, runs: costedRuns, at: now)
/// if check.isExceeded { exit(3) }
/// ```
public struct BudgetCheck: Sendable {
    /// One budget's standing.
    public struct Result: Sendable {
        public var budget: Budget
        /// The period that contains ``BudgetCheck/at``.
        public var interval: CalendarInterval
        /// Self costs of the spans in scope that started in the period before ``BudgetCheck/at``;
        /// ``CostTotals/spans`` counts them and ``CostTotals/unpricedSpans`` those unpriced.
        public var cost: CostTotals
        /// Runs with at least one span counted.
        public var runs: Int
        /// Time from the period's start to ``BudgetCheck/at``, in nanoseconds.
        public var elapsedNanos: Int64
        public var status: BudgetStatus
        /// ``cost`` × period length ÷ ``elapsedNanos``: the spend at the period's end if it goes
        /// on at the same rate. `nil` before a tenth of the period has passed, when a few runs
        /// would swing it wildly.
        public var projected: Money?
        /// The status that ``projected`` would have.
        public var projectedStatus: BudgetStatus?

        /// What was spent, priced spans only.
        public var spent: Money { cost.total }

        /// Spend as a fraction of the amount.
        public var share: Double { Double(spent.nanos) / Double(budget.amount.nanos) }

        /// The share of the period that has passed, from 0 to 1.
        public var elapsedShare: Double { Double(elapsedNanos) / Double(interval.lengthNanos) }
    }

    /// The instant checked, in nanoseconds since the Unix epoch.
    public let at: Int64
    public let unpriced: UnpricedSpanPolicy
    /// One result per budget, in the order given.
    public let results: [Result]

    /// Checks `budgets` against the spans of `runs`.
    ///
    /// - Parameters:
    ///   - at: The instant to check at: each budget's period is the one that contains it, and
    ///     spans that start at or after it are not counted.
    ///   - unpriced: Whether unpriced spans in scope only count or exceed (see ``Budget/status(spent:unpricedSpans:unpriced:)``).
    ///   - models: How scopes on `model` name models: pass the pricer's book
    ///     (`ModelNaming(book: pricer.book)`) so that aliases and dated ids are the same model.
    public init(
        budgets: [Budget], runs: [CostedRun], at: Int64, unpriced: UnpricedSpanPolicy = .count,
        models: ModelNaming = .asRecorded
    ) {
        self.at = at
        self.unpriced = unpriced
        results = budgets.map { budget in
            let interval = budget.period.interval(containingNanos: at)
            var cost = CostTotals()
            var runCount = 0
            for costed in runs {
                let tree = costed.run.tree
                var counted = false
                for (index, covered) in budget.scope.covers(tree, models: models).enumerated() where covered {
                    let start = tree.nodes[index].record.startNanos
                    guard start >= interval.startNanos, start < at else { continue }
                    cost += CostTotals(costed.nodes[index].selfCost)
                    counted = true
                }
                if counted { runCount += 1 }
            }
            let elapsed = at - interval.startNanos
            let projected = Self.projection(of: cost.total, elapsed: elapsed, length: interval.lengthNanos)
            return Result(
                budget: budget, interval: interval, cost: cost, runs: runCount, elapsedNanos: elapsed,
                status: budget.status(spent: cost.total, unpricedSpans: cost.unpricedSpans, unpriced: unpriced),
                projected: projected,
                projectedStatus: projected.map {
                    budget.status(spent: $0, unpricedSpans: cost.unpricedSpans, unpriced: unpriced)
                })
        }
    }

    /// Whether a budget with a hard threshold is exceeded.
    public var isExceeded: Bool { results.contains { $0.status == .exceeded } }

    /// The worst status of any budget; ``BudgetStatus/ok`` when there are none.
    public var worstStatus: BudgetStatus { results.map(\.status).max() ?? .ok }

    /// `spent` × `length` ÷ `elapsed`, to the nearest nano-dollar; `nil` before a tenth of the
    /// period has passed.
    static func projection(of spent: Money, elapsed: Int64, length: Int64) -> Money? {
        guard elapsed > 0, Int128(elapsed) * 10 >= Int128(length) else { return nil }
        let numerator = Int128(spent.nanos) * Int128(length)
        let quotient = (numerator + Int128(elapsed) / 2) / Int128(elapsed)
        return Money(nanos: Int64(clamping: quotient))
    }
}

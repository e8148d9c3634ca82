import CostModel
import Instrumentation
import Synchronization

/// A spending cap on the spans of one piece of agent work, checked as they end.
///
/// Made by ``CostTracer/withBudget(_:name:pricer:unpriced:_:)-(_,_,_,_,(RunBudget)->T)``, which
/// makes it current for the code inside. Every span that starts inside (in the same task, a child
/// task or a task group) is priced with ``pricer`` when it ends, and its own cost is charged to
/// the budget and to every budget around it. Spans started before the budget, and in
/// `Task.detached`, are not charged.
///
/// Agent code asks the budget before an expensive step, and stops or picks a cheaper model:
///
/// ```swift
/// try await tracer.withBudget(Money(decimal: "0.50")!) { budget in
///     for question in questions {
///         try budget.check()                                    // throws BudgetExceeded once spent
///         let expected = TokenUsage(input: 12_000, output: 800)
///         // Downgrade near the cap, and when the book cannot price Sonnet: an unknown cost never fits.
///         let model = budget.allows(model: "claude-sonnet-4-5", usage: expected) ? "claude-sonnet-4-5" : "claude-haiku-4-5"
///         try await answer(question, with: model)
///     }
/// }
/// ```
///
/// The budget is *exceeded* once spend reaches the limit (spend ≥ limit), as `costtrace budget
/// check` counts it. Money is exact; every method is thread-safe.
public final class RunBudget: Sendable {
    /// The most this budget lets its code spend.
    public let limit: Money
    /// A name for messages, such as the run or step it caps.
    public let name: String?
    /// Prices the spans that end inside; also used by ``estimate(model:provider:usage:)``.
    public let pricer: SpanPricer
    /// Whether a span that cannot be priced only counts, or exceeds the budget (fails closed).
    public let unpricedPolicy: UnpricedSpanPolicy
    /// The budget around this one, which is charged too.
    public let enclosing: RunBudget?

    private let clock: @Sendable () -> Int64
    private let state = Mutex(Spend())

    struct Spend {
        var spent = Money.zero
        var spans = 0
        var unpricedSpans = 0
    }

    init(
        limit: Money,
        name: String?,
        pricer: SpanPricer,
        unpricedPolicy: UnpricedSpanPolicy,
        enclosing: RunBudget?,
        clock: @escaping @Sendable () -> Int64
    ) {
        self.limit = limit
        self.name = name
        self.pricer = pricer
        self.unpricedPolicy = unpricedPolicy
        self.enclosing = enclosing
        self.clock = clock
    }

    /// The budget that the current task runs in, if any: the innermost one.
    public static var current: RunBudget? { InstrumentationContext.current?.runBudget }

    /// What the spans charged to this budget cost so far, unpriced ones aside.
    public var spent: Money { state.withLock { $0.spent } }

    /// How many spans were charged, priced or not.
    public var chargedSpans: Int { state.withLock { $0.spans } }

    /// How many charged spans could not be priced; their cost is in no total.
    public var unpricedSpans: Int { state.withLock { $0.unpricedSpans } }

    /// What the code inside may still spend: the least that this budget or any budget around it
    /// has left, never below zero.
    public var remaining: Money {
        chain.map { budget in
            let spend = budget.state.withLock { $0 }
            return budget.isExceeded(spend) ? .zero : max(.zero, budget.limit - spend.spent)
        }.min() ?? .zero
    }

    /// Whether this budget or one around it is exceeded: its spend reached its limit, or (with
    /// ``UnpricedSpanPolicy/exceed``) a span could not be priced.
    public var isExceeded: Bool { firstExceeded(adding: nil) != nil }

    /// Whether a step estimated to cost `estimated` fits: no budget in the chain is exceeded,
    /// and each has at least `estimated` left.
    ///
    /// A step that would bring spend exactly to a limit fits; the budget is exceeded after it.
    public func allows(estimated: Money) -> Bool {
        firstExceeded(adding: estimated) == nil
    }

    /// Throws when ``isExceeded``, so that code stops before its next step.
    ///
    /// - Throws: ``BudgetExceeded`` naming the budget that is exceeded.
    public func check() throws(BudgetExceeded) {
        if let error = firstExceeded(adding: nil) { throw error }
    }

    /// Throws unless a step estimated to cost `estimated` fits (see ``allows(estimated:)``).
    ///
    /// - Throws: ``BudgetExceeded`` naming the budget that the step would exceed.
    public func check(estimated: Money) throws(BudgetExceeded) {
        if let error = firstExceeded(adding: estimated) { throw error }
    }

    /// Whether a model call with `usage` fits, as ``allows(estimated:)`` tells, at what
    /// ``estimate(model:provider:usage:)`` says it costs; `false` when the book cannot price the
    /// call, so that a step of unknown cost never passes as free.
    ///
    /// ```swift
    /// let model = budget.allows(model: "claude-sonnet-4-5", usage: expected) ? "claude-sonnet-4-5" : "claude-haiku-4-5"
    /// ```
    public func allows(model: String, provider: String? = nil, usage: TokenUsage) -> Bool {
        guard let cost = estimate(model: model, provider: provider, usage: usage) else { return false }
        return allows(estimated: cost)
    }

    /// What a model call with `usage` would cost now, with this budget's price book; `nil` when
    /// the book cannot price it.
    ///
    /// A `nil` is a cost nobody knows, not zero: stop, or take a model the book prices
    /// (``allows(model:provider:usage:)`` does the second).
    ///
    /// ```swift
    /// let expected = TokenUsage(input: 12_000, output: 800)
    /// let cost = budget.estimate(model: "claude-sonnet-4-5", usage: expected)    // Money?
    /// let fits = cost.map(budget.allows(estimated:)) ?? false                    // an unknown cost never fits
    /// ```
    public func estimate(model: String, provider: String? = nil, usage: TokenUsage) -> Money? {
        let now = clock()
        let call = SpanRecord(
            traceID: TraceID(high: 0, low: 1), spanID: SpanID(1), kind: .llm, name: "estimate",
            startNanos: now, endNanos: now, model: model, provider: provider, usage: usage)
        let cost = pricer.computedCost(of: call)
        return cost.isPriced ? cost.total : nil
    }

    /// Charges a finished span's own cost to this budget and every budget around it.
    func charge(_ span: SpanRecord) {
        for budget in chain {
            let cost = budget.pricer.cost(of: span)
            budget.state.withLock { spend in
                spend.spans += 1
                if cost.isPriced { spend.spent += cost.total } else { spend.unpricedSpans += 1 }
            }
        }
    }

    /// This budget, then the ones around it, innermost first.
    private var chain: [RunBudget] {
        var budgets: [RunBudget] = [self]
        while let next = budgets[budgets.count - 1].enclosing { budgets.append(next) }
        return budgets
    }

    private func isExceeded(_ spend: Spend) -> Bool {
        spend.spent >= limit || (unpricedPolicy == .exceed && spend.unpricedSpans > 0)
    }

    /// The innermost budget that is exceeded, or that `estimated` more would overrun.
    private func firstExceeded(adding estimated: Money?) -> BudgetExceeded? {
        for budget in chain {
            let spend = budget.state.withLock { $0 }
            let overrun = estimated.map { spend.spent + $0 > budget.limit } ?? false
            if budget.isExceeded(spend) || overrun {
                return BudgetExceeded(
                    name: budget.name, limit: budget.limit, spent: spend.spent, unpricedSpans: spend.unpricedSpans,
                    estimated: estimated)
            }
        }
        return nil
    }
}

/// The context key under which the innermost budget travels with the task.
enum RunBudgetKey: InstrumentationContextKey {
    typealias Value = RunBudget
    static var nameOverride: String? { "costtrace-budget" }
}

extension InstrumentationContext {
    var runBudget: RunBudget? {
        get { self[RunBudgetKey.self] }
        set { self[RunBudgetKey.self] = newValue }
    }
}

import CostFormats
import CostModel
import Instrumentation

extension CostTracer {
    /// Runs `operation` under a spending cap of `limit`, which spans ending inside are charged to.
    ///
    /// The ``RunBudget`` passed in (also ``RunBudget/current`` inside) sums the own cost of every
    /// span started inside as it ends, so code can ask ``RunBudget/check()`` or
    /// ``RunBudget/allows(estimated:)`` before each step, and stop or downgrade. Budgets nest:
    /// spend inside an inner budget counts against the outer ones too, and the inner code sees
    /// the least that any of them has left.
    ///
    /// The cap is cooperative: nothing is cancelled; the operation decides what to do.
    ///
    /// - Parameters:
    ///   - limit: The most the work may spend; the budget is exceeded once spend reaches it.
    ///   - name: A name for error messages.
    ///   - pricer: Prices the spans; by default the built-in price book.
    ///   - unpriced: What a span the book cannot price does: by default it is counted in
    ///     ``RunBudget/unpricedSpans`` only; ``UnpricedSpanPolicy/exceed`` exceeds the budget.
    /// - Returns: What `operation` returns.
    public func withBudget<T>(
        _ limit: Money,
        name: String? = nil,
        pricer: SpanPricer = SpanPricer(book: DefaultPriceBook.book),
        unpriced: UnpricedSpanPolicy = .count,
        _ operation: (RunBudget) throws -> T
    ) rethrows -> T {
        let (budget, context) = makeBudget(limit, name: name, pricer: pricer, unpriced: unpriced)
        return try InstrumentationContext.$current.withValue(context) { try operation(budget) }
    }

    /// Runs the `async` `operation` under a spending cap of `limit`.
    ///
    /// See ``withBudget(_:name:pricer:unpriced:_:)-(_,_,_,_,(RunBudget)->T)``.
    nonisolated(nonsending) public func withBudget<T>(
        _ limit: Money,
        name: String? = nil,
        pricer: SpanPricer = SpanPricer(book: DefaultPriceBook.book),
        unpriced: UnpricedSpanPolicy = .count,
        _ operation: (RunBudget) async throws -> T
    ) async rethrows -> T {
        let (budget, context) = makeBudget(limit, name: name, pricer: pricer, unpriced: unpriced)
        return try await InstrumentationContext.$current.withValue(context) { try await operation(budget) }
    }

    private func makeBudget(_ limit: Money, name: String?, pricer: SpanPricer, unpriced: UnpricedSpanPolicy)
        -> (RunBudget, InstrumentationContext)
    {
        var context = InstrumentationContext.current ?? .topLevel
        let budget = RunBudget(
            limit: limit, name: name, pricer: pricer, unpricedPolicy: unpriced, enclosing: context.runBudget,
            clock: { [self] in now() })
        context.runBudget = budget
        return (budget, context)
    }
}

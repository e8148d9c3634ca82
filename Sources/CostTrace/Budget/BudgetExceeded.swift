import CostModel

/// Thrown by ``RunBudget/check()`` when a budget is spent, or by ``RunBudget/check(estimated:)``
/// when a step would overrun it.
///
/// ```text
/// budget 'ticket 1042' exceeded: spent $0.5012 of $0.50
/// budget $0.50 would be exceeded: spent $0.4100, a step estimated at $0.1200 does not fit
/// ```
public struct BudgetExceeded: Error, Hashable, Sendable, CustomStringConvertible {
    /// The name of the budget that is exceeded, if it has one.
    public var name: String?
    public var limit: Money
    /// What was spent when the check ran.
    public var spent: Money
    /// Spans that could not be priced, whose cost is not in ``spent``.
    public var unpricedSpans: Int
    /// The estimate that did not fit, when the check was for a step.
    public var estimated: Money?

    public init(name: String? = nil, limit: Money, spent: Money, unpricedSpans: Int = 0, estimated: Money? = nil) {
        self.name = name
        self.limit = limit
        self.spent = spent
        self.unpricedSpans = unpricedSpans
        self.estimated = estimated
    }

    public var description: String {
        let budget = name.map { "budget '\($0)'" } ?? "budget \(limit)"
        var spentText = "spent \(spent)"
        if unpricedSpans > 0 { spentText += " + \(unpricedSpans) unpriced span" + (unpricedSpans == 1 ? "" : "s") }
        let limitText = name == nil ? "" : " of \(limit)"
        if let estimated, spent < limit, spent + estimated > limit {
            return
                "\(budget) would be exceeded: \(spentText)\(limitText), a step estimated at \(estimated) does not fit"
        }
        return "\(budget) exceeded: \(spentText)\(limitText)"
    }
}

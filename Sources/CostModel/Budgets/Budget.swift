/// A spending limit for one scope of spend over a calendar period.
///
/// A budget covers the spans in its ``scope`` that start in a ``period`` (a UTC day, ISO week or
/// month). It has an ``amount`` and up to two thresholds, fractions of the amount: reaching
/// ``warn`` warns, reaching ``hard`` exceeds the budget. Reaching means *spend ≥ amount ×
/// threshold*, compared exactly, so spending the whole amount of a budget with a hard threshold
/// of 1 exceeds it.
///
/// ```swift
/// let budget = Budget(
///     name: "support, monthly", scope: BudgetScope(["team": "support"]), period: .month,
///     amount: Money(decimal: "150")!, warn: BudgetThreshold(decimal: "0.8"), hard: .whole)
/// budget.status(spent: Money(decimal: "120")!)     // .warn
/// ```
public struct Budget: Hashable, Sendable {
    /// The largest ``amount`` a budget file may give: $90,000,000 a period, so that the amount
    /// times the largest threshold a file allows (100, that is 10,000%) still fits in ``Money``.
    public static let largestAmount = Money(nanos: 90_000_000 * Money.nanosPerUnit)

    /// A name, unique in its file, that reports show.
    public var name: String
    /// Which spans count.
    public var scope: BudgetScope
    public var period: CalendarPeriod
    /// The limit of each period, in USD; positive.
    public var amount: Money
    /// The fraction of ``amount`` at which the budget warns, if any.
    public var warn: BudgetThreshold?
    /// The fraction of ``amount`` at which the budget is exceeded, if any; a budget without one
    /// only warns.
    public var hard: BudgetThreshold?
    /// Free text from the budget file.
    public var notes: String?

    public init(
        name: String,
        scope: BudgetScope = BudgetScope(),
        period: CalendarPeriod,
        amount: Money,
        warn: BudgetThreshold? = nil,
        hard: BudgetThreshold? = nil,
        notes: String? = nil
    ) {
        self.name = name
        self.scope = scope
        self.period = period
        self.amount = amount
        self.warn = warn
        self.hard = hard
        self.notes = notes
    }

    /// The spend at which the budget warns: ``amount`` × ``warn``, rounded up to the nano-dollar.
    public var warnLimit: Money? { warn.map { $0.limit(of: amount) } }

    /// The spend at which the budget is exceeded: ``amount`` × ``hard``, rounded up to the
    /// nano-dollar, so that *spend ≥ hardLimit* holds exactly when *spend ≥ amount × hard*.
    public var hardLimit: Money? { hard.map { $0.limit(of: amount) } }

    /// The status of a period in which `spent` was spent and `unpricedSpans` spans could not be
    /// priced.
    ///
    /// - Parameter unpriced: Whether unpriced spans only count (``UnpricedSpanPolicy/count``) or
    ///   reach every threshold the budget has (``UnpricedSpanPolicy/exceed``: fail closed).
    public func status(spent: Money, unpricedSpans: Int = 0, unpriced: UnpricedSpanPolicy = .count) -> BudgetStatus {
        let unknownSpend = unpriced == .exceed && unpricedSpans > 0
        if let hard, unknownSpend || hard.isReached(by: spent, of: amount) { return .exceeded }
        if let warn, unknownSpend || warn.isReached(by: spent, of: amount) { return .warn }
        if hard == nil, unknownSpend { return .warn }
        return .ok
    }
}

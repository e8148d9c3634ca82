/// What spans that the price book cannot price do to a budget.
///
/// An unpriced span cost something unknown, never $0. Either way it is counted and shown.
public enum UnpricedSpanPolicy: String, CaseIterable, Hashable, Sendable {
    /// Count unpriced spans and show them beside the spend, which is then a lower bound; the
    /// status comes from the priced spend alone.
    case count
    /// Fail closed: one unpriced span in scope reaches every threshold of the budget.
    case exceed
}

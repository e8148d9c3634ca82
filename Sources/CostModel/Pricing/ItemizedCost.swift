/// A span's cost with the lines it is made of, for exports that bill each item on its own row.
///
/// ```swift
/// let itemized = pricer.itemizedCost(of: span)
/// itemized.lines.map(\.cost).reduce(.zero, +) == itemized.cost.total   // for computed costs
/// ```
public struct ItemizedCost: Hashable, Sendable {
    /// The span's cost, as ``SpanPricer/cost(of:)`` gives it.
    public var cost: SpanCost
    /// The lines of a computed cost, which add up to its total exactly; empty for a reported or an
    /// unpriced cost.
    public var lines: [PriceLine]
    /// The book entry that priced the span's tokens and request units, if any. Under a
    /// ``ModelSubstitution`` it is the entry of the model priced instead.
    public var modelPrice: ModelPrice?

    public init(cost: SpanCost, lines: [PriceLine], modelPrice: ModelPrice?) {
        self.cost = cost
        self.lines = lines
        self.modelPrice = modelPrice
    }
}

/// Costs of a set of spans added up exactly, with the unpriced ones counted beside them.
///
/// ``total`` is always ``tokens`` + ``fees`` + ``tools`` + ``gpu`` + ``reported``: the split by kind
/// covers computed costs, and provider-reported costs (which have no split) are kept apart.
///
/// ```swift
/// "\(totals.total) + \(totals.unpricedSpans) unpriced spans"   // "$12.40 + 3 unpriced spans"
/// ```
public struct CostTotals: Hashable, Sendable {
    public var total = Money.zero
    /// Computed token cost by kind.
    public var byKind: [TokenKind: Money] = [:]
    public var fees = Money.zero
    public var tools = Money.zero
    public var gpu = Money.zero
    /// The sum of provider-reported costs.
    public var reported = Money.zero
    /// Spans with a computed cost (zero included).
    public var computedSpans = 0
    /// Spans whose cost the provider reported.
    public var reportedSpans = 0
    /// Spans the book could not price; their cost is in no total.
    public var unpricedSpans = 0

    public init() {}

    /// The totals of one span.
    public init(_ cost: SpanCost) {
        total = cost.total
        switch cost.source {
        case .computed:
            byKind = cost.byKind
            fees = cost.fees
            tools = cost.tools
            gpu = cost.gpu
            computedSpans = 1
        case .reported:
            reported = cost.total
            reportedSpans = 1
        case .unpriced:
            unpricedSpans = 1
        }
    }

    public static let zero = CostTotals()

    /// Computed token cost of all kinds.
    public var tokens: Money { byKind.values.reduce(Money.zero, +) }

    /// All spans counted, priced or not.
    public var spans: Int { computedSpans + reportedSpans + unpricedSpans }

    /// Whether every span counted has a cost.
    public var isComplete: Bool { unpricedSpans == 0 }

    public static func += (lhs: inout CostTotals, rhs: CostTotals) {
        lhs.total += rhs.total
        lhs.byKind.merge(rhs.byKind, uniquingKeysWith: +)
        lhs.fees += rhs.fees
        lhs.tools += rhs.tools
        lhs.gpu += rhs.gpu
        lhs.reported += rhs.reported
        lhs.computedSpans += rhs.computedSpans
        lhs.reportedSpans += rhs.reportedSpans
        lhs.unpricedSpans += rhs.unpricedSpans
    }

    public static func + (lhs: CostTotals, rhs: CostTotals) -> CostTotals {
        var sum = lhs
        sum += rhs
        return sum
    }
}

extension CostTotals: CustomStringConvertible {
    /// `$12.40`, or `$12.40 + 3 unpriced spans`.
    public var description: String {
        switch unpricedSpans {
        case 0: total.description
        case 1: "\(total) + 1 unpriced span"
        default: "\(total) + \(unpricedSpans) unpriced spans"
        }
    }
}

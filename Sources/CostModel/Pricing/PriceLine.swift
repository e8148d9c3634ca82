/// One line of a span's computed cost: a quantity of one billable item × its price, rounded once.
///
/// The lines of a span are exactly the parts that ``SpanPricer`` adds up, so they sum to the
/// span's ``SpanCost/total`` to the nano-dollar: token lines to ``SpanCost/byKind``, unit lines to
/// ``SpanCost/fees``, the tool line to ``SpanCost/tools`` and the GPU line to ``SpanCost/gpu``.
///
/// ```swift
/// for line in pricer.itemizedCost(of: span).lines { print(line.item, line.price, line.cost) }
/// ```
public struct PriceLine: Hashable, Sendable {
    /// What was billed, and how much of it.
    public enum Item: Hashable, Sendable {
        /// Tokens of one kind. ``TokenKind/output`` excludes reasoning when reasoning is priced apart.
        case tokens(TokenKind, count: Int64)
        /// Billable units of a call, such as `web_search` requests.
        case units(String, count: Int64)
        /// Calls of a tool.
        case toolCalls(String, calls: Int64)
        /// Time on GPUs of one device type.
        case gpu(GPUUsage)
    }

    /// The price that the item was billed at.
    public enum Price: Hashable, Sendable {
        /// A rate per million tokens, times a service tier's multiplier; `longContextAbove` is the
        /// threshold of the long-context tier whose rate it is, `nil` for the base rates.
        case perMillionTokens(TokenRate, multiplier: Multiplier, longContextAbove: Int64?)
        /// A model's fee for a number of request units.
        case requestFee(ModelPrice.RequestFee)
        /// A tool's fee per call (also for units that a tool fee of the same name prices).
        case toolFee(ToolFee)
        /// A GPU's rate per device-hour.
        case gpuRate(GPURate)
    }

    public var item: Item
    public var price: Price
    /// The item × the price, rounded half to even once.
    public var cost: Money

    public init(item: Item, price: Price, cost: Money) {
        self.item = item
        self.price = price
        self.cost = cost
    }
}

/// The cost of one span on its own (not its children), and where it came from.
///
/// A computed cost is split into tokens by kind, request fees, tool fees and GPU time, which add
/// up to ``total`` exactly. A provider-reported cost has no split. An unpriced span has a total of
/// zero that must never be shown as `$0`: ``isPriced`` is false and ``source`` says why.
public struct SpanCost: Hashable, Sendable {
    /// Where the cost came from.
    public enum Source: Hashable, Sendable {
        /// Usage × the price book.
        case computed
        /// The provider reported it on the span; it wins over the book.
        case reported
        /// The book cannot price the span.
        case unpriced(UnpricedReason)
    }

    public let source: Source
    /// The span's own cost; zero when unpriced.
    public let total: Money
    /// Token cost by kind, for computed costs. ``TokenKind/output`` holds reasoning unless the
    /// entry prices ``TokenKind/reasoning`` apart, and a kind appears when the span used it.
    public let byKind: [TokenKind: Money]
    /// Request fees of the span's billable units (web searches of a model call).
    public let fees: Money
    /// Per-call fees of the span's tool call.
    public let tools: Money
    /// GPU device time × the device's hourly rate.
    public let gpu: Money

    private init(source: Source, total: Money, byKind: [TokenKind: Money], fees: Money, tools: Money, gpu: Money) {
        self.source = source
        self.total = total
        self.byKind = byKind
        self.fees = fees
        self.tools = tools
        self.gpu = gpu
    }

    /// A cost computed from the book; ``total`` is the sum of the parts.
    public static func computed(
        byKind: [TokenKind: Money] = [:], fees: Money = .zero, tools: Money = .zero, gpu: Money = .zero
    )
        -> SpanCost
    {
        let tokens = byKind.values.reduce(Money.zero, +)
        return SpanCost(
            source: .computed, total: tokens + fees + tools + gpu, byKind: byKind, fees: fees, tools: tools, gpu: gpu)
    }

    /// A cost the provider reported.
    public static func reported(_ amount: Money) -> SpanCost {
        SpanCost(source: .reported, total: amount, byKind: [:], fees: .zero, tools: .zero, gpu: .zero)
    }

    /// No cost, and why.
    public static func unpriced(_ reason: UnpricedReason) -> SpanCost {
        SpanCost(source: .unpriced(reason), total: .zero, byKind: [:], fees: .zero, tools: .zero, gpu: .zero)
    }

    /// A span with nothing billable: priced, at exactly zero.
    public static let zero = SpanCost.computed()

    /// The cost of all tokens together.
    public var tokens: Money { byKind.values.reduce(Money.zero, +) }

    /// Whether the span has a cost (computed or reported).
    public var isPriced: Bool {
        if case .unpriced = source { false } else { true }
    }

    public var isReported: Bool { source == .reported }

    /// Why the span is unpriced, `nil` when it is priced.
    public var unpricedReason: UnpricedReason? {
        if case .unpriced(let reason) = source { reason } else { nil }
    }
}

extension SpanCost: CustomStringConvertible {
    public var description: String {
        switch source {
        case .computed: total.description
        case .reported: total.description + " (reported)"
        case .unpriced(let reason): "unpriced: \(reason)"
        }
    }
}

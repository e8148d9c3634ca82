/// "What would this have cost with model TO?": spans of model FROM priced as TO, same usage.
///
/// The span keeps its tokens, service tier, units and start time, so the long-context tier and the
/// date of the price are decided as for a real call to TO. A provider-reported cost is dropped:
/// it was for FROM. Prompt-cache buckets that TO has no price for are billed as ordinary input,
/// as a model without that cache (or that caches without a write fee) would bill them.
///
/// ```swift
/// let whatIf = ModelSubstitution(argument: "claude-sonnet-4-5=claude-haiku-4-5")!
/// ```
public struct ModelSubstitution: Hashable, Sendable {
    /// The model to replace, matched like a book lookup (case, aliases, date suffixes).
    public var from: String
    /// The model to price instead.
    public var to: String

    public init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    /// Parses `FROM=TO`, as given to `--reprice-model`; `nil` unless both sides are non-empty.
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let from = argument[..<equals].trimmingSpaces
        let to = argument[argument.index(after: equals)...].trimmingSpaces
        guard !from.isEmpty, !to.isEmpty else { return nil }
        self.init(from: from, to: to)
    }

    /// Whether the span's model is FROM: the same id ignoring case, or an id that the book
    /// resolves to the same model (`claude-sonnet-4-5-20250929` for `claude-sonnet-4-5`).
    public func matches(_ span: SpanRecord, in book: PriceBook) -> Bool {
        guard let model = span.model else { return false }
        if model.lowercased() == from.lowercased() { return true }
        guard let wanted = book.canonicalModelID(model: from) else { return false }
        return book.canonicalModelID(provider: span.provider, model: model) == wanted
    }

    /// The span as if it had called TO.
    public func apply(to span: SpanRecord, in book: PriceBook) -> SpanRecord {
        var span = span
        span.model = to
        span.provider = nil
        span.reportedCost = nil
        if let target = book.modelPrice(provider: nil, model: to, atNanos: span.startNanos) {
            for kind in [TokenKind.cacheRead, .cacheWrite5m, .cacheWrite1h]
            where span.usage[kind] != 0 && target.rates[kind] == nil && target.rates[.input] != nil {
                span.usage.input += span.usage[kind]
                span.usage[kind] = 0
            }
        }
        return span
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}

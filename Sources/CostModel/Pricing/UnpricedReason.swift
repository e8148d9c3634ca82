/// Why a span has no cost: it used something the price book cannot price.
///
/// An unpriced span is never shown as $0; it is counted beside every total, and this says what
/// to add to the book.
public enum UnpricedReason: Hashable, Sendable {
    /// The span has tokens but names no model.
    case tokensWithoutModel
    /// The book has no entry for the model (from that provider, when the span names one).
    case unknownModel(model: String, provider: String?)
    /// The book prices the model only from a later day than the span's start.
    case modelNotYetPriced(model: String, firstPriced: CalendarDate)
    /// The entry in force has no rate for a kind of token the span used; `aboveInputTokens` names
    /// the long-context tier that lacked it.
    case noTokenRate(model: String, kind: TokenKind, aboveInputTokens: Int64?)
    /// The span ran in a service tier that the entry has no multiplier for.
    case unknownServiceTier(model: String, tier: String)
    /// The span has billable units that neither the model's request fees nor a tool fee price.
    case noUnitFee(unit: String, model: String?)
    /// The book lists the tool, but its first fee starts after the span.
    case toolNotYetPriced(tool: String, firstPriced: CalendarDate)
    /// The book has no rate for the GPU device.
    case unknownGPU(device: String)
    /// The book rates the GPU device only from a later day than the span's start.
    case gpuNotYetPriced(device: String, firstPriced: CalendarDate)
    /// The usage cannot be true (a negative count, reasoning above output).
    case invalidUsage(String)
    /// The cost does not fit in ``Money``.
    case overflow
}

extension UnpricedReason: CustomStringConvertible {
    public var description: String {
        switch self {
        case .tokensWithoutModel:
            "tokens without a model"
        case .unknownModel(let model, let provider):
            "unknown model '\(model)'" + (provider.map { " from \($0)" } ?? "")
        case .modelNotYetPriced(let model, let first):
            "no price for '\(model)' before \(first.iso)"
        case .noTokenRate(let model, let kind, let above):
            "'\(model)' has no \(kind.rawValue) price" + (above.map { " above \($0) prompt tokens" } ?? "")
        case .unknownServiceTier(let model, let tier):
            "'\(model)' has no price for service tier '\(tier)'"
        case .noUnitFee(let unit, let model):
            "no fee for '\(unit)' units" + (model.map { " of '\($0)'" } ?? "")
        case .toolNotYetPriced(let tool, let first):
            "no fee for tool '\(tool)' before \(first.iso)"
        case .unknownGPU(let device):
            "unknown GPU device '\(device)'"
        case .gpuNotYetPriced(let device, let first):
            "no rate for GPU '\(device)' before \(first.iso)"
        case .invalidUsage(let message):
            "invalid usage: \(message)"
        case .overflow:
            "cost too large to represent"
        }
    }
}

/// The way a provider or an instrumentation counts tokens.
public enum UsageConvention: String, CaseIterable, Hashable, Sendable {
    /// CostTrace's own non-overlapping buckets (``TokenUsage``).
    case costtrace
    /// OpenTelemetry GenAI: `gen_ai.usage.input_tokens` includes cache reads and writes,
    /// `output_tokens` includes reasoning.
    case otelGenAI = "otel_genai"
    /// OpenAI Chat Completions: `prompt_tokens` includes `cached_tokens`,
    /// `completion_tokens` includes `reasoning_tokens`.
    case openAIChat = "openai_chat"
    /// OpenAI Responses: `input_tokens` includes `cached_tokens`, `output_tokens` includes `reasoning_tokens`.
    case openAIResponses = "openai_responses"
    /// Anthropic Messages: `input_tokens` excludes cache reads and cache writes.
    case anthropic
    /// Gemini `usageMetadata`: `promptTokenCount` includes `cachedContentTokenCount`;
    /// `thoughtsTokenCount` is outside `candidatesTokenCount` and billed as output.
    case gemini
}

/// The numbers a provider reported, under its own field names, kept beside the normalised buckets.
public struct RawUsage: Hashable, Sendable {
    public var convention: UsageConvention
    /// Field name → count, for example `"prompt_tokens": 1200`.
    public var fields: [String: Int64]

    public init(convention: UsageConvention, fields: [String: Int64]) {
        self.convention = convention
        self.fields = fields
    }

    /// Adds another report field by field, as repeated calls on one span do. Fields of a report
    /// in another convention are kept under its name (`anthropic.input_tokens`), so that numbers
    /// that count different things are never added together.
    public mutating func accumulate(_ other: RawUsage) {
        if other.convention == convention {
            fields.merge(other.fields, uniquingKeysWith: +)
        } else {
            for (name, count) in other.fields { fields[other.convention.rawValue + "." + name, default: 0] += count }
        }
    }
}

/// Usage as a provider reports it, which normalises to ``TokenUsage``.
public protocol ProviderUsage: Sendable {
    /// The convention the numbers are in.
    var convention: UsageConvention { get }
    /// The provider's own numbers, by its field names, for ``RawUsage``.
    var rawFields: [String: Int64] { get }
    /// The numbers in non-overlapping buckets.
    /// - Throws: ``UsageError`` when the numbers cannot be true, such as more cached than input tokens.
    func normalized() throws(UsageError) -> TokenUsage
    /// Billable units outside tokens, such as `web_search` requests.
    var billableUnits: [String: Int64] { get }
}

extension ProviderUsage {
    public var billableUnits: [String: Int64] { [:] }
    public var raw: RawUsage { RawUsage(convention: convention, fields: rawFields) }
}

extension TokenUsage: ProviderUsage {
    public var convention: UsageConvention { .costtrace }
    public var rawFields: [String: Int64] {
        var fields: [String: Int64] = [:]
        for kind in TokenKind.allCases where self[kind] != 0 { fields[kind.rawValue] = self[kind] }
        return fields
    }
    public func normalized() throws(UsageError) -> TokenUsage {
        try validate()
        return self
    }
}

/// Subtracts the parts from a total that includes them, or says which numbers cannot be true.
func remainder(
    _ total: Int64,
    minus parts: [(field: String, count: Int64)],
    field: String,
    convention: UsageConvention
) throws(UsageError) -> Int64 {
    for part in parts where part.count < 0 {
        throw UsageError(convention: convention, field: part.field, message: "is negative (\(part.count))")
    }
    guard total >= 0 else {
        throw UsageError(convention: convention, field: field, message: "is negative (\(total))")
    }
    let sum = parts.reduce(Int64(0)) { $0 + $1.count }
    guard sum <= total else {
        let names = parts.map { "\($0.field) (\($0.count))" }.joined(separator: " + ")
        throw UsageError(
            convention: convention,
            field: field,
            message: "(\(total)) is less than \(names), which it includes"
        )
    }
    return total - sum
}

func nonNegative(_ count: Int64, field: String, convention: UsageConvention) throws(UsageError) -> Int64 {
    guard count >= 0 else { throw UsageError(convention: convention, field: field, message: "is negative (\(count))") }
    return count
}

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

/// Usage as a provider reports it, which normalises to ``TokenUsage``.
public protocol ProviderUsage: Sendable {
    /// The convention the numbers are in.
    var convention: UsageConvention { get }
    /// The provider's own numbers, by its field names, for ``RawUsage``.
    var rawFields: [String: Int64] { get }
    /// The provider's own numbers with their convention: by default ``convention`` and ``rawFields``.
    ///
    /// CostTrace's own shapes keep themselves here rather than a dictionary, which is built only
    /// when ``RawUsage/fields`` is read: recording a span then hashes no field name.
    var raw: RawUsage { get }
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
    public var raw: RawUsage { RawUsage(convention: convention, report: .tokens(self)) }
    public var rawFields: [String: Int64] { Dictionary(uniqueKeysWithValues: rawFieldList) }
    /// The buckets that are not zero, by kind.
    var rawFieldList: [(name: String, count: Int64)] {
        var fields: [(name: String, count: Int64)] = TokenKind.allCases.map { kind in (kind.rawValue, self[kind]) }
        fields.removeAll { $0.count == 0 }  // in place: one array, not a second one grown by appends
        return fields
    }
    public func normalized() throws(UsageError) -> TokenUsage {
        try validate()
        return self
    }
}

/// Subtracts the parts from a total that includes them, or says which numbers cannot be true.
///
/// Takes its one or two parts as they are rather than in an array: this runs for every recorded
/// model call, and a list of `(String, Int64)` costs more to make and destroy than the arithmetic.
func remainder(
    _ total: Int64,
    minus first: (field: String, count: Int64),
    _ second: (field: String, count: Int64)? = nil,
    field: String,
    convention: UsageConvention
) throws(UsageError) -> Int64 {
    if first.count >= 0, (second?.count ?? 0) >= 0, total >= 0 {
        let sum = first.count + (second?.count ?? 0)
        if sum <= total { return total - sum }
    }
    // Some number cannot be true: find which, in the order the general check looks.
    let parts = [first] + (second.map { [$0] } ?? [])
    return try remainder(total, minus: parts, field: field, convention: convention)
}

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

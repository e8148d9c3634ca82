/// Attribute names of the OpenTelemetry GenAI semantic conventions that CostTrace reads.
public enum GenAIAttribute {
    public static let operationName = "gen_ai.operation.name"
    public static let providerName = "gen_ai.provider.name"
    /// Deprecated in favour of ``providerName``; still written by many instrumentations.
    public static let system = "gen_ai.system"
    public static let requestModel = "gen_ai.request.model"
    public static let responseModel = "gen_ai.response.model"
    public static let inputTokens = "gen_ai.usage.input_tokens"
    public static let outputTokens = "gen_ai.usage.output_tokens"
    public static let cacheReadInputTokens = "gen_ai.usage.cache_read.input_tokens"
    public static let cacheCreationInputTokens = "gen_ai.usage.cache_creation.input_tokens"
    public static let reasoningOutputTokens = "gen_ai.usage.reasoning.output_tokens"
    /// Deprecated name of ``inputTokens``.
    public static let promptTokens = "gen_ai.usage.prompt_tokens"
    /// Deprecated name of ``outputTokens``.
    public static let completionTokens = "gen_ai.usage.completion_tokens"

    /// The usage attributes, which become ``TokenUsage`` rather than staying attributes.
    public static let usageNames: Set<String> = [
        inputTokens, outputTokens, cacheReadInputTokens, cacheCreationInputTokens, reasoningOutputTokens,
        promptTokens, completionTokens,
    ]

    /// The span kind for a `gen_ai.operation.name` value, or `nil` for an operation we do not know.
    public static func kind(forOperation operation: String) -> SpanKind? {
        switch operation {
        case "chat", "text_completion", "generate_content": .llm
        case "embeddings": .embedding
        case "execute_tool": .tool
        case "invoke_agent", "create_agent": .agent
        case "invoke_workflow": .workflow
        case "retrieval": .retrieval
        default: nil
        }
    }

    /// What a span's `gen_ai.*` attributes say about it.
    public struct Reading: Hashable, Sendable {
        public var kind: SpanKind?
        public var model: String?
        public var provider: String?
        /// The usage, if any usage attribute was set.
        public var usage: OTelGenAIUsage?

        public init(kind: SpanKind? = nil, model: String? = nil, provider: String? = nil, usage: OTelGenAIUsage? = nil) {
            self.kind = kind
            self.model = model
            self.provider = provider
            self.usage = usage
        }
    }

    /// Reads the model, provider, operation and usage from `gen_ai.*` attributes.
    ///
    /// The response model wins over the request model (it names the snapshot that ran); the
    /// provider name wins over the deprecated `gen_ai.system`; the deprecated token counts are read
    /// when the current ones are absent.
    public static func read(_ attributes: Attributes) -> Reading {
        func count(_ name: String) -> Int64? { attributes[name]?.integerValue }
        var reading = Reading()
        reading.kind = attributes[operationName].flatMap { kind(forOperation: $0.text) }
        reading.model = (attributes[responseModel] ?? attributes[requestModel])?.text
        reading.provider = (attributes[providerName] ?? attributes[system])?.text
        let input = count(inputTokens) ?? count(promptTokens)
        let output = count(outputTokens) ?? count(completionTokens)
        let cacheRead = count(cacheReadInputTokens)
        let cacheCreation = count(cacheCreationInputTokens)
        let reasoning = count(reasoningOutputTokens)
        if input != nil || output != nil || cacheRead != nil || cacheCreation != nil || reasoning != nil {
            reading.usage = OTelGenAIUsage(
                inputTokens: input ?? 0,
                outputTokens: output ?? 0,
                cacheReadInputTokens: cacheRead ?? 0,
                cacheCreationInputTokens: cacheCreation ?? 0,
                reasoningOutputTokens: reasoning ?? 0
            )
        }
        return reading
    }
}

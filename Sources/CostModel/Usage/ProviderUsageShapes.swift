/// OpenTelemetry GenAI usage attributes (`gen_ai.usage.*`).
///
/// `input_tokens` includes `cache_read.input_tokens` and `cache_creation.input_tokens`;
/// `output_tokens` includes `reasoning.output_tokens`. Cache writes carry no lifetime here and are
/// counted as 5-minute writes, the providers' default.
public struct OTelGenAIUsage: ProviderUsage, Hashable {
    public var inputTokens: Int64
    public var outputTokens: Int64
    public var cacheReadInputTokens: Int64
    public var cacheCreationInputTokens: Int64
    public var reasoningOutputTokens: Int64

    public init(
        inputTokens: Int64 = 0,
        outputTokens: Int64 = 0,
        cacheReadInputTokens: Int64 = 0,
        cacheCreationInputTokens: Int64 = 0,
        reasoningOutputTokens: Int64 = 0
    ) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.reasoningOutputTokens = reasoningOutputTokens
    }

    public var convention: UsageConvention { .otelGenAI }

    public var raw: RawUsage { RawUsage(convention: convention, report: .otelGenAI(self)) }

    public var rawFields: [String: Int64] { Dictionary(uniqueKeysWithValues: rawFieldList) }

    /// The provider's fields that are not zero, in the order of its documentation.
    var rawFieldList: [(name: String, count: Int64)] {
        var fields: [(name: String, count: Int64)] = [
            (GenAIAttribute.inputTokens, inputTokens),
            (GenAIAttribute.outputTokens, outputTokens),
            (GenAIAttribute.cacheReadInputTokens, cacheReadInputTokens),
            (GenAIAttribute.cacheCreationInputTokens, cacheCreationInputTokens),
            (GenAIAttribute.reasoningOutputTokens, reasoningOutputTokens),
        ]
        fields.removeAll { $0.count == 0 }  // in place: one array, not a second one grown by appends
        return fields
    }

    public func normalized() throws(UsageError) -> TokenUsage {
        let input = try remainder(
            inputTokens,
            minus: (GenAIAttribute.cacheReadInputTokens, cacheReadInputTokens),
            (GenAIAttribute.cacheCreationInputTokens, cacheCreationInputTokens),
            field: GenAIAttribute.inputTokens,
            convention: convention
        )
        _ = try remainder(
            outputTokens,
            minus: (GenAIAttribute.reasoningOutputTokens, reasoningOutputTokens),
            field: GenAIAttribute.outputTokens,
            convention: convention
        )
        return TokenUsage(
            input: input,
            cacheRead: cacheReadInputTokens,
            cacheWrite5m: cacheCreationInputTokens,
            output: outputTokens,
            reasoning: reasoningOutputTokens
        )
    }
}

/// The `usage` object of an OpenAI Chat Completions response.
///
/// `prompt_tokens` includes `prompt_tokens_details.cached_tokens` and `.audio_tokens`;
/// `completion_tokens` includes `completion_tokens_details.reasoning_tokens` and `.audio_tokens`.
public struct OpenAIChatUsage: ProviderUsage, Hashable {
    public var promptTokens: Int64
    public var completionTokens: Int64
    public var cachedTokens: Int64
    public var promptAudioTokens: Int64
    public var reasoningTokens: Int64
    public var completionAudioTokens: Int64

    public init(
        promptTokens: Int64,
        completionTokens: Int64,
        cachedTokens: Int64 = 0,
        promptAudioTokens: Int64 = 0,
        reasoningTokens: Int64 = 0,
        completionAudioTokens: Int64 = 0
    ) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.cachedTokens = cachedTokens
        self.promptAudioTokens = promptAudioTokens
        self.reasoningTokens = reasoningTokens
        self.completionAudioTokens = completionAudioTokens
    }

    public var convention: UsageConvention { .openAIChat }

    public var raw: RawUsage { RawUsage(convention: convention, report: .openAIChat(self)) }

    public var rawFields: [String: Int64] { Dictionary(uniqueKeysWithValues: rawFieldList) }

    /// The provider's fields that are not zero, in the order of its documentation.
    var rawFieldList: [(name: String, count: Int64)] {
        var fields: [(name: String, count: Int64)] = [
            ("prompt_tokens", promptTokens),
            ("completion_tokens", completionTokens),
            ("prompt_tokens_details.cached_tokens", cachedTokens),
            ("prompt_tokens_details.audio_tokens", promptAudioTokens),
            ("completion_tokens_details.reasoning_tokens", reasoningTokens),
            ("completion_tokens_details.audio_tokens", completionAudioTokens),
        ]
        fields.removeAll { $0.count == 0 }
        return fields
    }

    public func normalized() throws(UsageError) -> TokenUsage {
        let input = try remainder(
            promptTokens,
            minus: ("prompt_tokens_details.cached_tokens", cachedTokens),
            ("prompt_tokens_details.audio_tokens", promptAudioTokens),
            field: "prompt_tokens",
            convention: convention
        )
        // Reasoning is text output: audio and reasoning together must fit in completion_tokens.
        _ = try remainder(
            completionTokens,
            minus: ("completion_tokens_details.audio_tokens", completionAudioTokens),
            ("completion_tokens_details.reasoning_tokens", reasoningTokens),
            field: "completion_tokens",
            convention: convention
        )
        let output = completionTokens - completionAudioTokens
        return TokenUsage(
            input: input,
            cacheRead: cachedTokens,
            output: output,
            reasoning: reasoningTokens,
            inputAudio: promptAudioTokens,
            outputAudio: completionAudioTokens
        )
    }
}

/// The `usage` object of an OpenAI Responses API response.
///
/// `input_tokens` includes `input_tokens_details.cached_tokens`;
/// `output_tokens` includes `output_tokens_details.reasoning_tokens`.
public struct OpenAIResponsesUsage: ProviderUsage, Hashable {
    public var inputTokens: Int64
    public var outputTokens: Int64
    public var cachedTokens: Int64
    public var reasoningTokens: Int64

    public init(inputTokens: Int64, outputTokens: Int64, cachedTokens: Int64 = 0, reasoningTokens: Int64 = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cachedTokens = cachedTokens
        self.reasoningTokens = reasoningTokens
    }

    public var convention: UsageConvention { .openAIResponses }

    public var raw: RawUsage { RawUsage(convention: convention, report: .openAIResponses(self)) }

    public var rawFields: [String: Int64] { Dictionary(uniqueKeysWithValues: rawFieldList) }

    /// The provider's fields that are not zero, in the order of its documentation.
    var rawFieldList: [(name: String, count: Int64)] {
        var fields: [(name: String, count: Int64)] = [
            ("input_tokens", inputTokens),
            ("output_tokens", outputTokens),
            ("input_tokens_details.cached_tokens", cachedTokens),
            ("output_tokens_details.reasoning_tokens", reasoningTokens),
        ]
        fields.removeAll { $0.count == 0 }
        return fields
    }

    public func normalized() throws(UsageError) -> TokenUsage {
        let input = try remainder(
            inputTokens,
            minus: ("input_tokens_details.cached_tokens", cachedTokens),
            field: "input_tokens",
            convention: convention
        )
        _ = try remainder(
            outputTokens,
            minus: ("output_tokens_details.reasoning_tokens", reasoningTokens),
            field: "output_tokens",
            convention: convention
        )
        return TokenUsage(input: input, cacheRead: cachedTokens, output: outputTokens, reasoning: reasoningTokens)
    }
}

/// The `usage` object of an Anthropic Messages response.
///
/// `input_tokens` excludes `cache_read_input_tokens` and `cache_creation_input_tokens`. When the
/// `cache_creation` breakdown by lifetime is present it must add up to `cache_creation_input_tokens`;
/// without it, cache writes are 5-minute writes, Anthropic's default.
public struct AnthropicUsage: ProviderUsage, Hashable {
    public var inputTokens: Int64
    public var outputTokens: Int64
    public var cacheReadInputTokens: Int64
    public var cacheCreationInputTokens: Int64
    public var ephemeral5mInputTokens: Int64?
    public var ephemeral1hInputTokens: Int64?
    public var webSearchRequests: Int64

    public init(
        inputTokens: Int64,
        outputTokens: Int64,
        cacheReadInputTokens: Int64 = 0,
        cacheCreationInputTokens: Int64 = 0,
        ephemeral5mInputTokens: Int64? = nil,
        ephemeral1hInputTokens: Int64? = nil,
        webSearchRequests: Int64 = 0
    ) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.cacheReadInputTokens = cacheReadInputTokens
        self.cacheCreationInputTokens = cacheCreationInputTokens
        self.ephemeral5mInputTokens = ephemeral5mInputTokens
        self.ephemeral1hInputTokens = ephemeral1hInputTokens
        self.webSearchRequests = webSearchRequests
    }

    public var convention: UsageConvention { .anthropic }

    public var raw: RawUsage { RawUsage(convention: convention, report: .anthropic(self)) }

    public var rawFields: [String: Int64] { Dictionary(uniqueKeysWithValues: rawFieldList) }

    /// The provider's fields that are not zero, in the order of its documentation; the cache
    /// breakdown by lifetime whenever the provider gave it.
    var rawFieldList: [(name: String, count: Int64)] {
        var fields: [(name: String, count: Int64)] = [
            ("input_tokens", inputTokens),
            ("output_tokens", outputTokens),
            ("cache_read_input_tokens", cacheReadInputTokens),
            ("cache_creation_input_tokens", cacheCreationInputTokens),
            ("server_tool_use.web_search_requests", webSearchRequests),
        ]
        fields.removeAll { $0.count == 0 }
        if let fiveMinutes = ephemeral5mInputTokens {
            fields.append(("cache_creation.ephemeral_5m_input_tokens", fiveMinutes))
        }
        if let oneHour = ephemeral1hInputTokens { fields.append(("cache_creation.ephemeral_1h_input_tokens", oneHour)) }
        return fields
    }

    public var billableUnits: [String: Int64] { webSearchRequests > 0 ? ["web_search": webSearchRequests] : [:] }

    public func normalized() throws(UsageError) -> TokenUsage {
        var usage = TokenUsage(
            input: try nonNegative(inputTokens, field: "input_tokens", convention: convention),
            cacheRead: try nonNegative(cacheReadInputTokens, field: "cache_read_input_tokens", convention: convention),
            output: try nonNegative(outputTokens, field: "output_tokens", convention: convention)
        )
        _ = try nonNegative(webSearchRequests, field: "server_tool_use.web_search_requests", convention: convention)
        if ephemeral5mInputTokens == nil && ephemeral1hInputTokens == nil {
            usage.cacheWrite5m = try nonNegative(
                cacheCreationInputTokens, field: "cache_creation_input_tokens", convention: convention)
        } else {
            let fiveMinutes = ephemeral5mInputTokens ?? 0
            let oneHour = ephemeral1hInputTokens ?? 0
            let rest = try remainder(
                cacheCreationInputTokens,
                minus: ("cache_creation.ephemeral_5m_input_tokens", fiveMinutes),
                    ("cache_creation.ephemeral_1h_input_tokens", oneHour),
                field: "cache_creation_input_tokens",
                convention: convention
            )
            guard rest == 0 else {
                throw UsageError(
                    convention: convention,
                    field: "cache_creation_input_tokens",
                    message: "(\(cacheCreationInputTokens)) is not the sum of its 5m (\(fiveMinutes)) and 1h (\(oneHour)) parts"
                )
            }
            usage.cacheWrite5m = fiveMinutes
            usage.cacheWrite1h = oneHour
        }
        return usage
    }
}

/// The `usageMetadata` object of a Gemini `generateContent` response.
///
/// `promptTokenCount` includes `cachedContentTokenCount`. `thoughtsTokenCount` is *not* inside
/// `candidatesTokenCount` and is billed as output; `toolUsePromptTokenCount` is outside
/// `promptTokenCount` and billed as input.
public struct GeminiUsageMetadata: ProviderUsage, Hashable {
    public var promptTokenCount: Int64
    public var candidatesTokenCount: Int64
    public var cachedContentTokenCount: Int64
    public var thoughtsTokenCount: Int64
    public var toolUsePromptTokenCount: Int64

    public init(
        promptTokenCount: Int64,
        candidatesTokenCount: Int64,
        cachedContentTokenCount: Int64 = 0,
        thoughtsTokenCount: Int64 = 0,
        toolUsePromptTokenCount: Int64 = 0
    ) {
        self.promptTokenCount = promptTokenCount
        self.candidatesTokenCount = candidatesTokenCount
        self.cachedContentTokenCount = cachedContentTokenCount
        self.thoughtsTokenCount = thoughtsTokenCount
        self.toolUsePromptTokenCount = toolUsePromptTokenCount
    }

    public var convention: UsageConvention { .gemini }

    public var raw: RawUsage { RawUsage(convention: convention, report: .gemini(self)) }

    public var rawFields: [String: Int64] { Dictionary(uniqueKeysWithValues: rawFieldList) }

    /// The provider's fields that are not zero, in the order of its documentation.
    var rawFieldList: [(name: String, count: Int64)] {
        var fields: [(name: String, count: Int64)] = [
            ("promptTokenCount", promptTokenCount),
            ("candidatesTokenCount", candidatesTokenCount),
            ("cachedContentTokenCount", cachedContentTokenCount),
            ("thoughtsTokenCount", thoughtsTokenCount),
            ("toolUsePromptTokenCount", toolUsePromptTokenCount),
        ]
        fields.removeAll { $0.count == 0 }
        return fields
    }

    public func normalized() throws(UsageError) -> TokenUsage {
        let uncached = try remainder(
            promptTokenCount,
            minus: ("cachedContentTokenCount", cachedContentTokenCount),
            field: "promptTokenCount",
            convention: convention
        )
        let candidates = try nonNegative(candidatesTokenCount, field: "candidatesTokenCount", convention: convention)
        let thoughts = try nonNegative(thoughtsTokenCount, field: "thoughtsTokenCount", convention: convention)
        let toolPrompt = try nonNegative(
            toolUsePromptTokenCount, field: "toolUsePromptTokenCount", convention: convention)
        return TokenUsage(
            input: uncached + toolPrompt,
            cacheRead: cachedContentTokenCount,
            output: candidates + thoughts,
            reasoning: thoughts
        )
    }
}

import CostModel
import Testing

struct OpenAIResponsesUsageTests {
    @Test func cachedTokensComeOutOfInputTokensAndReasoningStaysInsideOutputTokens() throws {
        let usage = OpenAIResponsesUsage(inputTokens: 5_300, outputTokens: 1_210, cachedTokens: 4_864, reasoningTokens: 1_024)
        let normalized = try usage.normalized()
        #expect(normalized == TokenUsage(input: 436, cacheRead: 4_864, output: 1_210, reasoning: 1_024))
        #expect(normalized.promptTokens == 5_300)
        #expect(normalized.completionTokens == 1_210)
    }

    @Test func moreCachedThanInputTokensIsAnErrorOnInputTokens() {
        let error = #expect(throws: UsageError.self) {
            try OpenAIResponsesUsage(inputTokens: 4_000, outputTokens: 1, cachedTokens: 4_001).normalized()
        }
        #expect(error?.convention == .openAIResponses)
        #expect(error?.field == "input_tokens")
        #expect(error?.message.contains("input_tokens_details.cached_tokens (4001)") == true)
    }

    @Test func moreReasoningThanOutputTokensIsAnErrorOnOutputTokens() {
        let error = #expect(throws: UsageError.self) {
            try OpenAIResponsesUsage(inputTokens: 10, outputTokens: 64, reasoningTokens: 128).normalized()
        }
        #expect(error?.field == "output_tokens")
        #expect(error?.message.contains("output_tokens_details.reasoning_tokens (128)") == true)
    }

    @Test(arguments: [
        (OpenAIResponsesUsage(inputTokens: -5, outputTokens: 0), "input_tokens"),
        (OpenAIResponsesUsage(inputTokens: 0, outputTokens: -5), "output_tokens"),
        (OpenAIResponsesUsage(inputTokens: 10, outputTokens: 0, cachedTokens: -5), "input_tokens_details.cached_tokens"),
        (OpenAIResponsesUsage(inputTokens: 0, outputTokens: 10, reasoningTokens: -5), "output_tokens_details.reasoning_tokens"),
    ])
    func aNegativeCountIsAnErrorNamingItsField(usage: OpenAIResponsesUsage, field: String) {
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == field)
        #expect(error?.message == "is negative (-5)")
    }

    @Test func rawFieldsKeepTheProvidersNamesAndNumbers() {
        let usage = OpenAIResponsesUsage(inputTokens: 5_300, outputTokens: 1_210, cachedTokens: 4_864, reasoningTokens: 1_024)
        #expect(
            usage.raw
                == RawUsage(
                    convention: .openAIResponses,
                    fields: [
                        "input_tokens": 5_300,
                        "output_tokens": 1_210,
                        "input_tokens_details.cached_tokens": 4_864,
                        "output_tokens_details.reasoning_tokens": 1_024,
                    ]
                )
        )
    }
}

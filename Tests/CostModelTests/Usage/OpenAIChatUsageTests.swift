import CostModel
import Testing

struct OpenAIChatUsageTests {
    @Test func cachedTokensComeOutOfPromptTokensAndReasoningStaysInsideCompletionTokens() throws {
        // An o-series call: 2,006 prompt tokens, 1,920 of them cached; 300 completion tokens, 192 reasoning.
        let usage = OpenAIChatUsage(promptTokens: 2_006, completionTokens: 300, cachedTokens: 1_920, reasoningTokens: 192)
        let normalized = try usage.normalized()
        #expect(normalized == TokenUsage(input: 86, cacheRead: 1_920, output: 300, reasoning: 192))
        #expect(normalized.promptTokens == 2_006)
        #expect(normalized.completionTokens == 300)
    }

    @Test func audioTokensGetBucketsOfTheirOwnOutsideTextInputAndOutput() throws {
        // gpt-4o-audio: the prompt holds 400 audio tokens and 1,024 cached ones; the completion
        // 600 audio tokens and 128 reasoning ones.
        let usage = OpenAIChatUsage(
            promptTokens: 1_500,
            completionTokens: 900,
            cachedTokens: 1_024,
            promptAudioTokens: 400,
            reasoningTokens: 128,
            completionAudioTokens: 600
        )
        let normalized = try usage.normalized()
        #expect(
            normalized
                == TokenUsage(input: 76, cacheRead: 1_024, output: 300, reasoning: 128, inputAudio: 400, outputAudio: 600)
        )
        #expect(normalized.promptTokens == 1_500)
        #expect(normalized.completionTokens == 900)
    }

    @Test func moreCachedThanPromptTokensIsAnErrorOnPromptTokens() {
        let usage = OpenAIChatUsage(promptTokens: 1_000, completionTokens: 20, cachedTokens: 1_024)
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.convention == .openAIChat)
        #expect(error?.field == "prompt_tokens")
        #expect(error?.message.contains("(1000)") == true)
        #expect(error?.message.contains("prompt_tokens_details.cached_tokens (1024)") == true)
    }

    @Test func moreReasoningThanCompletionTokensIsAnErrorOnCompletionTokens() {
        let usage = OpenAIChatUsage(promptTokens: 100, completionTokens: 300, reasoningTokens: 512)
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == "completion_tokens")
        #expect(error?.message.contains("(300)") == true)
        #expect(error?.message.contains("completion_tokens_details.reasoning_tokens (512)") == true)
    }

    @Test func anErrorAboutCompletionTokensQuotesTheNumberTheProviderReported() {
        // 500 completion tokens, 200 of them audio: 300 text tokens cannot hold 400 reasoning tokens.
        let usage = OpenAIChatUsage(
            promptTokens: 100, completionTokens: 500, reasoningTokens: 400, completionAudioTokens: 200)
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == "completion_tokens")
        #expect(error?.message.contains("(500)") == true, "\(String(describing: error))")
        #expect(error?.message.contains("completion_tokens_details.audio_tokens (200)") == true)
        #expect(error?.message.contains("completion_tokens_details.reasoning_tokens (400)") == true)
    }

    @Test(arguments: [
        (OpenAIChatUsage(promptTokens: -1, completionTokens: 0), "prompt_tokens"),
        (OpenAIChatUsage(promptTokens: 0, completionTokens: -1), "completion_tokens"),
        (OpenAIChatUsage(promptTokens: 10, completionTokens: 0, cachedTokens: -1), "prompt_tokens_details.cached_tokens"),
        (OpenAIChatUsage(promptTokens: 10, completionTokens: 0, promptAudioTokens: -1), "prompt_tokens_details.audio_tokens"),
        (OpenAIChatUsage(promptTokens: 0, completionTokens: 10, reasoningTokens: -1), "completion_tokens_details.reasoning_tokens"),
        (OpenAIChatUsage(promptTokens: 0, completionTokens: 10, completionAudioTokens: -1), "completion_tokens_details.audio_tokens"),
    ])
    func aNegativeCountIsAnErrorNamingItsField(usage: OpenAIChatUsage, field: String) {
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == field)
        #expect(error?.message == "is negative (-1)")
    }

    @Test func rawFieldsKeepTheProvidersNamesAndNumbers() {
        let usage = OpenAIChatUsage(
            promptTokens: 1_500, completionTokens: 900, cachedTokens: 1_024, promptAudioTokens: 400,
            reasoningTokens: 128, completionAudioTokens: 600)
        #expect(
            usage.raw
                == RawUsage(
                    convention: .openAIChat,
                    fields: [
                        "prompt_tokens": 1_500,
                        "completion_tokens": 900,
                        "prompt_tokens_details.cached_tokens": 1_024,
                        "prompt_tokens_details.audio_tokens": 400,
                        "completion_tokens_details.reasoning_tokens": 128,
                        "completion_tokens_details.audio_tokens": 600,
                    ]
                )
        )
        #expect(OpenAIChatUsage(promptTokens: 12, completionTokens: 3).rawFields == ["prompt_tokens": 12, "completion_tokens": 3])
    }
}

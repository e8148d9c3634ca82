import CostModel
import Testing

struct GeminiUsageMetadataTests {
    @Test func cachedContentComesOutOfThePromptAndThoughtsAreAddedToOutput() throws {
        // Gemini 2.5 Pro with thinking: 9,000 prompt tokens, 8,192 from cached content;
        // 420 candidate tokens plus 1,337 thought tokens, which candidatesTokenCount leaves out.
        let usage = GeminiUsageMetadata(
            promptTokenCount: 9_000, candidatesTokenCount: 420, cachedContentTokenCount: 8_192, thoughtsTokenCount: 1_337)
        let normalized = try usage.normalized()
        #expect(normalized == TokenUsage(input: 808, cacheRead: 8_192, output: 1_757, reasoning: 1_337))
        // totalTokenCount = prompt + candidates + thoughts.
        #expect(normalized.totalTokens == 9_000 + 420 + 1_337)
    }

    @Test func toolUsePromptTokensAreOutsideThePromptAndBilledAsInput() throws {
        let usage = GeminiUsageMetadata(
            promptTokenCount: 1_200, candidatesTokenCount: 300, cachedContentTokenCount: 1_000,
            thoughtsTokenCount: 50, toolUsePromptTokenCount: 250)
        let normalized = try usage.normalized()
        #expect(normalized == TokenUsage(input: 450, cacheRead: 1_000, output: 350, reasoning: 50))
        // totalTokenCount = prompt + toolUsePrompt + candidates + thoughts.
        #expect(normalized.totalTokens == 1_200 + 250 + 300 + 50)
    }

    @Test func moreCachedContentThanPromptTokensIsAnErrorOnThePromptCount() {
        let error = #expect(throws: UsageError.self) {
            try GeminiUsageMetadata(promptTokenCount: 8_000, candidatesTokenCount: 10, cachedContentTokenCount: 8_192)
                .normalized()
        }
        #expect(error?.convention == .gemini)
        #expect(error?.field == "promptTokenCount")
        #expect(error?.message.contains("cachedContentTokenCount (8192)") == true)
    }

    @Test(arguments: [
        (GeminiUsageMetadata(promptTokenCount: -1, candidatesTokenCount: 0), "promptTokenCount"),
        (GeminiUsageMetadata(promptTokenCount: 0, candidatesTokenCount: -1), "candidatesTokenCount"),
        (GeminiUsageMetadata(promptTokenCount: 10, candidatesTokenCount: 0, cachedContentTokenCount: -1), "cachedContentTokenCount"),
        (GeminiUsageMetadata(promptTokenCount: 0, candidatesTokenCount: 0, thoughtsTokenCount: -1), "thoughtsTokenCount"),
        (GeminiUsageMetadata(promptTokenCount: 0, candidatesTokenCount: 0, toolUsePromptTokenCount: -1), "toolUsePromptTokenCount"),
    ])
    func aNegativeCountIsAnErrorNamingItsField(usage: GeminiUsageMetadata, field: String) {
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == field)
        #expect(error?.message == "is negative (-1)")
    }

    @Test func rawFieldsKeepTheProvidersNamesAndNumbers() {
        let usage = GeminiUsageMetadata(
            promptTokenCount: 1_200, candidatesTokenCount: 300, cachedContentTokenCount: 1_000,
            thoughtsTokenCount: 50, toolUsePromptTokenCount: 250)
        #expect(
            usage.raw
                == RawUsage(
                    convention: .gemini,
                    fields: [
                        "promptTokenCount": 1_200,
                        "candidatesTokenCount": 300,
                        "cachedContentTokenCount": 1_000,
                        "thoughtsTokenCount": 50,
                        "toolUsePromptTokenCount": 250,
                    ]
                )
        )
    }
}

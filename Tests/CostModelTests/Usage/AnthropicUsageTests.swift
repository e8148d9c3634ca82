import CostModel
import Testing

struct AnthropicUsageTests {
    @Test func inputTokensAlreadyExcludeCacheReadsAndWrites() throws {
        // A long cached system prompt: 42 fresh tokens, 18,432 read from the cache, 2,048 written.
        let usage = AnthropicUsage(
            inputTokens: 42, outputTokens: 611, cacheReadInputTokens: 18_432, cacheCreationInputTokens: 2_048)
        let normalized = try usage.normalized()
        #expect(normalized == TokenUsage(input: 42, cacheRead: 18_432, cacheWrite5m: 2_048, output: 611))
        #expect(normalized.promptTokens == 42 + 18_432 + 2_048)
    }

    @Test func theCacheCreationBreakdownSplitsWritesIntoFiveMinuteAndOneHourBuckets() throws {
        let usage = AnthropicUsage(
            inputTokens: 17,
            outputTokens: 1_024,
            cacheReadInputTokens: 30_000,
            cacheCreationInputTokens: 3_072,
            ephemeral5mInputTokens: 1_024,
            ephemeral1hInputTokens: 2_048
        )
        let normalized = try usage.normalized()
        #expect(
            normalized
                == TokenUsage(input: 17, cacheRead: 30_000, cacheWrite5m: 1_024, cacheWrite1h: 2_048, output: 1_024)
        )
    }

    @Test func aBreakdownWithOnlyTheOneHourPartPutsNothingInTheFiveMinuteBucket() throws {
        let usage = AnthropicUsage(
            inputTokens: 5, outputTokens: 9, cacheCreationInputTokens: 2_048, ephemeral1hInputTokens: 2_048)
        let normalized = try usage.normalized()
        #expect(normalized.cacheWrite5m == 0)
        #expect(normalized.cacheWrite1h == 2_048)
    }

    @Test func breakdownPartsThatAddUpToLessThanCacheCreationAreAnError() {
        let usage = AnthropicUsage(
            inputTokens: 5, outputTokens: 9, cacheCreationInputTokens: 3_000,
            ephemeral5mInputTokens: 1_000, ephemeral1hInputTokens: 1_000)
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.convention == .anthropic)
        #expect(error?.field == "cache_creation_input_tokens")
        #expect(error?.message == "(3000) is not the sum of its 5m (1000) and 1h (1000) parts")
    }

    @Test func breakdownPartsThatAddUpToMoreThanCacheCreationAreAnError() {
        let usage = AnthropicUsage(
            inputTokens: 5, outputTokens: 9, cacheCreationInputTokens: 1_500,
            ephemeral5mInputTokens: 1_000, ephemeral1hInputTokens: 1_000)
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == "cache_creation_input_tokens")
        #expect(error?.message.contains("(1500)") == true)
        #expect(error?.message.contains("cache_creation.ephemeral_5m_input_tokens (1000)") == true)
        #expect(error?.message.contains("cache_creation.ephemeral_1h_input_tokens (1000)") == true)
    }

    @Test(arguments: [
        (AnthropicUsage(inputTokens: -1, outputTokens: 0), "input_tokens"),
        (AnthropicUsage(inputTokens: 0, outputTokens: -1), "output_tokens"),
        (AnthropicUsage(inputTokens: 0, outputTokens: 0, cacheReadInputTokens: -1), "cache_read_input_tokens"),
        (AnthropicUsage(inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: -1), "cache_creation_input_tokens"),
        (
            AnthropicUsage(inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 10, ephemeral5mInputTokens: -1, ephemeral1hInputTokens: 11),
            "cache_creation.ephemeral_5m_input_tokens"
        ),
        (
            AnthropicUsage(inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 10, ephemeral5mInputTokens: 11, ephemeral1hInputTokens: -1),
            "cache_creation.ephemeral_1h_input_tokens"
        ),
        (
            AnthropicUsage(inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: -1, ephemeral5mInputTokens: 0, ephemeral1hInputTokens: 0),
            "cache_creation_input_tokens"
        ),
        (AnthropicUsage(inputTokens: 0, outputTokens: 0, webSearchRequests: -1), "server_tool_use.web_search_requests"),
    ])
    func aNegativeCountIsAnErrorNamingItsField(usage: AnthropicUsage, field: String) {
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == field)
        #expect(error?.message == "is negative (-1)")
    }

    @Test func webSearchRequestsAreABillableUnit() throws {
        let usage = AnthropicUsage(inputTokens: 2_100, outputTokens: 480, webSearchRequests: 3)
        #expect(usage.billableUnits == ["web_search": 3])
        #expect(try usage.normalized() == TokenUsage(input: 2_100, output: 480))
        #expect(AnthropicUsage(inputTokens: 1, outputTokens: 1).billableUnits.isEmpty)
    }

    @Test func rawFieldsKeepTheProvidersNamesAndNumbers() {
        let usage = AnthropicUsage(
            inputTokens: 17, outputTokens: 1_024, cacheReadInputTokens: 30_000, cacheCreationInputTokens: 3_072,
            ephemeral5mInputTokens: 1_024, ephemeral1hInputTokens: 2_048, webSearchRequests: 2)
        #expect(
            usage.raw
                == RawUsage(
                    convention: .anthropic,
                    fields: [
                        "input_tokens": 17,
                        "output_tokens": 1_024,
                        "cache_read_input_tokens": 30_000,
                        "cache_creation_input_tokens": 3_072,
                        "cache_creation.ephemeral_5m_input_tokens": 1_024,
                        "cache_creation.ephemeral_1h_input_tokens": 2_048,
                        "server_tool_use.web_search_requests": 2,
                    ]
                )
        )
    }

    @Test func rawFieldsKeepAZeroBreakdownPartThatTheProviderSentButNotOneItLeftOut() {
        let sent = AnthropicUsage(
            inputTokens: 3, outputTokens: 4, cacheCreationInputTokens: 512, ephemeral5mInputTokens: 0,
            ephemeral1hInputTokens: 512)
        #expect(sent.rawFields["cache_creation.ephemeral_5m_input_tokens"] == 0)
        #expect(sent.rawFields["cache_creation.ephemeral_1h_input_tokens"] == 512)
        let leftOut = AnthropicUsage(inputTokens: 3, outputTokens: 4, cacheCreationInputTokens: 512)
        #expect(leftOut.rawFields == ["input_tokens": 3, "output_tokens": 4, "cache_creation_input_tokens": 512])
    }
}

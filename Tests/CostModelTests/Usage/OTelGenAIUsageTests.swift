import CostModel
import Testing

struct OTelGenAIUsageTests {
    @Test func cacheReadsAndWritesAreTakenOutOfInputAndReasoningStaysInsideOutput() throws {
        // A Claude call seen through OTel: 12,480 prompt tokens, of which 10,240 read from the cache
        // and 1,024 written to it; 812 output tokens, of which 512 reasoning.
        let usage = OTelGenAIUsage(
            inputTokens: 12_480,
            outputTokens: 812,
            cacheReadInputTokens: 10_240,
            cacheCreationInputTokens: 1_024,
            reasoningOutputTokens: 512
        )
        let normalized = try usage.normalized()
        #expect(
            normalized == TokenUsage(input: 1_216, cacheRead: 10_240, cacheWrite5m: 1_024, output: 812, reasoning: 512)
        )
        #expect(normalized.promptTokens == 12_480)
        #expect(normalized.completionTokens == 812)
        #expect(normalized.totalTokens == 12_480 + 812)
    }

    @Test func plainInputAndOutputPassThrough() throws {
        let normalized = try OTelGenAIUsage(inputTokens: 950, outputTokens: 120).normalized()
        #expect(normalized == TokenUsage(input: 950, output: 120))
    }

    @Test func everyInputTokenCachedLeavesNoUncachedInput() throws {
        let normalized = try OTelGenAIUsage(inputTokens: 4_096, outputTokens: 10, cacheReadInputTokens: 4_096)
            .normalized()
        #expect(normalized.input == 0)
        #expect(normalized.cacheRead == 4_096)
    }

    @Test func moreCachedThanInputTokensIsAnErrorOnInputTokens() {
        let usage = OTelGenAIUsage(inputTokens: 1_000, outputTokens: 50, cacheReadInputTokens: 900, cacheCreationInputTokens: 200)
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.convention == .otelGenAI)
        #expect(error?.field == "gen_ai.usage.input_tokens")
        #expect(error?.message.contains("(1000)") == true)
        #expect(error?.message.contains("gen_ai.usage.cache_read.input_tokens (900)") == true)
        #expect(error?.message.contains("gen_ai.usage.cache_creation.input_tokens (200)") == true)
        #expect(error?.description.hasPrefix("otel_genai usage: gen_ai.usage.input_tokens ") == true)
    }

    @Test func moreReasoningThanOutputTokensIsAnErrorOnOutputTokens() {
        let usage = OTelGenAIUsage(inputTokens: 100, outputTokens: 300, reasoningOutputTokens: 301)
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == "gen_ai.usage.output_tokens")
        #expect(error?.message.contains("gen_ai.usage.reasoning.output_tokens (301)") == true)
    }

    @Test(arguments: [
        (OTelGenAIUsage(inputTokens: -1), "gen_ai.usage.input_tokens"),
        (OTelGenAIUsage(outputTokens: -7), "gen_ai.usage.output_tokens"),
        (OTelGenAIUsage(inputTokens: 10, cacheReadInputTokens: -2), "gen_ai.usage.cache_read.input_tokens"),
        (OTelGenAIUsage(inputTokens: 10, cacheCreationInputTokens: -3), "gen_ai.usage.cache_creation.input_tokens"),
        (OTelGenAIUsage(outputTokens: 10, reasoningOutputTokens: -4), "gen_ai.usage.reasoning.output_tokens"),
    ])
    func aNegativeCountIsAnErrorNamingItsField(usage: OTelGenAIUsage, field: String) {
        let error = #expect(throws: UsageError.self) { try usage.normalized() }
        #expect(error?.field == field)
        #expect(error?.message.hasPrefix("is negative (-") == true)
    }

    @Test func rawFieldsKeepTheAttributeNamesAndNumbersAndDropZeros() {
        let usage = OTelGenAIUsage(inputTokens: 12_480, outputTokens: 812, cacheReadInputTokens: 10_240)
        #expect(
            usage.rawFields == [
                "gen_ai.usage.input_tokens": 12_480,
                "gen_ai.usage.output_tokens": 812,
                "gen_ai.usage.cache_read.input_tokens": 10_240,
            ]
        )
        #expect(usage.raw == RawUsage(convention: .otelGenAI, fields: usage.rawFields))
        #expect(usage.billableUnits.isEmpty)
    }
}

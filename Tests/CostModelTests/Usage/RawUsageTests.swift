import CostModel
import Testing

/// A provider's report is kept as it came and read as a dictionary; it must behave as one.
struct RawUsageTests {
    static let report = OpenAIChatUsage(promptTokens: 2_000, completionTokens: 500, cachedTokens: 1_500)
    static let asDictionary = RawUsage(
        convention: .openAIChat,
        fields: ["prompt_tokens": 2_000, "completion_tokens": 500, "prompt_tokens_details.cached_tokens": 1_500]
    )

    @Test func aReportIsEqualToAndHashesLikeTheDictionaryOfItsFields() {
        #expect(Self.report.raw == Self.asDictionary)
        #expect(Self.report.raw.hashValue == Self.asDictionary.hashValue)
        #expect(Set([Self.report.raw, Self.asDictionary]).count == 1)
        #expect(TokenUsage(input: 3, output: 1).raw == RawUsage(convention: .costtrace, fields: ["input": 3, "output": 1]))
    }

    @Test func settingTheFieldsOfAReportReplacesThem() {
        var raw = Self.report.raw
        raw.fields["prompt_tokens"] = 7
        raw.fields["completion_tokens"] = nil
        #expect(raw.fields == ["prompt_tokens": 7, "prompt_tokens_details.cached_tokens": 1_500])
    }

    @Test func aReportAccumulatesFieldByFieldAndUnderItsNameInAnotherConvention() {
        var raw = Self.report.raw
        raw.accumulate(OpenAIChatUsage(promptTokens: 10, completionTokens: 1).raw)
        raw.accumulate(AnthropicUsage(inputTokens: 4, outputTokens: 2, ephemeral5mInputTokens: 0).raw)
        #expect(
            raw.fields == [
                "prompt_tokens": 2_010, "completion_tokens": 501, "prompt_tokens_details.cached_tokens": 1_500,
                "anthropic.input_tokens": 4, "anthropic.output_tokens": 2,
                "anthropic.cache_creation.ephemeral_5m_input_tokens": 0,
            ])
    }
}

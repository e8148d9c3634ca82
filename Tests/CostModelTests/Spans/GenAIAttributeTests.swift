import CostModel
import Testing

struct GenAIAttributeTests {
    @Test func theResponseModelWinsOverTheRequestModel() {
        let reading = GenAIAttribute.read([
            "gen_ai.request.model": "gpt-4o",
            "gen_ai.response.model": "gpt-4o-2024-08-06",
        ])
        #expect(reading.model == "gpt-4o-2024-08-06")
    }

    @Test func theRequestModelIsUsedWhenNoResponseModelIsGiven() {
        #expect(GenAIAttribute.read(["gen_ai.request.model": "claude-sonnet-4-5"]).model == "claude-sonnet-4-5")
    }

    @Test func theProviderNameWinsOverTheDeprecatedSystem() {
        let reading = GenAIAttribute.read(["gen_ai.system": "az.ai.openai", "gen_ai.provider.name": "openai"])
        #expect(reading.provider == "openai")
    }

    @Test func theDeprecatedSystemIsUsedWhenNoProviderNameIsGiven() {
        #expect(GenAIAttribute.read(["gen_ai.system": "anthropic"]).provider == "anthropic")
    }

    @Test(
        arguments: zip(
            ["chat", "text_completion", "generate_content", "embeddings", "execute_tool", "invoke_agent", "create_agent", "invoke_workflow", "retrieval"],
            [SpanKind.llm, .llm, .llm, .embedding, .tool, .agent, .agent, .workflow, .retrieval]
        )
    )
    func theOperationNameMapsToASpanKind(operation: String, kind: SpanKind) {
        #expect(GenAIAttribute.kind(forOperation: operation) == kind)
        #expect(GenAIAttribute.read(["gen_ai.operation.name": .string(operation)]).kind == kind)
    }

    @Test(arguments: ["", "Chat", "create_image", "speech"])
    func anUnknownOperationGivesNoKind(operation: String) {
        #expect(GenAIAttribute.kind(forOperation: operation) == nil)
        #expect(GenAIAttribute.read(["gen_ai.operation.name": .string(operation)]).kind == nil)
    }

    @Test func attributesWithoutGenAIKeysReadAsNothing() {
        let reading = GenAIAttribute.read(["http.method": "POST", "team": "search"])
        #expect(reading == GenAIAttribute.Reading())
        #expect(reading.usage == nil)
    }

    @Test func usageAttributesBecomeOTelUsage() throws {
        let reading = GenAIAttribute.read([
            "gen_ai.operation.name": "chat",
            "gen_ai.usage.input_tokens": 12_480,
            "gen_ai.usage.output_tokens": 812,
            "gen_ai.usage.cache_read.input_tokens": 10_240,
            "gen_ai.usage.cache_creation.input_tokens": 1_024,
            "gen_ai.usage.reasoning.output_tokens": 512,
        ])
        #expect(
            reading.usage
                == OTelGenAIUsage(
                    inputTokens: 12_480, outputTokens: 812, cacheReadInputTokens: 10_240,
                    cacheCreationInputTokens: 1_024, reasoningOutputTokens: 512)
        )
        #expect(try #require(reading.usage).normalized().input == 1_216)
    }

    @Test func anyOneUsageAttributeIsEnoughToGiveUsage() {
        #expect(GenAIAttribute.read(["gen_ai.usage.reasoning.output_tokens": 0]).usage == OTelGenAIUsage())
        #expect(GenAIAttribute.read(["gen_ai.usage.output_tokens": 9]).usage == OTelGenAIUsage(outputTokens: 9))
    }

    @Test func theDeprecatedPromptAndCompletionTokensAreReadWhenTheCurrentNamesAreAbsent() {
        let reading = GenAIAttribute.read(["gen_ai.usage.prompt_tokens": 700, "gen_ai.usage.completion_tokens": 90])
        #expect(reading.usage == OTelGenAIUsage(inputTokens: 700, outputTokens: 90))
    }

    @Test func theCurrentTokenNamesWinOverTheDeprecatedOnes() {
        let reading = GenAIAttribute.read([
            "gen_ai.usage.input_tokens": 701,
            "gen_ai.usage.prompt_tokens": 1,
            "gen_ai.usage.output_tokens": 91,
            "gen_ai.usage.completion_tokens": 2,
        ])
        #expect(reading.usage == OTelGenAIUsage(inputTokens: 701, outputTokens: 91))
    }

    @Test func countsGivenAsStringsOrWholeDoublesAreRead() {
        let reading = GenAIAttribute.read([
            "gen_ai.usage.input_tokens": "1200",
            "gen_ai.usage.output_tokens": .double(300.0),
            "gen_ai.usage.cache_read.input_tokens": "1000",
        ])
        #expect(reading.usage == OTelGenAIUsage(inputTokens: 1_200, outputTokens: 300, cacheReadInputTokens: 1_000))
    }

    @Test func countsThatAreNotWholeNumbersAreNotRead() {
        let reading = GenAIAttribute.read([
            "gen_ai.usage.input_tokens": "twelve",
            "gen_ai.usage.output_tokens": .double(2.5),
            "gen_ai.usage.cache_read.input_tokens": true,
        ])
        #expect(reading.usage == nil)
    }

    @Test func modelAndProviderGivenAsOtherScalarsAreReadAsText() {
        let reading = GenAIAttribute.read(["gen_ai.request.model": 4, "gen_ai.provider.name": true])
        #expect(reading.model == "4")
        #expect(reading.provider == "true")
    }

    @Test func usageNamesCoverEveryTokenAttributeAndNothingElse() {
        #expect(
            GenAIAttribute.usageNames == [
                "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens", "gen_ai.usage.cache_read.input_tokens",
                "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.reasoning.output_tokens",
                "gen_ai.usage.prompt_tokens", "gen_ai.usage.completion_tokens",
            ]
        )
    }
}

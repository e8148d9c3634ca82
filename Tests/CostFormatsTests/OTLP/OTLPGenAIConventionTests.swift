import CostFormats
import CostModel
import Testing

/// The OpenTelemetry GenAI conventions, on the spans of an OpenAI agent and an Anthropic agent.
struct OTLPGenAIConventionTests {
    @Test func aChatSpanWithCachedTokensBecomesAModelCallWithNonOverlappingUsage() throws {
        let spans = try OTLPFixtures.spans("genai-openai-agent.jsonl")
        let chat = try spans.span("eee19b7ec3c1b174")
        #expect(chat.kind == .llm)
        #expect(chat.name == "chat gpt-4.1-mini")
        #expect(chat.model == "gpt-4.1-mini-2025-04-14")
        #expect(chat.provider == "openai")
        #expect(chat.serviceTier == "default")
        #expect(chat.usage == TokenUsage(input: 1_216, cacheRead: 11_264, output: 356))
        #expect(
            chat.rawUsage
                == RawUsage(
                    convention: .otelGenAI,
                    fields: [
                        "gen_ai.usage.input_tokens": 12_480,
                        "gen_ai.usage.output_tokens": 356,
                        "gen_ai.usage.cache_read.input_tokens": 11_264,
                    ]))
    }

    @Test func reasoningTokensStayInsideOutputAndAreKeptAsItsBreakdown() throws {
        let spans = try OTLPFixtures.spans("genai-openai-agent.jsonl")
        let chat = try spans.span("9c4f1e2d3b5a6978")
        #expect(chat.model == "o4-mini-2025-04-16")
        #expect(chat.usage == TokenUsage(input: 3_050, output: 1_200, reasoning: 896))
        #expect(chat.rawUsage?.fields["gen_ai.usage.cache_read.input_tokens"] == 0)
    }

    @Test func attributesThatBecameUsageModelProviderOrTierLeaveTheSpanAndTheOthersStay() throws {
        let chat = try OTLPFixtures.spans("genai-openai-agent.jsonl").span("eee19b7ec3c1b174")
        #expect(
            chat.attributes == [
                "gen_ai.operation.name": "chat",
                // The alias the caller asked for differs from the snapshot that ran, so it stays.
                "gen_ai.request.model": "gpt-4.1-mini",
                "gen_ai.request.temperature": .double(0.2),
                "gen_ai.response.id": "chatcmpl-CQ3b8x2Lw9",
                "gen_ai.response.finish_reasons": #"["tool_calls"]"#,
                "server.address": "api.openai.com",
                "server.port": 443,
                "otel.scope.name": "opentelemetry.instrumentation.openai_v2",
                "otel.scope.version": "2.1b0",
            ])
    }

    @Test func resourceAttributesArriveTypedInTheResourceOfEverySpan() throws {
        let spans = try OTLPFixtures.spans("genai-openai-agent.jsonl")
        let expected: Attributes = [
            "service.name": "support-bot",
            "service.version": "1.4.2",
            "deployment.environment.name": "prod",
            "telemetry.sdk.language": "python",
            "telemetry.sdk.name": "opentelemetry",
            "telemetry.sdk.version": "1.38.0",
            "team": "support",
            "host.cpu.count": 8,
            "process.command_args": #"["python","-m","support_bot"]"#,
        ]
        #expect(spans.count == 5)
        for span in spans { #expect(span.resource == expected) }
    }

    @Test func anAgentSpansUsageTotalsStayAttributesSoTheCallsBelowAreNotCountedTwice() throws {
        let agent = try OTLPFixtures.spans("genai-openai-agent.jsonl").span("a1b2c3d4e5f60718")
        #expect(agent.kind == .agent)
        #expect(agent.parentSpanID == nil)
        #expect(agent.status == .ok)
        #expect(agent.usage == .zero)
        #expect(agent.rawUsage == nil)
        #expect(agent.model == "gpt-4.1-mini")
        #expect(agent.attributes["gen_ai.usage.input_tokens"] == 15_572)
        #expect(agent.attributes["gen_ai.usage.output_tokens"] == 1_556)
        #expect(agent.attributes["user.id"] == "u-1842")
    }

    @Test func anExecuteToolSpanIsAToolCallOfTheNamedTool() throws {
        let tool = try OTLPFixtures.spans("genai-openai-agent.jsonl").span("7d3a9e1f0b2c4d58")
        #expect(tool.kind == .tool)
        #expect(tool.tool == ToolCall(name: "lookup_order", calls: 1))
        #expect(tool.usage == .zero)
        #expect(tool.attributes["gen_ai.tool.call.id"] == "call_8JxQ2")
    }

    @Test func anEmbeddingsSpanIsAnEmbeddingCallWithInputTokensOnly() throws {
        let embedding = try OTLPFixtures.spans("genai-openai-agent.jsonl").span("3e5d7c9b1a2f4e6d")
        #expect(embedding.kind == .embedding)
        #expect(embedding.model == "text-embedding-3-small")
        #expect(embedding.usage == TokenUsage(input: 42))
    }

    @Test func anthropicViaOTelCountsCacheReadsAndWritesInsideInputTokens() throws {
        let chat = try OTLPFixtures.spans("genai-anthropic-pretty.json").span("00f067aa0ba902b7")
        #expect(chat.kind == .llm)
        #expect(chat.provider == "anthropic")
        #expect(chat.model == "claude-sonnet-4-5-20250929")
        #expect(chat.usage == TokenUsage(input: 1_800, cacheRead: 24_000, cacheWrite5m: 2_000, output: 420))
        #expect(chat.attributes["gen_ai.request.max_tokens"] == 4_096)
        #expect(
            chat.resource == [
                "service.name": "research-agent", "team": "research", "project": "atlas",
                "deployment.environment.name": "staging",
            ])
    }

    @Test func anErrorStatusWithoutAMessageTakesTheMessageOfTheExceptionEvent() throws {
        let failed = try OTLPFixtures.spans("genai-anthropic-pretty.json").span("53995c3f42cd8ad8")
        #expect(failed.status == .error)
        #expect(
            failed.errorMessage
                == "Error code: 429 - rate_limit_error: Number of request tokens has exceeded your per-minute rate limit"
        )
        #expect(failed.kind == .llm)
        #expect(failed.usage == .zero)
    }

    @Test func anErrorStatusMessageIsTheErrorMessage() throws {
        let failed = try OTLPFixtures.spans("genai-anthropic-pretty.json").span("6e0c63257de34c92")
        #expect(failed.status == .error)
        #expect(failed.errorMessage == "timeout after 30s")
        #expect(failed.tool == ToolCall(name: "web_fetch"))
    }

    @Test func deprecatedTokenNamesAndGenAISystemAreRead() throws {
        let document = OTLPSpanDocument(attributes: [
            "gen_ai.operation.name": AnyValueJSON.string("text_completion"),
            "gen_ai.system": AnyValueJSON.string("openai"),
            "gen_ai.request.model": AnyValueJSON.string("gpt-3.5-turbo-instruct"),
            "gen_ai.usage.prompt_tokens": AnyValueJSON.int(900),
            "gen_ai.usage.completion_tokens": AnyValueJSON.int(80),
        ])
        let span = try #require(try document.decode().first)
        #expect(span.kind == .llm)
        #expect(span.provider == "openai")
        #expect(span.model == "gpt-3.5-turbo-instruct")
        #expect(span.usage == TokenUsage(input: 900, output: 80))
        #expect(span.rawUsage?.fields == ["gen_ai.usage.prompt_tokens": 900, "gen_ai.usage.completion_tokens": 80])
        #expect(span.attributes == ["gen_ai.operation.name": "text_completion", "otel.scope.name": "test"])
    }

    @Test func theProviderNameWinsOverTheDeprecatedSystemAndADifferentSystemStays() throws {
        let document = OTLPSpanDocument(attributes: [
            "gen_ai.provider.name": AnyValueJSON.string("aws.bedrock"),
            "gen_ai.system": AnyValueJSON.string("anthropic"),
        ])
        let span = try #require(try document.decode().first)
        #expect(span.provider == "aws.bedrock")
        #expect(span.attributes["gen_ai.system"] == "anthropic")
    }

    @Test func aSpanWithUsageButNoKindIsAModelCallAndASpanWithNeitherIsOther() throws {
        let withUsage = OTLPSpanDocument(attributes: ["gen_ai.usage.input_tokens": AnyValueJSON.int(10)])
        #expect(try withUsage.decode().first?.kind == .llm)
        let plain = OTLPSpanDocument(attributes: ["http.route": AnyValueJSON.string("/v1/answer")])
        #expect(try plain.decode().first?.kind == .other)
        let unknownOperation = OTLPSpanDocument(attributes: ["gen_ai.operation.name": AnyValueJSON.string("dream")])
        #expect(try unknownOperation.decode().first?.kind == .other)
    }

    @Test func tokenCountsWrittenAsWholeDoublesOrNumericStringsAreRead() throws {
        // JavaScript SDKs write every number as a double.
        let document = OTLPSpanDocument(attributes: [
            "gen_ai.operation.name": AnyValueJSON.string("chat"),
            "gen_ai.usage.input_tokens": #"{"doubleValue":1200}"#,
            "gen_ai.usage.output_tokens": AnyValueJSON.string("35"),
        ])
        #expect(try document.decode().first?.usage == TokenUsage(input: 1_200, output: 35))
    }

    @Test func costTracesOwnAttributesGiveAKindAndGPUTimeThatNoConventionNames() throws {
        let document = OTLPSpanDocument(attributes: [
            "costtrace.kind": AnyValueJSON.string("gpu"),
            "costtrace.gpu.device": AnyValueJSON.string("H100"),
            "costtrace.gpu.count": AnyValueJSON.int(8),
            "costtrace.gpu.busy_ns": AnyValueJSON.int(1_500_000_000),
            "job": AnyValueJSON.string("fine-tune"),
        ])
        let span = try #require(try document.decode().first)
        #expect(span.kind == .gpu)
        #expect(span.gpu == GPUUsage(device: "H100", count: 8, busyNanos: 1_500_000_000))
        #expect(span.attributes == ["job": "fine-tune", "otel.scope.name": "test"])

        // Without a count and a time: one device for the whole span.
        let short = OTLPSpanDocument(attributes: ["costtrace.gpu.device": AnyValueJSON.string("L4")])
        #expect(try short.decode().first?.gpu == GPUUsage(device: "L4", count: 1, busyNanos: 2_000_000_000))
    }
}

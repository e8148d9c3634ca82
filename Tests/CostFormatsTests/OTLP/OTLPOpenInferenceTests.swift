import CostFormats
import CostModel
import Testing

/// The OpenInference conventions, on a LangChain RAG trace.
struct OTLPOpenInferenceTests {
    static let kinds: [(String, SpanKind)] = [
        ("RunnableSequence", .step),
        ("VectorStoreRetriever", .retrieval),
        ("OpenAIEmbeddings", .embedding),
        ("CohereRerank", .retrieval),
        ("ChatOpenAI", .llm),
        ("ChatAnthropic", .llm),
        ("order_agent", .agent),
        ("lookup_order", .tool),
        ("PII guard", .other),
    ]

    @Test(arguments: kinds)
    func openInferenceSpanKindsBecomeCostTraceKinds(name: String, kind: SpanKind) throws {
        #expect(try OTLPFixtures.spans("openinference-rag.jsonl").span(named: name).kind == kind)
    }

    @Test func llmPromptTokensIncludeTheCacheReadDetail() throws {
        let chat = try OTLPFixtures.spans("openinference-rag.jsonl").span(named: "ChatOpenAI")
        #expect(chat.model == "gpt-4o-2024-08-06")
        #expect(chat.provider == "openai")
        #expect(chat.usage == TokenUsage(input: 1_104, cacheRead: 4_096, output: 640))
        #expect(
            chat.rawUsage
                == RawUsage(
                    convention: .otelGenAI,
                    fields: [
                        "llm.token_count.prompt": 5_200,
                        "llm.token_count.completion": 640,
                        "llm.token_count.total": 5_840,
                        "llm.token_count.prompt_details.cache_read": 4_096,
                        "llm.token_count.completion_details.reasoning": 0,
                    ]))
        // llm.provider and llm.system said the same, so both went into `provider`.
        #expect(
            chat.attributes == [
                "openinference.span.kind": "LLM",
                "llm.invocation_parameters": #"{"temperature": 0, "model": "gpt-4o"}"#,
                "otel.scope.name": "openinference.instrumentation.langchain",
                "otel.scope.version": "0.1.41",
            ])
    }

    @Test func llmPromptTokensIncludeTheCacheWriteDetail() throws {
        let chat = try OTLPFixtures.spans("openinference-rag.jsonl").span(named: "ChatAnthropic")
        #expect(chat.provider == "anthropic")
        #expect(chat.model == "claude-3-5-haiku-20241022")
        #expect(chat.usage == TokenUsage(input: 500, cacheRead: 6_000, cacheWrite5m: 2_500, output: 300))
    }

    @Test func anEmbeddingSpanTakesItsModelFromTheEmbeddingModelName() throws {
        let embedding = try OTLPFixtures.spans("openinference-rag.jsonl").span(named: "OpenAIEmbeddings")
        #expect(embedding.model == "text-embedding-3-small")
        #expect(embedding.usage == TokenUsage(input: 18))
        #expect(embedding.parentSpanID?.hex == "1000000000000002")
    }

    @Test func aToolSpanIsACallOfTheToolItNames() throws {
        let tool = try OTLPFixtures.spans("openinference-rag.jsonl").span(named: "lookup_order")
        #expect(tool.tool == ToolCall(name: "lookup_order", calls: 1))
        #expect(tool.attributes["tool.name"] == "lookup_order")
    }

    @Test func aSpanWithoutTokenCountsHasNoUsage() throws {
        let retriever = try OTLPFixtures.spans("openinference-rag.jsonl").span(named: "VectorStoreRetriever")
        #expect(retriever.usage == .zero)
        #expect(retriever.rawUsage == nil)
        #expect(retriever.attributes["retrieval.documents.0.document.score"] == .double(0.83))
    }

    @Test func theRootChainCarriesTheSessionAndUserForAllocation() throws {
        let spans = try OTLPFixtures.spans("openinference-rag.jsonl")
        let root = try spans.span(named: "RunnableSequence")
        #expect(root.parentSpanID == nil)
        #expect(root.attributes["user.id"] == "u-9")
        #expect(
            root.resource == ["service.name": "rag-api", "openinference.project.name": "support-rag", "team": "search"])
        #expect(Set(spans.map(\.traceID)) == [TraceID(hex: "4bf92f3577b34da6a3ce929d0e0e4736")!])
    }

    @Test func lowerCaseSpanKindsAreRead() throws {
        let document = OTLPSpanDocument(attributes: ["openinference.span.kind": AnyValueJSON.string("llm")])
        #expect(try document.decode().first?.kind == .llm)
    }
}

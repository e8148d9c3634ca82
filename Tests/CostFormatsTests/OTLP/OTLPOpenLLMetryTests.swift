import CostFormats
import CostModel
import Testing

/// The OpenLLMetry (Traceloop) conventions, on a workflow of decorated tasks, agents and tools.
struct OTLPOpenLLMetryTests {
    static let kinds: [(String, SpanKind)] = [
        ("triage.workflow", .workflow),
        ("classify.task", .step),
        ("planner.agent", .agent),
        ("search_kb.tool", .tool),
        ("anthropic.chat", .llm),
        ("openai.chat", .llm),
        ("openai.embeddings", .embedding),
    ]

    @Test(arguments: kinds)
    func traceloopSpanKindsAndRequestTypesBecomeCostTraceKinds(name: String, kind: SpanKind) throws {
        #expect(try OTLPFixtures.spans("openllmetry-workflow.jsonl").span(named: name).kind == kind)
    }

    @Test func anthropicPromptTokensIncludeCacheReadsAndWrites() throws {
        let chat = try OTLPFixtures.spans("openllmetry-workflow.jsonl").span(named: "anthropic.chat")
        #expect(chat.provider == "Anthropic")
        #expect(chat.model == "claude-3-7-sonnet-20250219")
        #expect(chat.usage == TokenUsage(input: 1_400, cacheRead: 12_000, cacheWrite5m: 2_000, output: 512))
        #expect(chat.rawUsage?.fields["llm.usage.total_tokens"] == 15_912)
        #expect(chat.rawUsage?.fields["gen_ai.usage.cache_read_input_tokens"] == 12_000)
        #expect(
            chat.attributes == [
                "llm.request.type": "chat", "otel.scope.name": "opentelemetry.instrumentation.anthropic",
                "otel.scope.version": "0.40.7",
            ])
    }

    @Test func theTotalTokenCountIsNotReadAsUsage() throws {
        let chat = try OTLPFixtures.spans("openllmetry-workflow.jsonl").span(named: "openai.chat")
        #expect(chat.usage == TokenUsage(input: 800, output: 120))
        #expect(chat.usage.totalTokens == 920)
        #expect(chat.model == "gpt-4o-mini-2024-07-18")
        #expect(chat.attributes["gen_ai.request.model"] == "gpt-4o-mini")
    }

    @Test func aToolSpanIsACallOfItsEntity() throws {
        let tool = try OTLPFixtures.spans("openllmetry-workflow.jsonl").span(named: "search_kb.tool")
        #expect(tool.tool == ToolCall(name: "search_kb", calls: 1))
    }

    @Test func decoratedSpansKeepTheirAssociationPropertiesAndLinkIntoOneTree() throws {
        let spans = try OTLPFixtures.spans("openllmetry-workflow.jsonl")
        #expect(spans.count == 7)
        let tree = SpanTree(spans: spans)
        #expect(tree.roots.count == 1)
        let root = tree.nodes[tree.roots[0]]
        #expect(root.record.name == "triage.workflow")
        #expect(root.record.attributes["traceloop.association.properties.customer_id"] == "acme")
        #expect(tree.nodes.allSatisfy { !$0.parentIsMissing })
        let embedding = try spans.span(named: "openai.embeddings")
        #expect(tree.nodes.first { $0.record.spanID == embedding.spanID }?.depth == 3)
    }

    @Test func reasoningTokensOfOpenLLMetryAreABreakdownOfCompletionTokens() throws {
        let document = OTLPSpanDocument(attributes: [
            "llm.request.type": AnyValueJSON.string("chat"),
            "gen_ai.usage.prompt_tokens": AnyValueJSON.int(300),
            "gen_ai.usage.completion_tokens": AnyValueJSON.int(900),
            "gen_ai.usage.reasoning_tokens": AnyValueJSON.int(700),
        ])
        #expect(try document.decode().first?.usage == TokenUsage(input: 300, output: 900, reasoning: 700))
    }
}

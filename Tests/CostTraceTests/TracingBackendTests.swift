import CostTrace
import Instrumentation
import Testing
import Tracing

struct TracingBackendTests {
    @Test func genAIAttributesOnTracingSpansBecomeUsage() throws {
        let (tracer, exporter) = makeTracer()
        withTracer(tracer.tracingBackend) {
            withSpan("chat claude") { span in
                span.attributes["gen_ai.operation.name"] = "chat"
                span.attributes["gen_ai.provider.name"] = "anthropic"
                span.attributes["gen_ai.request.model"] = "claude-sonnet-4-5"
                span.attributes["gen_ai.response.model"] = "claude-sonnet-4-5-20250929"
                span.attributes["gen_ai.usage.input_tokens"] = 12_000
                span.attributes["gen_ai.usage.cache_read.input_tokens"] = 8_000
                span.attributes["gen_ai.usage.cache_creation.input_tokens"] = 1_000
                span.attributes["gen_ai.usage.output_tokens"] = 700
                span.attributes["gen_ai.usage.reasoning.output_tokens"] = 200
                span.attributes["user.id"] = "u-7"
            }
        }
        let chat = try #require(exporter.spans.first)
        #expect(chat.kind == .llm)
        #expect(chat.model == "claude-sonnet-4-5-20250929")
        #expect(chat.provider == "anthropic")
        #expect(chat.usage == TokenUsage(input: 3_000, cacheRead: 8_000, cacheWrite5m: 1_000, output: 700, reasoning: 200))
        #expect(chat.rawUsage?.convention == .otelGenAI)
        #expect(chat.attributes["gen_ai.usage.input_tokens"] == nil)
        #expect(chat.attributes["user.id"] == "u-7")
    }

    @Test func impossibleGenAIUsageStaysAsAttributesWithTheReason() throws {
        let (tracer, exporter) = makeTracer()
        withTracer(tracer.tracingBackend) {
            withSpan("chat") { span in
                span.attributes["gen_ai.usage.input_tokens"] = 100
                span.attributes["gen_ai.usage.cache_read.input_tokens"] = 500
            }
        }
        let chat = try #require(exporter.spans.first)
        #expect(chat.usage == .zero)
        #expect(chat.attributes["gen_ai.usage.input_tokens"] == 100)
        let reason = try #require(chat.attributes["costtrace.usage_error"]?.text)
        #expect(reason.contains("gen_ai.usage.input_tokens"))
    }

    @Test func spansOfBothAPIsNestInsideEachOther() throws {
        let (tracer, exporter) = makeTracer()
        withTracer(tracer.tracingBackend) {
            tracer.withSpan("workflow", kind: .workflow) { _ in
                withSpan("library call") { _ in
                    tracer.withSpan("inner step") { _ in }
                }
            }
        }
        let spans = exporter.spans
        let workflow = try #require(spans.named("workflow"))
        let library = try #require(spans.named("library call"))
        let inner = try #require(spans.named("inner step"))
        #expect(library.parentSpanID == workflow.spanID)
        #expect(inner.parentSpanID == library.spanID)
        #expect(Set(spans.map(\.traceID)).count == 1)
    }

    @Test func errorsAndStatusFromTracingAreRecorded() throws {
        let (tracer, exporter) = makeTracer()
        withTracer(tracer.tracingBackend) {
            _ = try? withSpan("failing") { _ in throw TestFailure() }
            withSpan("renamed") { span in
                span.operationName = "renamed again"
                span.setStatus(.init(code: .error, message: "quota"))
            }
        }
        #expect(exporter.spans.named("failing")?.status == .error)
        #expect(exporter.spans.named("renamed again")?.errorMessage == "quota")
    }

    @Test func contextCrossesProcessesAsATraceparentHeader() throws {
        let (tracer, exporter) = makeTracer()
        let backend = tracer.tracingBackend
        var headers: [String: String] = [:]
        tracer.withSpan("client") { span in
            backend.inject(span.context, into: &headers, using: DictionaryInjector())
        }
        let client = try #require(exporter.spans.first)
        #expect(headers["traceparent"] == "00-\(client.traceID.hex)-\(client.spanID.hex)-01")

        var received = InstrumentationContext.topLevel
        backend.extract(headers, into: &received, using: DictionaryExtractor())
        InstrumentationContext.$current.withValue(received) {
            tracer.withSpan("server") { _ in }
        }
        let server = try #require(exporter.spans.named("server"))
        #expect(server.traceID == client.traceID)
        #expect(server.parentSpanID == client.spanID)
    }
}

struct DictionaryInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) { carrier[key] = value }
}

struct DictionaryExtractor: Extractor {
    func extract(key: String, from carrier: [String: String]) -> String? { carrier[key] }
}

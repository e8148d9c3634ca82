import CostTrace
import Testing

struct RecordingTests {
    @Test func providerUsageIsNormalisedAndTheRawNumbersKept() throws {
        let (tracer, exporter) = makeTracer()
        try tracer.withSpan("call", kind: .llm) { span in
            span.setModel("gpt-4.1", provider: "openai")
            try span.recordUsage(
                OpenAIChatUsage(promptTokens: 2_000, completionTokens: 500, cachedTokens: 1_500, reasoningTokens: 100))
        }
        let call = try #require(exporter.spans.first)
        #expect(call.usage == TokenUsage(input: 500, cacheRead: 1_500, output: 500, reasoning: 100))
        #expect(call.rawUsage?.convention == .openAIChat)
        #expect(call.rawUsage?.fields["prompt_tokens"] == 2_000)
        #expect(call.model == "gpt-4.1")
        #expect(call.provider == "openai")
    }

    @Test func impossibleUsageThrowsAndRecordsNothing() throws {
        let (tracer, exporter) = makeTracer()
        tracer.withSpan("call", kind: .llm) { span in
            _ = #expect(throws: UsageError.self) {
                try span.recordUsage(OpenAIResponsesUsage(inputTokens: 100, outputTokens: 10, cachedTokens: 150))
            }
        }
        #expect(exporter.spans.first?.usage == .zero)
        #expect(exporter.spans.first?.rawUsage == nil)
    }

    @Test func repeatedCallsOnOneSpanAddUp() throws {
        let (tracer, exporter) = makeTracer()
        try tracer.withSpan("retrying call", kind: .llm) { span in
            try span.recordUsage(AnthropicUsage(inputTokens: 10, outputTokens: 5, cacheReadInputTokens: 100, webSearchRequests: 1))
            try span.recordUsage(AnthropicUsage(inputTokens: 20, outputTokens: 7, cacheReadInputTokens: 100, webSearchRequests: 2))
        }
        let call = try #require(exporter.spans.first)
        #expect(call.usage == TokenUsage(input: 30, cacheRead: 200, output: 12))
        #expect(call.units == ["web_search": 3])
        #expect(call.rawUsage?.fields["input_tokens"] == 30)
    }

    @Test func usageRecordedFromManyTasksAtOnceIsNeverLost() async throws {
        let (tracer, exporter) = makeTracer()
        await tracer.withSpan("shared", kind: .llm) { span in
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        for _ in 0..<200 {
                            try? span.recordUsage(TokenUsage(input: 1, output: 2))
                            span.recordToolCall("lookup")
                        }
                    }
                }
            }
        }
        let shared = try #require(exporter.spans.first)
        #expect(shared.usage == TokenUsage(input: 10_000, output: 20_000))
        #expect(shared.tool == ToolCall(name: "lookup", calls: 10_000))
    }

    @Test func manyTasksRecordingIntoOneTracerLoseNoSpan() async {
        let (tracer, exporter) = makeTracer()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<40 {
                group.addTask {
                    tracer.withSpan("task \(task)", kind: .agent) { _ in
                        for call in 0..<100 {
                            tracer.withSpan("call \(call)", kind: .llm) { span in try? span.recordUsage(TokenUsage(input: 3)) }
                        }
                    }
                }
            }
        }
        let spans = exporter.spans
        #expect(spans.count == 40 * 101)
        #expect(Set(spans.map(\.spanID)).count == spans.count)
        #expect(Set(spans.map(\.traceID)).count == 40)
        #expect(spans.reduce(0) { $0 + $1.usage.input } == 12_000)
    }

    @Test func gpuTimeIsMeasuredOnTheInjectedClock() async throws {
        let (tracer, exporter) = makeTracer()
        let clock = ManualClock()
        let answer = try await tracer.withSpan("inference", kind: .gpu) { span in
            try await span.measureGPU(device: "H100", count: 4, clock: clock) {
                try await clock.sleep(for: .seconds(90))
                return 42
            }
        }
        #expect(answer == 42)
        let gpu = try #require(exporter.spans.first?.gpu)
        #expect(gpu == GPUUsage(device: "H100", count: 4, busyNanos: 90_000_000_000))
        #expect(gpu.deviceNanos == 360_000_000_000)
    }

    @Test func aReportedCostOverAMillionDollarsIsRefusedAndNotKept() throws {
        let (tracer, exporter) = makeTracer()
        tracer.withSpan("call", kind: .llm) { span in
            #expect(throws: UsageError.self) { try span.setReportedCost(Money(decimal: "1000000.000000001")!) }
            #expect(throws: UsageError.self) { try span.setReportedCost(Money(decimal: "-5000000")!) }
        }
        #expect(try #require(exporter.spans.first).reportedCost == nil)
    }

    @Test func toolCallsUnitsAttributesAndReportedCostAreKept() throws {
        let (tracer, exporter) = makeTracer()
        try tracer.withSpan("search", kind: .tool, attributes: ["query": "swift"]) { span in
            span.recordToolCall("web_search", calls: 2)
            span.recordUnits("pages", 12)
            span.setServiceTier("batch")
            try span.setReportedCost(Money(decimal: "0.02")!)
            span.setAttribute("results", 10)
            span.name = "web search"
        }
        let search = try #require(exporter.spans.first)
        #expect(search.name == "web search")
        #expect(search.tool == ToolCall(name: "web_search", calls: 2))
        #expect(search.units == ["pages": 12])
        #expect(search.serviceTier == "batch")
        #expect(search.reportedCost == Money(nanos: 20_000_000))
        #expect(search.attributes == ["query": "swift", "results": 10])
    }
}

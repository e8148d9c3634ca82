import Benchmark
import CostTrace
import InMemoryTracing
import Tracing

#if canImport(Glibc)
    import Glibc
#endif

// The cost of recording one model-call span — start, usage, end — with CostTrace, against
// apple's InMemoryTracer recording the same span (model and usage as OTel GenAI attributes)
// in the same run. Both keep finished spans in memory and are emptied every 10,000 spans.

let usage = OpenAIChatUsage(promptTokens: 2_000, completionTokens: 500, cachedTokens: 1_500, reasoningTokens: 100)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        // 1,000 spans a sample, so the harness's own cost per sample does not swamp one span's.
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000_000
    )

    Benchmark("CostTracer model-call span (in-memory exporter)") { benchmark in
        let exporter = InMemorySpanExporter()
        let tracer = CostTracer(exporter: exporter)
        for iteration in benchmark.scaledIterations {
            let span = tracer.startSpan("chat", kind: .llm)
            span.setModel("gpt-4.1", provider: "openai")
            try? span.recordUsage(usage)
            span.end()
            if iteration % 10_000 == 0 { _ = exporter.removeAll() }
        }
    }

    Benchmark("CostTracer model-call span (JSONL exporter to /dev/null)") { benchmark in
        let tracer = CostTracer(exporter: try! JSONLFileExporter(path: "/dev/null", capacity: 1 << 20))
        for _ in benchmark.scaledIterations {
            let span = tracer.startSpan("chat", kind: .llm)
            span.setModel("gpt-4.1", provider: "openai")
            try? span.recordUsage(usage)
            span.end()
        }
        tracer.shutdown()
    }

    Benchmark("CostTracer nested withSpan (parent from task-local context)") { benchmark in
        let exporter = InMemorySpanExporter()
        let tracer = CostTracer(exporter: exporter)
        tracer.withSpan("workflow", kind: .workflow) { _ in
            for iteration in benchmark.scaledIterations {
                tracer.withSpan("chat", kind: .llm) { span in
                    span.setModel("gpt-4.1", provider: "openai")
                    try? span.recordUsage(usage)
                }
                if iteration % 10_000 == 0 { _ = exporter.removeAll() }
            }
        }
    }

    Benchmark("Reference: InMemoryTracer model-call span") { benchmark in
        let tracer = InMemoryTracer()
        for iteration in benchmark.scaledIterations {
            let span = tracer.startSpan("chat")
            span.attributes["gen_ai.request.model"] = "gpt-4.1"
            span.attributes["gen_ai.provider.name"] = "openai"
            span.attributes["gen_ai.usage.input_tokens"] = 2_000
            span.attributes["gen_ai.usage.output_tokens"] = 500
            span.attributes["gen_ai.usage.cache_read.input_tokens"] = 1_500
            span.attributes["gen_ai.usage.reasoning.output_tokens"] = 100
            span.end()
            if iteration % 10_000 == 0 { tracer.clearFinishedSpans() }
        }
    }

    Benchmark("Reference: InMemoryTracer nested withSpan") { benchmark in
        let tracer = InMemoryTracer()
        tracer.withSpan("workflow") { _ in
            for iteration in benchmark.scaledIterations {
                tracer.withSpan("chat") { span in
                    span.attributes["gen_ai.request.model"] = "gpt-4.1"
                    span.attributes["gen_ai.provider.name"] = "openai"
                    span.attributes["gen_ai.usage.input_tokens"] = 2_000
                    span.attributes["gen_ai.usage.output_tokens"] = 500
                    span.attributes["gen_ai.usage.cache_read.input_tokens"] = 1_500
                    span.attributes["gen_ai.usage.reasoning.output_tokens"] = 100
                }
                if iteration % 10_000 == 0 { tracer.clearFinishedSpans() }
            }
        }
    }
}

import CostTrace
import Testing

struct NestingTests {
    @Test func nestedSyncSpansShareTheRunAndLinkToTheirParent() throws {
        let (tracer, exporter) = makeTracer()
        tracer.withSpan("workflow", kind: .workflow) { _ in
            tracer.withSpan("agent", kind: .agent) { _ in
                tracer.withSpan("call", kind: .llm) { _ in }
            }
        }
        let spans = exporter.spans
        let workflow = try #require(spans.named("workflow"))
        let agent = try #require(spans.named("agent"))
        let call = try #require(spans.named("call"))
        #expect(workflow.parentSpanID == nil)
        #expect(agent.parentSpanID == workflow.spanID)
        #expect(call.parentSpanID == agent.spanID)
        #expect(Set(spans.map(\.traceID)) == [workflow.traceID])
        #expect(spans.map(\.name) == ["call", "agent", "workflow"])
        #expect(call.kind == .llm)
    }

    @Test func separateRootsStartSeparateRuns() {
        let (tracer, exporter) = makeTracer()
        tracer.withSpan("first") { _ in }
        tracer.withSpan("second") { _ in }
        #expect(Set(exporter.spans.map(\.traceID)).count == 2)
    }

    @Test func asyncChildTasksAndTaskGroupsInheritTheCurrentSpan() async throws {
        let (tracer, exporter) = makeTracer()
        await tracer.withSpan("workflow", kind: .workflow) { _ in
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        await tracer.withSpan("worker \(index)", kind: .agent) { _ in
                            try? await Task.sleep(for: .milliseconds(1))
                            async let child: Void = tracer.withSpan("child \(index)") { _ in }
                            await child
                        }
                    }
                }
            }
            let task = Task { tracer.withSpan("unstructured") { _ in } }
            await task.value
            #expect(CostSpan.current?.name == "workflow")
        }
        let spans = exporter.spans
        let workflow = try #require(spans.named("workflow"))
        for index in 0..<8 {
            let worker = try #require(spans.named("worker \(index)"))
            let child = try #require(spans.named("child \(index)"))
            #expect(worker.parentSpanID == workflow.spanID)
            #expect(child.parentSpanID == worker.spanID)
        }
        #expect(spans.named("unstructured")?.parentSpanID == workflow.spanID)
        #expect(CostSpan.current == nil)
    }

    @Test func detachedTasksStartANewRunUnlessGivenTheParent() async throws {
        let (tracer, exporter) = makeTracer()
        await tracer.withSpan("workflow", kind: .workflow) { _ in
            await Task.detached { tracer.withSpan("lost") { _ in } }.value
            let parent = CostSpan.current?.spanContext
            await Task.detached { tracer.withSpan("carried", parent: parent) { _ in } }.value
        }
        let spans = exporter.spans
        let workflow = try #require(spans.named("workflow"))
        #expect(spans.named("lost")?.parentSpanID == nil)
        #expect(spans.named("lost")?.traceID != workflow.traceID)
        #expect(spans.named("carried")?.parentSpanID == workflow.spanID)
        #expect(spans.named("carried")?.traceID == workflow.traceID)
    }

    @Test func aThrowingOperationMarksTheSpanFailedAndRethrows() async {
        let (tracer, exporter) = makeTracer()
        await #expect(throws: TestFailure.self) {
            try await tracer.withSpan("call", kind: .llm) { _ in
                await Task.yield()
                throw TestFailure()
            }
        }
        #expect(exporter.spans.first?.status == .error)
        #expect(exporter.spans.first?.errorMessage == "upstream timed out")
    }

    @Test func resourceAttributesGoOnTheSpansThatStartAProcesssPartOfARun() throws {
        let (tracer, exporter) = makeTracer(resource: ["service.name": "bot"])
        tracer.withSpan("root") { _ in tracer.withSpan("child") { _ in } }
        let remoteParent = SpanContext(traceID: TraceID(high: 1, low: 2), spanID: SpanID(3))
        tracer.withSpan("continued", parent: remoteParent) { _ in }
        #expect(exporter.spans.named("root")?.resource == ["service.name": "bot"])
        #expect(exporter.spans.named("child")?.resource == [:])
        #expect(exporter.spans.named("continued")?.resource == ["service.name": "bot"])
        #expect(exporter.spans.named("continued")?.traceID == TraceID(high: 1, low: 2))
    }

    @Test func aSpanRecordsNothingAfterItEnds() {
        let (tracer, exporter) = makeTracer()
        let span = tracer.startSpan("call", kind: .llm)
        span.end()
        span.setAttribute("late", "value")
        span.end()
        #expect(exporter.spans.count == 1)
        #expect(exporter.spans.first?.attributes == [:])
        #expect(!span.isRecording)
    }

    @Test func startAndEndTimesComeFromTheInjectedClock() {
        let clock = ManualClock()
        let exporter = InMemorySpanExporter()
        let tracer = CostTracer(exporter: exporter, now: { clock.nanos })
        tracer.withSpan("step") { _ in clock.advance(by: .milliseconds(1_500)) }
        #expect(exporter.spans.first?.startNanos == 1_000_000_000_000)
        #expect(exporter.spans.first?.durationNanos == 1_500_000_000)
    }
}

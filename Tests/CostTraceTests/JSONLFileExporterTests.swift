import CostFormats
import CostTrace
import Testing

#if canImport(Glibc)
    import Glibc
#endif

struct JSONLFileExporterTests {
    func temporaryPath(_ name: String) -> String {
        let path = "/tmp/costtrace-test-\(getpid())-\(name).jsonl"
        unlink(path)
        return path
    }

    @Test func endedSpansAreWrittenAsReadableLines() throws {
        let path = temporaryPath("written")
        let exporter = try JSONLFileExporter(path: path)
        let tracer = CostTracer(exporter: exporter, resource: ["service.name": "test"])
        try tracer.withSpan("workflow", kind: .workflow, attributes: ["team": "search"]) { _ in
            try tracer.withSpan("call", kind: .llm) { span in
                span.setModel("gpt-4o", provider: "openai")
                try span.recordUsage(TokenUsage(input: 10, cacheRead: 5, output: 3))
            }
        }
        tracer.shutdown()
        let spans = try TraceFileReader.read(path: path).spans
        #expect(spans.map(\.name) == ["call", "workflow"])
        #expect(spans.named("call")?.usage == TokenUsage(input: 10, cacheRead: 5, output: 3))
        #expect(spans.named("workflow")?.attributes == ["team": "search"])
        #expect(spans.named("workflow")?.resource == ["service.name": "test"])
        unlink(path)
    }

    @Test func spansReachTheFileWithoutAFlushSoACrashKeepsThem() async throws {
        let path = temporaryPath("unflushed")
        let exporter = try JSONLFileExporter(path: path)
        let tracer = CostTracer(exporter: exporter)
        tracer.withSpan("before crash") { _ in }
        // No flush or shutdown: the writer must write on its own, as it must before a crash.
        var found = false
        for _ in 0..<500 where !found {
            found = ((try? TraceFileReader.read(path: path).spans.count) ?? 0) == 1
            if !found { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(found)
        tracer.shutdown()
        unlink(path)
    }

    @Test func aFullQueueDropsSpansAndSaysSoInTheFile() throws {
        let path = temporaryPath("dropped")
        let exporter = try JSONLFileExporter(path: path, capacity: 4)
        let tracer = CostTracer(exporter: exporter)
        for index in 0..<5_000 { tracer.withSpan("span \(index)") { _ in } }
        tracer.flush()
        tracer.shutdown()
        tracer.withSpan("after shutdown") { _ in }
        let contents = try TraceFileReader.read(path: path)
        let droppedInFile = contents.dropped.reduce(0) { $0 + $1.count }
        // Every span is either written or counted as dropped, in the file and by the exporter.
        #expect(Int64(contents.spans.count) + droppedInFile == 5_000)
        #expect(exporter.droppedSpanCount == droppedInFile + 1)
        unlink(path)
    }

    @Test func flushWaitsUntilEverySpanIsWritten() throws {
        let path = temporaryPath("flush")
        let exporter = try JSONLFileExporter(path: path, capacity: 1_000_000)
        let tracer = CostTracer(exporter: exporter)
        for index in 0..<20_000 { tracer.withSpan("span \(index)") { _ in } }
        tracer.flush()
        #expect(try TraceFileReader.read(path: path).spans.count == 20_000)
        #expect(exporter.droppedSpanCount == 0)
        tracer.shutdown()
        unlink(path)
    }

    @Test func anUnwritablePathIsAnError() {
        #expect(throws: FileError.self) { try JSONLFileExporter(path: "/nonexistent-dir/x.jsonl") }
    }
}

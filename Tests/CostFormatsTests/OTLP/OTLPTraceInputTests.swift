import CostFormats
import CostModel
import Foundation
import Testing

/// Telling CostTrace's format from OTLP/JSON, and reading either through one entry point.
struct OTLPTraceInputTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sampleTrace(_ name: String) -> String { repositoryRoot.appendingPathComponent("traces/\(name)").path }

    @Test(arguments: [
        "genai-openai-agent.jsonl", "genai-anthropic-pretty.json", "openinference-rag.jsonl",
        "openllmetry-workflow.jsonl", "split-gateway.jsonl",
    ])
    func otlpFilesAreDetected(name: String) throws {
        #expect(try TraceFileKind.detect(path: OTLPFixtures.path(name)) == .otlp)
    }

    @Test(arguments: ["research-agent.jsonl", "coding-agent-gpu.jsonl", "support-workflow.jsonl"])
    func costTraceFilesAreDetected(name: String) throws {
        #expect(try TraceFileKind.detect(path: Self.sampleTrace(name)) == .costtrace)
    }

    @Test(arguments: [
        ("", TraceFileKind.costtrace),
        ("\n \n\t\n", .costtrace),
        (#"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}"#, .costtrace),
        (#"  {"type":"dropped","v":1,"count":2}"#, .costtrace),
        (#"{"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","v":1}"#, .costtrace),
        ("\r\n\n" + #"{"resourceSpans":[]}"#, .otlp),
        (#"{ "resourceSpans" : [ ] }"#, .otlp),
        ("{\n  \"resourceSpans\": []\n}", .otlp),
        ("  {  \r\n", .otlp),
        (#"{"schemaUrl":"x","resourceSpans":[]}"#, .otlp),
        ("not json", .costtrace),
    ])
    func theFirstNonBlankLineTellsTheFormat(text: String, expected: TraceFileKind) throws {
        try withTemporaryFile([UInt8](text), name: "input") { path in
            let kind = try TraceFileKind.detect(path: path)
            #expect(kind == expected)
        }
    }

    @Test func otlpThroughTraceInputGivesWhatTheOTLPReaderGives() throws {
        for name in ["genai-openai-agent.jsonl", "genai-anthropic-pretty.json", "openinference-rag.jsonl"] {
            var spans: [SpanRecord] = []
            let summary = try TraceInput.forEachSpan(path: OTLPFixtures.path(name)) { spans.append($0) }
            #expect(summary.kind == .otlp)
            #expect(summary.spanCount == spans.count)
            #expect(summary.dropped.isEmpty)
            #expect(try spans == OTLPFixtures.spans(name))
        }
    }

    @Test func costTraceThroughTraceInputGivesWhatTheTraceFileReaderGivesWithDropNotices() throws {
        let notice = DroppedSpans(count: 3, atNanos: 99)
        let bytes = Fixtures.encode([.span(Fixtures.fullSpan), .dropped(notice), .span(Fixtures.minimalSpan)])
        try withTemporaryFile([UInt8]("\n") + bytes) { path in
            var spans: [SpanRecord] = []
            let summary = try TraceInput.forEachSpan(path: path) { spans.append($0) }
            #expect(summary == TraceInput.Summary(kind: .costtrace, spanCount: 2, dropped: [notice]))
            #expect(summary.droppedCount == 3)
            #expect(spans == [Fixtures.fullSpan, Fixtures.minimalSpan])

            var entries: [TraceFileEntry] = []
            var detected: [TraceFileKind] = []
            let kind = try TraceInput.forEachEntry(path: path) {
                entries.append($0)
            } detected: {
                detected.append($0)
            }
            #expect(kind == .costtrace)
            #expect(detected == [.costtrace])
            #expect(entries == [.span(Fixtures.fullSpan), .dropped(notice), .span(Fixtures.minimalSpan)])
        }
        let sample = Self.sampleTrace("research-agent.jsonl")
        let read = try TraceInput.read(path: sample)
        #expect(read.kind == .costtrace)
        #expect(read.contents.spans == (try TraceFileReader.read(path: sample).spans))
    }

    @Test func anEmptyFileIsAnEmptyCostTraceFile() throws {
        try withTemporaryFile([]) { path in
            let summary = try TraceInput.forEachSpan(path: path) { _ in Issue.record("no spans expected") }
            #expect(summary == TraceInput.Summary(kind: .costtrace))
        }
    }

    @Test func errorsOfEitherFormatNameTheFileAndLine() throws {
        try withTemporaryFile(
            [UInt8](#"{"resourceSpans":[]}"# + "\n" + #"{"resourceSpans":7}"# + "\n"), name: "otel.jsonl"
        ) { path in
            let error = try #require(throws: TraceFormatError.self) { try TraceInput.forEachSpan(path: path) { _ in } }
            #expect(error.description == "\(path):2: field 'resourceSpans': expected an array, found an integer")
        }
        try withTemporaryFile([UInt8](#"{"v":1,"trace_id":"x"}"# + "\n"), name: "trace.jsonl") { path in
            let error = try #require(throws: TraceFormatError.self) { try TraceInput.forEachSpan(path: path) { _ in } }
            #expect(error.line == 1)
            #expect(error.field == "trace_id")
        }
    }
}

import CostFormats
import CostModel
import Testing

/// A line built from a valid span line, with some members replaced, removed or added.
struct MalformedLine: Sendable, CustomTestStringConvertible {
    static let base: [(String, String)] = [
        ("v", "1"),
        ("trace_id", #""4bf92f3577b34da6a3ce929d0e0e4736""#),
        ("span_id", #""00f067aa0ba902b7""#),
        ("kind", #""llm""#),
        ("name", #""chat""#),
        ("start_ns", "10"),
        ("end_ns", "20"),
    ]

    var text: String
    var field: String
    var message: String

    /// - Parameters:
    ///   - changes: Member name → raw JSON value; `nil` removes the member. Names not in the base
    ///     line are added at the end.
    init(_ changes: KeyValuePairs<String, String?>, field: String, message: String) {
        var members = Self.base.map { ($0.0, Optional($0.1)) }
        for (key, value) in changes {
            if let index = members.firstIndex(where: { $0.0 == key }) {
                members[index].1 = value
            } else {
                members.append((key, value))
            }
        }
        text = "{" + members.compactMap { key, value in value.map { "\"\(key)\":\($0)" } }.joined(separator: ",") + "}"
        self.field = field
        self.message = message
    }

    init(text: String, field: String = "", message: String) {
        self.text = text
        self.field = field
        self.message = message
    }

    var testDescription: String { field.isEmpty ? text : "\(field): \(text)" }
}

struct MalformedTraceLineTests {
    static let kinds = "workflow, agent, step, llm, embedding, retrieval, tool, gpu, other"
    static let tokenKinds =
        "input, cache_read, cache_write_5m, cache_write_1h, output, reasoning, input_audio, output_audio, input_image, output_image"
    static let conventions = "costtrace, otel_genai, openai_chat, openai_responses, anthropic, gemini"

    static let fieldCases: [MalformedLine] = [
        MalformedLine(["v": nil], field: "v", message: "missing (the format version)"),
        MalformedLine(["v": "2"], field: "v", message: "version 2 is not supported (this build reads version 1)"),
        MalformedLine(["v": "0"], field: "v", message: "version 0 is not supported (this build reads version 1)"),
        MalformedLine(["v": #""one""#], field: "v", message: "expected an integer, found a string"),
        MalformedLine(["v": "1.0"], field: "v", message: "expected an integer, found a fractional number"),
        MalformedLine(["trace_id": nil], field: "trace_id", message: "missing"),
        MalformedLine(["trace_id": #""4bf92f3577b34da6""#], field: "trace_id", message: "expected 32 hex digits, not all zero"),
        MalformedLine(
            ["trace_id": #""00000000000000000000000000000000""#], field: "trace_id",
            message: "expected 32 hex digits, not all zero"),
        MalformedLine(["trace_id": "42"], field: "trace_id", message: "expected a string, found an integer"),
        MalformedLine(["span_id": nil], field: "span_id", message: "missing"),
        MalformedLine(["span_id": #""00f067aa0ba902bz""#], field: "span_id", message: "expected 16 hex digits, not all zero"),
        MalformedLine(["span_id": #""00f067aa0ba902b""#], field: "span_id", message: "expected 16 hex digits, not all zero"),
        MalformedLine(["parent_span_id": #""""#], field: "parent_span_id", message: "expected 16 hex digits, not all zero"),
        MalformedLine(["kind": nil], field: "kind", message: "missing"),
        MalformedLine(["kind": #""chain""#], field: "kind", message: "unknown kind 'chain' (expected one of \(kinds))"),
        MalformedLine(["kind": #""LLM""#], field: "kind", message: "unknown kind 'LLM' (expected one of \(kinds))"),
        MalformedLine(["name": nil], field: "name", message: "missing"),
        MalformedLine(["name": "3"], field: "name", message: "expected a string, found an integer"),
        MalformedLine(["start_ns": nil], field: "start_ns", message: "missing"),
        MalformedLine(["start_ns": "1.5"], field: "start_ns", message: "expected an integer, found a fractional number"),
        MalformedLine(["start_ns": "1e9"], field: "start_ns", message: "expected an integer, found a fractional number"),
        MalformedLine(["start_ns": #""soon""#], field: "start_ns", message: "expected an integer, found a string"),
        MalformedLine(["start_ns": "true"], field: "start_ns", message: "expected an integer, found a boolean"),
        MalformedLine(["end_ns": "5"], field: "end_ns", message: "ends (5) before it starts (10)"),
        MalformedLine(["status": #""failed""#], field: "status", message: "expected unset, ok or error"),
        MalformedLine(["error": "false"], field: "error", message: "expected a string, found a boolean"),
        MalformedLine(["usage": #"{"input":-5}"#], field: "usage.input", message: "is negative (-5)"),
        MalformedLine(["usage": #"{"input":10,"cache_read":-1}"#], field: "usage.cache_read", message: "is negative (-1)"),
        MalformedLine(
            ["usage": #"{"output":10,"reasoning":11}"#], field: "usage.reasoning",
            message: "(11) is more than usage.output (10), which includes it"),
        MalformedLine(["usage": #"{"reasoning":1}"#], field: "usage.reasoning", message: "(1) is more than usage.output (0), which includes it"),
        MalformedLine(
            ["usage": #"{"input":1,"cached":5}"#], field: "usage.cached",
            message: "unknown token kind (expected one of \(tokenKinds))"),
        MalformedLine(["usage": #"{"output":2.5}"#], field: "usage.output", message: "expected an integer, found a fractional number"),
        MalformedLine(["usage": "[1,2]"], field: "usage", message: "expected an object, found an array"),
        MalformedLine(
            ["raw_usage": #"{"convention":"bedrock","fields":{}}"#], field: "raw_usage.convention",
            message: "unknown convention (expected one of \(conventions))"),
        MalformedLine(["raw_usage": #"{"fields":{}}"#], field: "raw_usage.convention", message: "missing"),
        MalformedLine(["raw_usage": #"{"convention":"anthropic"}"#], field: "raw_usage.fields", message: "missing"),
        MalformedLine(
            ["raw_usage": #"{"convention":"anthropic","fields":{"input_tokens":"many"}}"#],
            field: "raw_usage.fields.input_tokens", message: "expected an integer, found a string"),
        MalformedLine(["units": #"{"web_search":true}"#], field: "units.web_search", message: "expected an integer, found a boolean"),
        MalformedLine(["tool": "{}"], field: "tool.name", message: "missing"),
        MalformedLine(["tool": #"{"name":"search","calls":"two"}"#], field: "tool.calls", message: "expected an integer, found a string"),
        MalformedLine(["gpu": #"{"device":"H100","count":1}"#], field: "gpu.busy_ns", message: "missing"),
        MalformedLine(["gpu": #""H100""#], field: "gpu.device", message: "missing"),
        MalformedLine(
            ["reported_cost_usd": #""12,40""#], field: "reported_cost_usd",
            message: #"expected a decimal amount such as "0.0123""#),
        MalformedLine(
            ["reported_cost_usd": #""$0.01""#], field: "reported_cost_usd",
            message: #"expected a decimal amount such as "0.0123""#),
        MalformedLine(
            ["reported_cost_usd": #""1e-3""#], field: "reported_cost_usd",
            message: #"expected a decimal amount such as "0.0123""#),
        MalformedLine(["reported_cost_usd": "0.5"], field: "reported_cost_usd", message: "expected a string, found a fractional number"),
        MalformedLine(
            ["reported_cost_usd": #""5000000000""#], field: "reported_cost_usd",
            message: "is more than $1,000,000 for one span (a unit mistake?); totals of such spans would not fit"),
        MalformedLine(
            ["attributes": #"{"tags":["a","b"]}"#], field: "attributes.tags",
            message: "expected a string, number or boolean, found an array"),
        MalformedLine(
            ["resource": #"{"service":{"name":"x"}}"#], field: "resource.service",
            message: "expected a string, number or boolean, found an object"),
        MalformedLine(["attributes": "[]"], field: "attributes", message: "expected an object, found an array"),
        MalformedLine(["type": #""metric""#], field: "type", message: "unknown line type 'metric' (expected span or dropped)"),
        MalformedLine(["type": "1"], field: "type", message: "expected a string, found an integer"),
        MalformedLine(text: #"{"v":1,"type":"dropped"}"#, field: "count", message: "missing"),
        MalformedLine(text: #"{"v":1,"type":"dropped","count":1.5}"#, field: "count", message: "expected an integer, found a fractional number"),
    ]

    @Test(arguments: fieldCases)
    func aBadFieldIsNamedWithFileAndLine(bad: MalformedLine) {
        let error = #expect(throws: TraceFormatError.self) {
            try TraceLineDecoder().decode(bad.text, file: "traces/bad.jsonl", line: 7)
        }
        #expect(error?.file == "traces/bad.jsonl")
        #expect(error?.line == 7)
        #expect(error?.field == bad.field)
        #expect(error?.message == bad.message)
        #expect(error?.description == "traces/bad.jsonl:7: field '\(bad.field)': \(bad.message)")
    }

    @Test func theBaseLineOfTheseCasesIsValid() throws {
        let line = MalformedLine([:], field: "", message: "")
        guard case .span(let span) = try TraceLineDecoder().decode(line.text) else {
            Issue.record("not a span")
            return
        }
        #expect(span.name == "chat")
        #expect(span.kind == .llm)
    }

    @Test func theDescriptionNamesPathLineAndDottedField() {
        let error = #expect(throws: TraceFormatError.self) {
            try TraceLineDecoder().decode(MalformedLine(["usage": #"{"input":-5}"#], field: "", message: "").text, file: "run.jsonl", line: 12)
        }
        #expect(error?.description == "run.jsonl:12: field 'usage.input': is negative (-5)")
    }

    static let lineCases: [MalformedLine] = [
        MalformedLine(text: "hello", message: "invalid JSON at byte 1:"),
        MalformedLine(text: #"{"v":1,"trace_id":}"#, message: "invalid JSON at byte 19:"),
        MalformedLine(text: #"{"v":1,"#, message: "invalid JSON at byte 8: the JSON text ends before the document does"),
        MalformedLine(text: #"{"v":1}{"v":1}"#, message: "invalid JSON at byte 8: text after the document"),
        MalformedLine(text: #"{"v":1} x"#, message: "invalid JSON at byte 9: text after the document"),
        MalformedLine(text: "[1,2]", message: "expected an object, found an array"),
        MalformedLine(text: #""span""#, message: "expected an object, found a string"),
        MalformedLine(text: "", message: "invalid JSON at byte 1: the JSON text ends before the document does"),
    ]

    @Test(arguments: lineCases)
    func aLineThatIsNotAJSONObjectIsReportedWithoutAField(bad: MalformedLine) {
        let error = #expect(throws: TraceFormatError.self) {
            try TraceLineDecoder().decode(bad.text, file: "t.jsonl", line: 3)
        }
        #expect(error?.field == "")
        #expect(error?.message.hasPrefix(bad.message) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("t.jsonl:3: \(bad.message)") == true)
    }

    @Test func everyTruncationOfALineIsAnErrorSayingTheTextEndsEarly() {
        // What a crash in the middle of a write leaves behind, at every possible byte.
        let line = Array(Fixtures.encode([.span(Fixtures.fullSpan)]).dropLast())
        let decoder = TraceLineDecoder()
        for length in 1..<line.count {
            let prefix = Array(line.prefix(length))
            do {
                let entry = try prefix.withUnsafeBytes { try decoder.decode($0, file: "t.jsonl", line: 1) }
                Issue.record("a line cut at byte \(length) decoded as \(entry)")
            } catch let error as TraceFormatError {
                #expect(error.field == "")
                #expect(error.message.hasSuffix("the JSON text ends before the document does"), "cut at \(length): \(error)")
            } catch {
                Issue.record("cut at \(length): unexpected \(error)")
            }
        }
    }

    @Test func theDecoderStillWorksAfterAnError() throws {
        let decoder = TraceLineDecoder()
        #expect(throws: TraceFormatError.self) { try decoder.decode(#"{"v":1,"#) }
        #expect(throws: TraceFormatError.self) { try decoder.decode("garbage") }
        let line = String(Fixtures.line(.span(Fixtures.minimalSpan)).dropLast())
        #expect(try decoder.decode(line) == .span(Fixtures.minimalSpan))
    }

    @Test(arguments: [
        "9223372036854775808",  // Int64.max + 1
        "18446744073709551615",  // UInt64.max
        "99999999999999999999999",
    ])
    func anIntegerTooLargeForSixtyFourBitsIsAnErrorNotAClampedValue(number: String) {
        let error = #expect(throws: TraceFormatError.self) {
            try TraceLineDecoder().decode(MalformedLine(["usage": "{\"input\":\(number)}"], field: "", message: "").text)
        }
        #expect(error?.field == "usage.input")
        #expect(error?.message == "is too large for a 64-bit integer")
    }

    @Test func theLargestAndSmallestSixtyFourBitIntegersAreRead() throws {
        let line = MalformedLine(
            ["start_ns": "-9223372036854775808", "end_ns": "9223372036854775807", "attributes": #"{"max":9223372036854775807}"#],
            field: "", message: ""
        ).text
        guard case .span(let span) = try TraceLineDecoder().decode(line) else {
            Issue.record("not a span")
            return
        }
        #expect(span.startNanos == .min)
        #expect(span.endNanos == .max)
        #expect(span.attributes["max"] == .int(.max))
    }
}

import CostFormats
import CostModel
import Testing

/// Malformed OTLP/JSON: every error names the file, the line and the field.
struct OTLPMalformedInputTests {
    static let hexTrace = "expected 32 hex digits, not all zero"
    static let hexSpan = "expected 16 hex digits, not all zero"

    static let fieldCases: [OTLPSpanDocument] = [
        OTLPSpanDocument(["traceId": nil], field: "traceId", message: "missing"),
        OTLPSpanDocument(["traceId": "42"], field: "traceId", message: "expected a string, found an integer"),
        OTLPSpanDocument(["traceId": #""4bf92f35""#], field: "traceId", message: #"\#(hexTrace), found "4bf92f35""#),
        OTLPSpanDocument(
            ["traceId": #""00000000000000000000000000000000""#], field: "traceId",
            message: #"\#(hexTrace), found "00000000000000000000000000000000""#),
        OTLPSpanDocument(
            ["traceId": #""S/kvNXezTaajzpKdDg5HNg==""#], field: "traceId",
            message:
                #"\#(hexTrace), found "S/kvNXezTaajzpKdDg5HNg==", which looks like base64 (OTLP/JSON writes ids in hex)"#
        ),
        OTLPSpanDocument(["spanId": nil], field: "spanId", message: "missing"),
        OTLPSpanDocument(
            ["spanId": #""00f067aa0ba902bz""#], field: "spanId", message: #"\#(hexSpan), found "00f067aa0ba902bz""#),
        OTLPSpanDocument(
            ["spanId": #""APBnqguaArc=""#], field: "spanId",
            message: #"\#(hexSpan), found "APBnqguaArc=", which looks like base64 (OTLP/JSON writes ids in hex)"#),
        OTLPSpanDocument(
            ["parentSpanId": #""5399""#], field: "parentSpanId",
            message: #"\#(hexSpan), or empty for a root, found "5399""#),
        OTLPSpanDocument(["name": nil], field: "name", message: "missing"),
        OTLPSpanDocument(["name": "7"], field: "name", message: "expected a string, found an integer"),
        OTLPSpanDocument(
            ["kind": #""CLIENT""#], field: "kind",
            message: #"unknown span kind "CLIENT" (expected 0 to 5 or SPAN_KIND_…)"#),
        OTLPSpanDocument(["kind": "9"], field: "kind", message: "unknown span kind 9 (expected 0 to 5 or SPAN_KIND_…)"),
        OTLPSpanDocument(["kind": "true"], field: "kind", message: "expected an integer, found a boolean"),
        OTLPSpanDocument(["startTimeUnixNano": nil], field: "startTimeUnixNano", message: "missing"),
        OTLPSpanDocument(["endTimeUnixNano": nil], field: "endTimeUnixNano", message: "missing"),
        OTLPSpanDocument(
            ["startTimeUnixNano": #""soon""#], field: "startTimeUnixNano",
            message: #"expected an integer, found "soon""#),
        OTLPSpanDocument(
            ["startTimeUnixNano": "1.5e18"], field: "startTimeUnixNano",
            message: "expected an integer, found a fractional number"),
        OTLPSpanDocument(["startTimeUnixNano": #""-5""#], field: "startTimeUnixNano", message: "is negative (-5)"),
        OTLPSpanDocument(
            ["endTimeUnixNano": #""18446744073709551615""#], field: "endTimeUnixNano",
            message: "is too large for a 64-bit integer"),
        OTLPSpanDocument(
            ["endTimeUnixNano": "18446744073709551615"], field: "endTimeUnixNano",
            message: "is too large for a 64-bit integer"),
        OTLPSpanDocument(
            ["endTimeUnixNano": #""1793609999000000000""#], field: "endTimeUnixNano",
            message: "ends (1793609999000000000) before it starts (1793610000000000000)"),
        OTLPSpanDocument(["status": "2"], field: "status", message: "expected an object, found an integer"),
        OTLPSpanDocument(
            ["status": #"{"code":7}"#], field: "status.code",
            message:
                "unknown status code 7 (expected 0 (unset), 1 (ok), 2 (error) or STATUS_CODE_UNSET, STATUS_CODE_OK, STATUS_CODE_ERROR)"
        ),
        OTLPSpanDocument(
            ["status": #"{"code":"ERROR"}"#], field: "status.code",
            message:
                #"unknown status code "ERROR" (expected 0 (unset), 1 (ok), 2 (error) or STATUS_CODE_UNSET, STATUS_CODE_OK, STATUS_CODE_ERROR)"#
        ),
        OTLPSpanDocument(
            ["status": #"{"code":2,"message":5}"#], field: "status.message",
            message: "expected a string, found an integer"),
        OTLPSpanDocument(
            ["status": #"{"code":2}"#, "events": #"[{"name":"exception","attributes":{}}]"#],
            field: "events[0].attributes",
            message: "expected an array, found an object"),
        OTLPSpanDocument(["attributes": "{}"], field: "attributes", message: "expected an array, found an object"),
        OTLPSpanDocument(
            ["attributes": "[7]"], field: "attributes[0]", message: "expected an object, found an integer"),
        OTLPSpanDocument(
            ["attributes": #"[{"value":{"stringValue":"x"}}]"#], field: "attributes[0].key", message: "missing"),
        OTLPSpanDocument(
            ["attributes": #"[{"key":"a","value":"x"}]"#], field: "attributes.a",
            message: "expected an object, found a string"),
        OTLPSpanDocument(
            attributes: ["http.response.status_code": #"{"intValue":"2OO"}"#],
            field: "attributes.http.response.status_code.intValue",
            message: #"expected an integer, found "2OO""#),
        OTLPSpanDocument(
            attributes: ["sampled": #"{"boolValue":"yes"}"#], field: "attributes.sampled.boolValue",
            message: "expected true or false, found a string"),
        OTLPSpanDocument(
            attributes: ["ratio": #"{"doubleValue":"half"}"#], field: "attributes.ratio.doubleValue",
            message: #"expected a number, found "half""#),
        OTLPSpanDocument(
            attributes: ["tags": #"{"arrayValue":{"values":[{"intValue":{}}]}}"#],
            field: "attributes.tags.arrayValue.values[0].intValue",
            message: "expected an integer, found an object"),
        // Impossible usage is reported on the attribute, never clamped.
        OTLPSpanDocument(
            attributes: [
                "gen_ai.operation.name": AnyValueJSON.string("chat"),
                "gen_ai.usage.input_tokens": AnyValueJSON.int(1_800),
                "gen_ai.usage.cache_read.input_tokens": AnyValueJSON.int(24_000),
            ],
            field: "attributes.gen_ai.usage.input_tokens",
            message: "(1800) is less than gen_ai.usage.cache_read.input_tokens (24000), which it includes"),
        OTLPSpanDocument(
            attributes: [
                "gen_ai.usage.input_tokens": AnyValueJSON.int(1_000),
                "gen_ai.usage.cache_read.input_tokens": AnyValueJSON.int(800),
                "gen_ai.usage.cache_creation.input_tokens": AnyValueJSON.int(300),
            ],
            field: "attributes.gen_ai.usage.input_tokens",
            message:
                "(1000) is less than gen_ai.usage.cache_read.input_tokens (800) + gen_ai.usage.cache_creation.input_tokens (300), which it includes"
        ),
        OTLPSpanDocument(
            attributes: [
                "gen_ai.usage.output_tokens": AnyValueJSON.int(100),
                "gen_ai.usage.reasoning.output_tokens": AnyValueJSON.int(400),
            ],
            field: "attributes.gen_ai.usage.output_tokens",
            message: "(100) is less than gen_ai.usage.reasoning.output_tokens (400), which it includes"),
        OTLPSpanDocument(
            attributes: ["gen_ai.usage.cache_read.input_tokens": AnyValueJSON.int(50)],
            field: "attributes.gen_ai.usage.input_tokens",
            message: "missing, though it includes gen_ai.usage.cache_read.input_tokens (50)"),
        OTLPSpanDocument(
            attributes: [
                "gen_ai.usage.prompt_tokens": AnyValueJSON.int(10),
                "gen_ai.usage.cache_read_input_tokens": AnyValueJSON.int(12),
            ],
            field: "attributes.gen_ai.usage.prompt_tokens",
            message: "(10) is less than gen_ai.usage.cache_read_input_tokens (12), which it includes"),
        OTLPSpanDocument(
            attributes: [
                "openinference.span.kind": AnyValueJSON.string("LLM"),
                "llm.token_count.prompt": AnyValueJSON.int(100),
                "llm.token_count.prompt_details.cache_write": AnyValueJSON.int(101),
            ],
            field: "attributes.llm.token_count.prompt",
            message: "(100) is less than llm.token_count.prompt_details.cache_write (101), which it includes"),
        OTLPSpanDocument(
            attributes: ["gen_ai.usage.output_tokens": AnyValueJSON.int(-3)],
            field: "attributes.gen_ai.usage.output_tokens", message: "is negative (-3)"),
        OTLPSpanDocument(
            attributes: ["gen_ai.usage.input_tokens": AnyValueJSON.string("lots")],
            field: "attributes.gen_ai.usage.input_tokens", message: #"expected an integer token count, found "lots""#),
        OTLPSpanDocument(
            attributes: ["gen_ai.usage.input_tokens": #"{"doubleValue":12.5}"#],
            field: "attributes.gen_ai.usage.input_tokens", message: "expected an integer token count, found 12.5"),
        OTLPSpanDocument(
            attributes: ["costtrace.kind": AnyValueJSON.string("gpus")],
            field: "attributes.costtrace.kind",
            message:
                "unknown kind 'gpus' (expected one of workflow, agent, step, llm, embedding, retrieval, tool, gpu, other)"
        ),
        OTLPSpanDocument(
            attributes: [
                "costtrace.gpu.device": AnyValueJSON.string("H100"), "costtrace.gpu.count": AnyValueJSON.string("two"),
            ],
            field: "attributes.costtrace.gpu.count", message: #"expected a non-negative integer, found "two""#),
    ]

    @Test(arguments: fieldCases)
    func aMalformedSpanNamesTheFileTheLineAndTheField(document: OTLPSpanDocument) {
        #expect {
            try document.decode()
        } throws: { error in
            guard let error = error as? TraceFormatError else { return false }
            #expect(error.file == "trace.jsonl")
            #expect(error.line == 7)
            #expect(error.field == document.field)
            #expect(error.message == document.message)
            #expect(error.description == "trace.jsonl:7: field '\(document.field)': \(document.message)")
            return true
        }
    }

    static let documentCases: [OTLPSpanDocument] = [
        OTLPSpanDocument(text: "[]", message: "expected an object (an OTLP ExportTraceServiceRequest), found an array"),
        OTLPSpanDocument(text: "null", message: "expected an object (an OTLP ExportTraceServiceRequest), found null"),
        OTLPSpanDocument(
            text: #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}"#, field: "resourceSpans",
            message: "missing (not an OTLP/JSON ExportTraceServiceRequest)"),
        OTLPSpanDocument(
            text: #"{"resourceSpans":{}}"#, field: "resourceSpans", message: "expected an array, found an object"),
        OTLPSpanDocument(
            text: #"{"resourceSpans":[null]}"#, field: "resourceSpans[0]", message: "expected an object, found null"),
        OTLPSpanDocument(
            text: #"{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"intValue":true}}]}}]}"#,
            field: "resourceSpans[0].resource.attributes.k.intValue", message: "expected an integer, found a boolean"),
        OTLPSpanDocument(
            text: #"{"resourceSpans":[{"scopeSpans":"none"}]}"#, field: "resourceSpans[0].scopeSpans",
            message: "expected an array, found a string"),
        OTLPSpanDocument(
            text: #"{"resourceSpans":[{"scopeSpans":[{"scope":{"name":1}}]}]}"#,
            field: "resourceSpans[0].scopeSpans[0].scope.name",
            message: "expected a string, found an integer"),
        OTLPSpanDocument(
            text: #"{"resourceSpans":[{"scopeSpans":[{"spans":[{},null]}]}]}"#,
            field: "resourceSpans[0].scopeSpans[0].spans[0].traceId", message: "missing"),
        OTLPSpanDocument(
            text: #"{"resourceSpans":[{"scopeSpans":[{"spans":"#,
            message: "invalid JSON at byte 43: the JSON text ends before the document does"),
        OTLPSpanDocument(
            text: #"{"resourceSpans":[]} {}"#, message: "invalid JSON at byte 22: text after the document"),
        OTLPSpanDocument(text: #"{"resourceSpans":[}"#, message: "invalid JSON at byte 19: unexpected character"),
    ]

    @Test(arguments: documentCases)
    func aMalformedDocumentNamesTheFileTheLineAndTheField(document: OTLPSpanDocument) {
        #expect {
            try document.decode()
        } throws: { error in
            guard let error = error as? TraceFormatError else { return false }
            #expect(error.line == 7)
            #expect(error.field == document.field)
            #expect(error.message == document.message)
            return true
        }
    }

    static func error(reading bytes: [UInt8], name: String = "otel.jsonl") throws -> (TraceFormatError, [SpanRecord]) {
        try withTemporaryFile(bytes, name: name) { path in
            var spans: [SpanRecord] = []
            let error = try #require(throws: TraceFormatError.self) {
                try OTLPTraceReader.forEachSpan(path: path) { spans.append($0) }
            }
            #expect(error.file == path)
            return (error, spans)
        }
    }

    @Test func aBadLineOfAJSONLinesFileIsNamedAfterTheSpansOfTheLinesBeforeIt() throws {
        let good = try OTLPFixtures.bytes("split-gateway.jsonl")
        let (error, spans) = try Self.error(reading: good + [UInt8]("\n{\"resourceSpans\":[}\n") + good)
        #expect(error.line == 3)
        #expect(error.message == "invalid JSON at byte 19: unexpected character")
        #expect(spans.count == 2)
    }

    @Test func aLastLineCutShortByACrashIsReported() throws {
        let good = try OTLPFixtures.bytes("split-gateway.jsonl")
        let (error, spans) = try Self.error(reading: good + good.prefix(200))
        #expect(error.line == 2)
        #expect(error.field == "")
        #expect(error.message == "invalid JSON at byte 201: the JSON text ends before the document does")
        #expect(spans.count == 2)
    }

    @Test func aLineCutShortInTheMiddleOfAJSONLinesFileIsReportedOnItsOwnLine() throws {
        let good = try OTLPFixtures.bytes("split-gateway.jsonl")
        let (error, _) = try Self.error(reading: good + good.prefix(200) + [UInt8]("\n") + good)
        #expect(error.line == 2)
        #expect(error.message == "invalid JSON at byte 201: the JSON text ends before the document does")
    }

    @Test func aSyntaxErrorInAPrettyPrintedDocumentIsNamedOnItsLine() throws {
        var text = String(decoding: try OTLPFixtures.bytes("genai-anthropic-pretty.json"), as: UTF8.self)
        text = text.replacingOccurrences(
            of: #""name": "chat claude-sonnet-4-5","#, with: #""name": "chat claude-sonnet-4-5" oops,"#)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLine = try #require(lines.firstIndex { $0.contains("oops") }) + 1
        let (error, spans) = try Self.error(reading: [UInt8](text), name: "pretty.json")
        #expect(error.line == expectedLine)
        #expect(error.field == "")
        #expect(error.message.hasPrefix("invalid JSON at byte "))
        #expect(spans.isEmpty)
    }

    @Test func aFieldErrorInAPrettyPrintedDocumentIsNamedOnTheLineTheDocumentStarts() throws {
        var text = String(decoding: try OTLPFixtures.bytes("genai-anthropic-pretty.json"), as: UTF8.self)
        text = text.replacingOccurrences(of: #""intValue": 27800"#, with: #""intValue": 2780"#)
        let (error, _) = try Self.error(reading: [UInt8]("\n\n" + text), name: "pretty.json")
        #expect(error.line == 3)
        #expect(error.field == "resourceSpans[0].scopeSpans[0].spans[1].attributes.gen_ai.usage.input_tokens")
        #expect(
            error.message
                == "(2780) is less than gen_ai.usage.cache_read.input_tokens (24000) + gen_ai.usage.cache_creation.input_tokens (2000), which it includes"
        )
    }

    @Test func aPrettyPrintedDocumentCutShortIsReportedAtTheEnd() throws {
        let bytes = try OTLPFixtures.bytes("genai-anthropic-pretty.json")
        let cut = Array(bytes.prefix(bytes.count / 2))
        let lineCount = cut.split(separator: 0x0A, omittingEmptySubsequences: false).count
        let (error, _) = try Self.error(reading: cut, name: "pretty.json")
        #expect(error.line == lineCount)
        #expect(error.message.hasSuffix("the JSON text ends before the document does"))
    }

    @Test func impossibleUsageInAFileNamesTheFileLineAndAttribute() throws {
        var text = String(decoding: try OTLPFixtures.bytes("genai-openai-agent.jsonl"), as: UTF8.self)
        text = text.replacingOccurrences(
            of: #"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"3050"}}"#,
            with: #"{"key":"gen_ai.usage.input_tokens","value":{"intValue":"30"}}"#)
        text = text.replacingOccurrences(
            of: #"{"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":"0"}}"#,
            with: #"{"key":"gen_ai.usage.cache_read.input_tokens","value":{"intValue":"2048"}}"#)
        let (error, spans) = try Self.error(reading: [UInt8](text))
        #expect(error.line == 1)
        #expect(error.field == "resourceSpans[0].scopeSpans[0].spans[2].attributes.gen_ai.usage.input_tokens")
        #expect(error.message == "(30) is less than gen_ai.usage.cache_read.input_tokens (2048), which it includes")
        #expect(
            error.description.hasPrefix(
                "\(error.file):1: field 'resourceSpans[0].scopeSpans[0].spans[2].attributes.gen_ai.usage.input_tokens': "
            ))
        #expect(spans.isEmpty)
    }

    @Test func aFileThatDoesNotExistIsAFileError() {
        #expect(throws: FileError.self) { try OTLPTraceReader.read(path: "/nonexistent/otel.jsonl") }
    }
}

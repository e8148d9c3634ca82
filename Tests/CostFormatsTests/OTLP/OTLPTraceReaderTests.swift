import CostFormats
import CostModel
import Testing

/// Reading OTLP/JSON files: layouts, documents and files that share a trace, and field encodings.
struct OTLPTraceReaderTests {
    @Test func aTraceSplitAcrossTwoDocumentsOnTwoLinesComesBackAsOneTree() throws {
        let spans = try OTLPFixtures.spans("genai-openai-agent.jsonl")
        #expect(
            spans.map(\.spanID.hex) == [
                "eee19b7ec3c1b174", "7d3a9e1f0b2c4d58", "9c4f1e2d3b5a6978", "3e5d7c9b1a2f4e6d", "a1b2c3d4e5f60718",
            ])
        #expect(Set(spans.map(\.traceID)) == [TraceID(hex: "5b8efff798038103d269b633813fc60c")!])
        let tree = SpanTree(spans: spans)
        #expect(tree.roots.count == 1)
        let root = tree.nodes[tree.roots[0]]
        #expect(root.record.name == "invoke_agent support-bot")
        #expect(root.children.count == 4)
        #expect(tree.nodes.allSatisfy { !$0.parentIsMissing })
    }

    @Test func aTraceSplitAcrossTwoFilesComesBackAsOneTreeWithEachServicesResource() throws {
        let gateway = try OTLPFixtures.spans("split-gateway.jsonl")
        let worker = try OTLPFixtures.spans("split-worker.jsonl")
        let spans = gateway + worker
        #expect(Set(spans.map(\.traceID)) == [TraceID(hex: "7f3a9b2c4d5e6f708192a3b4c5d6e7f8")!])
        let tree = SpanTree(spans: spans)
        #expect(tree.roots.count == 1)
        #expect(tree.nodes.allSatisfy { !$0.parentIsMissing })
        let calls = tree.nodes.filter { $0.record.kind == .llm }
        #expect(calls.count == 2)
        for call in calls {
            #expect(call.depth == 2)
            #expect(call.record.resource["service.name"] == "llm-worker")
            #expect(tree.nodes[call.parent!].record.name == "invoke_agent planner")
        }
        #expect(try gateway.span(named: "POST /v1/answer").resource["service.name"] == "gateway")
        #expect(try gateway.span(named: "POST /v1/answer").attributes["project"] == "atlas")
        // Neither file alone has the whole tree: the worker's spans name a parent it lacks.
        #expect(SpanTree(spans: worker).nodes.allSatisfy { $0.parentIsMissing })
    }

    @Test func aPrettyPrintedWholeFileDocumentIsRead() throws {
        let spans = try OTLPFixtures.spans("genai-anthropic-pretty.json")
        #expect(
            spans.map(\.name) == [
                "invoke_agent researcher", "chat claude-sonnet-4-5", "chat claude-sonnet-4-5", "execute_tool web_fetch",
            ])
        #expect(spans.allSatisfy { $0.traceID.hex == "0af7651916cd43dd8448eb211c80319c" })
    }

    @Test func idsAndTimesAsStringsOrNumbersAndKindsAsIntegersOrNamesReadAlike() throws {
        // genai-openai-agent.jsonl writes times and integers as strings and kinds as integers;
        // genai-anthropic-pretty.json writes them as numbers and names.
        let fromStrings = try OTLPFixtures.spans("genai-openai-agent.jsonl").span("eee19b7ec3c1b174")
        #expect(fromStrings.startNanos == 1_793_610_001_000_000_000)
        #expect(fromStrings.endNanos == 1_793_610_003_250_000_000)
        let fromNumbers = try OTLPFixtures.spans("genai-anthropic-pretty.json").span("00f067aa0ba902b7")
        #expect(fromNumbers.startNanos == 1_793_610_002_000_000_000)
        #expect(fromNumbers.endNanos == 1_793_610_009_500_000_000)
        #expect(fromNumbers.parentSpanID == SpanID(hex: "b7ad6b7169203331"))

        var stringDocument = OTLPSpanDocument(["kind": #""SPAN_KIND_CLIENT""#], attributes: ["n": AnyValueJSON.int(7)])
        var numberDocument = OTLPSpanDocument(
            ["kind": "3", "startTimeUnixNano": "1793610000000000000", "endTimeUnixNano": "1793610002000000000"],
            attributes: ["n": #"{"intValue":7}"#])
        let upper = OTLPSpanDocument([
            "traceId": #""4BF92F3577B34DA6A3CE929D0E0E4736""#, "spanId": #""00F067AA0BA902B7""#,
        ])
        let fromText = try #require(try stringDocument.decode().first)
        #expect(try numberDocument.decode().first == fromText)
        #expect(try upper.decode().first == OTLPSpanDocument().decode().first)
        #expect(fromText.attributes["n"] == 7)
        stringDocument = OTLPSpanDocument(["kind": nil])
        numberDocument = OTLPSpanDocument(["kind": "0"])
        #expect(try stringDocument.decode().first == numberDocument.decode().first)
    }

    @Test(arguments: [
        (#"{"code":0}"#, SpanStatus.unset), (#"{"code":1}"#, .ok), (#"{"code":2}"#, .error),
        (#"{"code":"STATUS_CODE_UNSET"}"#, .unset), (#"{"code":"STATUS_CODE_OK"}"#, .ok),
        (#"{"code":"STATUS_CODE_ERROR","message":"boom"}"#, .error), ("{}", .unset),
    ])
    func statusCodesAsIntegersOrNamesAreRead(status: String, expected: SpanStatus) throws {
        let span = try #require(try OTLPSpanDocument(["status": status]).decode().first)
        #expect(span.status == expected)
        #expect(span.errorMessage == (status.contains("boom") ? "boom" : nil))
    }

    @Test func anErrorWithoutAMessageOrExceptionEventIsDescribedByItsErrorType() throws {
        let document = OTLPSpanDocument(
            ["status": #"{"code":2}"#], attributes: ["error.type": AnyValueJSON.string("timeout")])
        let span = try #require(try document.decode().first)
        #expect(span.errorMessage == "timeout")
        #expect(span.attributes["error.type"] == "timeout")
        let ok = OTLPSpanDocument(
            ["status": #"{"code":1,"message":"ignored"}"#], attributes: ["error.type": AnyValueJSON.string("x")])
        #expect(try ok.decode().first?.errorMessage == nil)
    }

    @Test func anEmptyOrZeroParentIdMakesARoot() throws {
        #expect(try OTLPSpanDocument(["parentSpanId": #""""#]).decode().first?.parentSpanID == nil)
        #expect(try OTLPSpanDocument(["parentSpanId": #""0000000000000000""#]).decode().first?.parentSpanID == nil)
        #expect(try OTLPSpanDocument(["parentSpanId": nil]).decode().first?.parentSpanID == nil)
    }

    @Test func arrayAndKeyValueListAttributesBecomeTheirPlainJSONText() throws {
        let document = OTLPSpanDocument(attributes: [
            "list":
                #"{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"2"},{"doubleValue":0.5},{"boolValue":true},{}]}}"#,
            "map":
                #"{"kvlistValue":{"values":[{"key":"k","value":{"stringValue":"v"}},{"key":"n","value":{"arrayValue":{}}}]}}"#,
            "bytes": #"{"bytesValue":"aGVsbG8="}"#,
            "nan": #"{"doubleValue":"NaN"}"#,
            "empty": "{}",
        ])
        let span = try #require(try document.decode().first)
        #expect(span.attributes["list"] == #"["a",2,0.5,true,null]"#)
        #expect(span.attributes["map"] == #"{"k":"v","n":[]}"#)
        #expect(span.attributes["bytes"] == "aGVsbG8=")
        #expect(span.attributes["nan"]?.text == "nan")
        #expect(span.attributes["empty"] == nil)
    }

    @Test func scopeAttributesAndTheScopeNameAreAddedWithoutOverridingTheSpans() throws {
        let text = #"""
            {"resourceSpans":[{"scopeSpans":[{"scope":{"name":"lib","version":"1.0","attributes":[{"key":"team","value":{"stringValue":"scope-team"}},{"key":"tier","value":{"stringValue":"gold"}}]},
            "spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","name":"s","startTimeUnixNano":"1","endTimeUnixNano":"2",
            "attributes":[{"key":"team","value":{"stringValue":"span-team"}}]}]}]}]}
            """#
        let span = try #require(try OTLPDocumentDecoder().decode(text).first)
        #expect(
            span.attributes == [
                "team": "span-team", "tier": "gold", "otel.scope.name": "lib", "otel.scope.version": "1.0",
            ])
        #expect(span.resource == [:])
    }

    @Test func olderCollectorsInstrumentationLibrarySpansAreRead() throws {
        let text = #"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"old"}}]},
            "instrumentationLibrarySpans":[{"instrumentationLibrary":{"name":"legacy"},
            "spans":[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","spanId":"00f067aa0ba902b7","name":"s","startTimeUnixNano":"1","endTimeUnixNano":"2"}]}]}]}
            """#
        let span = try #require(try OTLPDocumentDecoder().decode(text).first)
        #expect(span.attributes == ["otel.scope.name": "legacy"])
        #expect(span.resource == ["service.name": "old"])
    }

    @Test func anEmptyRequestAndEmptyResourcesHaveNoSpans() throws {
        let decoder = OTLPDocumentDecoder()
        #expect(try decoder.decode("{}").isEmpty)
        #expect(try decoder.decode(#"{"resourceSpans":[]}"#).isEmpty)
        #expect(try decoder.decode(#"{"resourceSpans":[{"resource":{}},{"scopeSpans":[{"scope":{}}]}]}"#).isEmpty)
    }

    @Test func blankLinesAndCRLFLineEndsAreSkippedAndALastLineWithoutNewlineIsRead() throws {
        let lines = try OTLPFixtures.bytes("openllmetry-workflow.jsonl").split(separator: 0x0A)
        #expect(lines.count == 2)
        let bytes = [UInt8]("\n  \r\n") + lines[0] + [UInt8]("\r\n\n\t\n") + lines[1]
        try withTemporaryFile(bytes, name: "otel.jsonl") { path in
            let spans = try OTLPTraceReader.read(path: path)
            #expect(try spans == OTLPFixtures.spans("openllmetry-workflow.jsonl"))
        }
    }

    @Test func prettyPrintedDocumentsThatFollowOneAnotherAreAllRead() throws {
        let pretty = try OTLPFixtures.bytes("genai-anthropic-pretty.json")
        let oneLine = try OTLPFixtures.bytes("split-worker.jsonl")
        try withTemporaryFile(pretty + [UInt8]("\n") + pretty + oneLine + pretty, name: "otel.json") { path in
            let spans = try OTLPTraceReader.read(path: path)
            let expected = try OTLPFixtures.spans("genai-anthropic-pretty.json")
            let worker = try OTLPFixtures.spans("split-worker.jsonl")
            #expect(spans == expected + expected + worker + expected)
        }
    }

    @Test func decodingADocumentFromBytesGivesItsSpans() throws {
        let bytes = try OTLPFixtures.bytes("genai-anthropic-pretty.json")
        let spans = try bytes.withUnsafeBytes { try OTLPDocumentDecoder().decode($0, file: "pretty.json", line: 1) }
        #expect(try spans == OTLPFixtures.spans("genai-anthropic-pretty.json"))
    }

    @Test func aLongJSONLinesFileIsStreamedDocumentByDocument() throws {
        let line = try OTLPFixtures.bytes("split-worker.jsonl")
        var bytes: [UInt8] = []
        for _ in 0..<2_000 { bytes += line }
        try withTemporaryFile(bytes, name: "many.jsonl") { path in
            var count = 0
            var input: Int64 = 0
            try OTLPTraceReader.forEachSpan(path: path) { span in
                count += 1
                input += span.usage.input
            }
            #expect(count == 4_000)
            #expect(input == 2_000 * 4_600)
        }
    }
}

import CostModel
import Foundation
import Testing

@testable import CostFormats

/// The parser of canonical lines must read exactly what json-c reads, and only lines that encode
/// back to themselves; everything else goes to json-c.
struct CanonicalSpanLineTests {
    /// Reads `line` both ways and checks that they agree, and that a canonical line encodes back to
    /// itself. Returns whether the fast path took it.
    @discardableResult
    private func check(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        var text = line
        return text.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            let fast = CanonicalSpanLineParser.span(bytes)
            let slow = Result { () throws(TraceFormatError) in
                try TraceLineDecoder().decodeWithJSONC(bytes, file: "f", line: 1)
            }
            guard let fast else { return false }
            #expect((try? slow.get()) == .span(fast), sourceLocation: sourceLocation)
            var encoded: [UInt8] = []
            TraceLineEncoder().encode(fast, into: &encoded)
            #expect(encoded.dropLast().elementsEqual(utf8), "\(line)", sourceLocation: sourceLocation)
            return true
        }
    }

    @Test func everyLineOfTheExampleTracesIsReadAsJSONCReadsIt() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../traces")
        var fast = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".jsonl") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where check(String(line)) { fast += 1 }
        }
        #expect(fast > 100)
    }

    @Test func aSpanThatTheEncoderWroteIsCanonicalUnlessItHasAFractionalNumber() {
        var span = Fixtures.fullSpan
        // Keys with escapes or beyond ASCII are left to json-c too (their order is `String`'s).
        span.attributes = span.attributes.filter { if case .double = $0.value { false } else { $0.key.utf8.allSatisfy { $0 < 0x80 } } }
        span.resource = span.resource.filter { if case .double = $0.value { false } else { true } }
        span.reportedCost = Money(decimal: "0.0123")
        span.units = ["web_search": 3, "image": 0]
        span.tool = ToolCall(name: "web_search", calls: 2)
        span.gpu = GPUUsage(device: "H100", count: 2, busyNanos: 15_600_000_000)
        span.serviceTier = "batch"
        #expect(check(String(Fixtures.line(.span(span)).dropLast())))
        #expect(!check(String(Fixtures.line(.span(Fixtures.fullSpan)).dropLast())))
    }

    @Test func linesInAnyOtherFormAreLeftToJSONC() {
        let base = #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":1,"end_ns":2"#
        #expect(check(base + "}"))
        #expect(check(base + #","model":"m","usage":{"input":5,"output":3,"reasoning":1}}"#))
        #expect(check(base + #","attributes":{"a":"x","b":-1,"c":true,"d":false,"e":"\u001f\n\\\"é"}}"#))
        for other in [
            base + " }", base + "} ", base + #","status":"unset"}"#, base + #","model":null}"#,
            base + #","usage":{}}"#, base + #","usage":{"input":0}}"#, base + #","usage":{"output":1,"input":5}}"#,
            base + #","usage":{"output":1,"reasoning":2}}"#, base + #","attributes":{}}"#,
            base + #","attributes":{"b":1,"a":2}}"#, base + #","attributes":{"a":1,"a":2}}"#,
            base + #","attributes":{"a":1.5}}"#, base + #","attributes":{"a":null}}"#,
            base + #","attributes":{"a":"\/"}}"#, base + #","attributes":{"a":"\u0041"}}"#,
            base + #","attributes":{"a":"\u000a"}}"#, base + #","attributes":{"a\n":1}}"#,
            base + #","unknown":1}"#, base + #","type":"span"}"#, base + #","units":{}}"#,
            base + #","reported_cost_usd":"0.012300"}"#, base + #","tool":{"name":"t"}}"#,
            #"{"v":1,"trace_id":"4BF92F3577B34DA6A3CE929D0E0E4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":1,"end_ns":2}"#,
            #"{"v":1,"trace_id":"00000000000000000000000000000000","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":1,"end_ns":2}"#,
            #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":3,"end_ns":2}"#,
            #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":01,"end_ns":2}"#,
            #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":-0,"end_ns":2}"#,
            #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":1,"end_ns":9223372036854775808}"#,
            #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":1,"end_ns":2e3}"#,
            #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"bogus","name":"n","start_ns":1,"end_ns":2}"#,
            #"{"v":2,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":1,"end_ns":2}"#,
            #"{"v":1,"type":"dropped","count":3,"time_ns":5}"#,
        ] {
            #expect(!check(other), "\(other)")
        }
    }

    @Test func theFastPathSeesTheLineThatTheStoreWillKeep() throws {
        let line = #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"n","start_ns":1,"end_ns":2}"#
        var text = line
        let result = try text.withUTF8 { try TraceLineDecoder().decodeNotingCanonical(UnsafeRawBufferPointer($0), file: "f", line: 1) }
        #expect(result.isCanonical)
        let spaced = line.replacingOccurrences(of: ",", with: ", ")
        var spacedText = spaced
        let other = try spacedText.withUTF8 { try TraceLineDecoder().decodeNotingCanonical(UnsafeRawBufferPointer($0), file: "f", line: 1) }
        #expect(!other.isCanonical)
        #expect(other.entry == result.entry)
    }
}

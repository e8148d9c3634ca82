import CostFormats
import CostModel
import Testing

/// `tools/generate-traces.py` writes the same runs in both formats for one seed; read as OTLP/JSON
/// they must be the spans that CostTrace's format holds. The fixtures were made with
/// `--runs 12 --seed 11 --spans-per-run 20`, and `--format otlp --otlp-batch 3 --otlp-split`.
struct OTLPGeneratedTraceTests {
    struct Key: Hashable {
        var trace: TraceID
        var span: SpanID
    }

    @Test func theGeneratorsOTLPOutputReadsAsTheSpansOfItsCostTraceOutput() throws {
        let expected = try TraceFileReader.read(path: OTLPFixtures.path("generated-costtrace.jsonl")).spans
        let actual = try OTLPFixtures.spans("generated-otlp.jsonl")
        #expect(actual.count == expected.count)
        let byKey = Dictionary(uniqueKeysWithValues: actual.map { (Key(trace: $0.traceID, span: $0.spanID), $0) })
        for want in expected {
            let got = try #require(byKey[Key(trace: want.traceID, span: want.spanID)], "\(want.spanID) is missing")
            #expect(got.parentSpanID == want.parentSpanID)
            #expect(got.kind == want.kind, "\(want.name)")
            #expect(got.name == want.name)
            #expect(got.startNanos == want.startNanos)
            #expect(got.endNanos == want.endNanos)
            #expect(got.status == want.status)
            #expect(got.errorMessage == want.errorMessage)
            #expect(got.model == want.model)
            #expect(got.tool == want.tool)
            #expect(got.gpu == want.gpu)
            // OpenTelemetry GenAI has no cache lifetimes: 1-hour writes arrive as 5-minute writes.
            var usage = want.usage
            usage.cacheWrite5m += usage.cacheWrite1h
            usage.cacheWrite1h = 0
            #expect(got.usage == usage, "\(want.name)")
            for (key, value) in want.attributes {
                if key == "gen_ai.provider.name" || key == "gen_ai.request.model" {
                    // The CostTrace library keeps these beside model and provider; the import moves them there.
                    #expect(got.attributes[key] == nil)
                    #expect(got.provider == value.text || got.model == value.text, "\(want.name): \(key)")
                } else {
                    #expect(got.attributes[key] == value, "\(want.name): \(key)")
                }
            }
            // CostTrace's format writes the resource where a process's part of a run starts; OTLP on every span.
            if !want.resource.isEmpty { #expect(got.resource == want.resource) }
        }
    }
}

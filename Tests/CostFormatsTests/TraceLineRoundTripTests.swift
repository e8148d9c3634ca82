import CostFormats
import CostModel
import Foundation
import Testing

struct TraceLineRoundTripTests {
    @Test func aSpanWithEveryFieldSetDecodesToTheSameSpan() throws {
        let line = Fixtures.line(.span(Fixtures.fullSpan))
        let decoded = try TraceLineDecoder().decode(String(line.dropLast()))
        #expect(decoded == .span(Fixtures.fullSpan))
    }

    @Test func everyAttributeKeepsItsType() throws {
        let line = Fixtures.line(.span(Fixtures.fullSpan))
        guard case .span(let span) = try TraceLineDecoder().decode(String(line.dropLast())) else {
            Issue.record("not a span")
            return
        }
        #expect(span.attributes["double.whole"] == .double(2.0))
        #expect(span.attributes["double.negative.whole"] == .double(-3.0))
        #expect(span.attributes["double.exponent"] == .double(1e20))
        #expect(span.attributes["int"] == .int(42))
        #expect(span.attributes["flag.off"] == .bool(false))
        #expect(span.attributes["nul"] == .string("a\u{0}b"))
        #expect(span.resource["sample_rate"] == .double(0.25))
    }

    @Test func aLineIsOneLineOfJSONEndingInANewline() {
        let bytes = Fixtures.encode([.span(Fixtures.fullSpan)])
        #expect(bytes.last == 0x0A)
        #expect(bytes.filter { $0 == 0x0A }.count == 1)
        #expect(!bytes.contains(0x0D))
        #expect(!bytes.contains(0))
    }

    @Test func aWholeDoubleIsWrittenAsADecimalSoItReadsBackAsADouble() {
        let line = Fixtures.line(.span(Fixtures.fullSpan))
        #expect(line.contains(#""double.whole":2.0"#))
        #expect(line.contains(#""int":42,"#))
    }

    @Test func aMinimalSpanIsWrittenWithOnlyItsRequiredFields() throws {
        let line = Fixtures.line(.span(Fixtures.minimalSpan))
        #expect(
            line
                == #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"tool","name":"search","start_ns":10,"end_ns":10}"#
                + "\n"
        )
        #expect(try TraceLineDecoder().decode(String(line.dropLast())) == .span(Fixtures.minimalSpan))
    }

    @Test func membersAreWrittenInAFixedOrderWithSortedKeys() {
        let line = Fixtures.line(.span(Fixtures.fullSpan))
        let members = [
            #""v":"#, #""trace_id":"#, #""span_id":"#, #""parent_span_id":"#, #""kind":"#, #""name":"#,
            #""start_ns":"#, #""end_ns":"#, #""status":"#, #""error":"#, #""model":"#, #""provider":"#,
            #""service_tier":"#, #""usage":"#, #""raw_usage":"#, #""units":"#, #""tool":"#, #""gpu":"#,
            #""reported_cost_usd":"#, #""attributes":"#, #""resource":"#,
        ]
        let offsets = members.map { line.range(of: $0)?.lowerBound }
        #expect(!offsets.contains(nil))
        let found = offsets.compactMap { $0 }
        #expect(found == found.sorted())
        #expect(line.contains(#""usage":{"input":1216,"cache_read":10240,"cache_write_5m":1024,"cache_write_1h":2048,"output":812,"reasoning":512,"input_audio":400,"output_audio":600,"input_image":1290,"output_image":4160}"#))
        #expect(line.contains(#""units":{"code_execution_seconds":12,"web_search":3}"#))
        #expect(line.contains(#""reported_cost_usd":"0.0123""#))
        #expect(Fixtures.line(.span(Fixtures.fullSpan)) == line)
    }

    @Test(arguments: TokenKind.allCases)
    func usageOfEachTokenKindSurvivesARoundTrip(kind: TokenKind) throws {
        var span = Fixtures.minimalSpan
        span.usage[kind] = 123_456_789
        if kind == .reasoning { span.usage.output = 123_456_789 }
        let line = Fixtures.line(.span(span))
        #expect(line.contains("\"\(kind.rawValue)\":123456789"))
        #expect(try TraceLineDecoder().decode(String(line.dropLast())) == .span(span))
    }

    @Test(arguments: SpanKind.allCases)
    func eachSpanKindSurvivesARoundTrip(kind: SpanKind) throws {
        var span = Fixtures.minimalSpan
        span.kind = kind
        #expect(try TraceLineDecoder().decode(String(Fixtures.line(.span(span)).dropLast())) == .span(span))
    }

    @Test(arguments: [SpanStatus.unset, .ok, .error])
    func eachStatusSurvivesARoundTrip(status: SpanStatus) throws {
        var span = Fixtures.minimalSpan
        span.status = status
        #expect(try TraceLineDecoder().decode(String(Fixtures.line(.span(span)).dropLast())) == .span(span))
    }

    @Test(arguments: UsageConvention.allCases)
    func rawUsageOfEachConventionSurvivesARoundTrip(convention: UsageConvention) throws {
        var span = Fixtures.minimalSpan
        span.rawUsage = RawUsage(convention: convention, fields: ["a": 1, "b.c": 0, "d": .max])
        #expect(try TraceLineDecoder().decode(String(Fixtures.line(.span(span)).dropLast())) == .span(span))
    }

    @Test(arguments: ["0.00", "-0.50", "12.40", "0.000000001", "1000000.00", "-1000000.00"])
    func aReportedCostSurvivesARoundTripExactly(amount: String) throws {
        var span = Fixtures.minimalSpan
        span.reportedCost = try #require(Money(decimal: amount))
        let line = Fixtures.line(.span(span))
        #expect(line.contains("\"reported_cost_usd\":\"\(amount)\""))
        #expect(try TraceLineDecoder().decode(String(line.dropLast())) == .span(span))
    }

    @Test func aDroppedNoticeIsWrittenAndReadBack() throws {
        let notice = TraceFileEntry.dropped(DroppedSpans(count: 17, atNanos: 1_763_880_000_000_000_000))
        let line = Fixtures.line(notice)
        #expect(line == #"{"v":1,"type":"dropped","count":17,"time_ns":1763880000000000000}"# + "\n")
        #expect(try TraceLineDecoder().decode(String(line.dropLast())) == notice)
    }

    @Test func aDroppedNoticeWithoutATimeReadsAsTimeZero() throws {
        #expect(
            try TraceLineDecoder().decode(#"{"v":1,"type":"dropped","count":3}"#)
                == .dropped(DroppedSpans(count: 3, atNanos: 0))
        )
    }

    @Test func aLineWithoutATypeIsASpanAndAnExplicitSpanTypeIsAccepted() throws {
        let line = String(Fixtures.line(.span(Fixtures.minimalSpan)).dropLast())
        let typed = line.replacingOccurrences(of: #"{"v":1,"#, with: #"{"v":1,"type":"span","#)
        #expect(typed != line)
        #expect(try TraceLineDecoder().decode(typed) == .span(Fixtures.minimalSpan))
    }

    @Test func nullOptionalFieldsAndNullAttributesReadAsAbsent() throws {
        let decoded = try TraceLineDecoder().decode(
            #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","parent_span_id":null,"kind":"tool","name":"search","start_ns":10,"end_ns":10,"model":null,"attributes":{"a":null,"b":1}}"#
        )
        var expected = Fixtures.minimalSpan
        expected.attributes = ["b": 1]
        #expect(decoded == .span(expected))
    }

    @Test func idsWrittenInUppercaseAreRead() throws {
        let decoded = try TraceLineDecoder().decode(
            #"{"v":1,"trace_id":"4BF92F3577B34DA6A3CE929D0E0E4736","span_id":"00F067AA0BA902B7","kind":"tool","name":"search","start_ns":10,"end_ns":10}"#
        )
        #expect(decoded == .span(Fixtures.minimalSpan))
    }

    @Test func integersWrittenAsStringsAreRejected() {
        let error = #expect(throws: TraceFormatError.self) {
            try TraceLineDecoder().decode(
                #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"tool","name":"search","start_ns":"10","end_ns":10}"#
            )
        }
        #expect(error?.field == "start_ns")
        #expect(error?.message == "expected an integer, found a string")
    }

    @Test func randomSpansSurviveARoundTrip() throws {
        var generator = SplitMix64(seed: 0x1e57)
        let decoder = TraceLineDecoder()
        for _ in 0..<500 {
            let span = randomSpan(using: &generator)
            let line = Fixtures.line(.span(span))
            #expect(line.utf8.filter { $0 == 0x0A }.count == 1)
            #expect(try decoder.decode(String(line.dropLast())) == .span(span), "\(line)")
        }
    }

    @Test func severalEntriesInOneBufferReadBackInOrder() throws {
        let entries: [TraceFileEntry] = [
            .span(Fixtures.fullSpan), .dropped(DroppedSpans(count: 2, atNanos: 5)), .span(Fixtures.minimalSpan),
        ]
        let text = String(decoding: Fixtures.encode(entries), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines.last == "")
        let decoder = TraceLineDecoder()
        let decoded = try lines.dropLast().enumerated().map { try decoder.decode(String($1), line: $0 + 1) }
        #expect(decoded == entries)
    }
}

private func randomString(using generator: inout SplitMix64, allowNUL: Bool) -> String {
    let length = Int.random(in: 0...24, using: &generator)
    var scalars = String.UnicodeScalarView()
    for _ in 0..<length {
        let value: UInt32
        switch Int.random(in: 0..<10, using: &generator) {
        case 0: value = UInt32.random(in: allowNUL ? 0...0x1F : 1...0x1F, using: &generator)
        case 1: value = [0x22, 0x5C, 0x2F, 0x3C, 0x3E, 0x26, 0x27].randomElement(using: &generator)!
        case 2: value = UInt32.random(in: 0x80...0x7FF, using: &generator)
        case 3: value = UInt32.random(in: 0x800...0xD7FF, using: &generator)
        case 4: value = UInt32.random(in: 0xE000...0xFFFD, using: &generator)
        case 5: value = UInt32.random(in: 0x1_0000...0x10_FFFF, using: &generator)
        default: value = UInt32.random(in: 0x20...0x7E, using: &generator)
        }
        scalars.append(Unicode.Scalar(value)!)
    }
    return String(scalars)
}

private func randomAttributes(using generator: inout SplitMix64) -> Attributes {
    var attributes: Attributes = [:]
    for _ in 0..<Int.random(in: 0...6, using: &generator) {
        let key = randomString(using: &generator, allowNUL: false)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: attributes[key] = .string(randomString(using: &generator, allowNUL: true))
        case 1: attributes[key] = .int(Int64(bitPattern: generator.next()))
        case 2:
            var value = Double(bitPattern: generator.next())
            if !value.isFinite { value = Double(Int64(bitPattern: generator.next() >> 11)) }
            if Bool.random(using: &generator) { value = value.rounded() }
            attributes[key] = .double(value)
        default: attributes[key] = .bool(Bool.random(using: &generator))
        }
    }
    return attributes
}

private func randomSpan(using generator: inout SplitMix64) -> SpanRecord {
    let start = Int64.random(in: 0...Int64.max / 2, using: &generator)
    var usage = TokenUsage.zero
    for kind in TokenKind.allCases where Bool.random(using: &generator) {
        usage[kind] = .random(in: 0...10_000_000, using: &generator)
    }
    usage.reasoning = min(usage.reasoning, usage.output)
    let maybe = { (generator: inout SplitMix64) in Bool.random(using: &generator) }
    return SpanRecord(
        traceID: TraceID(high: generator.next() | 1, low: generator.next()),
        spanID: SpanID(generator.next() | 1),
        parentSpanID: maybe(&generator) ? SpanID(generator.next() | 1) : nil,
        kind: SpanKind.allCases.randomElement(using: &generator)!,
        name: randomString(using: &generator, allowNUL: true),
        startNanos: start,
        endNanos: start + .random(in: 0...1_000_000_000_000, using: &generator),
        status: [SpanStatus.unset, .ok, .error].randomElement(using: &generator)!,
        errorMessage: maybe(&generator) ? randomString(using: &generator, allowNUL: true) : nil,
        attributes: randomAttributes(using: &generator),
        resource: randomAttributes(using: &generator),
        model: maybe(&generator) ? randomString(using: &generator, allowNUL: false) : nil,
        provider: maybe(&generator) ? randomString(using: &generator, allowNUL: false) : nil,
        serviceTier: maybe(&generator) ? "batch" : nil,
        usage: usage,
        rawUsage: maybe(&generator)
            ? RawUsage(
                convention: UsageConvention.allCases.randomElement(using: &generator)!,
                fields: [randomString(using: &generator, allowNUL: false): Int64(bitPattern: generator.next())])
            : nil,
        units: maybe(&generator) ? ["web_search": .random(in: 0...100, using: &generator)] : [:],
        tool: maybe(&generator) ? ToolCall(name: randomString(using: &generator, allowNUL: false), calls: .random(in: 0...9, using: &generator)) : nil,
        gpu: maybe(&generator)
            ? GPUUsage(device: "A100", count: .random(in: 1...8, using: &generator), busyNanos: .random(in: 0...Int64.max / 8, using: &generator))
            : nil,
        reportedCost: maybe(&generator)
            ? Money(nanos: Int64(bitPattern: generator.next()) % (SpanRecord.largestReportedCost.nanos + 1)) : nil
    )
}

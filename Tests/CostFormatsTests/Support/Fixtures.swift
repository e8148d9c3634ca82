import CostFormats
import CostModel
import Foundation
import Testing

enum Fixtures {
    static let traceID = TraceID(high: 0x4bf9_2f35_77b3_4da6, low: 0xa3ce_929d_0e0e_4736)

    /// A span with every field set, and attributes of every type and of awkward text.
    static let fullSpan = SpanRecord(
        traceID: traceID,
        spanID: SpanID(0x00f0_67aa_0ba9_02b7),
        parentSpanID: SpanID(0x5399_5c3f_42cd_8ad8),
        kind: .llm,
        name: "chat claude-sonnet-4-5 \"plan\" — step 2",
        startNanos: 1_763_880_000_123_456_789,
        endNanos: 1_763_880_004_987_654_321,
        status: .error,
        errorMessage: "rate limited:\n429 \"Too Many Requests\"\t(retry after 2s)",
        attributes: [
            "user.id": "u-42",
            "team": "search",
            "quotes": "she said \"hi\" \\ and 'bye'",
            "lines": "first\nsecond\r\nthird\tend",
            "html": "</script><script>alert('x')</script><!-- & -->",
            "unicode": "naïve café — 日本語 🚀 \u{2028}\u{2029} ünïcödé",
            "control": "\u{01}\u{1F}\u{7F}",
            "nul": "a\u{0}b",
            "empty": "",
            "slash/path": "/usr/local/bin",
            "ключ \"quoted\" key": "значение",
            "int": 42,
            "int.negative": -7,
            "int.max": .int(.max),
            "int.min": .int(.min),
            "double.whole": .double(2.0),
            "double.negative.whole": .double(-3.0),
            "double.fraction": .double(0.1),
            "double.tiny": .double(5e-324),
            "double.huge": .double(1.7976931348623157e308),
            "double.exponent": .double(1e20),
            "flag.on": true,
            "flag.off": false,
        ],
        resource: [
            "service.name": "research-agent",
            "deployment.environment": "prod",
            "host.cpus": 64,
            "sample_rate": 0.25,
            "debug": false,
        ],
        model: "claude-sonnet-4-5-20250929",
        provider: "anthropic",
        serviceTier: "priority",
        usage: TokenUsage(
            input: 1_216, cacheRead: 10_240, cacheWrite5m: 1_024, cacheWrite1h: 2_048, output: 812, reasoning: 512,
            inputAudio: 400, outputAudio: 600, inputImage: 1_290, outputImage: 4_160),
        rawUsage: RawUsage(
            convention: .anthropic,
            fields: [
                "input_tokens": 1_216,
                "cache_read_input_tokens": 10_240,
                "cache_creation_input_tokens": 3_072,
                "cache_creation.ephemeral_5m_input_tokens": 1_024,
                "cache_creation.ephemeral_1h_input_tokens": 2_048,
                "output_tokens": 812,
                "server_tool_use.web_search_requests": 0,
            ]
        ),
        units: ["web_search": 3, "code_execution_seconds": 12],
        tool: ToolCall(name: "web_search", calls: 3),
        gpu: GPUUsage(device: "H100", count: 8, busyNanos: 3_600_000_000_000),
        reportedCost: Money(nanos: 12_300_000)
    )

    /// A span with only the required fields.
    static let minimalSpan = SpanRecord(
        traceID: traceID,
        spanID: SpanID(0x00f0_67aa_0ba9_02b7),
        kind: .tool,
        name: "search",
        startNanos: 10,
        endNanos: 10
    )

    static func encode(_ entries: [TraceFileEntry]) -> [UInt8] {
        var bytes: [UInt8] = []
        let encoder = TraceLineEncoder()
        for entry in entries { encoder.encode(entry, into: &bytes) }
        return bytes
    }

    static func line(_ entry: TraceFileEntry) -> String {
        String(decoding: encode([entry]), as: UTF8.self)
    }
}

/// A file in a fresh temporary folder, deleted at the end of `body`.
func withTemporaryFile<Result>(
    _ bytes: [UInt8],
    name: String = "trace.jsonl",
    _ body: (String) throws -> Result
) throws -> Result {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("costformats-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent(name)
    try Data(bytes).write(to: file)
    return try body(file.path)
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}

import CostFormats
import CostModel
import Foundation

/// Temporary databases and trace files for store tests.
enum StoreFixtures {
    static func temporaryPath(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "costtrace-store-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return path
    }

    /// `runs` runs of a root and `children` model calls each, with attributes on the root.
    static func spans(runs: Int, children: Int = 3, team: (Int) -> String = { $0 % 2 == 0 ? "search" : "support" }, startDay: Int64 = 20_400)
        -> [SpanRecord]
    {
        var spans: [SpanRecord] = []
        for run in 0..<runs {
            let traceID = TraceID(high: UInt64(run + 1), low: 0xabc)
            let start = startDay * 86_400_000_000_000 + Int64(run) * 3_600_000_000_000
            let rootID = SpanID(UInt64(run * 100 + 1))
            for child in 0..<children {
                spans.append(
                    SpanRecord(
                        traceID: traceID, spanID: SpanID(UInt64(run * 100 + child + 2)), parentSpanID: rootID, kind: .llm,
                        name: "call \(child)", startNanos: start + Int64(child) * 1_000, endNanos: start + Int64(child) * 1_000 + 500,
                        model: "gpt-4.1-mini", provider: "openai", usage: TokenUsage(input: 1_000, cacheRead: 200, output: 100)))
            }
            spans.append(
                SpanRecord(
                    traceID: traceID, spanID: rootID, kind: .workflow, name: "run \(run)", startNanos: start,
                    endNanos: start + 1_000_000, attributes: ["team": .string(team(run)), "user.id": .string("u-\(run)")],
                    resource: ["service.name": "bot", "project": "alpha"]))
        }
        return spans
    }

    static func write(_ spans: [SpanRecord], to path: String, extraLines: [(at: Int, text: String)] = []) throws {
        let encoder = TraceLineEncoder()
        var lines: [String] = spans.map { span in
            var bytes: [UInt8] = []
            encoder.encode(span, into: &bytes)
            return String(decoding: bytes.dropLast(), as: UTF8.self)
        }
        for extra in extraLines.sorted(by: { $0.at > $1.at }) { lines.insert(extra.text, at: extra.at) }
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
}

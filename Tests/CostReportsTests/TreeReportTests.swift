import CostModel
import CostReports
import Testing

struct TreeReportTests {
    func span(_ id: UInt64, parent: UInt64?, _ name: String, start: Int64, usage: TokenUsage = .zero) -> SpanRecord {
        SpanRecord(
            traceID: TraceID(high: 1, low: 1), spanID: SpanID(id), parentSpanID: parent.map(SpanID.init),
            kind: parent == nil ? .workflow : .llm, name: name, startNanos: start, endNanos: start + 1_000_000, usage: usage)
    }

    @Test func theTextTreeDrawsBranchesAndSumsTokensUpTheTree() {
        let runs = Run.group([
            span(1, parent: nil, "root", start: 0),
            span(2, parent: 1, "first", start: 1, usage: TokenUsage(input: 100, cacheRead: 50, output: 10)),
            span(3, parent: 2, "nested", start: 2, usage: TokenUsage(input: 1_000, output: 5)),
            span(4, parent: 1, "second", start: 3, usage: TokenUsage(input: 1)),
            span(5, parent: 99, "orphan", start: 4),
        ])
        let lines = TreeReport(runs: runs).text(style: TextStyle(width: 100)).split(separator: "\n").map(String.init)
        #expect(lines.count == 8)
        #expect(lines[3].hasPrefix("root "))
        #expect(lines[3].hasSuffix("1,166"))
        #expect(lines[4].hasPrefix("├─ first "))
        #expect(lines[4].hasSuffix("1,165"))
        #expect(lines[5].hasPrefix("│  └─ nested "))
        #expect(lines[6].hasPrefix("└─ second "))
        #expect(lines[7].hasPrefix("orphan (parent missing)"))
        #expect(lines.allSatisfy { $0.count <= 100 })
    }
}

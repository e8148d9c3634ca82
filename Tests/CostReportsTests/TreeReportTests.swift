import CostModel
import CostReports
import Testing

struct TreeReportTests {
    /// One model, $1 per million input tokens, $2 per million output tokens, cache reads $0.10.
    let pricer = SpanPricer(
        book: PriceBook(models: [
            ModelPrice(
                provider: "test", model: "m", effectiveFrom: CalendarDate(daysSinceEpoch: 0),
                rates: [.input: TokenRate(perMillion: Money(nanos: 1_000_000_000)),
                        .cacheRead: TokenRate(perMillion: Money(nanos: 100_000_000)),
                        .output: TokenRate(perMillion: Money(nanos: 2_000_000_000))])
        ]))

    func span(_ id: UInt64, parent: UInt64?, _ name: String, start: Int64, model: String? = nil, usage: TokenUsage = .zero)
        -> SpanRecord
    {
        SpanRecord(
            traceID: TraceID(high: 1, low: 1), spanID: SpanID(id), parentSpanID: parent.map(SpanID.init),
            kind: parent == nil ? .workflow : .llm, name: name, startNanos: start, endNanos: start + 1_000_000,
            model: model, usage: usage)
    }

    var runs: [CostedRun] {
        CostedRun.price(
            Run.group([
                span(1, parent: nil, "root", start: 0),
                span(2, parent: 1, "first", start: 1, model: "m", usage: TokenUsage(input: 100_000, cacheRead: 50_000, output: 10_000)),
                span(3, parent: 2, "nested", start: 2, model: "m", usage: TokenUsage(input: 1_000_000, output: 5)),
                span(4, parent: 1, "second", start: 3, model: "unknown", usage: TokenUsage(input: 1)),
                span(5, parent: 99, "orphan", start: 4),
            ]), with: pricer)
    }

    @Test func theTextTreeDrawsBranchesCostsAndShares() {
        let lines = TreeReport(runs: runs).text(style: TextStyle(width: 120)).split(separator: "\n").map(String.init)
        // first: 0.10 + 0.005 + 0.02 = $0.125 self; nested: $1.00001; the run: $1.12501 + 1 unpriced span.
        #expect(lines[0].hasSuffix("root  $1.13 + 1 unpriced span"))
        #expect(lines[3].hasPrefix("root "))
        #expect(lines[3].hasSuffix("$1.13+? 100.0%"))
        #expect(lines[4].hasPrefix("├─ first "))
        #expect(lines[4].contains("$0.1250"))
        #expect(lines[4].hasSuffix("$1.13 100.0%"))
        #expect(lines[5].hasPrefix("│  └─ nested "))
        #expect(lines[5].hasSuffix("$1.00  88.9%"))
        #expect(lines[6].hasPrefix("└─ second "))
        #expect(lines[6].contains("unpriced"))
        #expect(lines[7].hasPrefix("orphan (parent missing)"))
        #expect(lines[8].hasPrefix("unpriced spans"))
        #expect(lines[9] == "  second: unknown model 'unknown'")
        #expect(lines.prefix(8).allSatisfy { $0.count <= 120 })
    }

    @Test func withoutAWidthTheNameColumnFitsTheLongestName() {
        let lines = TreeReport(runs: runs).text().split(separator: "\n").map(String.init)
        #expect(lines[7].hasPrefix("orphan (parent missing) "))
        #expect(lines[5].hasPrefix("│  └─ nested                "))
    }

    @Test func jsonCarriesExactMoneyAndNullForUnpricedSelfCost() {
        let json = TreeReport(runs: runs).json()
        #expect(json.contains(#""cost_usd": "1.12501""#))
        #expect(json.contains(#""self_cost_usd": null"#))
        #expect(json.contains(#""unpriced_reason": "unknown model 'unknown'""#))
    }
}

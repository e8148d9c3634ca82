import CostModel
import Testing

struct RollupTests {
    typealias F = PricingFixtures

    /// workflow 1 → agent 2 → (llm 3, tool 4), workflow 1 → llm 5 (unknown model); 6 has a missing parent.
    static let spans = [
        F.span(1, kind: .workflow),
        F.span(2, parent: 1, kind: .agent, at: F.now + 1),
        F.span(3, parent: 2, model: "claude-sonnet-4-5", at: F.now + 2, usage: TokenUsage(input: 1_000, output: 100)),
        F.span(4, parent: 2, kind: .tool, at: F.now + 3, tool: ToolCall(name: "web_search", calls: 2)),
        F.span(5, parent: 1, model: "llama-9000", at: F.now + 4, usage: TokenUsage(input: 10)),
        F.span(
            6, parent: 99, model: "acme-omni", at: F.now + 5, usage: TokenUsage(input: 1_000_000),
            reportedCost: F.usd("0.75")),
    ]

    let costed = CostedRun(run: Run.group(Self.spans)[0], pricer: SpanPricer(book: F.book))

    func node(_ id: UInt64) -> CostedRun.Node {
        costed.nodes[costed.run.tree.nodes.firstIndex { $0.record.spanID == SpanID(id) }!]
    }

    @Test func everySpanHasItsSelfAndInclusiveCost() {
        #expect(node(3).selfCost.total == F.usd("0.0045"))  // 1,000 × $3 + 100 × $15 per million
        #expect(node(4).selfCost.total == F.usd("0.02"))
        #expect(node(2).selfCost == .zero)
        #expect(node(2).inclusive.total == F.usd("0.0245"))
        #expect(node(1).inclusive.total == F.usd("0.0245"))
        #expect(node(1).inclusive.unpricedSpans == 1)
        #expect(node(2).inclusive.unpricedSpans == 0)
    }

    @Test func inclusiveCostsAreSplitByTokenKindFeesAndTools() {
        let inclusive = node(1).inclusive
        #expect(inclusive.byKind == [.input: F.usd("0.003"), .output: F.usd("0.0015")])
        #expect(inclusive.tools == F.usd("0.02"))
        #expect(
            inclusive.tokens + inclusive.fees + inclusive.tools + inclusive.gpu + inclusive.reported == inclusive.total)
        #expect(inclusive.computedSpans == 4)
    }

    @Test func theRunTotalIsTheSumOfTheRootsIncludingOnesWhoseParentIsMissing() {
        #expect(costed.run.tree.roots.count == 2)
        #expect(costed.total.total == F.usd("0.7745"))
        #expect(costed.total.reported == F.usd("0.75"))
        #expect(costed.total.reportedSpans == 1)
        #expect(costed.total.unpricedSpans == 1)
        #expect(costed.total.spans == 6)
        #expect(costed.total.description == "$0.7745 + 1 unpriced span")
    }

    @Test func unpricedSpansAreListedWithTheirReasons() {
        #expect(costed.unpriced.count == 1)
        #expect(costed.unpriced.first?.reason == .unknownModel(model: "llama-9000", provider: nil))
        #expect(costed.run.tree.nodes[costed.unpriced[0].index].record.spanID == SpanID(5))
    }

    @Test func aSpansShareIsItsInclusiveCostOverTheRunTotal() {
        let index = costed.run.tree.nodes.firstIndex { $0.record.spanID == SpanID(6) }!
        #expect(abs(costed.share(of: index) - 0.75 / 0.7745) < 1e-12)
    }

    // MARK: Property

    /// A random run: a forest of up to `count` spans, some with missing parents, of every kind that
    /// prices differently (known and unknown models, batch, long prompts, tools, GPUs, reported costs).
    static func randomSpans(count: Int, using random: inout SplitMix64) -> [SpanRecord] {
        let models = [
            "claude-sonnet-4-5", "claude-sonnet-4-5-20250929", "acme-omni", "acme-long", "gpt-4.1-mini",
            "gemini-2.5-flash", "llama-9000",
        ]
        var spans: [SpanRecord] = []
        for id in 1...UInt64(count) {
            var parent: UInt64?
            switch Int.random(in: 0..<10, using: &random) {
            case 0: parent = nil
            case 1: parent = 10_000 + id  // missing
            default: parent = id > 1 ? UInt64.random(in: 1..<id, using: &random) : nil
            }
            let start = F.now + Int64.random(in: 0..<1_000_000_000, using: &random)
            var span = F.span(id, parent: parent, kind: .step, at: start)
            switch Int.random(in: 0..<6, using: &random) {
            case 0, 1:
                span.kind = .llm
                span.model = models.randomElement(using: &random)
                let output = Int64.random(in: 0..<5_000, using: &random)
                span.usage = TokenUsage(
                    input: Int64.random(in: 0..<300_000, using: &random),
                    cacheRead: Int64.random(in: 0..<3, using: &random) == 0
                        ? Int64.random(in: 0..<50_000, using: &random) : 0,
                    output: output,
                    reasoning: Int64.random(in: 0...output, using: &random))
                if Bool.random(using: &random) {
                    span.serviceTier = ["batch", "flex", "priority", "standard"].randomElement(using: &random)
                }
                if Int.random(in: 0..<4, using: &random) == 0 {
                    span.units = ["web_search": Int64.random(in: 1..<5, using: &random)]
                }
                if Int.random(in: 0..<8, using: &random) == 0 {
                    span.reportedCost = Money(nanos: Int64.random(in: 0..<10_000_000, using: &random))
                }
            case 2:
                span.kind = .tool
                span.tool = ToolCall(
                    name: ["web_search", "helpdesk_api"].randomElement(using: &random)!,
                    calls: Int64.random(in: 1..<4, using: &random))
            case 3:
                span.kind = .gpu
                span.gpu = GPUUsage(
                    device: ["H100", "L4", "TPU"].randomElement(using: &random)!,
                    count: Int64.random(in: 1..<9, using: &random),
                    busyNanos: Int64.random(in: 1..<100_000_000_000, using: &random))
            default:
                break
            }
            spans.append(span)
        }
        return spans
    }

    @Test(arguments: 0..<40)
    func theSumOfSelfCostsEqualsTheInclusiveCostOfEverySubtree(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let spans = Self.randomSpans(count: Int.random(in: 1...150, using: &random), using: &random)
        let run = Run.group(spans)[0]
        let costed = CostedRun(run: run, pricer: SpanPricer(book: F.book))
        let tree = run.tree

        func subtree(_ index: Int) -> [Int] { [index] + tree.nodes[index].children.flatMap(subtree) }
        for index in tree.nodes.indices {
            let members = subtree(index)
            let selfSum = members.reduce(Money.zero) { $0 + costed.nodes[$1].selfCost.total }
            let inclusive = costed.nodes[index].inclusive
            #expect(inclusive.total == selfSum)
            #expect(inclusive.unpricedSpans == members.filter { !costed.nodes[$0].selfCost.isPriced }.count)
            #expect(inclusive.spans == members.count)
            #expect(
                inclusive.tokens + inclusive.fees + inclusive.tools + inclusive.gpu + inclusive.reported
                    == inclusive.total)
            var byKind: [TokenKind: Money] = [:]
            for member in members { byKind.merge(costed.nodes[member].selfCost.byKind, uniquingKeysWith: +) }
            #expect(inclusive.byKind == byKind)
        }
        let rootSum = tree.roots.reduce(CostTotals()) { $0 + costed.nodes[$1].inclusive }
        #expect(costed.total == rootSum)
        #expect(costed.total.total == costed.nodes.reduce(Money.zero) { $0 + $1.selfCost.total })
        #expect(costed.total.spans == spans.count)
    }
}

import CostModel
import Testing

/// Itemized costs: the lines a computed cost is made of, which must add up to it exactly.
struct ItemizedCostTests {
    typealias F = PricingFixtures
    let pricer = SpanPricer(book: F.book)

    /// Spans that exercise every rule: kinds, tiers, multipliers, reasoning apart, fees, tools, GPUs.
    static let spans: [SpanRecord] = [
        F.span(
            model: "claude-sonnet-4-5",
            usage: TokenUsage(input: 1_201, cacheRead: 8_003, cacheWrite5m: 2_007, output: 351)),
        F.span(
            model: "claude-sonnet-4-5", serviceTier: "batch", usage: TokenUsage(input: 250_001, output: 3_333),
            units: ["web_search": 7]),
        F.span(
            model: "acme-omni", serviceTier: "priority",
            usage: TokenUsage(input: 3, output: 1_001, reasoning: 777, inputAudio: 11)),
        F.span(model: "acme-long", usage: TokenUsage(input: 150_001, output: 9)),
        F.span(model: "gpt-4.1-mini", usage: TokenUsage(input: 1, output: 1), units: ["web_search": 3]),
        F.span(kind: .tool, tool: ToolCall(name: "web_search", calls: 3)),
        F.span(kind: .gpu, gpu: GPUUsage(device: "L4", count: 3, busyNanos: 64_000_000_001)),
    ]

    @Test(arguments: spans)
    func theLinesOfAComputedCostAddUpToEachPartAndTheTotal(span: SpanRecord) {
        let itemized = pricer.itemizedCost(of: span)
        let cost = pricer.cost(of: span)
        #expect(itemized.cost == cost)
        #expect(cost.source == .computed)
        #expect(itemized.lines.map(\.cost).reduce(.zero, +) == cost.total)
        var byKind: [TokenKind: Money] = [:]
        var units = Money.zero
        var tools = Money.zero
        var gpu = Money.zero
        for line in itemized.lines {
            switch line.item {
            case .tokens(let kind, _): byKind[kind, default: .zero] += line.cost
            case .units: units += line.cost
            case .toolCalls: tools += line.cost
            case .gpu: gpu += line.cost
            }
        }
        #expect(byKind == cost.byKind)
        #expect(units == cost.fees)
        #expect(tools == cost.tools)
        #expect(gpu == cost.gpu)
    }

    @Test func tokenLinesCarryTheRateMultiplierAndLongContextTierTheyWerePricedAt() throws {
        let itemized = pricer.itemizedCost(of: Self.spans[1])
        let input = try #require(itemized.lines.first { $0.item == .tokens(.input, count: 250_001) })
        #expect(
            input.price
                == .perMillionTokens(
                    TokenRate(decimal: "6")!, multiplier: Multiplier(decimal: "0.5")!, longContextAbove: 200_000))
        let search = try #require(itemized.lines.first { $0.item == .units("web_search", count: 7) })
        #expect(search.price == .requestFee(.init(per: 1000, price: F.usd("10"))))
        #expect(search.cost == F.usd("0.07"))
        #expect(itemized.modelPrice?.model == "claude-sonnet-4-5")
    }

    @Test func reasoningPricedApartSplitsTheOutputCount() {
        let items = Set(pricer.itemizedCost(of: Self.spans[2]).lines.map(\.item))
        #expect(
            items == [
                .tokens(.input, count: 3), .tokens(.output, count: 224), .tokens(.reasoning, count: 777),
                .tokens(.inputAudio, count: 11),
            ])
        let sonnet = pricer.itemizedCost(
            of: F.span(model: "claude-sonnet-4-5", usage: TokenUsage(output: 1_000, reasoning: 800)))
        #expect(sonnet.lines.map(\.item) == [.tokens(.output, count: 1_000)])
    }

    @Test func unitsWithoutARequestFeeArePricedPerCallByTheToolFee() {
        let lines = pricer.itemizedCost(of: Self.spans[4]).lines
        #expect(
            lines.contains(
                PriceLine(item: .units("web_search", count: 3), price: .toolFee(F.webSearch), cost: F.usd("0.03"))))
    }

    @Test func reportedAndUnpricedCostsHaveNoLines() {
        let reported = pricer.itemizedCost(
            of: F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: 10), reportedCost: F.usd("0.5")))
        #expect(reported.cost == .reported(F.usd("0.5")))
        #expect(reported.lines.isEmpty)
        let unpriced = pricer.itemizedCost(of: F.span(model: "no-such-model", usage: TokenUsage(input: 10)))
        #expect(!unpriced.cost.isPriced)
        #expect(unpriced.lines.isEmpty)
        let workflow = pricer.itemizedCost(of: F.span(kind: .workflow))
        #expect(workflow.cost == .zero)
        #expect(workflow.lines.isEmpty)
    }

    @Test func aSubstitutionItemizesTheModelPricedInstead() {
        let whatIf = SpanPricer(
            book: F.book, substitutions: [ModelSubstitution(argument: "claude-sonnet-4-5=acme-long")!])
        let span = F.span(
            model: "claude-sonnet-4-5", usage: TokenUsage(input: 1_000, output: 10), reportedCost: F.usd("9"))
        let itemized = whatIf.itemizedCost(of: span)
        #expect(itemized.cost == whatIf.cost(of: span))
        #expect(itemized.modelPrice?.model == "acme-long")
        #expect(itemized.lines.map(\.cost).reduce(.zero, +) == itemized.cost.total)
    }
}

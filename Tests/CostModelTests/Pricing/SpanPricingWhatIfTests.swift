import CostModel
import Testing

/// `--reprice-model FROM=TO`: spans of one model priced as if they had called another.
struct SpanPricingWhatIfTests {
    typealias F = PricingFixtures

    @Test(arguments: [
        ("gpt-4.1=gpt-4.1-mini", "gpt-4.1", "gpt-4.1-mini"), (" a = b ", "a", "b"), ("x=y=z", "x", "y=z"),
    ])
    func aSubstitutionParsesFromEqualsTo(argument: String, from: String, to: String) {
        #expect(ModelSubstitution(argument: argument) == ModelSubstitution(from: from, to: to))
    }

    @Test(arguments: ["gpt-4.1", "=gpt-4.1", "gpt-4.1=", "="])
    func aSubstitutionNeedsBothSides(argument: String) {
        #expect(ModelSubstitution(argument: argument) == nil)
    }

    @Test func spansOfTheFromModelArePricedAsTheToModelWithTheSameUsage() {
        let usage = TokenUsage(input: 1_000_000, output: 100_000)
        let span = F.span(model: "claude-sonnet-4-5-20250929", provider: "anthropic", usage: usage)
        let pricer = SpanPricer(
            book: F.book, substitutions: [ModelSubstitution(from: "claude-sonnet-4-5", to: "acme-omni")])
        #expect(pricer.cost(of: span).byKind == [.input: F.usd("1"), .output: F.usd("0.50")])
        let other = F.span(model: "gemini-2.5-flash", usage: usage)
        #expect(pricer.cost(of: other) == F.cost(other))
    }

    @Test func theWhatIfPromptStillDecidesTheLongContextTierOfTheNewModel() {
        let pricer = SpanPricer(
            book: F.book, substitutions: [ModelSubstitution(from: "acme-omni", to: "claude-sonnet-4-5")])
        let cost = pricer.cost(of: F.span(model: "acme-omni", usage: TokenUsage(input: 250_000, output: 1_000)))
        #expect(cost.byKind == [.input: F.usd("1.50"), .output: F.usd("0.0225")])
    }

    @Test func cacheBucketsTheNewModelDoesNotPriceAreBilledAsInput() {
        let pricer = SpanPricer(
            book: F.book, substitutions: [ModelSubstitution(from: "claude-sonnet-4-5", to: "gpt-4.1-mini")])
        let span = F.span(
            model: "claude-sonnet-4-5",
            usage: TokenUsage(input: 1_000, cacheRead: 10_000, cacheWrite5m: 4_000, output: 500))
        // gpt-4.1-mini (from 2025-10-01: $0.20 in, $0.05 cached, $0.80 out) has no cache-write price.
        #expect(
            pricer.cost(of: span).byKind == [
                .input: F.usd("0.001"), .cacheRead: F.usd("0.0005"), .output: F.usd("0.0004"),
            ])
    }

    @Test func aReportedCostOfTheOldModelIsReplacedByTheWhatIf() {
        let pricer = SpanPricer(
            book: F.book, substitutions: [ModelSubstitution(from: "acme-omni", to: "claude-sonnet-4-5")])
        let cost = pricer.cost(
            of: F.span(model: "acme-omni", usage: TokenUsage(input: 100_000), reportedCost: F.usd("99")))
        #expect(cost.source == .computed)
        #expect(cost.total == F.usd("0.30"))
    }

    @Test func aWhatIfModelTheBookDoesNotKnowLeavesTheSpanUnpriced() {
        let pricer = SpanPricer(book: F.book, substitutions: [ModelSubstitution(from: "acme-omni", to: "gpt-9")])
        let cost = pricer.cost(of: F.span(model: "acme-omni", usage: TokenUsage(input: 1)))
        #expect(cost.unpricedReason == .unknownModel(model: "gpt-9", provider: nil))
    }
}

import CostModel
import Testing

/// One test per pricing rule, each with numbers that can be checked by hand.
struct SpanPricingTests {
    typealias F = PricingFixtures

    func nanos(_ cost: SpanCost) -> Int64 { cost.total.nanos }

    // MARK: Tokens

    @Test(
        arguments: [
            (TokenKind.input, 2_000_000),
            (.cacheRead, 200_000),
            (.cacheWrite5m, 2_500_000),
            (.cacheWrite1h, 4_000_000),
            (.output, 10_000_000),
            (.reasoning, 12_000_000),
            (.inputAudio, 14_000_000),
            (.outputAudio, 16_000_000),
            (.inputImage, 18_000_000),
            (.outputImage, 20_000_000),
        ] as [(TokenKind, Int64)]
    )
    func everyTokenKindIsPricedAtItsOwnRate(kind: TokenKind, expected: Int64) {
        var usage = TokenUsage()
        usage[kind] = 2_000
        if kind == .reasoning { usage.output = 2_000 }  // reasoning is part of output
        let cost = F.cost(F.span(model: "acme-omni", usage: usage))
        #expect(cost.source == .computed)
        #expect(cost.byKind == [kind: Money(nanos: expected)])
        #expect(nanos(cost) == expected)
    }

    @Test func aRequestIsTheSumOfItsBucketsEachPricedOnce() {
        let usage = TokenUsage(input: 1_200, cacheRead: 8_000, cacheWrite5m: 2_000, cacheWrite1h: 1_000, output: 350)
        let cost = F.cost(F.span(model: "claude-sonnet-4-5", provider: "anthropic", usage: usage))
        #expect(
            cost.byKind == [
                .input: Money(nanos: 3_600_000), .cacheRead: Money(nanos: 2_400_000),
                .cacheWrite5m: Money(nanos: 7_500_000),
                .cacheWrite1h: Money(nanos: 6_000_000), .output: Money(nanos: 5_250_000),
            ])
        #expect(cost.total == F.usd("0.02475"))
        #expect(cost.tokens == cost.total)
    }

    @Test func fiveMinuteAndOneHourCacheWritesHaveTheirOwnPrices() {
        let fiveMinutes = F.cost(F.span(model: "claude-sonnet-4-5", usage: TokenUsage(cacheWrite5m: 10_000)))
        let oneHour = F.cost(F.span(model: "claude-sonnet-4-5", usage: TokenUsage(cacheWrite1h: 10_000)))
        #expect(fiveMinutes.total == F.usd("0.0375"))  // $3.75 / M
        #expect(oneHour.total == F.usd("0.06"))  // $6 / M
    }

    @Test func reasoningIsInsideOutputAndPricedAsOutputUnlessTheEntryPricesItApart() {
        let usage = TokenUsage(output: 1_000, reasoning: 800)
        let sonnet = F.cost(F.span(model: "claude-sonnet-4-5", usage: usage))
        #expect(sonnet.byKind == [.output: F.usd("0.015")])  // 1,000 output tokens at $15, not 1,800
        let omni = F.cost(F.span(model: "acme-omni", usage: usage))
        #expect(omni.byKind == [.output: F.usd("0.001"), .reasoning: F.usd("0.0048")])  // 200 at $5, 800 at $6
    }

    // MARK: Long context

    @Test func aLongContextTierAppliesOnlyAbovePromptThreshold() {
        let atThreshold = F.cost(
            F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: 150_000, cacheRead: 50_000, output: 1_000)))
        #expect(atThreshold.byKind == [.input: F.usd("0.45"), .cacheRead: F.usd("0.015"), .output: F.usd("0.015")])
        let above = F.cost(
            F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: 150_001, cacheRead: 50_000, output: 1_000)))
        #expect(above.byKind == [.input: F.usd("0.900006"), .cacheRead: F.usd("0.03"), .output: F.usd("0.0225")])
        #expect(above.total == F.usd("0.952506"))
    }

    @Test func aLongContextTierRepricesTheWholeRequestOutputIncluded() {
        // The prompt crosses the threshold through cache writes; output pays the tier's $22.50 too.
        let cost = F.cost(
            F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: 100_000, cacheWrite1h: 100_001, output: 2_000)))
        #expect(cost.byKind == [.input: F.usd("0.60"), .cacheWrite1h: F.usd("1.200012"), .output: F.usd("0.045")])
    }

    @Test func outputTokensDoNotCountTowardsTheThreshold() {
        let cost = F.cost(F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: 1_000, output: 300_000)))
        #expect(cost.byKind == [.input: F.usd("0.003"), .output: F.usd("4.50")])
    }

    @Test(
        arguments: [
            (100_000, "0.10", "0.002"),  // at the first threshold: base
            (150_000, "0.30", "0.004"),  // above 100k
            (250_000, "0.75", "0.006"),  // above both: the highest tier exceeded
        ] as [(Int64, String, String)]
    )
    func theHighestTierThePromptExceedsApplies(prompt: Int64, input: String, output: String) {
        let cost = F.cost(F.span(model: "acme-long", usage: TokenUsage(input: prompt, output: 1_000)))
        #expect(cost.byKind == [.input: F.usd(input), .output: F.usd(output)])
    }

    // MARK: Service tiers

    @Test func theBatchMultiplierHalvesTokensButNotRequestFees() {
        let cost = F.cost(
            F.span(
                model: "claude-sonnet-4-5", serviceTier: "batch", usage: TokenUsage(input: 100_000, output: 100_000),
                units: ["web_search": 3]))
        #expect(cost.byKind == [.input: F.usd("0.15"), .output: F.usd("0.75")])  // $0.30 and $1.50, halved
        #expect(cost.fees == F.usd("0.03"))
        #expect(cost.total == F.usd("0.93"))
    }

    @Test func batchAndLongContextCombine() {
        let cost = F.cost(
            F.span(model: "claude-sonnet-4-5", serviceTier: "batch", usage: TokenUsage(input: 300_000, output: 10_000)))
        #expect(cost.byKind == [.input: F.usd("0.90"), .output: F.usd("0.1125")])
    }

    @Test(
        arguments: [("priority", "1.75"), ("flex", "0.50"), ("default", "1"), ("standard", "1"), ("PRIORITY", "1.75")]
            as [(String, String)])
    func aServiceTierMultipliesTheTokenCost(tier: String, dollars: String) {
        let cost = F.cost(F.span(model: "acme-omni", serviceTier: tier, usage: TokenUsage(input: 1_000_000)))
        #expect(cost.total == F.usd(dollars))
    }

    @Test func aServiceTierTheEntryDoesNotPriceLeavesTheSpanUnpriced() {
        let cost = F.cost(F.span(model: "claude-sonnet-4-5", serviceTier: "priority", usage: TokenUsage(input: 10)))
        #expect(cost.unpricedReason == .unknownServiceTier(model: "claude-sonnet-4-5", tier: "priority"))
        #expect(!cost.isPriced)
    }

    // MARK: Fees, tools and GPUs

    @Test(arguments: [(1, "0.01"), (3, "0.03"), (1_500, "15")] as [(Int64, String)])
    func requestFeesArePricedPerThousand(searches: Int64, dollars: String) {
        let cost = F.cost(
            F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: 100), units: ["web_search": searches]))
        #expect(cost.fees == F.usd(dollars))
        #expect(cost.total == F.usd(dollars) + F.usd("0.0003"))
    }

    @Test func eachModelHasItsOwnRequestFee() {
        let cost = F.cost(F.span(model: "gemini-2.5-flash", units: ["web_search": 2]))
        #expect(cost.fees == F.usd("0.07"))  // $35 per 1,000 grounded prompts
    }

    @Test func unitsWithoutARequestFeeFallBackToTheToolFeeOfTheSameName() {
        let cost = F.cost(F.span(model: "acme-omni", usage: TokenUsage(input: 1), units: ["web_search": 2]))
        #expect(cost.fees == F.usd("0.02"))
    }

    @Test func unitsNothingPricesLeaveTheSpanUnpriced() {
        let cost = F.cost(
            F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: 1), units: ["code_interpreter": 1]))
        #expect(cost.unpricedReason == .noUnitFee(unit: "code_interpreter", model: "claude-sonnet-4-5"))
    }

    @Test func aToolCallPaysTheToolsFeePerCall() {
        let cost = F.cost(F.span(kind: .tool, tool: ToolCall(name: "web_search", calls: 3)))
        #expect(cost.tools == F.usd("0.03"))
        #expect(cost.total == F.usd("0.03"))
    }

    @Test func aToolTheBookDoesNotListIsFree() {
        let cost = F.cost(F.span(kind: .tool, tool: ToolCall(name: "helpdesk_api")))
        #expect(cost == .zero)
        #expect(cost.isPriced)
    }

    @Test func aListedToolCalledBeforeItsFirstFeeIsUnpriced() {
        let cost = F.cost(F.span(kind: .tool, at: F.day("2025-05-06").startNanos, tool: ToolCall(name: "web_search")))
        #expect(cost.unpricedReason == .toolNotYetPriced(tool: "web_search", firstPriced: F.day("2025-05-07")))
    }

    @Test func gpuTimeIsDeviceCountTimesSecondsTimesTheHourlyRate() {
        // 2 × H100 for 15.6 s = 31.2 device-seconds × $3.9492 / 3,600 s = $0.0342264.
        let cost = F.cost(F.span(kind: .gpu, gpu: GPUUsage(device: "H100", count: 2, busyNanos: 15_600_000_000)))
        #expect(cost.gpu == F.usd("0.0342264"))
        #expect(cost.total == cost.gpu)
        // 64 s of an L4 at $1.20 / h = $0.021333333… → 21,333,333 nano-dollars.
        let l4 = F.cost(F.span(kind: .gpu, gpu: GPUUsage(device: "l4", count: 1, busyNanos: 64_000_000_000)))
        #expect(l4.gpu == Money(nanos: 21_333_333))
    }

    @Test func anUnknownGPUDeviceLeavesTheSpanUnpriced() {
        let cost = F.cost(F.span(kind: .gpu, gpu: GPUUsage(device: "TPU-v5", count: 8, busyNanos: 1_000_000_000)))
        #expect(cost.unpricedReason == .unknownGPU(device: "TPU-v5"))
        #expect(cost.total == .zero)
    }

    @Test func hugeGPUTimeIsUnpricedForOverflowNotWrapped() {
        let cost = F.cost(F.span(kind: .gpu, gpu: GPUUsage(device: "H100", count: .max, busyNanos: .max)))
        #expect(cost.unpricedReason == .overflow)
    }

    // MARK: Reported costs, unknown models, nothing billable

    @Test func aProviderReportedCostWinsAndIsMarked() {
        let reported = F.usd("0.0123")
        let known = F.cost(
            F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: 1_000_000), reportedCost: reported))
        #expect(known.source == .reported)
        #expect(known.isReported)
        #expect(known.total == reported)
        #expect(known.byKind.isEmpty)
        let unknown = F.cost(F.span(model: "in-house-llm", usage: TokenUsage(input: 10), reportedCost: reported))
        #expect(unknown.total == reported)
        #expect(unknown.isPriced)
    }

    @Test func anUnknownModelWithTokensIsUnpricedWithItsReasonNeverZeroDollars() {
        let cost = F.cost(F.span(model: "llama-9000", provider: "self-hosted", usage: TokenUsage(input: 10, output: 5)))
        #expect(!cost.isPriced)
        #expect(cost.unpricedReason == .unknownModel(model: "llama-9000", provider: "self-hosted"))
        #expect(cost.description == "unpriced: unknown model 'llama-9000' from self-hosted")
        #expect(cost != .zero)
    }

    @Test func aModelFromAnotherProviderIsAnUnknownModel() {
        let cost = F.cost(F.span(model: "claude-sonnet-4-5", provider: "aws.bedrock", usage: TokenUsage(input: 10)))
        #expect(cost.unpricedReason == .unknownModel(model: "claude-sonnet-4-5", provider: "aws.bedrock"))
    }

    @Test func aModelCalledBeforeItsFirstPriceIsUnpriced() {
        let cost = F.cost(
            F.span(model: "gpt-4.1-mini", at: F.day("2025-04-01").startNanos, usage: TokenUsage(input: 10)))
        #expect(cost.unpricedReason == .modelNotYetPriced(model: "gpt-4.1-mini", firstPriced: F.day("2025-04-14")))
    }

    @Test func tokensOfAKindTheEntryHasNoPriceForLeaveTheSpanUnpriced() {
        let cost = F.cost(F.span(model: "gpt-4.1-mini", usage: TokenUsage(input: 10, cacheWrite5m: 100)))
        #expect(cost.unpricedReason == .noTokenRate(model: "gpt-4.1-mini", kind: .cacheWrite5m, aboveInputTokens: nil))
        #expect(cost.total == .zero)
    }

    @Test func aKindMissingFromTheLongContextTierLeavesLongPromptsUnpriced() {
        let model = ModelPrice(
            provider: "acme", model: "gappy", effectiveFrom: F.day("2025-01-01"),
            rates: F.rates([.input: "1", .output: "2"]),
            longContext: [.init(aboveInputTokens: 1_000, rates: F.rates([.input: "2"]))])
        let book = PriceBook(models: [model])
        #expect(F.cost(F.span(model: "gappy", usage: TokenUsage(input: 1_000, output: 1)), book: book).isPriced)
        let long = F.cost(F.span(model: "gappy", usage: TokenUsage(input: 1_001, output: 1)), book: book)
        #expect(long.unpricedReason == .noTokenRate(model: "gappy", kind: .output, aboveInputTokens: 1_000))
    }

    @Test func tokensWithoutAModelAreUnpriced() {
        #expect(F.cost(F.span(kind: .other, usage: TokenUsage(input: 1))).unpricedReason == .tokensWithoutModel)
    }

    @Test func aSpanWithNothingBillableCostsExactlyZeroAndIsPriced() {
        for span in [F.span(kind: .workflow), F.span(kind: .step), F.span(model: "llama-9000"), F.span(kind: .gpu)] {
            let cost = F.cost(span)
            #expect(cost == .zero)
            #expect(cost.source == .computed)
        }
    }

    @Test func impossibleUsageIsUnpricedRatherThanPricedNegative() {
        #expect(
            F.cost(F.span(model: "claude-sonnet-4-5", usage: TokenUsage(output: 10, reasoning: 20))).unpricedReason
                != nil)
        #expect(F.cost(F.span(model: "claude-sonnet-4-5", usage: TokenUsage(input: -5))).unpricedReason != nil)
    }

    @Test func anLLMCallWithAToolCallAndGPUTimeAddsAllParts() {
        let cost = F.cost(
            F.span(
                model: "claude-sonnet-4-5", usage: TokenUsage(input: 1_000), units: ["web_search": 1],
                tool: ToolCall(name: "web_search"),
                gpu: GPUUsage(device: "H100", count: 1, busyNanos: 3_600_000_000_000)))
        #expect(cost.byKind == [.input: F.usd("0.003")])
        #expect(cost.fees == F.usd("0.01"))
        #expect(cost.tools == F.usd("0.01"))
        #expect(cost.gpu == F.usd("3.9492"))
        #expect(cost.total == F.usd("3.9722"))
    }

    // MARK: Provider usage conventions, normalised then priced

    func priced(_ usage: some ProviderUsage, model: String) throws -> SpanCost {
        F.cost(F.span(model: model, usage: try usage.normalized(), units: usage.billableUnits))
    }

    @Test func anthropicCacheWritesAreAddedToInputNotInsideIt() throws {
        let usage = AnthropicUsage(
            inputTokens: 349, outputTokens: 426, cacheCreationInputTokens: 2_505, webSearchRequests: 2)
        let cost = try priced(usage, model: "claude-sonnet-4-5-20250929")
        #expect(
            cost.byKind == [
                .input: Money(nanos: 1_047_000), .cacheWrite5m: Money(nanos: 9_393_750),
                .output: Money(nanos: 6_390_000),
            ])
        #expect(cost.fees == F.usd("0.02"))
        #expect(cost.total == Money(nanos: 36_830_750))
    }

    @Test func openTelemetryInputIncludesCacheReadsAndWritesWhichArePricedOnce() throws {
        let usage = OTelGenAIUsage(
            inputTokens: 10_000, outputTokens: 500, cacheReadInputTokens: 6_000, cacheCreationInputTokens: 1_000)
        let cost = try priced(usage, model: "claude-sonnet-4-5")
        #expect(
            cost.byKind == [
                .input: F.usd("0.009"), .cacheRead: F.usd("0.0018"), .cacheWrite5m: F.usd("0.00375"),
                .output: F.usd("0.0075"),
            ])
        #expect(cost.total == F.usd("0.02205"))
    }

    @Test func openAICachedAndReasoningTokensAreNotDoubleCounted() throws {
        let chat = OpenAIChatUsage(
            promptTokens: 10_000, completionTokens: 500, cachedTokens: 8_000, reasoningTokens: 300)
        let responses = OpenAIResponsesUsage(
            inputTokens: 10_000, outputTokens: 500, cachedTokens: 8_000, reasoningTokens: 300)
        for cost in [try priced(chat, model: "gpt-4.1-mini"), try priced(responses, model: "gpt-4.1-mini-2025-04-14")] {
            #expect(cost.byKind == [.input: F.usd("0.0004"), .cacheRead: F.usd("0.0004"), .output: F.usd("0.0004")])
        }
    }

    @Test func geminiThoughtsAreBilledAsOutput() throws {
        let usage = GeminiUsageMetadata(
            promptTokenCount: 10_000, candidatesTokenCount: 1_000, cachedContentTokenCount: 4_000,
            thoughtsTokenCount: 2_000)
        let cost = try priced(usage, model: "gemini-2.5-flash")
        #expect(cost.byKind == [.input: F.usd("0.0018"), .cacheRead: F.usd("0.00012"), .output: F.usd("0.0075")])
    }
}

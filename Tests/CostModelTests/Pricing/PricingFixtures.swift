import CostModel

/// A small price book with round numbers, so that every expected cost can be checked by hand.
enum PricingFixtures {
    static func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }
    static func usd(_ decimal: String) -> Money { Money(exactDecimal: decimal)! }
    static func rates(_ prices: [TokenKind: String]) -> [TokenKind: TokenRate] {
        prices.mapValues { TokenRate(decimal: $0)! }
    }

    /// 2025-11-23T06:40:00Z, after every entry of ``book`` took effect.
    static let now: Int64 = 1_763_880_000_000_000_000

    /// Claude Sonnet 4.5 as Anthropic prices it, with its >200k tier, batch and web search.
    static let sonnet = ModelPrice(
        provider: "anthropic",
        model: "claude-sonnet-4-5",
        aliases: ["claude-sonnet-4-5-20250929", "claude-sonnet-4.5"],
        effectiveFrom: day("2025-09-29"),
        rates: rates([.input: "3", .cacheRead: "0.30", .cacheWrite5m: "3.75", .cacheWrite1h: "6", .output: "15"]),
        longContext: [
            .init(
                aboveInputTokens: 200_000,
                rates: rates([
                    .input: "6", .cacheRead: "0.60", .cacheWrite5m: "7.50", .cacheWrite1h: "12", .output: "22.50",
                ]))
        ],
        serviceTiers: ["batch": Multiplier(decimal: "0.5")!],
        requestFees: ["web_search": .init(per: 1000, price: usd("10"))],
        source: "https://platform.claude.com/docs/en/about-claude/pricing"
    )

    /// A made-up model that prices every token kind, reasoning apart, each at a different rate.
    static let everyKind = ModelPrice(
        provider: "acme",
        model: "acme-omni",
        effectiveFrom: day("2025-01-01"),
        rates: rates([
            .input: "1", .cacheRead: "0.10", .cacheWrite5m: "1.25", .cacheWrite1h: "2", .output: "5", .reasoning: "6",
            .inputAudio: "7", .outputAudio: "8", .inputImage: "9", .outputImage: "10",
        ]),
        serviceTiers: ["priority": Multiplier(decimal: "1.75")!, "flex": Multiplier(decimal: "0.5")!],
        source: "test"
    )

    /// A made-up model with two long-context tiers.
    static let tiered = ModelPrice(
        provider: "acme",
        model: "acme-long",
        effectiveFrom: day("2025-01-01"),
        rates: rates([.input: "1", .output: "2"]),
        longContext: [
            .init(aboveInputTokens: 100_000, rates: rates([.input: "2", .output: "4"])),
            .init(aboveInputTokens: 200_000, rates: rates([.input: "3", .output: "6"])),
        ],
        source: "test"
    )

    /// An OpenAI model with no cache write price, and a price cut.
    static let miniBefore = ModelPrice(
        provider: "openai", model: "gpt-4.1-mini", aliases: ["gpt-4.1-mini-2025-04-14"],
        effectiveFrom: day("2025-04-14"), rates: rates([.input: "0.40", .cacheRead: "0.10", .output: "1.60"]),
        source: "test")
    static let miniAfter = ModelPrice(
        provider: "openai", model: "gpt-4.1-mini", aliases: ["gpt-4.1-mini-2025-04-14"],
        effectiveFrom: day("2025-10-01"), rates: rates([.input: "0.20", .cacheRead: "0.05", .output: "0.80"]),
        source: "test")

    static let gemini = ModelPrice(
        provider: "google", model: "gemini-2.5-flash", effectiveFrom: day("2025-06-17"),
        rates: rates([.input: "0.30", .cacheRead: "0.03", .output: "2.50", .inputAudio: "1"]),
        requestFees: ["web_search": .init(per: 1000, price: usd("35"))], source: "test")

    static let h100 = GPURate(device: "H100", perHour: usd("3.9492"), effectiveFrom: day("2025-01-01"), source: "test")
    static let l4 = GPURate(device: "L4", perHour: usd("1.2"), effectiveFrom: day("2025-01-01"), source: "test")
    static let webSearch = ToolFee(
        tool: "web_search", perCall: usd("0.01"), effectiveFrom: day("2025-05-07"), source: "test")

    static let book = PriceBook(
        models: [sonnet, everyKind, tiered, miniBefore, miniAfter, gemini],
        gpus: [h100, l4],
        tools: [webSearch]
    )

    static let trace = TraceID(high: 0x0af7_6519_16cd_43dd, low: 0x8448_eb21_1c80_319c)

    /// A span with only what pricing looks at.
    static func span(
        _ id: UInt64 = 1,
        parent: UInt64? = nil,
        kind: SpanKind = .llm,
        model: String? = nil,
        provider: String? = nil,
        at start: Int64 = now,
        serviceTier: String? = nil,
        usage: TokenUsage = .zero,
        units: [String: Int64] = [:],
        tool: ToolCall? = nil,
        gpu: GPUUsage? = nil,
        reportedCost: Money? = nil
    ) -> SpanRecord {
        SpanRecord(
            traceID: trace,
            spanID: SpanID(id),
            parentSpanID: parent.map(SpanID.init),
            kind: kind,
            name: "span \(id)",
            startNanos: start,
            endNanos: start + 1_000_000,
            model: model,
            provider: provider,
            serviceTier: serviceTier,
            usage: usage,
            units: units,
            tool: tool,
            gpu: gpu,
            reportedCost: reportedCost
        )
    }

    static func cost(_ span: SpanRecord, book: PriceBook = book) -> SpanCost {
        SpanPricer(book: book).cost(of: span)
    }
}

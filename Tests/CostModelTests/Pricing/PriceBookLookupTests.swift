import CostModel
import Testing

struct PriceBookLookupTests {
    let book = PricingFixtures.book
    let now = PricingFixtures.now

    @Test(
        arguments: [
            "claude-sonnet-4-5",
            "CLAUDE-Sonnet-4-5",
            "claude-sonnet-4-5-20250929",  // an alias
            "claude-sonnet-4.5",  // an alias
            "claude-sonnet-4-5-20260101",  // a snapshot the book does not list: the date is stripped
            "claude-sonnet-4-5-2026-01-01",
            "claude-sonnet-4-5@20250929",  // Vertex AI's spelling
        ]
    )
    func aModelIsFoundByIdAliasOrDateSuffixedId(model: String) {
        #expect(book.modelPrice(provider: nil, model: model, atNanos: now)?.model == "claude-sonnet-4-5")
        #expect(book.canonicalModelID(model: model) == "claude-sonnet-4-5")
    }

    @Test func aDateSuffixIsStrippedOnlyWhenNeitherIdNorAliasMatches() {
        let dated = ModelPrice(
            provider: "openai", model: "gpt-4o-2024-05-13", effectiveFrom: PricingFixtures.day("2024-05-13"),
            rates: PricingFixtures.rates([.input: "5"]), source: "test")
        let plain = ModelPrice(
            provider: "openai", model: "gpt-4o", effectiveFrom: PricingFixtures.day("2024-05-13"),
            rates: PricingFixtures.rates([.input: "2.50"]), source: "test")
        let book = PriceBook(models: [plain, dated])
        #expect(book.modelPrice(provider: nil, model: "gpt-4o-2024-05-13", atNanos: now)?.model == "gpt-4o-2024-05-13")
        #expect(book.modelPrice(provider: nil, model: "gpt-4o-2024-11-20", atNanos: now)?.model == "gpt-4o")
    }

    @Test(arguments: [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"), ("gpt-4o-2024-08-06", "gpt-4o"), ("x@20250101", "x"),
    ])
    func dateSuffixesAreRecognised(model: String, undated: String) {
        #expect(PriceBook.strippingDateSuffix(model) == undated)
    }

    @Test(arguments: [
        "claude-sonnet-4-5", "mistral-large-2411", "gemini-2.5-pro-preview-06-05", "o3", "-20250929",
        "gpt-4o-2024-8-06",
    ])
    func idsWithoutAFullDateKeepTheirName(model: String) {
        #expect(PriceBook.strippingDateSuffix(model) == nil)
    }

    @Test func theProviderMustAgreeWhenBothSidesNameOne() {
        #expect(book.modelPrice(provider: "anthropic", model: "claude-sonnet-4-5", atNanos: now) != nil)
        #expect(book.modelPrice(provider: "Anthropic", model: "claude-sonnet-4-5", atNanos: now) != nil)
        #expect(book.modelPrice(provider: nil, model: "claude-sonnet-4-5", atNanos: now) != nil)
        #expect(book.modelPrice(provider: "aws.bedrock", model: "claude-sonnet-4-5", atNanos: now) == nil)
        #expect(book.lookupModel(provider: "openai", model: "claude-sonnet-4-5", atNanos: now) == .unknown)
    }

    @Test func openTelemetryProviderNamesMeanTheBooksProviders() {
        #expect(book.modelPrice(provider: "gcp.gemini", model: "gemini-2.5-flash", atNanos: now) != nil)
        #expect(book.modelPrice(provider: "gcp.vertex_ai", model: "gemini-2.5-flash", atNanos: now) != nil)
        #expect(PriceBook.canonicalProvider("mistral_ai") == "mistral")
        #expect(PriceBook.canonicalProvider("azure.ai.openai") == "azure.ai.openai")
    }

    @Test func theNewestEntryInForceAtTheSpansStartIsUsed() {
        let cut = PricingFixtures.day("2025-10-01").startNanos
        #expect(
            book.modelPrice(provider: nil, model: "gpt-4.1-mini", atNanos: cut - 1)?.rates[.input]
                == TokenRate(decimal: "0.40"))
        #expect(
            book.modelPrice(provider: nil, model: "gpt-4.1-mini", atNanos: cut)?.rates[.input]
                == TokenRate(decimal: "0.20"))
        #expect(
            book.modelPrice(provider: nil, model: "gpt-4.1-mini-2025-04-14", atNanos: cut)?.rates[.input]
                == TokenRate(decimal: "0.20"))
    }

    @Test func aSpanBeforeTheFirstEntryHasNoPriceAndSaysWhen() {
        let before = PricingFixtures.day("2025-04-13").startNanos
        #expect(book.modelPrice(provider: nil, model: "gpt-4.1-mini", atNanos: before) == nil)
        #expect(
            book.lookupModel(provider: nil, model: "gpt-4.1-mini", atNanos: before)
                == .notYetPriced(firstPriced: PricingFixtures.day("2025-04-14")))
        #expect(book.lookupModel(provider: nil, model: "no-such-model", atNanos: now) == .unknown)
    }

    @Test func gpuRatesAndToolFeesAreFoundByNameIgnoringCaseAndDate() {
        #expect(book.gpuRate(device: "h100", atNanos: now)?.perHour == PricingFixtures.usd("3.9492"))
        #expect(
            book.lookupGPU(device: "H100", atNanos: PricingFixtures.day("2024-12-31").startNanos)
                == .notYetPriced(firstPriced: PricingFixtures.day("2025-01-01")))
        #expect(book.lookupGPU(device: "TPU", atNanos: now) == .unknown)
        #expect(book.toolFee(tool: "Web_Search", atNanos: now)?.perCall == PricingFixtures.usd("0.01"))
        #expect(book.toolFee(tool: "web_search", atNanos: PricingFixtures.day("2025-05-06").startNanos) == nil)
    }
}

struct PriceBookMergingTests {
    @Test func anOverrideReplacesTheEntryOfTheSameModelAndDay() {
        var negotiated = PricingFixtures.sonnet
        negotiated.model = "CLAUDE-SONNET-4-5"
        negotiated.rates[.input] = TokenRate(decimal: "2")
        let merged = PricingFixtures.book.merging(PriceBook(models: [negotiated]))
        #expect(merged.models.count == PricingFixtures.book.models.count)
        #expect(
            merged.modelPrice(provider: nil, model: "claude-sonnet-4-5", atNanos: PricingFixtures.now)?.rates[.input]
                == TokenRate(decimal: "2"))
    }

    @Test func anOverrideFromAnotherDayIsAddedAndTakesOverFromThatDay() {
        var later = PricingFixtures.sonnet
        later.effectiveFrom = PricingFixtures.day("2026-01-01")
        later.rates[.output] = TokenRate(decimal: "12")
        let merged = PricingFixtures.book.merging(PriceBook(models: [later]))
        #expect(merged.models.count == PricingFixtures.book.models.count + 1)
        let rate = { (iso: String) in
            merged.modelPrice(provider: nil, model: "claude-sonnet-4-5", atNanos: PricingFixtures.day(iso).startNanos)?
                .rates[.output]
        }
        #expect(rate("2025-12-31") == TokenRate(decimal: "15"))
        #expect(rate("2026-01-01") == TokenRate(decimal: "12"))
    }

    @Test func overridesOfGPUsAndToolsWorkTheSameWay() {
        var h100 = PricingFixtures.h100
        h100.perHour = PricingFixtures.usd("2")
        let newTool = ToolFee(
            tool: "ci_runner", perCall: PricingFixtures.usd("0.002"), effectiveFrom: PricingFixtures.day("2025-01-01"))
        let merged = PricingFixtures.book.merging(PriceBook(gpus: [h100], tools: [newTool]))
        #expect(merged.gpus.count == 2)
        #expect(merged.gpuRate(device: "H100", atNanos: PricingFixtures.now)?.perHour == PricingFixtures.usd("2"))
        #expect(merged.toolFee(tool: "ci_runner", atNanos: PricingFixtures.now) == newTool)
        #expect(merged.toolFee(tool: "web_search", atNanos: PricingFixtures.now) == PricingFixtures.webSearch)
    }
}

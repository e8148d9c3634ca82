import CostFormats
import CostModel
import Foundation
import Testing

struct DefaultPriceBookTests {
    /// The package's root folder, three levels above this file.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func day(_ iso: String) -> Int64 { CalendarDate(iso: iso)!.startNanos }

    static func cost(model: String, at nanos: Int64, usage: TokenUsage) -> SpanCost {
        let span = SpanRecord(
            traceID: TraceID(high: 1, low: 1), spanID: SpanID(1), kind: .llm, name: "call",
            startNanos: nanos, endNanos: nanos + 1, model: model, usage: usage)
        return SpanPricer(book: DefaultPriceBook.book).cost(of: span)
    }

    @Test func theEmbeddedBookIsPricesDefaultJSONByteForByte() throws {
        let file = try Data(contentsOf: Self.repositoryRoot.appendingPathComponent("prices/default.json"))
        #expect(Array(DefaultPriceBook.json.utf8) == Array(file), "run tools/embed-price-book.sh")
    }

    @Test func theShippedBookLoadsAndValidatesWithZeroErrors() throws {
        #expect(
            PriceBookReader.check(DefaultPriceBook.json, file: DefaultPriceBook.fileName).errors.map(\.description)
                == [])
        let path = Self.repositoryRoot.appendingPathComponent("prices/default.json").path
        #expect(try PriceBookReader.check(path: path).errors.map(\.description) == [])
        let book = try DefaultPriceBook.load()
        #expect(book.models.count == DefaultPriceBook.book.models.count)
    }

    @Test func theShippedBookCoversEveryMajorProviderGPUsAndTools() {
        let book = DefaultPriceBook.book
        #expect(
            Set(book.models.map(\.provider)).isSuperset(of: ["openai", "anthropic", "google", "mistral", "deepseek"]))
        #expect(Set(book.gpus.map(\.device)).isSuperset(of: ["H100", "H200", "A100", "L4"]))
        #expect(book.toolFee(tool: "web_search", atNanos: Self.day("2026-01-01")) != nil)
        #expect(book.models.allSatisfy { !$0.source.isEmpty })
    }

    @Test(
        arguments: [
            ("claude-opus-4-1", TokenKind.input, "15"), ("claude-opus-4-1", .cacheWrite1h, "30"),
            ("claude-opus-4-1", .output, "75"),
            ("claude-sonnet-4-5", .cacheWrite5m, "3.75"), ("claude-haiku-4-5", .cacheRead, "0.10"),
            ("claude-3-haiku", .output, "1.25"),
            ("gpt-5-mini", .cacheRead, "0.025"), ("gpt-5-nano", .output, "0.40"),
            ("gpt-4o-audio-preview", .outputAudio, "80"),
            ("text-embedding-3-large", .input, "0.13"),
        ] as [(String, TokenKind, String)]
    )
    func handCheckedPricesAreInTheBook(model: String, kind: TokenKind, dollars: String) throws {
        let entry = try #require(
            DefaultPriceBook.book.modelPrice(provider: nil, model: model, atNanos: Self.day("2026-11-23")))
        #expect(entry.rates[kind] == TokenRate(decimal: dollars))
        #expect(entry.checked != nil)
    }

    func dollars(_ model: String, at nanos: Int64) -> Money {
        Self.cost(model: model, at: nanos, usage: TokenUsage(input: 1_000_000, output: 1_000_000)).total
    }

    @Test func gpt4oIsPricedByTheEntryInForceBeforeAndAfterItsPriceCut() {
        // $5 in + $15 out until 2024-10-02, then $2.50 + $10.
        #expect(dollars("gpt-4o", at: Self.day("2024-09-01")) == Money(exactDecimal: "20"))
        #expect(dollars("gpt-4o", at: Self.day("2024-10-02") - 1) == Money(exactDecimal: "20"))
        #expect(dollars("gpt-4o", at: Self.day("2024-10-02")) == Money(exactDecimal: "12.50"))
        // The 2024-08-06 snapshot had the new price from its release; its exact id wins over the alias.
        #expect(dollars("gpt-4o-2024-08-06", at: Self.day("2024-09-01")) == Money(exactDecimal: "12.50"))
        let beforeLaunch = Self.cost(model: "gpt-4o", at: Self.day("2024-05-12"), usage: TokenUsage(input: 1))
        #expect(
            beforeLaunch.unpricedReason
                == .modelNotYetPriced(model: "gpt-4o", firstPriced: CalendarDate(iso: "2024-05-13")!))
    }

    @Test func o3IsPricedByTheEntryInForceBeforeAndAfterTheJuneCut() {
        // $10 in + $40 out until the 80% cut on 2025-06-10, then $2 + $8.
        let lastOld = Self.day("2025-06-10") - 1  // 2025-06-09T23:59:59.999999999Z
        #expect(dollars("o3", at: lastOld) == Money(exactDecimal: "50"))
        #expect(dollars("o3", at: Self.day("2025-06-10")) == Money(exactDecimal: "10"))
        #expect(dollars("o3-2025-04-16", at: lastOld) == Money(exactDecimal: "50"))
        #expect(dollars("o3-2025-04-16", at: Self.day("2025-07-01")) == Money(exactDecimal: "10"))
    }

    @Test(arguments: [
        "claude-sonnet-4-5-20250929", "claude-sonnet-4-5", "claude-sonnet-4.5", "Claude-Sonnet-4-5-20991231",
    ])
    func dateSuffixedAndAliasedIdsFindTheirModel(model: String) {
        let cost = Self.cost(model: model, at: Self.day("2026-11-01"), usage: TokenUsage(input: 100_000))
        #expect(cost.total == Money(exactDecimal: "0.30"))
    }

    @Test func anUnknownModelIsUnpricedInTheShippedBookToo() {
        let cost = Self.cost(
            model: "qwen2.5-coder-32b-instruct", at: Self.day("2026-11-01"), usage: TokenUsage(input: 10))
        #expect(cost.unpricedReason == .unknownModel(model: "qwen2.5-coder-32b-instruct", provider: nil))
    }

    @Test func theSampleTracesPriceWithOnlyTheSelfHostedModelUnpriced() throws {
        for name in ["research-agent", "support-workflow", "coding-agent-gpu"] {
            let path = Self.repositoryRoot.appendingPathComponent("traces/\(name).jsonl").path
            let runs = Run.group(try TraceFileReader.read(path: path).spans)
            for costed in CostedRun.price(runs, with: SpanPricer(book: DefaultPriceBook.book)) {
                #expect(costed.total.total > .zero)
                let unknown = Set(costed.unpriced.map(\.reason))
                #expect(
                    unknown.allSatisfy {
                        if case .unknownModel(let model, _) = $0 { model.hasPrefix("qwen") } else { false }
                    }, "\(name): \(unknown)")
            }
        }
    }
}

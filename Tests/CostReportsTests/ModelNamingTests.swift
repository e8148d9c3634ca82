import CostModel
import CostReports
import Testing

/// The `model` key names models as the price book does: aliases and dated ids are one model.
struct ModelNamingTests {
    /// `sonnet` with the alias `sonnet-latest`, at $1 per million input tokens.
    let pricer = SpanPricer(
        book: PriceBook(models: [
            ModelPrice(
                provider: "test", model: "sonnet", aliases: ["sonnet-latest"],
                effectiveFrom: CalendarDate(daysSinceEpoch: 0),
                rates: [.input: TokenRate(perMillion: Money(nanos: 1_000_000_000))])
        ]))

    static let day: Int64 = 86_400_000_000_000
    /// 2026-11-02T12:00:00Z.
    static let noon: Int64 = 1_793_577_600_000_000_000 + day / 2

    /// One run a day for `days` days, each with a call of every spelling and one of a model the
    /// book does not know.
    func runs(days: Int = 1) -> [CostedRun] {
        var spans: [SpanRecord] = []
        for day in 0..<days {
            let start = Self.noon + Int64(day) * Self.day
            let run = UInt64(day + 1)
            let calls: [(String, Int64)] = [
                ("sonnet", 1_000), ("sonnet-20250929", 2_000), ("SONNET-LATEST", 4_000), ("local-model", 8_000),
            ]
            for (index, (model, input)) in calls.enumerated() {
                spans.append(
                    SpanRecord(
                        traceID: TraceID(high: 1, low: run), spanID: SpanID(UInt64(index + 1)), kind: .llm,
                        name: "call", startNanos: start, endNanos: start + 1_000, model: model, provider: "test",
                        usage: TokenUsage(input: input)))
            }
        }
        return CostedRun.price(Run.group(spans), with: pricer)
    }

    var models: ModelNaming { ModelNaming(book: pricer.book) }

    @Test func aliasesAndDatedIdsShareTheBooksRowAndUnknownModelsKeepTheirName() throws {
        let runs = runs()
        let allocation = CostAllocation(runs: runs, by: [AllocationKey("model")], models: models)
        #expect(allocation.rows.map(\.values) == [["sonnet"], ["local-model"]])
        // $1 per million: 7,000 tokens of sonnet under three names.
        #expect(allocation.rows[0].cost.total == Money(nanos: 7_000_000))
        #expect(allocation.rows[0].cost.spans == 3)
        #expect(allocation.rows[1].cost.unpricedSpans == 1)
        #expect(allocation.total == runs.reduce(CostTotals()) { $0 + $1.total })
        // As recorded, every spelling is its own row.
        let asRecorded = CostAllocation(runs: runs, by: [AllocationKey("model")])
        #expect(asRecorded.rows.count == 4)
    }

    @Test func aModelScopeCoversEveryNameOfTheModelWhicheverNameItGives() {
        let runs = runs()
        let budgets = ["sonnet", "sonnet-latest", "Sonnet-20260101", "local-model", "LOCAL-MODEL"].map { value in
            Budget(
                name: value, scope: BudgetScope(["model": value]), period: .day, amount: Money(nanos: 1_000_000_000),
                hard: .whole)
        }
        let check = BudgetCheck(budgets: budgets, runs: runs, at: Self.noon + Self.day / 4, models: models)
        #expect(check.results.map(\.cost.spans) == [3, 3, 3, 1, 0])
        #expect(check.results[0].spent == Money(nanos: 7_000_000))
        // As recorded, the scope covers its own spelling only.
        let asRecorded = BudgetCheck(budgets: budgets, runs: runs, at: Self.noon + Self.day / 4)
        #expect(asRecorded.results.map(\.cost.spans) == [1, 0, 0, 1, 0])
    }

    @Test func aForecastByModelHasOneGroupPerModel() throws {
        let forecast = try SpendForecast(
            runs: runs(days: 6), by: [AllocationKey("model")], period: .month, at: Self.noon + 6 * Self.day,
            models: models)
        #expect(forecast.rows.map(\.values) == [["sonnet"], ["local-model"]])
        #expect(forecast.rows[0].actual == Money(nanos: 6 * 7_000_000))
        let backtest = try ForecastBacktest(
            runs: runs(days: 6), by: [AllocationKey("model")], holdOut: 1, models: models)
        #expect(backtest.rows.map(\.values) == [["sonnet"], ["local-model"]])
    }

    @Test func focusTagsNameTheModelAsTheBookDoes() throws {
        let export = try FOCUSExport(
            runs: runs().map(\.run), pricer: pricer, options: FOCUSExport.Options(tagKeys: [AllocationKey("model")]))
        #expect(export.charges.map(\.tags) == Array(repeating: #"{"model":"sonnet"}"#, count: 3))
    }
}

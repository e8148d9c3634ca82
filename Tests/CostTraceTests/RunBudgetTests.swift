import CostTrace
import Testing
import Tracing

/// A price book with round rates, so that each expected spend follows from tokens × rate.
private enum BudgetPrices {
    static let epoch = CalendarDate(daysSinceEpoch: 0)
    /// $10 per million input tokens and $30 per million output tokens.
    static let large = ModelPrice(
        provider: "acme", model: "acme-large", effectiveFrom: epoch,
        rates: [.input: TokenRate(decimal: "10")!, .output: TokenRate(decimal: "30")!])
    /// A tenth of the large model's rates.
    static let small = ModelPrice(
        provider: "acme", model: "acme-small", effectiveFrom: epoch,
        rates: [.input: TokenRate(decimal: "1")!, .output: TokenRate(decimal: "3")!])
    static let pricer = SpanPricer(book: PriceBook(models: [large, small]))

    /// What `usage` costs on `model`: tokens × rate per million, exact in nano-dollars.
    static func cost(_ model: ModelPrice, _ usage: TokenUsage) -> Money {
        let nanos =
            usage.input * model.rates[.input]!.perMillion.nanos / 1_000_000
            + usage.output * model.rates[.output]!.perMillion.nanos / 1_000_000
        return Money(nanos: nanos)
    }
}

private func usd(_ text: String) -> Money { Money(exactDecimal: text)! }

/// Records one model call of `usage` on `model` in a span of its own.
private func call(_ tracer: CostTracer, _ model: String, _ usage: TokenUsage) {
    tracer.withSpan("call \(model)", kind: .llm) { span in
        span.setModel(model, provider: "acme")
        try? span.recordUsage(usage)
    }
}

struct RunBudgetTests {
    /// 20,000 input and 5,000 output tokens: $0.35 on the large model, $0.035 on the small one.
    let turn = TokenUsage(input: 20_000, output: 5_000)

    @Test func spansThatEndInsideAddTheirOwnCostAsTheyEnd() throws {
        let (tracer, _) = makeTracer()
        let perCall = BudgetPrices.cost(BudgetPrices.large, turn)
        try tracer.withBudget(usd("2"), pricer: BudgetPrices.pricer) { budget in
            try tracer.withSpan("ticket", kind: .workflow) { _ in
                for done in 1...3 {
                    call(tracer, "acme-large", turn)
                    #expect(budget.spent == Money(nanos: perCall.nanos * Int64(done)))
                }
                // The workflow span has not ended yet; it costs nothing of its own anyway.
                #expect(budget.chargedSpans == 3)
            }
            #expect(budget.chargedSpans == 4)
            #expect(budget.remaining == usd("2") - Money(nanos: perCall.nanos * 3))
            #expect(!budget.isExceeded)
            try budget.check()
        }
    }

    @Test func workStopsAtTheFirstCheckAfterSpendCrossesTheLimit() throws {
        let (tracer, exporter) = makeTracer()
        let perCall = BudgetPrices.cost(BudgetPrices.large, turn)
        let limit = usd("1")
        let error = #expect(throws: BudgetExceeded.self) {
            try tracer.withBudget(limit, name: "ticket 1042", pricer: BudgetPrices.pricer) { budget in
                while true {
                    try budget.check()
                    call(tracer, "acme-large", turn)
                }
            }
        }
        // The calls run while spend is below the limit: the one that crosses it is the last.
        let calls = Int((limit.nanos + perCall.nanos - 1) / perCall.nanos)
        #expect(exporter.spans.count == calls)
        #expect(error?.spent == Money(nanos: perCall.nanos * Int64(calls)))
        #expect(error?.limit == limit)
        #expect(error?.name == "ticket 1042")
        #expect(error?.description.hasPrefix("budget 'ticket 1042' exceeded: spent $") == true)
    }

    @Test func spendThatReachesTheLimitExactlyExceedsIt() throws {
        let (tracer, _) = makeTracer()
        let perCall = BudgetPrices.cost(BudgetPrices.large, turn)
        try tracer.withBudget(Money(nanos: perCall.nanos * 2), pricer: BudgetPrices.pricer) { budget in
            call(tracer, "acme-large", turn)
            // One nano-dollar short of the limit after the next call would still allow it.
            #expect(budget.allows(estimated: perCall))
            #expect(!budget.allows(estimated: perCall + Money(nanos: 1)))
            call(tracer, "acme-large", turn)
            #expect(budget.spent == budget.limit)
            #expect(budget.isExceeded)
            #expect(budget.remaining == .zero)
            #expect(!budget.allows(estimated: .zero))
            #expect(throws: BudgetExceeded.self) { try budget.check() }
        }
    }

    @Test func codeDowngradesToACheaperModelWhenTheLargeOneNoLongerFits() throws {
        let (tracer, exporter) = makeTracer()
        let large = BudgetPrices.cost(BudgetPrices.large, turn)
        let small = BudgetPrices.cost(BudgetPrices.small, turn)
        let limit = usd("1")
        var models: [String] = []
        try tracer.withBudget(limit, pricer: BudgetPrices.pricer) { budget in
            #expect(budget.estimate(model: "acme-large", usage: turn) == large)
            #expect(budget.estimate(model: "acme-small", usage: turn) == small)
            #expect(budget.estimate(model: "unknown-model", usage: turn) == nil)
            for _ in 0..<40 {
                let model: String
                if budget.allows(estimated: try #require(budget.estimate(model: "acme-large", usage: turn))) {
                    model = "acme-large"
                } else if budget.allows(estimated: try #require(budget.estimate(model: "acme-small", usage: turn))) {
                    model = "acme-small"
                } else {
                    break
                }
                models.append(model)
                call(tracer, model, turn)
            }
        }
        // Large calls while one fits, then small ones while one fits, then nothing.
        let largeCalls = Int(limit.nanos / large.nanos)
        let smallCalls = Int((limit.nanos - large.nanos * Int64(largeCalls)) / small.nanos)
        #expect(
            models == Array(repeating: "acme-large", count: largeCalls)
                + Array(repeating: "acme-small", count: smallCalls))
        #expect(smallCalls > 0)
        #expect(exporter.spans.map(\.model) == models)
    }

    @Test func nestedBudgetsBothSeeTheInnerSpendAndTheInnerSeesTheOuterLimit() throws {
        let (tracer, _) = makeTracer()
        let perCall = BudgetPrices.cost(BudgetPrices.large, turn)
        let runLimit = usd("2")
        try tracer.withBudget(runLimit, name: "run", pricer: BudgetPrices.pricer) { run in
            call(tracer, "acme-large", turn)
            try tracer.withBudget(usd("0.5"), name: "step", pricer: BudgetPrices.pricer) { step in
                #expect(RunBudget.current === step)
                #expect(step.enclosing === run)
                call(tracer, "acme-large", turn)
                #expect(step.spent == perCall)
                #expect(run.spent == Money(nanos: perCall.nanos * 2))
                // The step has less of its own left than the run has: it may spend the least.
                #expect(step.remaining == usd("0.5") - perCall)
                call(tracer, "acme-large", turn)
                #expect(step.isExceeded)
                #expect(!run.isExceeded)
                #expect(throws: BudgetExceeded.self) { try step.check() }
            }
            #expect(RunBudget.current === run)
            let spentBefore = Money(nanos: perCall.nanos * 3)
            #expect(run.spent == spentBefore)
            try tracer.withBudget(usd("5"), name: "large step", pricer: BudgetPrices.pricer) { step in
                // The run has less left than this step's own limit.
                #expect(step.remaining == runLimit - spentBefore)
                var calls = 0
                while !step.isExceeded {
                    call(tracer, "acme-large", turn)
                    calls += 1
                }
                // The run's limit stopped the step, long before the step's own.
                #expect(calls == Int(((runLimit - spentBefore).nanos + perCall.nanos - 1) / perCall.nanos))
                #expect(run.isExceeded)
                #expect(step.spent < step.limit)
                let error = #expect(throws: BudgetExceeded.self) { try step.check() }
                #expect(error?.name == "run")
            }
        }
    }

    @Test func manyTasksChargingAtOnceSumExactly() async throws {
        let (tracer, _) = makeTracer()
        let usage = TokenUsage(input: 7, output: 3)
        let perCall = BudgetPrices.cost(BudgetPrices.small, usage)
        let (tasks, callsPerTask) = (64, 50)
        try await tracer.withBudget(usd("1"), pricer: BudgetPrices.pricer) { budget in
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        for _ in 0..<callsPerTask { call(tracer, "acme-small", usage) }
                    }
                }
            }
            #expect(budget.chargedSpans == tasks * callsPerTask)
            #expect(budget.spent == Money(nanos: perCall.nanos * Int64(tasks * callsPerTask)))
            try budget.check()
        }
    }

    @Test func unpricedSpansAreCountedAndExceedOnlyWhenAskedTo() throws {
        let (tracer, _) = makeTracer()
        tracer.withBudget(usd("1"), pricer: BudgetPrices.pricer) { budget in
            call(tracer, "self-hosted-llama", turn)
            #expect(budget.unpricedSpans == 1)
            #expect(budget.spent == .zero)
            #expect(!budget.isExceeded)
        }
        tracer.withBudget(usd("1"), pricer: BudgetPrices.pricer, unpriced: .exceed) { budget in
            call(tracer, "acme-small", turn)
            #expect(!budget.isExceeded)
            call(tracer, "self-hosted-llama", turn)
            #expect(budget.isExceeded)
            let error = #expect(throws: BudgetExceeded.self) { try budget.check() }
            #expect(error?.unpricedSpans == 1)
            #expect(error?.description.contains("+ 1 unpriced span") == true)
        }
    }

    @Test func spansOutsideTheBudgetOrStartedBeforeItAreNotCharged() throws {
        let (tracer, _) = makeTracer()
        let perCall = BudgetPrices.cost(BudgetPrices.large, turn)
        let early = tracer.startSpan("started before", kind: .llm)
        early.setModel("acme-large")
        try? early.recordUsage(turn)
        let budget = tracer.withBudget(usd("1"), pricer: BudgetPrices.pricer) { budget in
            early.end()
            call(tracer, "acme-large", turn)
            return budget
        }
        call(tracer, "acme-large", turn)
        #expect(budget.spent == perCall)
        #expect(RunBudget.current == nil)
    }

    @Test func spansOfSwiftDistributedTracingAreChargedToo() throws {
        let (tracer, _) = makeTracer()
        let budget = withTracer(tracer.tracingBackend) {
            tracer.withBudget(usd("1"), pricer: BudgetPrices.pricer) { budget in
                withSpan("chat") { span in
                    span.attributes["gen_ai.operation.name"] = "chat"
                    span.attributes["gen_ai.request.model"] = "acme-large"
                    span.attributes["gen_ai.usage.input_tokens"] = 20_000
                    span.attributes["gen_ai.usage.output_tokens"] = 5_000
                }
                return budget
            }
        }
        #expect(budget.spent == BudgetPrices.cost(BudgetPrices.large, turn))
    }

    @Test func spansArePricedByTheBookInForceOnTheTracersClock() throws {
        let clock = ManualClock()
        let exporter = InMemorySpanExporter()
        let tracer = CostTracer(exporter: exporter, now: { clock.nanos })
        // The large model's rates double from the second day of the epoch.
        var doubled = BudgetPrices.large
        doubled.effectiveFrom = CalendarDate(daysSinceEpoch: 1)
        doubled.rates = doubled.rates.mapValues { TokenRate(perMillion: $0.perMillion + $0.perMillion) }
        let pricer = SpanPricer(book: PriceBook(models: [BudgetPrices.large, doubled]))
        let before = BudgetPrices.cost(BudgetPrices.large, turn)
        try tracer.withBudget(usd("10"), pricer: pricer) { budget in
            #expect(budget.estimate(model: "acme-large", usage: turn) == before)
            call(tracer, "acme-large", turn)
            clock.advance(by: .seconds(86_400))
            #expect(budget.estimate(model: "acme-large", usage: turn) == before + before)
            call(tracer, "acme-large", turn)
            #expect(budget.spent == before + before + before)
            _ = try #require(exporter.spans.last)
        }
    }
}

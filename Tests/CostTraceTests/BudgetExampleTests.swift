import CostTrace
import Testing

/// The `withBudget` examples of docs/budgets.md, the DocC catalog and ``RunBudget``'s comments,
/// compiled and run as written there.
struct BudgetExampleTests {
    struct Ticket {
        var id: Int
        var questions: [String]
    }

    /// The usage every example expects of a call: 12,000 input and 800 output tokens.
    static let expected = TokenUsage(input: 12_000, output: 800)

    /// Answers by recording a model call of the expected size, on the example's tracer.
    final class Answerer: Sendable {
        let tracer: CostTracer

        init(tracer: CostTracer) {
            self.tracer = tracer
        }

        func answer(_ question: String, with model: String) async throws {
            try tracer.withSpan(question, kind: .llm) { span in
                span.setModel(model, provider: "anthropic")
                try span.recordUsage(BudgetExampleTests.expected)
            }
        }
    }

    @Test func theDocumentedExampleDowngradesNearTheCapAndStops() async throws {
        let (tracer, exporter) = makeTracer()
        let ticket = Ticket(id: 1042, questions: (1...100).map { "question \($0)" })
        let answerer = Answerer(tracer: tracer)
        func answer(_ question: String, with model: String) async throws {
            try await answerer.answer(question, with: model)
        }
        let exceeded = await #expect(throws: BudgetExceeded.self) {
            // docs/budgets.md, "In the library: a cap per run", as written there.
            try await tracer.withBudget(Money(decimal: "0.50")!, name: "ticket \(ticket.id)") { budget in
                try await tracer.withSpan("support ticket", kind: .workflow, attributes: ["team": "support"]) { _ in
                    for question in ticket.questions {
                        try budget.check()  // throws BudgetExceeded once spent
                        let expected = TokenUsage(input: 12_000, output: 800)
                        // Downgrade near the cap, and when the book cannot price Sonnet: an unknown cost never fits.
                        let model =
                            budget.allows(model: "claude-sonnet-4-5", usage: expected)
                            ? "claude-sonnet-4-5"
                            : "claude-haiku-4-5"
                        try await answer(question, with: model)
                    }
                }
            }
        }
        // Replayed with the same book: Sonnet while a Sonnet call fits, then Haiku until the cap.
        let calls = exporter.spans.filter { $0.kind == .llm }
        let pricer = tracer.withBudget(Money(decimal: "1")!) { $0.pricer }  // the default, which the example used
        var spent = Money.zero
        var sawHaiku = false
        for call in calls {
            var asSonnet = call
            asSonnet.model = "claude-sonnet-4-5"
            let sonnet = pricer.cost(of: asSonnet).total
            #expect(pricer.cost(of: call).isPriced)
            #expect(
                call.model == (spent + sonnet <= Money(decimal: "0.50")! ? "claude-sonnet-4-5" : "claude-haiku-4-5"))
            sawHaiku = sawHaiku || call.model == "claude-haiku-4-5"
            #expect(spent < Money(decimal: "0.50")!, "a call after the cap was reached")
            spent += pricer.cost(of: call).total
        }
        #expect(calls.first?.model == "claude-sonnet-4-5")
        #expect(sawHaiku)
        #expect(exceeded?.spent == spent)
        #expect(spent >= Money(decimal: "0.50")!)
    }

    @Test func theShortExamplesTakeTheCheaperModelWhenTheBookCannotPriceTheLargeOne() async throws {
        let (tracer, exporter) = makeTracer()
        let answerer = Answerer(tracer: tracer)
        let questions = ["first", "second"]
        // A book that prices Haiku only: Sonnet's cost is unknown, and must not pass as free.
        let haikuOnly = SpanPricer(
            book: PriceBook(models: [
                ModelPrice(
                    provider: "anthropic", model: "claude-haiku-4-5", effectiveFrom: CalendarDate(daysSinceEpoch: 0),
                    rates: [.input: TokenRate(decimal: "1")!, .output: TokenRate(decimal: "5")!])
            ]))
        try await tracer.withBudget(Money(decimal: "0.50")!, pricer: haikuOnly) { budget in
            // RunBudget's own example.
            for question in questions {
                try budget.check()  // throws BudgetExceeded once spent
                let expected = TokenUsage(input: 12_000, output: 800)
                // Downgrade near the cap, and when the book cannot price Sonnet: an unknown cost never fits.
                let model =
                    budget.allows(model: "claude-sonnet-4-5", usage: expected)
                    ? "claude-sonnet-4-5" : "claude-haiku-4-5"
                try await answerer.answer(question, with: model)
            }
            // The DocC catalog's.
            try budget.check()  // throws BudgetExceeded once spent
            let expected = TokenUsage(input: 12_000, output: 800)
            // False near the cap, and when the book cannot price the call: an unknown cost never fits.
            let fits = budget.allows(model: "claude-sonnet-4-5", usage: expected)
            try await answerer.answer("third", with: fits ? "claude-sonnet-4-5" : "claude-haiku-4-5")
            // ``RunBudget/estimate(model:provider:usage:)``'s.
            let cost = budget.estimate(model: "claude-sonnet-4-5", usage: expected)  // Money?
            let fitsByHand = cost.map(budget.allows(estimated:)) ?? false  // an unknown cost never fits
            #expect(cost == nil)
            #expect(!fitsByHand)
            #expect(budget.allows(model: "claude-haiku-4-5", usage: expected))
            #expect(budget.unpricedSpans == 0)
        }
        #expect(exporter.spans.map(\.model) == Array(repeating: "claude-haiku-4-5", count: 3))
    }
}

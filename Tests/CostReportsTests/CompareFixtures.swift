import CostModel
import CostReports
import Foundation

/// Runs to group and compare, priced by a small book of two models.
enum CompareFixtures {
    /// `cheap` (provider `acme`): $1 per million input tokens (1,000 nano-dollars a token), $0.10 per
    /// million cache reads, $2 per million output tokens. `dear` (provider `zenith`): $10 per million input tokens.
    static let pricer = SpanPricer(
        book: PriceBook(models: [
            ModelPrice(
                provider: "acme", model: "cheap", effectiveFrom: CalendarDate(daysSinceEpoch: 0),
                rates: [
                    .input: TokenRate(perMillion: Money(nanos: 1_000_000_000)),
                    .cacheRead: TokenRate(perMillion: Money(nanos: 100_000_000)),
                    .output: TokenRate(perMillion: Money(nanos: 2_000_000_000)),
                ]),
            ModelPrice(
                provider: "zenith", model: "dear", effectiveFrom: CalendarDate(daysSinceEpoch: 0),
                rates: [.input: TokenRate(perMillion: Money(nanos: 10_000_000_000))]),
        ]))

    /// One model call of a run.
    struct Call {
        var model: String? = "cheap"
        var provider: String? = "acme"
        var usage = TokenUsage()
        var status = SpanStatus.unset
        var attributes: Attributes = [:]
        /// A provider-reported cost, which wins over the book: a way to give a run any cost.
        var reportedCost: Money?
    }

    /// Run `number`: a root with `attributes`, `resource` and `rootStatus`, and its calls as
    /// children.
    static func run(
        _ number: UInt64, attributes: Attributes = [:], resource: Attributes = [:], rootStatus: SpanStatus = .unset,
        calls: [Call]
    ) -> CostedRun {
        let trace = TraceID(high: 7, low: number)
        let start = 1_000_000_000 * Int64(number)
        var spans = [
            SpanRecord(
                traceID: trace, spanID: SpanID(1), kind: .workflow, name: "run \(number)", startNanos: start,
                endNanos: start + 1_000, status: rootStatus, attributes: attributes, resource: resource)
        ]
        for (index, call) in calls.enumerated() {
            spans.append(
                SpanRecord(
                    traceID: trace, spanID: SpanID(UInt64(index) + 2), parentSpanID: SpanID(1), kind: .llm,
                    name: "call",
                    startNanos: start + Int64(index) + 1, endNanos: start + Int64(index) + 2, status: call.status,
                    attributes: call.attributes, model: call.model, provider: call.provider, usage: call.usage,
                    reportedCost: call.reportedCost))
        }
        return CostedRun(run: Run.group(spans)[0], pricer: pricer)
    }

    /// Run `number` with `variant` and one call that cost exactly `nanos`, of status `status`,
    /// under a root of status `rootStatus`.
    static func run(
        _ number: UInt64, variant: String?, nanos: Int64, status: SpanStatus = .unset, rootStatus: SpanStatus = .unset
    ) -> CostedRun {
        run(
            number, attributes: variant.map { ["variant": .string($0)] } ?? [:], rootStatus: rootStatus,
            calls: [Call(status: status, reportedCost: Money(nanos: nanos))])
    }

    /// Run `number` with `variant` and one call of a model no book prices: a run with one unpriced
    /// span and a priced cost of zero.
    static func unpricedRun(_ number: UInt64, variant: String) -> CostedRun {
        run(
            number, attributes: ["variant": .string(variant)],
            calls: [Call(model: "mystery", usage: TokenUsage(input: 10))])
    }

    /// Runs of two variants with the given costs, numbered from 1.
    static func runs(_ variants: [(String?, [Int64])]) -> [CostedRun] {
        var number: UInt64 = 0
        var result: [CostedRun] = []
        for (variant, costs) in variants {
            for nanos in costs {
                number += 1
                result.append(run(number, variant: variant, nanos: nanos))
            }
        }
        return result
    }
}

/// Draws the synthetic per-run costs of the bootstrap tests.
struct CostDistribution {
    /// Costs are log-normal, right-skewed as per-run costs are: exp(N(log(median), sigma²)) dollars.
    var median: Double
    var sigma: Double

    /// The mean of the distribution in nano-dollars: median × exp(sigma² / 2) dollars.
    var meanNanos: Double { median * exp(sigma * sigma / 2) * 1e9 }

    /// The variance of the distribution in nano-dollars squared: (exp(sigma²) − 1) × mean².
    var varianceNanos: Double { (exp(sigma * sigma) - 1) * meanNanos * meanNanos }

    /// `count` costs in nano-dollars, rounded to the nano-dollar.
    func sample(_ count: Int, using generator: inout SplitMix64) -> [Int64] {
        (0..<count).map { _ in
            // Box–Muller: two uniforms in (0, 1] and [0, 1) give one standard normal.
            let u1 = 1 - generator.nextUnitDouble()
            let u2 = generator.nextUnitDouble()
            let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            return Int64((median * exp(sigma * normal) * 1e9).rounded())
        }
    }
}

/// Prices spans with a price book: usage × the rates in force when each span started.
///
/// The rules, each rounded half to even exactly once per span and line (token kind, fee, GPU):
/// - every token bucket × its rate; reasoning is inside output and priced as output, unless the
///   entry has a `reasoning` rate, which then prices the reasoning part;
/// - a prompt larger than a long-context threshold moves the *whole* request, output included,
///   to that tier's rates (the highest tier the prompt exceeds);
/// - the service tier's multiplier scales the token cost (not the fees);
/// - billable units × the model's request fee (or else the tool fee of that name);
/// - a tool call × the tool's fee; GPU device time × the device's hourly rate;
/// - a provider-reported cost wins over all of it.
///
/// A span that needs a price the book lacks is unpriced, with the reason; a span with nothing
/// billable (a workflow, a step) costs exactly zero.
///
/// ```swift
/// let pricer = SpanPricer(book: book)
/// let cost = pricer.cost(of: span)                 // SpanCost
/// let whatIf = SpanPricer(book: book, substitutions: [ModelSubstitution(argument: "gpt-4.1=gpt-4.1-mini")!])
/// ```
public struct SpanPricer: Sendable {
    public var book: PriceBook
    /// Models priced as if they were others (`--reprice-model FROM=TO`); the first that matches a
    /// span applies.
    public var substitutions: [ModelSubstitution]

    public init(book: PriceBook, substitutions: [ModelSubstitution] = []) {
        self.book = book
        self.substitutions = substitutions
    }

    /// The span's own cost.
    public func cost(of span: SpanRecord) -> SpanCost {
        if let substitution = substitutions.first(where: { $0.matches(span, in: book) }) {
            return computedCost(of: substitution.apply(to: span, in: book))
        }
        if let reported = span.reportedCost { return .reported(reported) }
        return computedCost(of: span)
    }

    /// The span's cost from the book, ignoring any reported cost.
    public func computedCost(of span: SpanRecord) -> SpanCost {
        var noLines: [PriceLine]? = nil
        return computedCost(of: span, lines: &noLines).cost
    }

    /// The span's own cost as ``cost(of:)`` gives it, with the lines a computed cost is made of.
    public func itemizedCost(of span: SpanRecord) -> ItemizedCost {
        var priced = span
        if let substitution = substitutions.first(where: { $0.matches(span, in: book) }) {
            priced = substitution.apply(to: span, in: book)
        } else if let reported = span.reportedCost {
            return ItemizedCost(cost: .reported(reported), lines: [], modelPrice: nil)
        }
        var lines: [PriceLine]? = []
        let (cost, entry) = computedCost(of: priced, lines: &lines)
        return ItemizedCost(cost: cost, lines: cost.isPriced ? lines ?? [] : [], modelPrice: entry)
    }

    /// Appends each priced line to `lines` when it is not `nil`, so that ``cost(of:)`` pays nothing
    /// for itemizing.
    private func computedCost(of span: SpanRecord, lines: inout [PriceLine]?) -> (cost: SpanCost, entry: ModelPrice?) {
        switch computeParts(of: span, lines: &lines) {
        case .success(let parts):
            (.computed(byKind: parts.byKind, fees: parts.fees, tools: parts.tools, gpu: parts.gpu), parts.entry)
        case .failure(let failure): (.unpriced(failure.reason), nil)
        }
    }

    private struct Parts {
        var byKind: [TokenKind: Money] = [:]
        var fees = Money.zero
        var tools = Money.zero
        var gpu = Money.zero
        var entry: ModelPrice?
    }

    private struct Failure: Error {
        var reason: UnpricedReason
    }

    private func computeParts(of span: SpanRecord, lines: inout [PriceLine]?) -> Result<Parts, Failure> {
        Result { () throws(Failure) in
            var parts = Parts()
            let at = span.startNanos
            let usage = span.usage
            if let kind = TokenKind.allCases.first(where: { usage[$0] < 0 }) {
                throw Failure(reason: .invalidUsage("\(kind.rawValue) is negative (\(usage[kind]))"))
            }
            if usage.reasoning > usage.output {
                throw Failure(
                    reason: .invalidUsage("reasoning (\(usage.reasoning)) is more than output (\(usage.output))"))
            }
            let unitCounts = span.units.filter { $0.value != 0 }.sorted { $0.key < $1.key }
            var entry: ModelPrice?
            if let model = span.model, !usage.isZero || !unitCounts.isEmpty {
                switch book.lookupModel(provider: span.provider, model: model, atNanos: at) {
                case .found(let found): entry = found
                case .notYetPriced(let first) where !usage.isZero:
                    throw Failure(reason: .modelNotYetPriced(model: model, firstPriced: first))
                case .unknown where !usage.isZero:
                    throw Failure(reason: .unknownModel(model: model, provider: span.provider))
                default: break  // Units alone may still be priced by a tool fee.
                }
            }
            if !usage.isZero {
                guard let entry else { throw Failure(reason: .tokensWithoutModel) }
                parts.byKind = try tokenCosts(usage, tier: span.serviceTier, entry: entry, lines: &lines)
            }
            parts.entry = entry
            for (unit, count) in unitCounts {
                if count < 0 { throw Failure(reason: .invalidUsage("\(unit) units are negative (\(count))")) }
                let fee: Money?
                let price: PriceLine.Price
                if let requestFee = entry?.requestFees[unit]
                    ?? entry?.requestFees.first(where: { $0.key.lowercased() == unit.lowercased() })?.value
                {
                    fee = requestFee.cost(of: count)
                    price = .requestFee(requestFee)
                } else if let toolFee = book.toolFee(tool: unit, atNanos: at) {
                    fee = toolFee.cost(ofCalls: count)
                    price = .toolFee(toolFee)
                } else {
                    throw Failure(reason: .noUnitFee(unit: unit, model: span.model))
                }
                guard let fee, case (let sum, false) = parts.fees.nanos.addingReportingOverflow(fee.nanos) else {
                    throw Failure(reason: .overflow)
                }
                parts.fees = Money(nanos: sum)
                lines?.append(PriceLine(item: .units(unit, count: count), price: price, cost: fee))
            }
            if let tool = span.tool, tool.calls != 0 {
                if tool.calls < 0 { throw Failure(reason: .invalidUsage("tool calls are negative (\(tool.calls))")) }
                switch book.lookupTool(tool: tool.name, atNanos: at) {
                case .found(let fee):
                    guard let cost = fee.cost(ofCalls: tool.calls) else { throw Failure(reason: .overflow) }
                    parts.tools = cost
                    lines?.append(
                        PriceLine(
                            item: .toolCalls(tool.name, calls: tool.calls), price: .toolFee(fee), cost: cost))
                case .notYetPriced(let first):
                    throw Failure(reason: .toolNotYetPriced(tool: tool.name, firstPriced: first))
                case .unknown:
                    break  // A tool the book does not list is free: most are the agent's own functions.
                }
            }
            if let gpu = span.gpu, gpu.count != 0, gpu.busyNanos != 0 {
                if gpu.count < 0 || gpu.busyNanos < 0 {
                    throw Failure(
                        reason: .invalidUsage("GPU count (\(gpu.count)) or time (\(gpu.busyNanos)) is negative"))
                }
                switch book.lookupGPU(device: gpu.device, atNanos: at) {
                case .found(let rate):
                    guard let cost = rate.cost(of: gpu) else { throw Failure(reason: .overflow) }
                    parts.gpu = cost
                    lines?.append(PriceLine(item: .gpu(gpu), price: .gpuRate(rate), cost: cost))
                case .notYetPriced(let first):
                    throw Failure(reason: .gpuNotYetPriced(device: gpu.device, firstPriced: first))
                case .unknown:
                    throw Failure(reason: .unknownGPU(device: gpu.device))
                }
            }
            let (_, overflow) = ([parts.fees, parts.tools, parts.gpu] + Array(parts.byKind.values)).reduce(
                (Int64(0), false)
            ) { sum, money in
                let (next, overflow) = sum.0.addingReportingOverflow(money.nanos)
                return (next, sum.1 || overflow)
            }
            if overflow { throw Failure(reason: .overflow) }
            return parts
        }
    }

    /// Token cost by kind under one entry: tier, service tier and the reasoning rule applied.
    private func tokenCosts(
        _ usage: TokenUsage, tier serviceTier: String?, entry: ModelPrice, lines: inout [PriceLine]?
    ) throws(Failure) -> [TokenKind: Money] {
        guard let multiplier = entry.multiplier(forServiceTier: serviceTier) else {
            throw Failure(reason: .unknownServiceTier(model: entry.model, tier: serviceTier ?? ""))
        }
        let tier = entry.longContextTier(forPromptTokens: usage.promptTokens)
        let rates = tier?.rates ?? entry.rates
        let reasoningApart = rates[.reasoning] != nil
        var costs: [TokenKind: Money] = [:]
        for kind in TokenKind.allCases {
            let count: Int64
            switch kind {
            case .reasoning: count = reasoningApart ? usage.reasoning : 0
            case .output: count = reasoningApart ? usage.output - usage.reasoning : usage.output
            default: count = usage[kind]
            }
            guard count != 0 else { continue }
            guard let rate = rates[kind] else {
                throw Failure(
                    reason: .noTokenRate(model: entry.model, kind: kind, aboveInputTokens: tier?.aboveInputTokens))
            }
            guard let cost = rate.cost(of: count, times: multiplier) else { throw Failure(reason: .overflow) }
            costs[kind] = cost
            lines?.append(
                PriceLine(
                    item: .tokens(kind, count: count),
                    price: .perMillionTokens(rate, multiplier: multiplier, longContextAbove: tier?.aboveInputTokens),
                    cost: cost))
        }
        return costs
    }
}

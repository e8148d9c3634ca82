import CostModel

/// Turns the price lines of one span into FOCUS rows: units, SKUs, descriptions and providers.
struct FOCUSChargeBuilder {
    let span: SpanRecord
    let billingAccount: String
    let tags: String?
    /// The inherited `cloud.provider`, the host of self-hosted models and GPUs when known.
    let host: String?

    /// Nanoseconds in a device-hour, the unit GPU rates are quoted in.
    static let nanosPerHour: Int128 = 3_600_000_000_000
    /// Decimals of GPU hours: finer than a nanosecond, so the rounding of a quotient that does not
    /// terminate never shows in a cost.
    static let hourDecimals = 15

    func charge(for line: PriceLine, entry: ModelPrice?) throws(FOCUSExportError) -> FOCUSCharge {
        let model = entry?.model ?? span.model ?? "unknown model"
        let modelProvider = entry?.provider ?? span.provider ?? "unknown"
        switch (line.item, line.price) {
        case (.tokens(let kind, let count), .perMillionTokens(let rate, let multiplier, let above)):
            let meter = Self.meterName(of: kind)
            let skuID = "\(modelProvider)/\(model)/\(kind.rawValue)"
            var priceID = skuID + "/" + (entry?.effectiveFrom.iso ?? "")
            var description = "\(meter) of \(model)"
            if let above {
                priceID += "/above-\(above)"
                description += ", long-context rate above \(Format.count(above)) prompt tokens"
            }
            if multiplier != .one {
                let tier = span.serviceTier?.lowercased() ?? "tier"
                priceID += "/\(tier)"
                description += ", \(tier) tier ×\(multiplier.decimalString)"
            }
            guard let unitPrice = ExactDecimal(rate.perMillion).multiplied(by: ExactDecimal(multiplier)),
                let quantity = ExactDecimal.quotient(Int128(count), Int128(TokenRate.tokensPerUnit))
            else { throw .overflow(trace: span.traceID, span: span.spanID) }
            var charge = try make(
                cost: line.cost, description: description, consumed: (ExactDecimal(count), "Tokens"),
                pricing: (quantity, "\(TokenRate.tokensPerUnit) Tokens"), unitPrice: unitPrice,
                provider: modelProvider, service: model, sku: (skuID, meter, priceID))
            charge.tokenKind = kind
            charge.longContextAbove = above
            charge.pricedModel = entry?.model == span.model ? nil : entry?.model
            return charge
        case (.units(let unit, let count), .requestFee(let fee)):
            guard let quantity = ExactDecimal.quotient(Int128(count), Int128(fee.per)) else {
                throw .overflow(trace: span.traceID, span: span.spanID)
            }
            let skuID = "\(modelProvider)/\(model)/\(unit)"
            var charge = try make(
                cost: line.cost, description: "\(unit) requests of \(model)",
                consumed: (ExactDecimal(count), "Requests"),
                pricing: (quantity, fee.per == 1 ? "Requests" : "\(fee.per) Requests"),
                unitPrice: ExactDecimal(fee.price),
                provider: modelProvider, service: model,
                sku: (skuID, "\(unit) requests", skuID + "/" + (entry?.effectiveFrom.iso ?? "")))
            charge.unit = unit
            charge.pricedModel = entry?.model == span.model ? nil : entry?.model
            return charge
        case (.units(let unit, let count), .toolFee(let fee)), (.toolCalls(let unit, let count), .toolFee(let fee)):
            let skuID = "tool/\(fee.tool)"
            let ofModel = span.model == nil ? "" : " of \(model)"
            var charge = try make(
                cost: line.cost, description: "\(unit) calls\(ofModel) at the \(fee.tool) tool fee",
                consumed: (ExactDecimal(count), "Requests"), pricing: (ExactDecimal(count), "Requests"),
                unitPrice: ExactDecimal(fee.perCall), provider: span.provider ?? entry?.provider ?? "unknown",
                service: fee.tool, sku: (skuID, "\(fee.tool) calls", skuID + "/" + fee.effectiveFrom.iso))
            charge.unit = unit
            return charge
        case (.gpu(let usage), .gpuRate(let rate)):
            guard
                let hours = ExactDecimal.quotient(
                    Int128(usage.count) * Int128(usage.busyNanos), Self.nanosPerHour, maxScale: Self.hourDecimals)
            else { throw .overflow(trace: span.traceID, span: span.spanID) }
            let skuID = "gpu/\(rate.device)"
            var charge = try make(
                cost: line.cost,
                description: "\(rate.device) GPU time, \(usage.count) device\(usage.count == 1 ? "" : "s") for "
                    + Format.duration(nanos: usage.busyNanos),
                consumed: (hours, "Hours"), pricing: (hours, "Hours"), unitPrice: ExactDecimal(rate.perHour),
                provider: span.provider ?? "self-hosted", service: "\(rate.device) GPU",
                sku: (skuID, "GPU hours", skuID + "/" + rate.effectiveFrom.iso))
            charge.unit = usage.device
            return charge
        default:
            preconditionFailure("SpanPricer pairs each item with its own kind of price")
        }
    }

    /// One request at the amount the provider reported.
    func reportedCharge(_ amount: Money, book: PriceBook) throws(FOCUSExportError) -> FOCUSCharge {
        let entry = span.model.flatMap { book.modelPrice(provider: span.provider, model: $0, atNanos: span.startNanos) }
        let provider = span.provider ?? entry?.provider ?? "unknown"
        let service = entry?.model ?? span.model ?? span.name
        let skuID = "\(provider)/\(service)/request"
        var charge = try make(
            cost: amount, description: "\(service) call at the cost \(Self.displayName(of: provider)) reported",
            consumed: (ExactDecimal(1), "Requests"), pricing: (ExactDecimal(1), "Requests"),
            unitPrice: ExactDecimal(amount),
            provider: provider, service: service,
            sku: (skuID, "reported requests", skuID + "/reported/\(span.traceID.hex)-\(span.spanID.hex)"))
        charge.costSource = "reported"
        return charge
    }

    private func make(
        cost: Money, description: String, consumed: (ExactDecimal, String), pricing: (ExactDecimal, String),
        unitPrice: ExactDecimal, provider: String, service: String, sku: (id: String, meter: String, priceID: String)
    ) throws(FOCUSExportError) -> FOCUSCharge {
        guard let listCost = unitPrice.multiplied(by: pricing.0) else {
            throw .overflow(trace: span.traceID, span: span.spanID)
        }
        let second: Int64 = 1_000_000_000
        let start = span.startNanos >= 0 ? span.startNanos / second : (span.startNanos - second + 1) / second
        // The charge is billed in the month it starts in, and its period ends there at the latest:
        // FOCUS keeps a charge period inside its billing period. Months start on a whole second.
        let billingEnd = CalendarPeriod.month.interval(containingNanos: start * second).endNanos / second
        let end = min(span.endNanos >= 0 ? (span.endNanos + second - 1) / second : span.endNanos / second, billingEnd)
        let providerName = Self.displayName(of: provider)
        let isSelfHosted = provider.lowercased() == "self-hosted"
        return FOCUSCharge(
            billedCost: cost, billingAccountID: billingAccount, chargePeriodStart: start,
            chargePeriodEnd: max(end, start + 1), chargeDescription: description, consumedQuantity: consumed.0,
            consumedUnit: consumed.1, pricingQuantity: pricing.0, pricingUnit: pricing.1, unitPrice: unitPrice,
            listCost: listCost, serviceProvider: providerName,
            hostProvider: isSelfHosted ? host ?? providerName : providerName,
            serviceName: service, skuID: sku.id, skuMeter: sku.meter, skuPriceID: sku.priceID, tags: tags, span: span,
            pricedModel: nil, tokenKind: nil, unit: nil, longContextAbove: nil, costSource: "computed")
    }

    /// The provider as it names itself, for the providers of the built-in book; others as written.
    static func displayName(of provider: String) -> String {
        switch provider.lowercased() {
        case "openai": "OpenAI"
        case "anthropic": "Anthropic"
        case "google": "Google"
        case "mistral": "Mistral AI"
        case "deepseek": "DeepSeek"
        default: provider
        }
    }

    /// `Input Tokens`, `Cache Read Tokens`, …
    static func meterName(of kind: TokenKind) -> String {
        switch kind {
        case .input: "Input Tokens"
        case .cacheRead: "Cache Read Tokens"
        case .cacheWrite5m: "Cache Write 5m Tokens"
        case .cacheWrite1h: "Cache Write 1h Tokens"
        case .output: "Output Tokens"
        case .reasoning: "Reasoning Tokens"
        case .inputAudio: "Audio Input Tokens"
        case .outputAudio: "Audio Output Tokens"
        case .inputImage: "Image Input Tokens"
        case .outputImage: "Image Output Tokens"
        }
    }
}

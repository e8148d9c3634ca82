import CostModel
import CostReports
import Testing

struct FOCUSExportTests {
    static func usd(_ text: String) -> Money { Money(exactDecimal: text)! }
    static func rates(_ prices: [TokenKind: String]) -> [TokenKind: TokenRate] {
        prices.mapValues { TokenRate(decimal: $0)! }
    }

    let pricer = SpanPricer(
        book: PriceBook(
            models: [
                ModelPrice(
                    provider: "anthropic", model: "claude-sonnet-4-5", effectiveFrom: CalendarDate(iso: "2025-09-29")!,
                    rates: rates([.input: "3", .cacheRead: "0.30", .output: "15"]),
                    longContext: [
                        .init(
                            aboveInputTokens: 200_000,
                            rates: rates([.input: "6", .cacheRead: "0.60", .output: "22.50"]))
                    ],
                    serviceTiers: ["batch": Multiplier(decimal: "0.5")!],
                    requestFees: ["web_search": .init(per: 1000, price: usd("10"))])
            ],
            gpus: [GPURate(device: "L4", perHour: usd("1.2"), effectiveFrom: CalendarDate(iso: "2025-01-01")!)]))

    /// 2026-11-30T23:59:59.5Z, half a second before December.
    static let start: Int64 = 1_796_083_199_500_000_000

    func span(
        _ id: UInt64, parent: UInt64?, kind: SpanKind, attributes: Attributes = [:], resource: Attributes = [:],
        model: String? = nil, tier: String? = nil, usage: TokenUsage = .zero, units: [String: Int64] = [:],
        gpu: GPUUsage? = nil, reported: Money? = nil
    ) -> SpanRecord {
        SpanRecord(
            traceID: TraceID(high: 9, low: 9), spanID: SpanID(id), parentSpanID: parent.map(SpanID.init), kind: kind,
            name: "span \(id)", startNanos: Self.start + Int64(id), endNanos: Self.start + 2_000_000_000,
            attributes: attributes, resource: resource, model: model, provider: model == nil ? nil : "anthropic",
            serviceTier: tier, usage: usage, units: units, gpu: gpu, reportedCost: reported)
    }

    var spans: [SpanRecord] {
        [
            span(
                1, parent: nil, kind: .workflow, attributes: ["team": "search", "ticket": 42, "urgent": true],
                resource: ["cloud.provider": "gcp", "deployment.environment": "production"]),
            span(
                2, parent: 1, kind: .llm, attributes: ["user.id": "u-1"], model: "claude-sonnet-4-5",
                usage: TokenUsage(input: 1_201, cacheRead: 3_000, output: 77), units: ["web_search": 3]),
            span(
                3, parent: 1, kind: .llm, model: "claude-sonnet-4-5", tier: "batch",
                usage: TokenUsage(input: 250_001, output: 333)),
            span(
                4, parent: 1, kind: .llm, model: "claude-sonnet-4-5", usage: TokenUsage(input: 10),
                reported: Self.usd("0.0123")),
            span(5, parent: 1, kind: .llm, model: "no-such-model", usage: TokenUsage(input: 10)),
            span(6, parent: 1, kind: .gpu, gpu: GPUUsage(device: "L4", count: 3, busyNanos: 1_000_000_001)),
        ]
    }

    var runs: [CostedRun] { CostedRun.price(Run.group(spans), with: pricer) }

    func export(tags: [String] = []) throws -> FOCUSExport {
        try FOCUSExport(
            runs: Run.group(spans), pricer: pricer,
            options: .init(tagKeys: FOCUSExport.Options.defaultTagKeys + tags.map(AllocationKey.init)))
    }

    @Test func everyPriceLineIsARowAndBilledCostAddsUpToTheRunsTotalWithoutUnpricedSpans() throws {
        let export = try export()
        let total = runs.reduce(CostTotals()) { $0 + $1.total }
        #expect(export.billedTotal == total.total)
        #expect(export.charges.map(\.billedCost).reduce(.zero, +) == total.total)
        #expect(export.unpricedSpans == 1)
        // Span 2: input, cache read, output, web_search; span 3: input, output; span 4: reported; span 6: GPU.
        #expect(export.charges.map(\.span.spanID.value) == [2, 2, 2, 2, 3, 3, 4, 6])
        for spanID: UInt64 in [2, 3, 6] {
            let own = export.charges.filter { $0.span.spanID.value == spanID }.map(\.billedCost).reduce(.zero, +)
            #expect(own == pricer.cost(of: spans[Int(spanID) - 1]).total)
        }
    }

    @Test func listCostIsTheExactProductOfUnitPriceAndQuantityAndWithinANanoOfBilledCost() throws {
        for charge in try export().charges {
            #expect(charge.unitPrice.multiplied(by: charge.pricingQuantity) == charge.listCost)
            // ListCost in nano-dollars, as significand × 10⁻ˢᶜᵃˡᵉ, against BilledCost at the same scale.
            let listNanos = try #require(charge.listCost.multiplied(by: ExactDecimal(1_000_000_000)))
            let unit = pow10(listNanos.scale)
            let gap = listNanos.significand - Int128(charge.billedCost.nanos) * unit
            #expect(gap.magnitude <= unit.magnitude, "more than a nano-dollar apart: \(charge.chargeDescription)")
        }
    }

    func pow10(_ exponent: Int) -> Int128 { (0..<exponent).reduce(Int128(1)) { result, _ in result * 10 } }

    @Test func tokenRowsPriceAMillionTokensAtTheTierAndServiceTierRate() throws {
        let charges = try export().charges
        let batchInput = try #require(charges.first { $0.span.spanID.value == 3 && $0.tokenKind == .input })
        #expect(batchInput.pricingUnit == "1000000 Tokens")
        #expect(batchInput.pricingQuantity.description == "0.250001")
        #expect(batchInput.consumedQuantity.description == "250001")
        #expect(batchInput.unitPrice.description == "3")  // $6 long-context × 0.5 batch
        #expect(batchInput.longContextAbove == 200_000)
        #expect(batchInput.skuID == "anthropic/claude-sonnet-4-5/input")
        #expect(batchInput.skuPriceID == "anthropic/claude-sonnet-4-5/input/2025-09-29/above-200000/batch")
        let search = try #require(charges.first { $0.unit == "web_search" })
        #expect(search.pricingUnit == "1000 Requests")
        #expect(search.pricingQuantity.description == "0.003")
        #expect(search.billedCost == Self.usd("0.03"))
    }

    @Test func aReportedCostIsOneRequestAtThatPrice() throws {
        let reported = try #require(try export().charges.first { $0.span.spanID.value == 4 })
        #expect(reported.costSource == "reported")
        #expect(reported.billedCost == Self.usd("0.0123"))
        #expect(reported.pricingQuantity == ExactDecimal(1))
        #expect(reported.unitPrice.isEqual(to: Self.usd("0.0123")))
        #expect(reported.serviceProvider == "Anthropic")
    }

    @Test func gpuTimeIsDeviceHoursOnTheInheritedCloudHost() throws {
        let gpu = try #require(try export().charges.first { $0.span.kind == .gpu })
        #expect(gpu.pricingUnit == "Hours")
        #expect(gpu.pricingQuantity.description == "0.000833333334167")  // 3,000,000,003 ns / 3,600 s, 15 decimals
        #expect(gpu.serviceProvider == "self-hosted")
        #expect(gpu.hostProvider == "gcp")
        #expect(gpu.billedCost == Money(nanos: 1_000_000))  // 3.000000003 s × $1.20 / h
    }

    @Test func tagsAreTheInheritedAttributesAsFlatTypedJSON() throws {
        let charges = try export(tags: ["ticket", "urgent"]).charges
        #expect(
            charges.first { $0.span.spanID.value == 2 }?.tags
                == #"{"user":"u-1","team":"search","deployment.environment":"production","ticket":42,"urgent":true}"#)
        #expect(charges.first { $0.span.spanID.value == 3 }?.tags?.contains("\"user\"") == false)
    }

    @Test func periodsAreWholeUTCSecondsInsideTheMonthTheChargeStartsIn() throws {
        // The spans run from half a second before December to 1.5 seconds into it.
        let charge = try #require(try export().charges.first)
        let fields = Dictionary(uniqueKeysWithValues: zip(FOCUSCharge.columns.map(\.name), charge.fields))
        #expect(fields["ChargePeriodStart"] == "2026-11-30T23:59:59Z")
        #expect(fields["ChargePeriodEnd"] == "2026-12-01T00:00:00Z")
        #expect(fields["BillingPeriodStart"] == "2026-11-01T00:00:00Z")
        #expect(fields["BillingPeriodEnd"] == "2026-12-01T00:00:00Z")
        #expect(fields["ChargeClass"] == .some(nil))
        for charge in try export().charges {
            #expect(charge.chargePeriodStart * 1_000_000_000 >= charge.billingPeriodStart)
            #expect(charge.chargePeriodEnd * 1_000_000_000 <= charge.billingPeriodEnd)
            #expect(charge.chargePeriodEnd > charge.chargePeriodStart)
        }
    }

    @Test func aChargeWithinAMonthKeepsItsWholeSeconds() throws {
        var span = spans[1]
        span.startNanos = Self.start - 3_600_000_000_000  // an hour earlier, well inside November
        span.endNanos = span.startNanos + 2_300_000_000
        let charge = try #require(try FOCUSExport(runs: Run.group([span]), pricer: pricer).charges.first)
        #expect(charge.chargePeriodStart == (Self.start - 3_600_000_000_000) / 1_000_000_000)
        #expect(charge.chargePeriodEnd == charge.chargePeriodStart + 3)
    }
}

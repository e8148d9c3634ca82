import CostModel

/// One row of a FOCUS export: one price line of one span (or a span's provider-reported cost).
///
/// The values that FOCUS fixes for every row of CostTrace's data are constants here:
/// ChargeCategory `Usage`, ChargeFrequency `Usage-Based`, ServiceCategory `AI and Machine
/// Learning`, ServiceSubcategory `Generative AI`, BillingCurrency `USD`, ChargeClass null.
/// ``FOCUSCharge/columns`` lists every column in file order with how a row fills it; `nil` is
/// FOCUS's null, an empty CSV field.
public struct FOCUSCharge: Hashable, Sendable {
    /// The line's cost as the book rounds it: BilledCost and EffectiveCost.
    public var billedCost: Money
    public var billingAccountID: String
    /// Charge period bounds, whole seconds since the epoch (start inclusive, end exclusive): the
    /// span's time, widened to whole seconds and cut at the end of its billing period.
    public var chargePeriodStart: Int64
    public var chargePeriodEnd: Int64
    public var chargeDescription: String
    public var consumedQuantity: ExactDecimal
    public var consumedUnit: String
    public var pricingQuantity: ExactDecimal
    public var pricingUnit: String
    /// The price of one ``pricingUnit``: ListUnitPrice and ContractedUnitPrice.
    public var unitPrice: ExactDecimal
    /// ``unitPrice`` × ``pricingQuantity``, exactly: ListCost and ContractedCost.
    public var listCost: ExactDecimal
    /// ServiceProviderName, and ProviderName, PublisherName and InvoiceIssuerName of FOCUS 1.2.
    public var serviceProvider: String
    public var hostProvider: String
    public var serviceName: String
    public var skuID: String
    public var skuMeter: String
    public var skuPriceID: String
    /// A flat JSON object of the span's inherited allocation attributes; `nil` when it has none.
    public var tags: String?
    public var span: SpanRecord
    /// The model of the price entry used, when it differs from the span's own name for it.
    public var pricedModel: String?
    public var tokenKind: TokenKind?
    /// The billable unit, tool or GPU device of a line that is not tokens.
    public var unit: String?
    public var longContextAbove: Int64?
    /// `computed` (from the price book) or `reported` (by the provider).
    public var costSource: String

    /// A FOCUS column: its name, and its value in a row.
    public struct Column: Sendable {
        public let name: String
        let value: @Sendable (FOCUSCharge) -> String?

        /// Whether FOCUS defines the column; the others are CostTrace's own and start with `x_`.
        public var isCustom: Bool { name.hasPrefix("x_") }
    }

    /// Every column in file order: FOCUS's, alphabetically, then CostTrace's own.
    public static let columns: [Column] = [
        Column(name: "BilledCost") { $0.billedCost.decimalString },
        Column(name: "BillingAccountId") { $0.billingAccountID },
        Column(name: "BillingAccountName") { $0.billingAccountID },
        Column(name: "BillingCurrency") { _ in "USD" },
        Column(name: "BillingPeriodEnd") { Format.timestamp(nanos: $0.billingPeriodEnd) },
        Column(name: "BillingPeriodStart") { Format.timestamp(nanos: $0.billingPeriodStart) },
        Column(name: "ChargeCategory") { _ in "Usage" },
        Column(name: "ChargeClass") { _ in nil },
        Column(name: "ChargeDescription") { $0.chargeDescription },
        Column(name: "ChargeFrequency") { _ in "Usage-Based" },
        Column(name: "ChargePeriodEnd") { Format.timestamp(nanos: $0.chargePeriodEnd * 1_000_000_000) },
        Column(name: "ChargePeriodStart") { Format.timestamp(nanos: $0.chargePeriodStart * 1_000_000_000) },
        Column(name: "ConsumedQuantity") { $0.consumedQuantity.description },
        Column(name: "ConsumedUnit") { $0.consumedUnit },
        Column(name: "ContractedCost") { $0.listCost.description },
        Column(name: "ContractedUnitPrice") { $0.unitPrice.description },
        Column(name: "EffectiveCost") { $0.billedCost.decimalString },
        Column(name: "HostProviderName") { $0.hostProvider },
        Column(name: "InvoiceIssuerName") { $0.serviceProvider },
        Column(name: "ListCost") { $0.listCost.description },
        Column(name: "ListUnitPrice") { $0.unitPrice.description },
        Column(name: "PricingQuantity") { $0.pricingQuantity.description },
        Column(name: "PricingUnit") { $0.pricingUnit },
        Column(name: "ProviderName") { $0.serviceProvider },
        Column(name: "PublisherName") { $0.serviceProvider },
        Column(name: "ServiceCategory") { _ in "AI and Machine Learning" },
        Column(name: "ServiceName") { $0.serviceName },
        Column(name: "ServiceProviderName") { $0.serviceProvider },
        Column(name: "ServiceSubcategory") { _ in "Generative AI" },
        Column(name: "SkuId") { $0.skuID },
        Column(name: "SkuMeter") { $0.skuMeter },
        Column(name: "SkuPriceId") { $0.skuPriceID },
        Column(name: "Tags") { $0.tags },
        Column(name: "x_TraceId") { $0.span.traceID.hex },
        Column(name: "x_SpanId") { $0.span.spanID.hex },
        Column(name: "x_ParentSpanId") { $0.span.parentSpanID?.hex },
        Column(name: "x_SpanName") { $0.span.name },
        Column(name: "x_SpanKind") { $0.span.kind.rawValue },
        Column(name: "x_Model") { $0.span.model },
        Column(name: "x_PricedModel") { $0.pricedModel },
        Column(name: "x_TokenType") { $0.tokenKind?.rawValue },
        Column(name: "x_Unit") { $0.unit },
        Column(name: "x_ServiceTier") { $0.span.serviceTier },
        Column(name: "x_LongContextAbove") { $0.longContextAbove.map { String($0) } },
        Column(name: "x_CostSource") { $0.costSource },
    ]

    /// The billing period: the UTC calendar month in which the charge period starts.
    public var billingPeriodStart: Int64 { billingMonth.startNanos }

    public var billingPeriodEnd: Int64 { billingMonth.endNanos }

    private var billingMonth: CalendarInterval {
        CalendarPeriod.month.interval(containingNanos: chargePeriodStart * 1_000_000_000)
    }

    /// The row's fields in ``columns`` order.
    public var fields: [String?] { Self.columns.map { $0.value(self) } }
}

/// One entry of a price book: what a model cost from a given day on.
///
/// A price change is a new entry with a later ``effectiveFrom``, never an edit of the old one, so
/// that a span is priced by the entry in force when it started.
///
/// ```swift
/// let sonnet = ModelPrice(
///     provider: "anthropic", model: "claude-sonnet-4-5", aliases: ["claude-sonnet-4-5-20250929"],
///     effectiveFrom: CalendarDate(iso: "2025-09-29")!,
///     rates: [.input: TokenRate(decimal: "3")!, .output: TokenRate(decimal: "15")!],
///     source: "https://platform.claude.com/docs/en/about-claude/pricing"
/// )
/// ```
public struct ModelPrice: Hashable, Sendable {
    /// The vendor, for example `anthropic`; a span that names another provider does not match.
    public var provider: String
    /// The model id, matched case-insensitively.
    public var model: String
    /// Other ids of the same model, such as dated snapshots, matched like ``model``.
    public var aliases: [String]
    /// The first day (UTC) on which these prices apply.
    public var effectiveFrom: CalendarDate
    /// Price per million tokens by kind. A kind that is absent has no price: tokens of it leave
    /// a span unpriced. ``TokenKind/reasoning`` is priced apart only when present here;
    /// otherwise reasoning tokens are output tokens.
    public var rates: [TokenKind: TokenRate]
    /// Long-context tiers, ascending by threshold.
    public var longContext: [LongContextTier]
    /// Multipliers of the token cost by service tier name (`batch`, `priority`, `flex`).
    public var serviceTiers: [String: Multiplier]
    /// Fees per request unit other than tokens, by unit name (`web_search`).
    public var requestFees: [String: RequestFee]
    /// Where the prices were read.
    public var source: String
    /// The day someone compared the entry with ``source``, `nil` when nobody has.
    public var checked: CalendarDate?

    public init(
        provider: String,
        model: String,
        aliases: [String] = [],
        effectiveFrom: CalendarDate,
        rates: [TokenKind: TokenRate],
        longContext: [LongContextTier] = [],
        serviceTiers: [String: Multiplier] = [:],
        requestFees: [String: RequestFee] = [:],
        source: String = "",
        checked: CalendarDate? = nil
    ) {
        self.provider = provider
        self.model = model
        self.aliases = aliases
        self.effectiveFrom = effectiveFrom
        self.rates = rates
        self.longContext = longContext
        self.serviceTiers = serviceTiers
        self.requestFees = requestFees
        self.source = source
        self.checked = checked
    }

    /// Above a threshold of prompt tokens, the rates of the *whole* request, output included.
    public struct LongContextTier: Hashable, Sendable {
        /// The tier applies when the prompt has more tokens than this.
        public var aboveInputTokens: Int64
        /// The rates that replace the entry's ``ModelPrice/rates`` for the whole request.
        public var rates: [TokenKind: TokenRate]

        public init(aboveInputTokens: Int64, rates: [TokenKind: TokenRate]) {
            self.aboveInputTokens = aboveInputTokens
            self.rates = rates
        }
    }

    /// A price for a number of request units, such as `$10` per 1,000 web searches.
    public struct RequestFee: Hashable, Sendable {
        /// How many units ``price`` buys.
        public var per: Int64
        public var price: Money

        public init(per: Int64, price: Money) {
            self.per = per
            self.price = price
        }

        /// The fee for `units` units, rounded half to even once; `nil` when it does not fit.
        public func cost(of units: Int64) -> Money? {
            guard per > 0, let numerator = FixedPoint.product(Int128(units), Int128(price.nanos)) else { return nil }
            return Money.rounded(numerator, dividedBy: Int128(per))
        }
    }

    /// The model id and the aliases.
    public var names: [String] { [model] + aliases }

    /// The tier for a prompt of `promptTokens` tokens: the one with the highest threshold that the
    /// prompt exceeds, or `nil` when the base rates apply.
    public func longContextTier(forPromptTokens promptTokens: Int64) -> LongContextTier? {
        longContext.filter { promptTokens > $0.aboveInputTokens }.max { $0.aboveInputTokens < $1.aboveInputTokens }
    }

    /// The multiplier of a service tier, or `nil` when the entry has no price for it.
    ///
    /// No tier, and the names providers use for the ordinary one (`default`, `standard`, `auto`,
    /// `on_demand`), multiply by one unless the entry says otherwise.
    public func multiplier(forServiceTier tier: String?) -> Multiplier? {
        guard let tier, !tier.isEmpty else { return .one }
        let name = tier.lowercased()
        if let multiplier = serviceTiers[name] ?? serviceTiers.first(where: { $0.key.lowercased() == name })?.value {
            return multiplier
        }
        return Self.ordinaryTierNames.contains(name) ? .one : nil
    }

    /// Service tier names that mean "no special tier".
    public static let ordinaryTierNames: Set<String> = ["default", "standard", "auto", "on_demand"]
}

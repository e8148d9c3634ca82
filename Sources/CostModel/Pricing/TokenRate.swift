/// A price per million tokens of one kind, exact to the nano-dollar.
///
/// A rate is kept per *million* tokens, as vendors publish it, so that `$0.0028 / M` is exact;
/// dividing it down to a per-token price first would lose digits.
///
/// ```swift
/// let rate = TokenRate(decimal: "0.15")!        // $0.15 per million tokens
/// rate.cost(of: 1)                              // 150 nano-dollars
/// ```
public struct TokenRate: Hashable, Comparable, Sendable {
    /// Tokens per unit of ``perMillion``.
    public static let tokensPerUnit: Int64 = 1_000_000

    /// The price of a million tokens.
    public var perMillion: Money

    public init(perMillion: Money) {
        self.perMillion = perMillion
    }

    /// Parses US dollars per million tokens, such as `"3"` or `"0.0028"` (at most nine decimals).
    public init?(decimal text: some StringProtocol) {
        guard let money = Money(exactDecimal: text) else { return nil }
        self.init(perMillion: money)
    }

    /// The cost of `tokens` tokens at this rate times `multiplier`, rounded half to even once.
    /// - Returns: `nil` when the cost does not fit in ``Money``.
    public func cost(of tokens: Int64, times multiplier: Multiplier = .one) -> Money? {
        guard let numerator = FixedPoint.product(Int128(tokens), Int128(perMillion.nanos), Int128(multiplier.scaled))
        else { return nil }
        return Money.rounded(numerator, dividedBy: Int128(Self.tokensPerUnit) * Int128(Multiplier.scale))
    }

    public static func < (lhs: TokenRate, rhs: TokenRate) -> Bool { lhs.perMillion < rhs.perMillion }
}

extension TokenRate: CustomStringConvertible {
    public var description: String { "$\(perMillion.decimalString)/M" }
}

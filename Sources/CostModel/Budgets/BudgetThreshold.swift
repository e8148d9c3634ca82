/// A fraction of a budget's amount at which it warns or is exceeded, exact to 10⁻⁹.
///
/// Written as a decimal fraction (`0.8`, `1`, `1.25`) or a percentage (`80%`).
///
/// ```swift
/// let warn = BudgetThreshold(text: "80%")!
/// warn.limit(of: Money(decimal: "150")!)               // $120.00
/// warn.isReached(by: Money(decimal: "120")!, of: Money(decimal: "150")!)   // true
/// ```
public struct BudgetThreshold: Hashable, Comparable, Sendable {
    /// The value of a whole amount (1, or 100%) in ``scaled``.
    public static let scale: Int64 = 1_000_000_000

    /// The fraction × 10⁹.
    public var scaled: Int64

    public init(scaled: Int64) {
        self.scaled = scaled
    }

    /// The whole amount: 1, or 100%.
    public static let whole = BudgetThreshold(scaled: scale)

    /// Parses a plain decimal fraction such as `"0.8"` or `"1"`, with at most nine decimals.
    public init?(decimal text: some StringProtocol) {
        guard let scaled = FixedPoint.parse(text) else { return nil }
        self.init(scaled: scaled)
    }

    /// Parses a fraction (`"0.8"`) or a percentage (`"80%"`, `"12.5%"`), exactly; `nil` when
    /// the text is neither or needs more than nine decimals as a fraction.
    public init?(text: some StringProtocol) {
        guard text.last == "%" else {
            self.init(decimal: text)
            return
        }
        // A percentage with up to seven decimals is a fraction with up to nine.
        guard let percentScaled = FixedPoint.parse(text.dropLast()), percentScaled % 100 == 0 else { return nil }
        self.init(scaled: percentScaled / 100)
    }

    /// `amount` × the fraction, rounded up to the nano-dollar: the least spend that reaches it.
    public func limit(of amount: Money) -> Money {
        let product = Int128(amount.nanos) * Int128(scaled)
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: Int128(Self.scale))
        let ceiling = remainder > 0 ? quotient + 1 : quotient
        return Money(nanos: Int64(clamping: ceiling))
    }

    /// Whether `spent` ≥ `amount` × the fraction, compared exactly.
    public func isReached(by spent: Money, of amount: Money) -> Bool {
        Int128(spent.nanos) * Int128(Self.scale) >= Int128(amount.nanos) * Int128(scaled)
    }

    /// The fraction as a percentage: `"80%"`, `"12.5%"`, `"100%"`.
    public var percentString: String { FixedPoint.format(scaled * 100) + "%" }

    public static func < (lhs: BudgetThreshold, rhs: BudgetThreshold) -> Bool { lhs.scaled < rhs.scaled }
}

extension BudgetThreshold: CustomStringConvertible {
    public var description: String { percentString }
}

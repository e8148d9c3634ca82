/// An exact decimal factor, such as a service tier's `0.5` for batch or `1.75` for priority.
///
/// Kept as the factor × 10⁹ in an `Int64`, so that `rate × tokens × multiplier` is one exact
/// product, rounded once.
///
/// ```swift
/// Multiplier(decimal: "0.5")!.scaled            // 500_000_000
/// ```
public struct Multiplier: Hashable, Comparable, Sendable {
    /// The value of 1 in ``scaled``.
    public static let scale: Int64 = 1_000_000_000

    /// The factor × 10⁹.
    public var scaled: Int64

    public init(scaled: Int64) {
        self.scaled = scaled
    }

    /// Parses a decimal such as `"0.5"` or `"1.75"` with at most nine decimals, no rounding.
    public init?(decimal text: some StringProtocol) {
        guard let scaled = FixedPoint.parse(text) else { return nil }
        self.init(scaled: scaled)
    }

    /// Leaves prices as they are.
    public static let one = Multiplier(scaled: scale)

    /// The factor as the shortest decimal: `"0.5"`, `"2"`.
    public var decimalString: String { FixedPoint.format(scaled) }

    public static func < (lhs: Multiplier, rhs: Multiplier) -> Bool { lhs.scaled < rhs.scaled }
}

extension Multiplier: CustomStringConvertible {
    public var description: String { "×" + decimalString }
}

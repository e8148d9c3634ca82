import CostModel

/// A decimal number held exactly as `significand × 10⁻ˢᶜᵃˡᵉ`, for prices and quantities whose
/// products must equal a cost digit for digit.
///
/// Products are exact; a quotient is exact when it terminates within the digits allowed, and
/// rounded half to even at the last of them otherwise. Text never uses an exponent and drops
/// trailing zeros, as FOCUS's numeric format reads it.
///
/// ```swift
/// let price = ExactDecimal(Money(exactDecimal: "0.40")!)          // 0.4
/// let quantity = ExactDecimal.quotient(1_234, 1_000_000)!         // 0.001234
/// price.multiplied(by: quantity)!.description                     // "0.0004936"
/// ```
public struct ExactDecimal: Hashable, Sendable {
    public let significand: Int128
    /// Digits after the decimal point.
    public let scale: Int

    /// The number `significand × 10⁻ˢᶜᵃˡᵉ`, kept with as few digits as it needs.
    public init(significand: Int128, scale: Int) {
        var significand = significand
        var scale = scale
        while scale > 0, significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        self.significand = significand
        self.scale = max(scale, 0)
    }

    public init(_ value: Int64) {
        self.init(significand: Int128(value), scale: 0)
    }

    public init(_ money: Money) {
        self.init(significand: Int128(money.nanos), scale: 9)
    }

    public init(_ multiplier: Multiplier) {
        self.init(significand: Int128(multiplier.scaled), scale: 9)
    }

    /// `numerator / denominator`: exact when it terminates within `maxScale` decimals, else rounded
    /// half to even at `maxScale`; `nil` when the denominator is not positive or the digits
    /// overflow.
    public static func quotient(_ numerator: Int128, _ denominator: Int128, maxScale: Int = 18) -> ExactDecimal? {
        guard denominator > 0 else { return nil }
        var scaled = numerator
        for scale in 0...maxScale {
            if scaled % denominator == 0 { return ExactDecimal(significand: scaled / denominator, scale: scale) }
            guard scale < maxScale else { break }
            let (next, overflow) = scaled.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            scaled = next
        }
        var quotient = scaled / denominator
        let twiceRemainder = (scaled % denominator).magnitude * 2
        if twiceRemainder > denominator.magnitude || (twiceRemainder == denominator.magnitude && quotient % 2 != 0) {
            quotient += scaled < 0 ? -1 : 1
        }
        return ExactDecimal(significand: quotient, scale: maxScale)
    }

    /// The exact product; `nil` when it does not fit.
    public func multiplied(by other: ExactDecimal) -> ExactDecimal? {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        return overflow ? nil : ExactDecimal(significand: product, scale: scale + other.scale)
    }

    /// Whether the number is exactly this amount of money.
    public func isEqual(to money: Money) -> Bool {
        self == ExactDecimal(money)
    }
}

extension ExactDecimal: CustomStringConvertible {
    /// Plain decimal text: `"0.0004936"`, `"12"`, `"-3.5"`.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
        let point = padded.index(padded.endIndex, offsetBy: -scale)
        return sign + padded[..<point] + "." + padded[point...]
    }
}

/// An exact amount of US dollars, in whole nano-dollars (10⁻⁹ USD).
///
/// Money is never a `Double`: sums of children must equal their parents to the last digit.
/// Products of rates and quantities are taken in `Int128` and rounded once.
///
/// ```swift
/// let price = Money(decimal: "2.50")!   // $2.50
/// price.decimalString                   // "2.50"
/// ```
public struct Money: Hashable, Comparable, Sendable {
    /// Nano-dollars per dollar.
    public static let nanosPerUnit: Int64 = 1_000_000_000

    /// The amount in nano-dollars.
    public var nanos: Int64

    public init(nanos: Int64) {
        self.nanos = nanos
    }

    public static let zero = Money(nanos: 0)

    /// Parses a decimal such as `"12.40"`, `"-0.5"` or `"3"`; digits past the ninth decimal are
    /// rounded half to even. `nil` for anything else, including exponents and overflow.
    public init?(decimal text: some StringProtocol) {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(point ?? bytes.endIndex)]
        let fraction = point.map { bytes[bytes.index(after: $0)...] } ?? bytes[bytes.endIndex...]
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        var value: Int128 = 0
        for byte in whole {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int128(byte - UInt8(ascii: "0"))
            guard value <= Int128(Int64.max) else { return nil }
        }
        var digits = 0
        var roundingDigits: [UInt8] = []
        for byte in fraction {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if digits < 9 {
                value = value * 10 + Int128(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                roundingDigits.append(byte - UInt8(ascii: "0"))
            }
        }
        while digits < 9 {
            value *= 10
            digits += 1
        }
        if let first = roundingDigits.first {
            let restNonZero = roundingDigits.dropFirst().contains { $0 != 0 }
            if first > 5 || (first == 5 && (restNonZero || value % 2 == 1)) { value += 1 }
        }
        if negative { value = -value }
        guard let nanos = Int64(exactly: value) else { return nil }
        self.nanos = nanos
    }

    /// The exact amount as a decimal string with at least two decimals and no trailing zeros
    /// beyond them: `"12.40"`, `"0.0123"`, `"0.000000001"`.
    public var decimalString: String {
        let magnitude = nanos.magnitude
        let whole = magnitude / UInt64(Money.nanosPerUnit)
        var fraction = String(magnitude % UInt64(Money.nanosPerUnit))
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.count > 2, fraction.last == "0" { fraction.removeLast() }
        return (nanos < 0 ? "-" : "") + String(whole) + "." + fraction
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.nanos < rhs.nanos }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(nanos: lhs.nanos + rhs.nanos) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(nanos: lhs.nanos - rhs.nanos) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.nanos += rhs.nanos }
    public static func -= (lhs: inout Money, rhs: Money) { lhs.nanos -= rhs.nanos }
}

extension Money: CustomStringConvertible {
    public var description: String { "$" + decimalString }
}

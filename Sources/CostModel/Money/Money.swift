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
        guard let digits = FixedPoint.digits(text), digits.wholeCount + digits.fractionCount > 0 else { return nil }
        var value = digits.scaled
        if let first = digits.beyondNinth.first {
            let restNonZero = digits.beyondNinth.dropFirst().contains { $0 != 0 }
            if first > 5 || (first == 5 && (restNonZero || value % 2 == 1)) { value += 1 }
        }
        guard let nanos = Int64(exactly: digits.sign == UInt8(ascii: "-") ? -value : value) else { return nil }
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

extension Money {
    /// Calls `body` with the UTF-8 bytes of ``decimalString``, written to the stack without making
    /// a `String`; the bytes are valid only during the call.
    public func withDecimalUTF8<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        // "-" and 19 digits of whole dollars… fewer in fact: Int64 holds 9,223,372,036 dollars,
        // so 11 digits, a point and 9 decimals; 32 bytes leave room.
        try withUnsafeTemporaryAllocation(byteCount: 32, alignment: 1) { buffer in
            let magnitude = nanos.magnitude
            var whole = magnitude / UInt64(Money.nanosPerUnit)
            var fraction = magnitude % UInt64(Money.nanosPerUnit)
            // The decimals, with trailing zeros beyond two dropped.
            var decimals = 9
            while decimals > 2, fraction % 10 == 0 {
                fraction /= 10
                decimals -= 1
            }
            var end = buffer.count
            for _ in 0..<decimals {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
            }
            end -= 1
            buffer[end] = UInt8(ascii: ".")
            repeat {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(whole % 10)
                whole /= 10
            } while whole != 0
            if nanos < 0 {
                end -= 1
                buffer[end] = UInt8(ascii: "-")
            }
            return try body(UnsafeRawBufferPointer(rebasing: buffer[end...]))
        }
    }
}

extension Money {
    /// Parses a plain decimal with at most nine decimals, such as `"2.50"`, `"-0.003625"` or `"15"`.
    ///
    /// Unlike ``init(decimal:)`` this never rounds, and takes no `+` sign and no bare `".5"` or
    /// `"5."`: a price book is written by hand, and a digit too many is a typo to report, not to
    /// round away. `nil` for anything else, including overflow.
    public init?(exactDecimal text: some StringProtocol) {
        guard let nanos = FixedPoint.parse(text) else { return nil }
        self.init(nanos: nanos)
    }

    /// `numerator / denominator` nano-dollars, rounded half to even; `nil` when it does not fit.
    ///
    /// Every computed cost goes through here exactly once per token kind and per fee line, so
    /// that rounding never accumulates.
    static func rounded(_ numerator: Int128, dividedBy denominator: Int128) -> Money? {
        Int64(exactly: FixedPoint.divideRoundingHalfToEven(numerator, by: denominator)).map(Money.init(nanos:))
    }
}

/// Decimals scaled by 10⁹, the scale of both ``Money`` and ``Multiplier``.
enum FixedPoint {
    static let scale: Int64 = 1_000_000_000

    /// A decimal's sign and digits, read once for both of the grammars below.
    struct Digits {
        var sign: UInt8?
        /// The value × 10⁹ of the whole digits and the first nine decimals.
        var scaled: Int128
        var wholeCount: Int
        var hasPoint: Bool
        var fractionCount: Int
        /// Decimals past the ninth, as digit values.
        var beyondNinth: [UInt8]
    }

    /// `[+-]?[0-9]*(\.[0-9]*)?`; `nil` for any other byte or a whole part past `Int64.max`.
    static func digits(_ text: some StringProtocol) -> Digits? {
        var bytes = Substring(text).utf8[...]
        var sign: UInt8?
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            sign = first
            bytes = bytes.dropFirst()
        }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = bytes[..<(point ?? bytes.endIndex)]
        let fraction = point.map { bytes[bytes.index(after: $0)...] } ?? bytes[bytes.endIndex...]
        var value: Int128 = 0
        for byte in whole {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int128(byte - UInt8(ascii: "0"))
            guard value <= Int128(Int64.max) else { return nil }
        }
        var kept = 0
        var beyondNinth: [UInt8] = []
        for byte in fraction {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            if kept < 9 {
                value = value * 10 + Int128(byte - UInt8(ascii: "0"))
                kept += 1
            } else {
                beyondNinth.append(byte - UInt8(ascii: "0"))
            }
        }
        for _ in kept..<9 { value *= 10 }
        return Digits(
            sign: sign, scaled: value, wholeCount: whole.count, hasPoint: point != nil, fractionCount: fraction.count,
            beyondNinth: beyondNinth)
    }

    /// Parses `-?[0-9]+(\.[0-9]{1,9})?` into the value × 10⁹.
    static func parse(_ text: some StringProtocol) -> Int64? {
        guard let digits = digits(text), digits.sign != UInt8(ascii: "+"), digits.wholeCount > 0,
            !digits.hasPoint || (1...9).contains(digits.fractionCount)
        else { return nil }
        return Int64(exactly: digits.sign == UInt8(ascii: "-") ? -digits.scaled : digits.scaled)
    }

    /// Formats value × 10⁻⁹ with no trailing zeros: `"0.5"`, `"1.75"`, `"2"`.
    static func format(_ scaled: Int64) -> String {
        let magnitude = scaled.magnitude
        let whole = String(magnitude / UInt64(scale))
        var fraction = String(magnitude % UInt64(scale))
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return (scaled < 0 ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The quotient rounded to the nearest integer, ties to the even one. `denominator` > 0.
    static func divideRoundingHalfToEven(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator > 0)
        var quotient = numerator / denominator
        let remainder = numerator % denominator
        let twice = remainder.magnitude * 2
        if twice > denominator.magnitude || (twice == denominator.magnitude && quotient % 2 != 0) {
            quotient += numerator < 0 ? -1 : 1
        }
        return quotient
    }

    /// `a × b × c` in `Int128`, or `nil` on overflow.
    static func product(_ a: Int128, _ b: Int128, _ c: Int128 = 1) -> Int128? {
        let (ab, overflowAB) = a.multipliedReportingOverflow(by: b)
        guard !overflowAB else { return nil }
        let (abc, overflowABC) = ab.multipliedReportingOverflow(by: c)
        return overflowABC ? nil : abc
    }
}

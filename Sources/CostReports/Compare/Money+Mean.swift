import CostModel

extension Money {
    /// `nanos` / `count` nano-dollars, rounded half to even: the exact mean of amounts whose sum is
    /// `nanos`, to the nano-dollar.
    /// - Precondition: `count` > 0 and the mean fits in `Int64` nano-dollars (it does when the
    ///   amounts did).
    static func mean(ofNanos nanos: Int128, count: Int) -> Money {
        Money(nanos: Int64(roundedQuotient(nanos, Int128(count))))
    }
}

/// `numerator` / `denominator` rounded to the nearest integer, ties to the even one.
/// - Precondition: `denominator` > 0.
func roundedQuotient(_ numerator: Int128, _ denominator: Int128) -> Int128 {
    precondition(denominator > 0, "division by a count that is not positive")
    var quotient = numerator / denominator
    let twiceRemainder = (numerator % denominator).magnitude * 2
    if twiceRemainder > denominator.magnitude || (twiceRemainder == denominator.magnitude && quotient % 2 != 0) {
        quotient += numerator < 0 ? -1 : 1
    }
    return quotient
}

import CostModel

/// Quantiles of sorted values that are always one of the values, or an exact mean of two, so that a
/// quantile of money is exact money.
public enum Quantile {
    /// The nearest-rank quantile: the smallest value with at least `perMille`/1000 of the values at
    /// or below it, that is the value of rank ⌈`perMille` × n / 1000⌉ (from 1) in ascending order.
    ///
    /// The 95th percentile of 32 values is the 31st smallest (⌈30.4⌉); of 100 values, the 95th.
    /// The rank is computed in integers, so no floating-point rounding moves it.
    /// - Parameters:
    ///   - sorted: The values in ascending order; not empty.
    ///   - perMille: The level, from 0 to 1000 (950 for the 95th percentile, 25 for 2.5%).
    public static func nearestRank<Value>(_ sorted: [Value], perMille: Int) -> Value {
        precondition(!sorted.isEmpty, "a quantile needs at least one value")
        precondition((0...1000).contains(perMille), "a quantile level is from 0 to 1000 per mille")
        let rank = (perMille * sorted.count + 999) / 1000
        return sorted[max(rank, 1) - 1]
    }

    /// The nearest-rank quantile at any level: the value of rank ⌈`fraction` × n⌉ (at least 1) in
    /// ascending order.
    /// - Parameters:
    ///   - sorted: The values in ascending order; not empty.
    ///   - fraction: The level, from 0 to 1.
    public static func nearestRank<Value>(_ sorted: [Value], fraction: Double) -> Value {
        precondition(!sorted.isEmpty, "a quantile needs at least one value")
        precondition((0...1).contains(fraction), "a quantile level is from 0 to 1")
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The median: the middle value, or with an even count the mean of the two middle values,
    /// rounded half to even to the nano-dollar.
    /// - Parameter sorted: Amounts in ascending order; not empty.
    public static func median(_ sorted: [Money]) -> Money {
        precondition(!sorted.isEmpty, "a median needs at least one value")
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return Money.mean(ofNanos: Int128(sorted[middle - 1].nanos) + Int128(sorted[middle].nanos), count: 2)
    }
}

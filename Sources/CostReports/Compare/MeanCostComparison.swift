import CostModel

/// Two groups' mean cost per run side by side: the difference, exact, and its bootstrap
/// confidence interval, absolute and relative to the base.
///
/// ``difference`` is exact: (compare total × base runs − base total × compare runs) / (base
/// runs × compare runs), rounded once, half to even, to the nano-dollar. The interval comes from
/// ``Bootstrap/meanDifference(base:compare:options:)`` over the groups' per-run costs in
/// ascending order, so it depends only on the costs, the seed and the number of resamples.
public struct MeanCostComparison: Sendable {
    /// The group compared against.
    public var base: CostGroup
    /// The group whose change is reported.
    public var compare: CostGroup
    /// How the interval was drawn.
    public var options: BootstrapOptions
    /// The confidence interval of compare mean − base mean.
    public var interval: MeanDifferenceInterval

    /// Compares the mean cost per run of `compare` with that of `base`.
    public init(base: CostGroup, compare: CostGroup, options: BootstrapOptions = BootstrapOptions()) {
        self.base = base
        self.compare = compare
        self.options = options
        interval = Bootstrap.meanDifference(
            base: base.runCosts.map(\.nanos), compare: compare.runCosts.map(\.nanos), options: options)
    }

    /// compare total × base runs − base total × compare runs: the difference of the means times
    /// both run counts, exact.
    private var scaledDifference: Int128 {
        Int128(compare.total.total.nanos) * Int128(base.runs) - Int128(base.total.total.nanos) * Int128(compare.runs)
    }

    /// Compare mean − base mean, exact to the nano-dollar (negative: compare is cheaper per run).
    public var difference: Money {
        Money(nanos: Int64(roundedQuotient(scaledDifference, Int128(base.runs) * Int128(compare.runs))))
    }

    /// The difference as a fraction of the base mean (−0.31 is 31% cheaper); `nil` when the base
    /// group cost nothing.
    public var relative: Double? {
        let baseScaled = Int128(base.total.total.nanos) * Int128(compare.runs)
        return baseScaled > 0 ? Double(scaledDifference) / Double(baseScaled) : nil
    }
}

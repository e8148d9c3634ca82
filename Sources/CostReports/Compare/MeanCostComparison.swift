import CostModel

/// Two groups' mean cost per run side by side: the difference, exact, and its bootstrap
/// confidence interval, absolute and relative to the base.
///
/// ``difference`` is exact: (compare total × base runs − base total × compare runs) / (base
/// runs × compare runs), rounded once, half to even, to the nano-dollar. The interval comes from
/// ``Bootstrap/meanDifference(base:compare:options:)`` over the groups' per-run costs in
/// ascending order, so it depends only on the costs, the seed and the number of resamples. It is
/// drawn only when both groups have at least ``minimumRunsForInterval`` runs.
///
/// The means are of the priced part of each run's cost: a group with unpriced spans has a mean
/// that is a lower bound, and ``conclusion`` says what can still be concluded.
public struct MeanCostComparison: Sendable {
    /// The group compared against.
    public var base: CostGroup
    /// The group whose change is reported.
    public var compare: CostGroup
    /// How the interval was drawn.
    public var options: BootstrapOptions
    /// The confidence interval of compare mean − base mean; `nil` when a group has fewer than
    /// ``minimumRunsForInterval`` runs.
    public var interval: MeanDifferenceInterval?

    /// The fewest runs each group needs for a confidence interval.
    ///
    /// Below a handful of runs the bootstrap interval is far too narrow for a 95% interval: in
    /// 2,000 simulated comparisons per size (log-normal costs with σ = 0.3 and 1.0, one median 30%
    /// below the other, this implementation with 2,000 resamples) it covered the true difference
    /// 61–64% of the time with 2 runs a group, 87–90% with 3, 92–95% with 5 or 8, and 94–95.5% with
    /// 10. Ten, rather than five, because resampling can only show the spread the runs have: 5 runs
    /// have 126 distinct resamples and 10 have 92,378, more than the 10,000 drawn (2 runs have 3,
    /// whose bounds are the runs' own costs: an interval such as "96–96%"), and a group of 10 is
    /// twice as likely as one of 5 to hold the occasional expensive run. See docs/compare.md.
    public static let minimumRunsForInterval = 10

    /// Compares the mean cost per run of `compare` with that of `base`.
    public init(base: CostGroup, compare: CostGroup, options: BootstrapOptions = BootstrapOptions()) {
        self.base = base
        self.compare = compare
        self.options = options
        let enoughRuns = min(base.runs, compare.runs) >= Self.minimumRunsForInterval
        interval =
            enoughRuns
            ? Bootstrap.meanDifference(
                base: base.runCosts.map(\.nanos), compare: compare.runCosts.map(\.nanos), options: options) : nil
    }

    /// Why there is no ``interval``, when there is none.
    /// `research has 3 runs; a confidence interval needs at least 10 in each group`.
    public var noIntervalReason: String? {
        guard interval == nil else { return nil }
        let few = [compare, base].filter { $0.runs < Self.minimumRunsForInterval }.map { group in
            "\(Format.singleLine(group.label)) has \(group.runs) run\(group.runs == 1 ? "" : "s")"
        }
        return
            few.joined(separator: " and ") + "; a confidence interval needs at least "
            + "\(Self.minimumRunsForInterval) in each group"
    }

    /// Whether both groups' costs are complete: neither has unpriced spans.
    public var isComplete: Bool { base.unpricedSpans == 0 && compare.unpricedSpans == 0 }

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

    /// What the comparison can say.
    ///
    /// Unpriced spans cost something the means leave out, so they can only raise their side's
    /// mean. When the interval says the compare group is cheaper and only the base has unpriced
    /// spans (or it says dearer and only the compare group has them), the missing cost would
    /// widen the difference: it is ``ComparisonConclusion/differsAtLeast``. Any other unpriced
    /// spans could close or reverse it, so the verdict is withheld.
    public var conclusion: ComparisonConclusion {
        guard let interval else { return .withheldForTooFewRuns }
        if interval.coversZero { return isComplete ? .noClearDifference : .withheldForUnpricedSpans }
        if isComplete { return .differs }
        let cheaper = interval.highNanos < 0
        let onlyWidening = cheaper ? compare.unpricedSpans == 0 : base.unpricedSpans == 0
        return onlyWidening ? .differsAtLeast : .withheldForUnpricedSpans
    }
}

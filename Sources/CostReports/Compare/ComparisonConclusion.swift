/// What a comparison of mean cost per run can say, which its verdict puts in words.
public enum ComparisonConclusion: String, Hashable, Sendable, CaseIterable {
    /// The confidence interval does not hold zero and both groups' costs are complete: one group
    /// costs more per run than the other.
    case differs = "differs"
    /// The interval does not hold zero, and the only unpriced spans are on the side whose missing
    /// cost would widen the difference: the difference is at least as large as shown.
    case differsAtLeast = "differs_at_least"
    /// The interval holds zero and both groups' costs are complete.
    case noClearDifference = "no_clear_difference"
    /// Unpriced spans could close or reverse the difference, or make one clear: no verdict.
    case withheldForUnpricedSpans = "withheld_unpriced_spans"
    /// A group has too few runs for a confidence interval: the difference of means, no verdict.
    case withheldForTooFewRuns = "withheld_too_few_runs"
}

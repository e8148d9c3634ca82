/// How a bootstrap resamples: how many times, from which seed, for which confidence level, and
/// which percentiles make the interval.
public struct BootstrapOptions: Hashable, Sendable {
    /// Which percentiles of the resampled differences bound the interval.
    public enum Percentiles: String, Hashable, Sendable, CaseIterable {
        /// The percentile interval: for 95%, the 2.5th and 97.5th percentiles.
        case plain
        /// The expanded percentile interval (Hesterberg, *What Teachers Should Know About the
        /// Bootstrap*, The American Statistician, 2015): percentiles farther out, by as much as a
        /// Student t interval with unbiased variances is wider than a normal one with the plug-in
        /// variances that resampling reproduces. The plain interval is too narrow for small groups
        /// (in simulations of skewed costs, 93.5% coverage at 32 runs a side instead of 95%); this one corrects most of
        /// that, and becomes the plain interval as groups grow.
        case expanded

        /// The method's name, as reports give it.
        public var methodName: String {
            switch self {
            case .plain: "percentile bootstrap"
            case .expanded: "expanded percentile bootstrap"
            }
        }
    }

    /// How many resamples to draw: from ``minimumResamples`` to ``maximumResamples``.
    public var resamples: Int
    /// The seed of the ``SplitMix64`` that draws them: the same seed gives the same interval.
    public var seed: UInt64
    /// The confidence level in percent, from 1 to 99.
    public var confidencePercent: Int
    /// Which percentiles bound the interval.
    public var percentiles: Percentiles

    /// The fewest resamples: fewer leave too few differences to read a 2.5th percentile from.
    public static let minimumResamples = 100
    /// The most resamples. A bootstrap keeps two `Double`s per resample, so a million takes 16 MB;
    /// the percentiles of a million resamples are already within a few thousandths of a standard
    /// error of where more would put them, and an unbounded count would let a typing slip ask for
    /// hundreds of gigabytes.
    public static let maximumResamples = 1_000_000

    public init(
        resamples: Int = 10_000, seed: UInt64 = 1, confidencePercent: Int = 95, percentiles: Percentiles = .expanded
    ) {
        precondition(
            (Self.minimumResamples...Self.maximumResamples).contains(resamples),
            "a bootstrap takes from 100 to 1,000,000 resamples")
        precondition((1...99).contains(confidencePercent), "a confidence level is from 1 to 99 percent")
        self.resamples = resamples
        self.seed = seed
        self.confidencePercent = confidencePercent
        self.percentiles = percentiles
    }
}

/// A bootstrap confidence interval of the difference of two mean costs per run: compare − base.
///
/// The bounds are estimates from resampling (``Bootstrap``), in `Double` nano-dollars; they are
/// not exact money and are labelled as estimates wherever they are shown.
public struct MeanDifferenceInterval: Hashable, Sendable {
    /// The lower bound of compare mean − base mean, in nano-dollars.
    public var lowNanos: Double
    /// The upper bound of compare mean − base mean, in nano-dollars.
    public var highNanos: Double
    /// The lower bound of (compare mean − base mean) / base mean, a fraction (−0.3 is 30% cheaper);
    /// `nil` when some resample of the base group had a mean of zero.
    public var relativeLow: Double?
    /// The upper bound of the relative difference; `nil` with ``relativeLow``.
    public var relativeHigh: Double?
    /// The share of resampled differences below the interval, and above it: the interval runs from
    /// the percentile `tailShare` to the percentile 1 − `tailShare` (0.025 and 0.975 for a plain
    /// 95% interval; a little farther out for an expanded one).
    public var tailShare: Double

    public init(lowNanos: Double, highNanos: Double, relativeLow: Double?, relativeHigh: Double?, tailShare: Double) {
        self.lowNanos = lowNanos
        self.highNanos = highNanos
        self.relativeLow = relativeLow
        self.relativeHigh = relativeHigh
        self.tailShare = tailShare
    }

    /// Whether the interval holds zero: the data do not tell which group costs more per run.
    public var coversZero: Bool { lowNanos <= 0 && highNanos >= 0 }

    /// Whether the interval holds `nanos`.
    public func covers(_ nanos: Double) -> Bool { lowNanos <= nanos && nanos <= highNanos }
}

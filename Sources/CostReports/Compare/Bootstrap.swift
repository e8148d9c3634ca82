import CostModel

/// Bootstrap confidence intervals for the difference of two groups' mean costs per run.
///
/// Each resample draws, with replacement, as many runs from each group as it has, each group on its
/// own (the groups are independent samples: different runs), and takes the difference of the two
/// resampled means. The interval is bounded by percentiles of those differences, by nearest rank:
/// for 95%, the 2.5th and 97.5th (``BootstrapOptions/Percentiles/plain``), or percentiles a little
/// farther out for small groups (``BootstrapOptions/Percentiles/expanded``, the default).
///
/// The means of resamples are `Double`s: they are estimates, not amounts to bill, and the bounds
/// are reported as such.
///
/// ```swift
/// let interval = Bootstrap.meanDifference(base: baselineNanos, compare: cachedNanos,
///                                         options: BootstrapOptions(resamples: 10_000, seed: 7))
/// ```
public enum Bootstrap {
    /// The confidence interval of mean(`compare`) − mean(`base`), absolute and relative to
    /// mean(`base`).
    ///
    /// Resamples are drawn from one ``SplitMix64`` seeded with `options.seed`: for each resample, the
    /// indices of `base` first, then those of `compare`. The same values in the same order with the
    /// same options give the same interval on every machine.
    /// - Parameters:
    ///   - base: Per-run costs of the base group, in nano-dollars; at least one.
    ///   - compare: Per-run costs of the group compared with it; at least one.
    public static func meanDifference(base: [Int64], compare: [Int64], options: BootstrapOptions = BootstrapOptions())
        -> MeanDifferenceInterval
    {
        precondition(!base.isEmpty && !compare.isEmpty, "a bootstrap needs runs in both groups")
        var generator = SplitMix64(seed: options.seed)
        var differences: [Double] = []
        var ratios: [Double] = []
        differences.reserveCapacity(options.resamples)
        ratios.reserveCapacity(options.resamples)
        var everyBaseMeanPositive = true
        for _ in 0..<options.resamples {
            let baseMean = resampledMean(base, using: &generator)
            let compareMean = resampledMean(compare, using: &generator)
            differences.append(compareMean - baseMean)
            if baseMean > 0 {
                ratios.append((compareMean - baseMean) / baseMean)
            } else {
                everyBaseMeanPositive = false
            }
        }
        differences.sort()
        ratios.sort()
        let tail = tailShare(base: base, compare: compare, options: options)
        func bounds(_ sorted: [Double]) -> (Double, Double) {
            switch options.percentiles {
            case .plain:
                let perMille = (100 - options.confidencePercent) * 5
                return (
                    Quantile.nearestRank(sorted, perMille: perMille),
                    Quantile.nearestRank(sorted, perMille: 1000 - perMille)
                )
            case .expanded:
                return (Quantile.nearestRank(sorted, fraction: tail), Quantile.nearestRank(sorted, fraction: 1 - tail))
            }
        }
        let absolute = bounds(differences)
        let relative = everyBaseMeanPositive ? bounds(ratios) : nil
        return MeanDifferenceInterval(
            lowNanos: absolute.0, highNanos: absolute.1, relativeLow: relative?.0, relativeHigh: relative?.1,
            tailShare: tail)
    }

    /// The share of resampled differences left below the interval (and as many above it).
    ///
    /// Plain: half of what the confidence level leaves out, 0.025 for 95%. Expanded: the normal
    /// tail beyond z′ = t(1 − α/2; ν) × √(Σ s²ᵢ/nᵢ ÷ Σ σ̂²ᵢ/nᵢ), where s² is a group's unbiased
    /// variance, σ̂² its plug-in variance (the one resampling reproduces) and ν the
    /// Welch–Satterthwaite degrees of freedom; the plain share when both groups' costs are constant.
    static func tailShare(base: [Int64], compare: [Int64], options: BootstrapOptions) -> Double {
        let alpha = Double(100 - options.confidencePercent) / 100
        guard options.percentiles == .expanded, base.count > 1, compare.count > 1 else { return alpha / 2 }
        let (basePlugIn, comparePlugIn) = (plugInVariance(base), plugInVariance(compare))
        let plugIn = basePlugIn / Double(base.count) + comparePlugIn / Double(compare.count)
        guard plugIn > 0 else { return alpha / 2 }
        // s²/n = σ̂²/(n − 1) for each group.
        let baseTerm = basePlugIn / Double(base.count - 1)
        let compareTerm = comparePlugIn / Double(compare.count - 1)
        let unbiased = baseTerm + compareTerm
        let degreesOfFreedom =
            unbiased * unbiased
            / (baseTerm * baseTerm / Double(base.count - 1) + compareTerm * compareTerm / Double(compare.count - 1))
        let t = Distributions.studentTQuantile(1 - alpha / 2, degreesOfFreedom: degreesOfFreedom)
        return 1 - Distributions.normalCDF(t * (unbiased / plugIn).squareRoot())
    }

    /// Σ(x − mean)² / n.
    private static func plugInVariance(_ values: [Int64]) -> Double {
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        return values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
    }

    private static func resampledMean(_ values: [Int64], using generator: inout SplitMix64) -> Double {
        var sum: Int128 = 0
        for _ in values.indices { sum += Int128(values[generator.nextIndex(below: values.count)]) }
        return Double(sum) / Double(values.count)
    }
}

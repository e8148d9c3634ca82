/// Quantiles of Student's t distribution, for prediction intervals from few observations.
enum StudentT {
    /// The two-sided 95% quantiles (the 0.975 quantile) for 1 to 30 degrees of freedom.
    private static let quantiles975: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]
    /// Beyond 30, tabulated points (degrees of freedom, quantile), the last being the normal's.
    private static let tail: [(Double, Double)] = [
        (30, 2.042), (40, 2.021), (60, 2.000), (120, 1.980), (.infinity, 1.960),
    ]

    /// The 0.975 quantile for `degreesOfFreedom` ≥ 1: a two-sided 95% interval is ± this many
    /// standard errors. Between tabulated points it is interpolated linearly in 1 / degrees of
    /// freedom, as printed tables advise; the error is below 0.001.
    static func quantile975(degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom >= 1)
        if degreesOfFreedom <= 30 { return quantiles975[degreesOfFreedom - 1] }
        let df = Double(degreesOfFreedom)
        for (lower, upper) in zip(tail, tail.dropFirst()) where df <= upper.0 {
            let position = (1 / lower.0 - 1 / df) / (1 / lower.0 - 1 / upper.0)
            return lower.1 + (upper.1 - lower.1) * position
        }
        return 1.960
    }
}

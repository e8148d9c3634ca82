/// An ordinary least squares line through daily values, and prediction intervals from it.
///
/// Day *x* (0 for the first value) is expected to have *intercept* + *slope* × *x*. The spread of
/// the values around the line, ``residualStandardDeviation``, gives the uncertainty of a sum of
/// future days: the days' own scatter plus the uncertainty of the line itself.
///
/// ```swift
/// let trend = LinearTrend(values: [1.0, 1.2, 1.1, 1.4])!
/// trend.value(at: 4)                                  // the fifth day's expected value
/// trend.sum(of: [(x: 4, weight: 1), (x: 5, weight: 1)]).halfWidth
/// ```
public struct LinearTrend: Sendable {
    /// How many values the line was fitted to.
    public let count: Int
    /// The expected value on day 0.
    public let intercept: Double
    /// The change of the expected value per day.
    public let slope: Double
    /// The standard deviation of the values around the line, with `count` − 2 degrees of freedom.
    public let residualStandardDeviation: Double

    private let meanX: Double
    private let sumOfSquaresX: Double

    /// The fewest values that leave a residual to measure the spread with.
    public static let minimumCount = 3

    /// Fits a line to `values`, one per day; `nil` for fewer than ``minimumCount``.
    public init?(values: [Double]) {
        guard values.count >= Self.minimumCount else { return nil }
        let n = Double(values.count)
        let meanX = (n - 1) / 2
        let meanY = values.reduce(0, +) / n
        var sxx = 0.0
        var sxy = 0.0
        for (index, value) in values.enumerated() {
            let dx = Double(index) - meanX
            sxx += dx * dx
            sxy += dx * (value - meanY)
        }
        let slope = sxy / sxx
        let intercept = meanY - slope * meanX
        var squaredResiduals = 0.0
        for (index, value) in values.enumerated() {
            let residual = value - (intercept + slope * Double(index))
            squaredResiduals += residual * residual
        }
        count = values.count
        self.intercept = intercept
        self.slope = slope
        residualStandardDeviation = (squaredResiduals / (n - 2)).squareRoot()
        self.meanX = meanX
        sumOfSquaresX = sxx
    }

    /// The expected value on day `x`.
    public func value(at x: Double) -> Double { intercept + slope * x }

    /// The expected sum of future days, each counted by its weight (1 for a whole day, less for
    /// the rest of a day that has begun) and never below zero, with the half-width of its 95%
    /// prediction interval.
    ///
    /// The interval assumes independent, normally distributed scatter around the line: its
    /// variance is σ² (Σ w² + W² (1/n + (x̄_w − x̄)² / Sxx)), where W is the sum of the weights and
    /// x̄_w their weighted mean day, and its half-width is Student's t quantile with n − 2 degrees of
    /// freedom times the square root.
    public func sum(of days: [(x: Double, weight: Double)]) -> (estimate: Double, halfWidth: Double) {
        let weights = days.reduce(0) { $0 + $1.weight }
        guard weights > 0 else { return (0, 0) }
        let estimate = days.reduce(0) { $0 + $1.weight * max(0, value(at: $1.x)) }
        let meanFutureX = days.reduce(0) { $0 + $1.weight * $1.x } / weights
        let ownScatter = days.reduce(0) { $0 + $1.weight * $1.weight }
        let lineUncertainty =
            weights * weights * (1 / Double(count) + (meanFutureX - meanX) * (meanFutureX - meanX) / sumOfSquaresX)
        let standardError = residualStandardDeviation * (ownScatter + lineUncertainty).squareRoot()
        return (estimate, StudentT.quantile975(degreesOfFreedom: count - 2) * standardError)
    }
}

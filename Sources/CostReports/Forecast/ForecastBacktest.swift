import CostModel

/// How well the forecast would have done: hold out the last days of the data, forecast them from
/// the days before, and compare.
///
/// The data's days run from the first to the last day with a span; the last is taken as
/// complete. The trend is fitted, as ``SpendForecast`` fits it, to the `window` days before the
/// held-out ones (never the first day, which is usually partial),
/// and each held-out day is forecast from the line (never below zero).
///
/// ```swift
/// let backtest = try ForecastBacktest(runs: costed, by: [], holdOut: 3)
/// backtest.total.meanAbsolutePercentageError      // 0.052: 5.2% off per day, on average
/// ```
public struct ForecastBacktest: Sendable {
    /// One group's held-out days, forecast and actual.
    public struct Row: Sendable {
        /// One value per key; `nil` where unallocated. Empty for the total.
        public var values: [String?]
        /// Actual spend of each held-out day, exact.
        public var actual: [Money]
        /// The forecast of each held-out day, in dollars.
        public var forecast: [Double]
        /// The 95% band's half-width around the sum of the forecasts, in dollars.
        public var halfWidth: Double

        public var actualSum: Money { actual.reduce(.zero, +) }
        public var forecastSum: Double { forecast.reduce(0, +) }

        /// The mean of |forecast − actual| over the days, in dollars.
        public var meanAbsoluteError: Double {
            zip(forecast, actual).reduce(0) { $0 + abs($1.0 - $1.1.dollars) } / Double(max(1, actual.count))
        }

        /// The mean of |forecast − actual| ÷ actual over the days with spend, from 0; `nil` when
        /// no held-out day has any.
        public var meanAbsolutePercentageError: Double? {
            let errors = zip(forecast, actual).filter { $0.1 > .zero }.map { abs($0.0 - $0.1.dollars) / $0.1.dollars }
            return errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count)
        }

        /// (forecast sum − actual sum) ÷ actual sum; `nil` when nothing was spent.
        public var sumError: Double? {
            actualSum > .zero ? (forecastSum - actualSum.dollars) / actualSum.dollars : nil
        }

        /// Whether the actual sum lies inside the 95% band of the forecast sum.
        public var sumIsInsideBand: Bool { abs(forecastSum - actualSum.dollars) <= halfWidth }
    }

    public let keys: [AllocationKey]
    public let fittedDays: [CalendarDate]
    public let heldOutDays: [CalendarDate]
    public let rows: [Row]
    public let total: Row

    /// Holds out the last `holdOut` days of the spend of `runs` and forecasts them.
    ///
    /// - Parameter models: How the `model` key names models (see ``ModelNaming``).
    /// - Throws: ``ForecastError`` when there is no spend, or `holdOut` leaves fewer than
    ///   ``LinearTrend/minimumCount`` days to fit.
    public init(
        runs: [CostedRun], by keys: [AllocationKey], holdOut: Int, window: Int = SpendForecast.defaultWindow,
        models: ModelNaming = .asRecorded
    ) throws(ForecastError) {
        let lastStart = runs.flatMap { $0.run.tree.nodes.map(\.record.startNanos) }.max()
        guard let lastStart, holdOut >= 1 else { throw .noSpend(before: .max) }
        let end = CalendarDate(daysSinceEpoch: CalendarDate(containing: lastStart).daysSinceEpoch + 1).startNanos
        let series = DailySpendSeries(runs: runs, by: keys, until: end, models: models)
        let dayCount = series.days.count
        // As in a forecast, the first day is left out of the fit.
        guard dayCount - 1 - holdOut >= LinearTrend.minimumCount else {
            throw .tooFewDaysToHoldOut(days: dayCount, holdOut: holdOut, needed: LinearTrend.minimumCount)
        }
        let fitCount = min(max(window, LinearTrend.minimumCount), dayCount - 1 - holdOut)
        let fitRange = (dayCount - holdOut - fitCount)..<(dayCount - holdOut)
        let heldOut = (dayCount - holdOut)..<dayCount
        let future = (0..<holdOut).map { (x: Double(fitCount + $0), weight: 1.0) }
        func row(_ group: DailySpendSeries.Group) -> Row {
            let trend = LinearTrend(values: group.daily[fitRange].map(\.dollars))!
            return Row(
                values: group.values, actual: Array(group.daily[heldOut]),
                forecast: future.map { max(0, trend.value(at: $0.x)) }, halfWidth: trend.sum(of: future).halfWidth)
        }
        self.keys = keys
        fittedDays = Array(series.days[fitRange])
        heldOutDays = Array(series.days[heldOut])
        rows = keys.isEmpty ? [] : series.groups.map(row)
        total = row(series.total)
    }
}

import CostModel

/// Where spend will land at the end of the current week or month: the actual spend so far plus
/// a forecast of the rest, from a linear trend of the daily spend, with a 95% band.
///
/// The method: take the complete UTC days before ``at`` (the last ``window`` of them, from the
/// first day with spend), fit an ordinary least squares line to each group's daily spend, and
/// sum the line (never below zero) over the time left in the period, counting a day that has
/// begun by the share of it that is left. The band is the 95% prediction interval of that sum
/// (``LinearTrend/sum(of:)``). Spend so far is exact; everything else is an estimate.
///
/// ```swift
/// let forecast = try SpendForecast(runs: costed, by: [AllocationKey("team")], period: .month, at: now)
/// forecast.total.endOfPeriod            // dollars, an estimate
/// ```
public struct SpendForecast: Sendable {
    /// One group's forecast (or the total's).
    public struct Row: Sendable {
        /// One value per key; `nil` where unallocated. Empty for the total.
        public var values: [String?]
        /// Spend from the period's start to ``SpendForecast/at``, exact.
        public var actual: Money
        /// Unpriced spans in that time; their cost is in no amount.
        public var unpricedSpans: Int
        /// Daily spend of the fitted days, exact.
        public var fitted: [Money]
        public var trend: LinearTrend
        /// Expected spend from ``SpendForecast/at`` to the period's end, in dollars.
        public var remaining: Double
        /// Half the width of the 95% band around ``remaining``, in dollars.
        public var halfWidth: Double

        /// ``actual`` + ``remaining``, in dollars.
        public var endOfPeriod: Double { actual.dollars + remaining }
        /// The band's low end: spend cannot go below what was spent.
        public var low: Double { actual.dollars + max(0, remaining - halfWidth) }
        public var high: Double { actual.dollars + remaining + halfWidth }

        /// ``remaining`` as reports give it, rounded to $0.0001; `nil` when it does not fit in
        /// ``Money``.
        public var roundedRemaining: Money? { Money(estimate: remaining) }
        /// ``endOfPeriod`` as reports give it: the exact ``actual`` plus ``roundedRemaining``.
        ///
        /// Only the estimated part is rounded, so the end is never below what was spent, however
        /// small the amounts; `nil` when it does not fit in ``Money``.
        public var roundedEndOfPeriod: Money? { actual.adding(estimate: remaining) }
        /// ``low`` as reports give it: the exact ``actual`` plus the band's rounded low part.
        public var roundedLow: Money? { actual.adding(estimate: max(0, remaining - halfWidth)) }
        /// ``high`` as reports give it: the exact ``actual`` plus the band's rounded high part.
        public var roundedHigh: Money? { actual.adding(estimate: remaining + halfWidth) }
        /// The line's expected spend on the day that holds ``SpendForecast/at``, in dollars.
        public var dailyNow: Double { trend.value(at: Double(trend.count)) }
    }

    /// The most complete days fitted, by default four weeks (so weekdays weigh evenly).
    public static let defaultWindow = 28

    public let keys: [AllocationKey]
    /// The period forecast: the week or month that contains ``at``.
    public let interval: CalendarInterval
    public let at: Int64
    /// The days the trend was fitted to, oldest first.
    public let fittedDays: [CalendarDate]
    /// Days from ``at`` to the period's end, fractional when ``at`` is not midnight.
    public let daysLeft: Double
    /// One row per group, by the group's spend over all days (highest first), then by values.
    public let rows: [Row]
    public let total: Row

    /// Forecasts the spend of `runs` to the end of the `period` that contains `at`.
    ///
    /// - Parameters:
    ///   - keys: Groups to forecast one by one; none forecasts the total alone.
    ///   - window: The most complete days to fit; at least ``LinearTrend/minimumCount``.
    ///   - models: How the `model` key names models (see ``ModelNaming``).
    /// - Throws: ``ForecastError`` when there is no spend before `at`, or fewer complete days than
    ///   a trend needs.
    public init(
        runs: [CostedRun], by keys: [AllocationKey], period: CalendarPeriod, at: Int64, window: Int = defaultWindow,
        models: ModelNaming = .asRecorded
    ) throws(ForecastError) {
        let interval = period.interval(containingNanos: at)
        let series = DailySpendSeries(runs: runs, by: keys, until: at, models: models)
        guard let firstDay = series.days.first else { throw .noSpend(before: at) }
        let atDay = CalendarDate(containing: at)
        // Complete days end by `at`; the first day with spend is left out, since data rarely starts
        // at midnight and a part of a day would pull the line down.
        let completeCount = Int(atDay.daysSinceEpoch - firstDay.daysSinceEpoch)
        guard completeCount - 1 >= LinearTrend.minimumCount else {
            throw .tooFewDays(
                count: max(0, completeCount - 1), needed: LinearTrend.minimumCount, firstDay: firstDay, before: at)
        }
        let fitCount = min(max(window, LinearTrend.minimumCount), completeCount - 1)
        let fitRange = (completeCount - fitCount)..<completeCount
        // The time left, day by day on the fitted days' scale: x = 0 is the first fitted day.
        var future: [(x: Double, weight: Double)] = []
        var dayStart = atDay.startNanos
        var x = Double(fitCount)
        while dayStart < interval.endNanos {
            let from = max(dayStart, at)
            future.append((x, Double(dayStart + CalendarDate.nanosPerDay - from) / Double(CalendarDate.nanosPerDay)))
            dayStart += CalendarDate.nanosPerDay
            x += 1
        }
        let periodFirst = series.index(of: interval.start) ?? (interval.start < firstDay ? 0 : series.days.count)
        func row(_ group: DailySpendSeries.Group) -> Row {
            let fitted = Array(group.daily[fitRange])
            // At least 3 values, so the line exists.
            let trend = LinearTrend(values: fitted.map(\.dollars))!
            let (remaining, halfWidth) = trend.sum(of: future)
            return Row(
                values: group.values, actual: group.daily[periodFirst...].reduce(.zero, +),
                unpricedSpans: group.unpriced[periodFirst...].reduce(0, +), fitted: fitted, trend: trend,
                remaining: remaining, halfWidth: halfWidth)
        }
        self.keys = keys
        self.interval = interval
        self.at = at
        fittedDays = Array(series.days[fitRange])
        daysLeft = Double(interval.endNanos - at) / Double(CalendarDate.nanosPerDay)
        rows = keys.isEmpty ? [] : series.groups.map(row)
        total = row(series.total)
    }

    /// How the forecast is made, as reports state it.
    public var method: String {
        let first = fittedDays.first?.iso ?? "", last = fittedDays.last?.iso ?? ""
        return "ordinary least squares line through the daily spend of the \(fittedDays.count) complete UTC days "
            + "\(first) to \(last), summed over the time left in the period (never below zero); "
            + "band: 95% prediction interval (Student's t, \(fittedDays.count - 2) degrees of freedom, "
            + "from the scatter around the line); estimates rounded to $0.0001 and added to the exact spend so far"
    }
}

extension Money {
    /// The amount in dollars, for statistics only: money itself stays exact.
    var dollars: Double { Double(nanos) / Double(Money.nanosPerUnit) }

    /// The precision of estimates in reports: $0.0001, in nano-dollars.
    static let estimatePrecisionNanos: Int64 = 100_000

    /// An estimate in dollars, rounded to $0.0001 (half away from zero); `nil` when it is not
    /// finite or does not fit.
    init?(estimate dollars: Double) {
        let units = (dollars * 10_000).rounded()
        guard units.isFinite, abs(units) < 9e13 else { return nil }
        self.init(nanos: Int64(units) * Self.estimatePrecisionNanos)
    }

    /// This exact amount plus an estimate rounded to $0.0001; `nil` when the sum does not fit.
    func adding(estimate dollars: Double) -> Money? {
        guard let estimate = Money(estimate: dollars) else { return nil }
        let (sum, overflow) = nanos.addingReportingOverflow(estimate.nanos)
        return overflow ? nil : Money(nanos: sum)
    }
}

import CostModel

/// A calendar period that spend is bucketed by, aligned in UTC.
///
/// A week is an ISO week, from Monday to Sunday; a month is a calendar month.
///
/// ```swift
/// AllocationPeriod.week.start(containing: span.startNanos).iso   // "2026-11-09", a Monday
/// ```
public enum AllocationPeriod: String, CaseIterable, Hashable, Sendable {
    case day
    case week
    case month

    /// The first day of the period that holds `day`.
    public func start(of day: CalendarDate) -> CalendarDate {
        switch self {
        case .day:
            return day
        case .week:
            // 1970-01-01 was a Thursday, three days after a Monday.
            let remainder = (day.daysSinceEpoch + 3) % 7
            let daysSinceMonday = remainder < 0 ? remainder + 7 : remainder
            return CalendarDate(daysSinceEpoch: day.daysSinceEpoch - daysSinceMonday)
        case .month:
            let (year, month, _) = day.components
            return CalendarDate(year: year, month: month, day: 1) ?? day
        }
    }

    /// The first day of the period that holds the instant `nanos` since the epoch (UTC).
    public func start(containing nanos: Int64) -> CalendarDate {
        start(of: CalendarDate(containing: nanos))
    }

    /// The first day of the period after the one that starts on `start`.
    public func next(after start: CalendarDate) -> CalendarDate {
        switch self {
        case .day:
            return CalendarDate(daysSinceEpoch: start.daysSinceEpoch + 1)
        case .week:
            return CalendarDate(daysSinceEpoch: self.start(of: start).daysSinceEpoch + 7)
        case .month:
            let (year, month, _) = start.components
            return
                (month == 12
                ? CalendarDate(year: year + 1, month: 1, day: 1) : CalendarDate(year: year, month: month + 1, day: 1))
                ?? CalendarDate(daysSinceEpoch: start.daysSinceEpoch + 31)
        }
    }
}

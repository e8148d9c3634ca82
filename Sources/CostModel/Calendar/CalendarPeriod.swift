/// A kind of calendar period in UTC: a day, an ISO week (Monday to Sunday), or a month.
///
/// Periods are aligned to the calendar, not to a starting instant: the week that contains a
/// Friday starts on the Monday before it, whatever month or year that Monday falls in.
///
/// ```swift
/// let week = CalendarPeriod.week.interval(containing: CalendarDate(iso: "2027-01-01")!)
/// week.label                          // "2026-W53"
/// week.start.iso                      // "2026-12-28"
/// ```
public enum CalendarPeriod: String, CaseIterable, Hashable, Sendable {
    case day
    case week
    case month

    /// The period of this kind that contains `date`.
    public func interval(containing date: CalendarDate) -> CalendarInterval {
        let first: Int64
        let length: Int64
        switch self {
        case .day:
            first = date.daysSinceEpoch
            length = 1
        case .week:
            first = date.daysSinceEpoch - (date.isoWeekday - 1)
            length = 7
        case .month:
            let (year, month, day) = date.components
            first = date.daysSinceEpoch - (day - 1)
            length = CalendarDate.daysInMonth(month, year: year)
        }
        return CalendarInterval(
            period: self, start: CalendarDate(daysSinceEpoch: first), end: CalendarDate(daysSinceEpoch: first + length))
    }

    /// The period of this kind that contains the instant `nanos` since the Unix epoch.
    public func interval(containingNanos nanos: Int64) -> CalendarInterval {
        interval(containing: CalendarDate(containing: nanos))
    }
}

/// One calendar period: the days from ``start`` up to, not including, ``end``, in UTC.
///
/// ```swift
/// let november = CalendarPeriod.month.interval(containing: CalendarDate(iso: "2026-11-05")!)
/// november.label                      // "2026-11"
/// november.days                       // 30
/// november.contains(nanos: span.startNanos)
/// ```
public struct CalendarInterval: Hashable, Sendable {
    public var period: CalendarPeriod
    /// The first day.
    public var start: CalendarDate
    /// The first day after the period.
    public var end: CalendarDate

    public init(period: CalendarPeriod, start: CalendarDate, end: CalendarDate) {
        self.period = period
        self.start = start
        self.end = end
    }

    /// The number of days: 1, 7, or 28 to 31.
    public var days: Int64 { end.daysSinceEpoch - start.daysSinceEpoch }

    /// UTC midnight at the start, in nanoseconds since the Unix epoch.
    public var startNanos: Int64 { start.startNanos }

    /// UTC midnight at the end (the first instant after the period).
    public var endNanos: Int64 { end.startNanos }

    /// The length in nanoseconds.
    public var lengthNanos: Int64 { endNanos - startNanos }

    /// Whether the instant `nanos` falls in the period.
    public func contains(nanos: Int64) -> Bool { nanos >= startNanos && nanos < endNanos }

    /// The period of the same kind right after this one.
    public var next: CalendarInterval { period.interval(containing: end) }

    /// The period as people name it: `2026-11-05` for a day, `2026-W45` for an ISO week (its
    /// ISO year, which differs from the calendar year in some first and last days of a year),
    /// `2026-11` for a month.
    public var label: String {
        switch period {
        case .day:
            return start.iso
        case .week:
            // ISO 8601: a week belongs to the year of its Thursday, and week 1 holds that year's
            // first Thursday.
            let thursday = CalendarDate(daysSinceEpoch: start.daysSinceEpoch + 3)
            let year = thursday.components.year
            let dayOfYear = thursday.daysSinceEpoch - (CalendarDate(year: year, month: 1, day: 1)?.daysSinceEpoch ?? 0)
            let week = dayOfYear / 7 + 1
            return CalendarDate.padded(year, 4) + "-W" + CalendarDate.padded(week, 2)
        case .month:
            return String(start.iso.prefix(7))
        }
    }
}

extension CalendarInterval: CustomStringConvertible {
    /// `2026-W45 (2026-11-02 to 2026-11-08)`.
    public var description: String {
        period == .day
            ? label : "\(label) (\(start.iso) to \(CalendarDate(daysSinceEpoch: end.daysSinceEpoch - 1).iso))"
    }
}

extension CalendarDate {
    /// The day of the week, ISO 8601 style: 1 for Monday to 7 for Sunday.
    public var isoWeekday: Int64 {
        // 1970-01-01 was a Thursday (4).
        let fromMonday = (daysSinceEpoch + 3) % 7
        return (fromMonday < 0 ? fromMonday + 7 : fromMonday) + 1
    }

    /// The number of days in `month` (1–12) of `year` in the proleptic Gregorian calendar.
    static func daysInMonth(_ month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `value` in decimal, zero-padded to `width` digits.
    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

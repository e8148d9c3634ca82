/// A day of the proleptic Gregorian calendar in UTC, as price books date their entries.
///
/// A price takes effect at UTC midnight of its day: ``startNanos`` is the first nanosecond it
/// applies to.
///
/// ```swift
/// let cut = CalendarDate(iso: "2025-06-10")!
/// cut.startNanos                                // 1_749_513_600_000_000_000
/// ```
public struct CalendarDate: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int64

    public static let nanosPerDay: Int64 = 86_400_000_000_000

    public init(daysSinceEpoch: Int64) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The day with this year (0–9999), month (1–12) and day of the month, or `nil` when there is
    /// no such day (`2025-02-29`).
    public init?(year: Int64, month: Int64, day: Int64) {
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year),
            (0...9999).contains(year)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        daysSinceEpoch = era * 146_097 + dayOfEra - 719_468
    }

    /// Parses exactly `YYYY-MM-DD`; `nil` for other text or a day that does not exist.
    public init?(iso text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The UTC day that contains the instant `nanos` since the epoch.
    public init(containing nanos: Int64) {
        let days = nanos / Self.nanosPerDay
        daysSinceEpoch = nanos % Self.nanosPerDay < 0 ? days - 1 : days
    }

    /// UTC midnight at the start of the day, in nanoseconds since the epoch.
    ///
    /// Nanoseconds in an `Int64` reach from 1677 to 2262; days outside that saturate, which keeps
    /// their order against any span's start.
    public var startNanos: Int64 {
        let (nanos, overflow) = daysSinceEpoch.multipliedReportingOverflow(by: Self.nanosPerDay)
        return overflow ? (daysSinceEpoch < 0 ? .min : .max) : nanos
    }

    /// Year, month (1–12) and day of the month.
    public var components: (year: Int64, month: Int64, day: Int64) {
        // Howard Hinnant's civil_from_days.
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (year, month, day) = components
        func padded(_ value: Int64, _ width: Int) -> String {
            let digits = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension CalendarDate: CustomStringConvertible {
    public var description: String { iso }
}

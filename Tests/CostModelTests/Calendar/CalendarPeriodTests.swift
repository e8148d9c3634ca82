import CostModel
import Foundation
import Testing

struct CalendarPeriodTests {
    private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test(arguments: [
        // An ISO week that starts in one year and ends in the next belongs to the year of its Thursday.
        ("2026-12-31", "2026-12-28", "2027-01-04", "2026-W53"),
        ("2027-01-03", "2026-12-28", "2027-01-04", "2026-W53"),
        ("2027-01-04", "2027-01-04", "2027-01-11", "2027-W01"),
        ("2024-12-30", "2024-12-30", "2025-01-06", "2025-W01"),
        ("2025-01-01", "2024-12-30", "2025-01-06", "2025-W01"),
        // A week across a month's end.
        ("2026-11-01", "2026-10-26", "2026-11-02", "2026-W44"),
        ("2026-11-02", "2026-11-02", "2026-11-09", "2026-W45"),
        ("2026-11-08", "2026-11-02", "2026-11-09", "2026-W45"),
        ("2026-11-09", "2026-11-09", "2026-11-16", "2026-W46"),
        ("2027-01-01", "2026-12-28", "2027-01-04", "2026-W53"),
        ("2024-02-29", "2024-02-26", "2024-03-04", "2024-W09"),
        // Before the epoch, where the remainder of a division by 7 is negative.
        ("1969-12-31", "1969-12-29", "1970-01-05", "1970-W01"),
    ])
    func weeksRunFromMondayToSundayAndAreNamedByTheirISOYear(
        _ date: String, _ start: String, _ end: String, _ label: String
    ) {
        let week = CalendarPeriod.week.interval(containing: day(date))
        #expect(week.start == day(start))
        #expect(week.end == day(end))
        #expect(week.days == 7)
        #expect(week.label == label)
        #expect(week.start.isoWeekday == 1)
    }

    @Test(arguments: [
        ("2026-02-14", "2026-02-01", "2026-03-01", 28),
        ("2028-02-29", "2028-02-01", "2028-03-01", 29),  // a leap year
        ("2100-02-10", "2100-02-01", "2100-03-01", 28),  // divisible by 100, not by 400: not a leap year
        ("2000-02-10", "2000-02-01", "2000-03-01", 29),  // divisible by 400: a leap year
        ("2026-11-30", "2026-11-01", "2026-12-01", 30),
        ("2026-12-31", "2026-12-01", "2027-01-01", 31),
        ("2026-01-01", "2026-01-01", "2026-02-01", 31),
        ("2024-02-29", "2024-02-01", "2024-03-01", 29),
        ("1969-12-31", "1969-12-01", "1970-01-01", 31),  // before the epoch
    ])
    func monthsRunFromTheirFirstDayToTheNextMonthsFirst(_ date: String, _ start: String, _ end: String, _ days: Int64) {
        let month = CalendarPeriod.month.interval(containing: day(date))
        #expect(month.start == day(start))
        #expect(month.end == day(end))
        #expect(month.days == days)
        #expect(month.label == String(start.prefix(7)))
    }

    @Test func aDayIsItsOwnPeriod() {
        let leapDay = CalendarPeriod.day.interval(containing: day("2024-02-29"))
        #expect(leapDay.start == day("2024-02-29"))
        #expect(leapDay.end == day("2024-03-01"))
        #expect(leapDay.label == "2024-02-29")
    }

    @Test(arguments: [
        (CalendarPeriod.month, "2026-12-01", "2027-01-01"), (.month, "2024-02-01", "2024-03-01"),
        (.week, "2026-12-28", "2027-01-04"), (.day, "2024-02-28", "2024-02-29"),
    ])
    func theNextPeriodFollowsWithoutAGap(period: CalendarPeriod, start: String, nextStart: String) {
        #expect(period.interval(containing: day(start)).next.start == day(nextStart))
    }

    @Test func periodsHoldTheirFirstNanosecondAndNotTheNextPeriods() {
        let midnight = day("2026-11-09").startNanos
        for period in CalendarPeriod.allCases {
            let interval = period.interval(containingNanos: midnight)
            #expect(interval.contains(nanos: interval.startNanos))
            #expect(interval.contains(nanos: interval.endNanos - 1))
            #expect(!interval.contains(nanos: interval.endNanos))
            #expect(!interval.contains(nanos: interval.startNanos - 1))
            #expect(period.interval(containingNanos: interval.endNanos) == interval.next)
            #expect(period.interval(containingNanos: interval.endNanos - 1) == interval)
        }
        #expect(CalendarPeriod.day.interval(containingNanos: midnight - 1).label == "2026-11-08")
        #expect(CalendarPeriod.week.interval(containingNanos: midnight - 1).label == "2026-W45")
        #expect(CalendarPeriod.week.interval(containingNanos: midnight).label == "2026-W46")
        let newMonth = day("2026-12-01").startNanos
        #expect(CalendarPeriod.month.interval(containingNanos: newMonth - 1).start == day("2026-11-01"))
        #expect(CalendarPeriod.month.interval(containingNanos: newMonth).start == day("2026-12-01"))
        #expect(CalendarPeriod.day.interval(containingNanos: newMonth - 1).start == day("2026-11-30"))
    }

    @Test func weeksAndMonthsAgreeWithFoundationsISO8601CalendarFrom1970To2100() throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let first = day("1970-01-01").daysSinceEpoch
        let last = day("2100-12-31").daysSinceEpoch
        var mismatches: [String] = []
        for days in stride(from: first, through: last, by: 1) {
            let date = CalendarDate(daysSinceEpoch: days)
            let instant = Date(timeIntervalSince1970: TimeInterval(days * 86_400))
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear, .weekday, .day], from: instant)
            let week = CalendarPeriod.week.interval(containing: date)
            let expectedLabel = String(format: "%04d-W%02d", parts.yearForWeekOfYear!, parts.weekOfYear!)
            // Foundation numbers weekdays from Sunday (1) to Saturday (7).
            let expectedWeekday = Int64((parts.weekday! + 5) % 7 + 1)
            let month = CalendarPeriod.month.interval(containing: date)
            let monthLength = try #require(calendar.range(of: .day, in: .month, for: instant)).count
            if week.label != expectedLabel || date.isoWeekday != expectedWeekday
                || month.days != Int64(monthLength)
                || date.daysSinceEpoch - month.start.daysSinceEpoch != Int64(parts.day! - 1)
            {
                mismatches.append(date.iso)
            }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }
}

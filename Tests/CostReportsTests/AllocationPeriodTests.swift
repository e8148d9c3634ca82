import CostModel
import CostReports
import Testing

struct AllocationPeriodTests {
    func day(_ iso: String) throws -> CalendarDate { try #require(CalendarDate(iso: iso)) }

    @Test(arguments: [
        ("2026-11-02", "2026-11-02"), ("2026-11-08", "2026-11-02"), ("2026-11-09", "2026-11-09"),
        ("2027-01-01", "2026-12-28"), ("1969-12-31", "1969-12-29"), ("2024-02-29", "2024-02-26"),
    ])
    func anISOWeekStartsOnTheMondayOnOrBeforeTheDay(dayText: String, monday: String) throws {
        #expect(AllocationPeriod.week.start(of: try day(dayText)).iso == monday)
    }

    @Test func aMonthStartsOnItsFirstAndADayIsItself() throws {
        #expect(AllocationPeriod.month.start(of: try day("2024-02-29")).iso == "2024-02-01")
        #expect(AllocationPeriod.month.start(of: try day("1969-12-31")).iso == "1969-12-01")
        #expect(AllocationPeriod.day.start(of: try day("2024-02-29")).iso == "2024-02-29")
    }

    @Test func periodsSplitInstantsAtUTCMidnight() throws {
        let midnight = try day("2026-12-01").startNanos
        #expect(AllocationPeriod.month.start(containing: midnight - 1).iso == "2026-11-01")
        #expect(AllocationPeriod.month.start(containing: midnight).iso == "2026-12-01")
        #expect(AllocationPeriod.day.start(containing: midnight - 1).iso == "2026-11-30")
    }

    @Test func theNextPeriodFollowsWithoutAGap() throws {
        #expect(AllocationPeriod.month.next(after: try day("2026-12-01")).iso == "2027-01-01")
        #expect(AllocationPeriod.month.next(after: try day("2024-02-01")).iso == "2024-03-01")
        #expect(AllocationPeriod.week.next(after: try day("2026-12-28")).iso == "2027-01-04")
        #expect(AllocationPeriod.day.next(after: try day("2024-02-28")).iso == "2024-02-29")
    }
}

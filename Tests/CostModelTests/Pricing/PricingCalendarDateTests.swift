import CostModel
import Testing

struct PricingCalendarDateTests {
    @Test(
        arguments: [
            ("1970-01-01", 0),
            ("1970-01-02", 1),
            ("1969-12-31", -1),
            ("2000-02-29", 11_016),
            ("2025-06-10", 20_249),
            ("2026-11-23", 20_780),
        ] as [(String, Int64)]
    )
    func anISODateIsTheRightDayAndFormatsBack(text: String, days: Int64) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.daysSinceEpoch == days)
        #expect(date.iso == text)
        #expect(date.startNanos == days * 86_400_000_000_000)
    }

    @Test(arguments: [
        "2025-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "2025-4-01", "25-04-01", "2025/04/01", "",
        "2025-04-01T00:00",
    ])
    func aDayThatDoesNotExistOrIsWrittenOtherwiseIsRejected(text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func aPriceTakesEffectAtUTCMidnightOfItsDay() throws {
        let cut = try #require(CalendarDate(iso: "2025-06-10"))
        #expect(cut.startNanos == 1_749_513_600_000_000_000)
        #expect(CalendarDate(containing: cut.startNanos) == cut)
        #expect(CalendarDate(containing: cut.startNanos - 1).iso == "2025-06-09")
        #expect(CalendarDate(containing: -1).iso == "1969-12-31")
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        let start = CalendarDate(iso: "1900-01-01")!.daysSinceEpoch
        let wrong = (start..<(start + 146_097)).filter { days in
            let date = CalendarDate(daysSinceEpoch: days)
            let (year, month, day) = date.components
            return CalendarDate(year: year, month: month, day: day) != date
        }
        #expect(wrong.isEmpty)
    }
}

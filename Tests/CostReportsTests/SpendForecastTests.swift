import CostModel
import CostReports
import Testing

/// Runs with one span a day whose cost the provider reported, so that daily spend is set exactly.
struct DailySpendFixture {
    static let day: Int64 = 86_400_000_000_000

    var spans: [SpanRecord] = []

    /// Adds spend `dollars` (rounded to the nano-dollar) on `date`, at noon, in a run of its own.
    mutating func spend(_ dollars: Double, on date: CalendarDate, attributes: Attributes = [:]) {
        let run = UInt64(spans.count + 1)
        spans.append(
            SpanRecord(
                traceID: TraceID(high: 7, low: run), spanID: SpanID(run), kind: .llm, name: "call",
                startNanos: date.startNanos + Self.day / 2, endNanos: date.startNanos + Self.day / 2 + 1,
                attributes: attributes, model: "m", reportedCost: Money(nanos: Int64((dollars * 1e9).rounded()))))
    }

    var runs: [CostedRun] { CostedRun.price(Run.group(spans), with: SpanPricer(book: .empty)) }
}

// Seeded, so that noisy series are the same on every run.
extension SplitMix64 {
    /// Roughly standard normal: the sum of twelve uniforms, less six.
    fileprivate mutating func normal() -> Double {
        (0..<12).reduce(0.0) { sum, _ in sum + nextUnitDouble() } - 6
    }
}

struct SpendForecastTests {
    static func date(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test func aLinearSeriesGivesBackItsSlopeAndItsExactEndOfMonth() throws {
        // $1.00 on 1 November, $0.05 more each day: day d (from 0) costs 1 + 0.05 d.
        var fixture = DailySpendFixture()
        let november = Self.date("2026-11-01").daysSinceEpoch
        for d in 0..<20 { fixture.spend(1 + 0.05 * Double(d), on: CalendarDate(daysSinceEpoch: november + Int64(d))) }
        let at = Self.date("2026-11-21").startNanos
        let forecast = try SpendForecast(runs: fixture.runs, by: [], period: .month, at: at)
        let total = forecast.total
        // The first day is left out of the fit, as a day that data usually covers in part.
        #expect(forecast.fittedDays.count == 19)
        #expect(forecast.fittedDays.first == Self.date("2026-11-02"))
        #expect(abs(total.trend.slope - 0.05) < 1e-9)
        #expect(abs(total.trend.residualStandardDeviation) < 1e-6)
        let wholeMonth = (0..<30).reduce(0.0) { $0 + 1 + 0.05 * Double($1) }
        let soFar = (0..<20).reduce(0.0) { $0 + 1 + 0.05 * Double($1) }
        #expect(abs(total.actual.dollars - soFar) < 1e-9)
        #expect(abs(total.endOfPeriod - wholeMonth) < 1e-6)
        #expect(total.high - total.low < 1e-5)
        #expect(forecast.daysLeft == 10)
    }

    @Test func aNoisyLinearSeriesGivesBackItsSlopeWithinItsNoise() throws {
        var generator = SplitMix64(seed: 42)
        var fixture = DailySpendFixture()
        let start = Self.date("2026-10-04").daysSinceEpoch
        for d in 0..<28 {
            fixture.spend(
                5 + 0.2 * Double(d) + 0.05 * generator.normal(), on: CalendarDate(daysSinceEpoch: start + Int64(d)))
        }
        let forecast = try SpendForecast(
            runs: fixture.runs, by: [], period: .month, at: Self.date("2026-11-01").startNanos)
        #expect(abs(forecast.total.trend.slope - 0.2) < 0.005)
        #expect(abs(forecast.total.trend.residualStandardDeviation - 0.05) < 0.02)
        // November: days 28 to 57 of the line, none spent yet.
        let truth = (28..<58).reduce(0.0) { $0 + 5 + 0.2 * Double($1) }
        #expect(forecast.total.actual == .zero)
        #expect(forecast.total.low <= truth && truth <= forecast.total.high)
        #expect(abs(forecast.total.endOfPeriod - truth) / truth < 0.01)
    }

    @Test func theBandOfAFlatNoisySeriesHoldsTheTruthAboutNineteenTimesInTwenty() throws {
        // Forty series: four weeks of $2 ± $0.30 a day, then the rest of the month drawn the same way.
        var covered = 0
        let trials = 40
        for seed in 1...trials {
            var generator = SplitMix64(seed: UInt64(seed))
            var fixture = DailySpendFixture()
            let first = Self.date("2026-11-01").daysSinceEpoch
            for d in 0..<21 {
                fixture.spend(2 + 0.3 * generator.normal(), on: CalendarDate(daysSinceEpoch: first + Int64(d)))
            }
            let truth = (21..<30).reduce(0.0) { sum, _ in sum + 2 + 0.3 * generator.normal() }
            let forecast = try SpendForecast(
                runs: fixture.runs, by: [], period: .month, at: Self.date("2026-11-22").startNanos)
            let rest = (
                low: forecast.total.low - forecast.total.actual.dollars,
                high: forecast.total.high - forecast.total.actual.dollars
            )
            if rest.low <= truth && truth <= rest.high { covered += 1 }
        }
        // A 95% band: 38 of 40 expected; fewer than 34 would mean the band is too narrow.
        #expect(covered >= 34)
        #expect(covered <= trials)
    }

    @Test func timeLeftInADayThatHasBegunCountsByItsShare() throws {
        var fixture = DailySpendFixture()
        let first = Self.date("2026-11-02").daysSinceEpoch  // a Monday
        for d in 0..<10 { fixture.spend(1, on: CalendarDate(daysSinceEpoch: first + Int64(d))) }
        // Wednesday 11 November at 18:00: a quarter of Wednesday and four more days are left in the week.
        let at = Self.date("2026-11-11").startNanos + 18 * 3_600_000_000_000
        let forecast = try SpendForecast(runs: fixture.runs, by: [], period: .week, at: at)
        #expect(forecast.interval.label == "2026-W46")
        #expect(forecast.daysLeft == 4.25)
        #expect(abs(forecast.total.remaining - 4.25) < 1e-9)
        // So far: Monday, Tuesday, and Wednesday's noon span.
        #expect(forecast.total.actual == Money(nanos: 3_000_000_000))
        // The fitted days are the complete ones after the first: 3 to 10 November.
        #expect(forecast.fittedDays.first == Self.date("2026-11-03"))
        #expect(forecast.fittedDays.last == Self.date("2026-11-10"))
    }

    @Test func theWindowKeepsTheLastDays() throws {
        var fixture = DailySpendFixture()
        let first = Self.date("2026-10-01").daysSinceEpoch
        // A jump after two weeks: a window of the last seven days sees only the new level.
        for d in 0..<21 { fixture.spend(d < 14 ? 10 : 1, on: CalendarDate(daysSinceEpoch: first + Int64(d))) }
        let forecast = try SpendForecast(
            runs: fixture.runs, by: [], period: .month, at: Self.date("2026-10-22").startNanos, window: 7)
        #expect(forecast.fittedDays.count == 7)
        #expect(abs(forecast.total.dailyNow - 1) < 1e-9)
        #expect(abs(forecast.total.remaining - 10) < 1e-9)
    }

    @Test func groupsIncludeTheUnallocatedSpendAndAddUpToTheTotal() throws {
        var generator = SplitMix64(seed: 9)
        var fixture = DailySpendFixture()
        let first = Self.date("2026-11-02").daysSinceEpoch
        for d in 0..<14 {
            let date = CalendarDate(daysSinceEpoch: first + Int64(d))
            fixture.spend(3 + 0.1 * Double(d) + 0.2 * generator.normal(), on: date, attributes: ["team": "search"])
            fixture.spend(1 + 0.1 * generator.normal(), on: date, attributes: ["team": "ads"])
            fixture.spend(0.5 + 0.1 * generator.normal(), on: date)
        }
        let forecast = try SpendForecast(
            runs: fixture.runs, by: [AllocationKey("team")], period: .month, at: Self.date("2026-11-16").startNanos)
        #expect(forecast.rows.map(\.values) == [["search"], ["ads"], [nil]])
        #expect(forecast.rows.reduce(Money.zero) { $0 + $1.actual } == forecast.total.actual)
        // Least squares is linear: the groups' lines add up to the total's line.
        let remaining = forecast.rows.reduce(0) { $0 + $1.remaining }
        #expect(abs(remaining - forecast.total.remaining) < 1e-9)
        let report = ForecastReport(forecast: forecast)
        #expect(report.text().contains("(unallocated)"))
        #expect(report.json().contains(#""team": null"#))
        #expect(report.csv().split(separator: "\r\n").count == 4)
    }

    @Test func noSpendOrTooFewDaysIsAClearError() throws {
        let at = Self.date("2026-11-12").startNanos
        #expect(throws: ForecastError.noSpend(before: at)) {
            try SpendForecast(runs: [], by: [], period: .month, at: at)
        }
        var fixture = DailySpendFixture()
        fixture.spend(1, on: Self.date("2026-11-11"))
        let oneDay = #expect(throws: ForecastError.self) {
            try SpendForecast(runs: fixture.runs, by: [], period: .month, at: at)
        }
        #expect(oneDay == .tooFewDays(count: 0, needed: 3, firstDay: Self.date("2026-11-11"), before: at))
        #expect(
            oneDay?.description
                == "only 0 complete UTC days of spend between 2026-11-11, the first day with spend (left out as likely partial), and 2026-11-12T00:00:00Z; a trend needs at least 3"
        )
        // Three days after the first are enough; two are not.
        for day in ["2026-11-08", "2026-11-09", "2026-11-10"] { fixture.spend(1, on: Self.date(day)) }
        #expect(
            throws: ForecastError.tooFewDays(
                count: 2, needed: 3, firstDay: Self.date("2026-11-08"), before: Self.date("2026-11-11").startNanos)
        ) {
            try SpendForecast(runs: fixture.runs, by: [], period: .month, at: Self.date("2026-11-11").startNanos)
        }
        #expect(try SpendForecast(runs: fixture.runs, by: [], period: .month, at: at).fittedDays.count == 3)
        // Spend after `at` does not count.
        fixture.spend(1, on: Self.date("2026-11-20"))
        #expect(throws: ForecastError.noSpend(before: Self.date("2026-11-08").startNanos)) {
            try SpendForecast(runs: fixture.runs, by: [], period: .month, at: Self.date("2026-11-08").startNanos)
        }
    }

    @Test func theEndOfPeriodAndItsBandAreNeverBelowTheSpendSoFarHoweverSmall() throws {
        // $0.000016 a day from 4 to 29 November, forecast on the 30th: $0.000416 so far, and a
        // rest of $0.000016, which rounds to $0.0000. Rounding spend + rest would give $0.0004.
        var fixture = DailySpendFixture()
        let first = Self.date("2026-11-04").daysSinceEpoch
        for d in 0..<26 { fixture.spend(0.000016, on: CalendarDate(daysSinceEpoch: first + Int64(d))) }
        let forecast = try SpendForecast(
            runs: fixture.runs, by: [], period: .month, at: Self.date("2026-11-30").startNanos)
        let total = forecast.total
        #expect(total.actual == Money(nanos: 416_000))
        #expect(abs(total.remaining - 0.000016) < 1e-12)
        #expect(total.roundedRemaining == .zero)
        let end = try #require(total.roundedEndOfPeriod)
        let low = try #require(total.roundedLow)
        let high = try #require(total.roundedHigh)
        #expect(end == total.actual)
        #expect(low >= total.actual && low <= end && end <= high)
        let json = ForecastReport(forecast: forecast).json()
        for field in ["end_of_period_estimate_usd", "low_estimate_usd", "high_estimate_usd"] {
            #expect(json.contains(#""\#(field)": "0.000416""#), "\(field) in \(json)")
        }
        #expect(json.contains(#""rest_estimate_usd": "0.0000""#))
        let text = ForecastReport(forecast: forecast).text()
        let totalLine = try #require(text.split(separator: "\n").dropFirst(2).first)
        #expect(totalLine.split(separator: " ").filter { $0 == "$0.000416" }.count == 4, "\(totalLine)")
    }

    @Test func roundedEstimatesAddTheRoundedRestToTheExactSpendSoFar() throws {
        var generator = SplitMix64(seed: 5)
        var fixture = DailySpendFixture()
        let first = Self.date("2026-11-02").daysSinceEpoch
        for d in 0..<12 {
            fixture.spend(0.0003 + 0.00005 * generator.normal(), on: CalendarDate(daysSinceEpoch: first + Int64(d)))
        }
        let forecast = try SpendForecast(
            runs: fixture.runs, by: [], period: .week, at: Self.date("2026-11-14").startNanos + 3_600_000_000_000)
        let total = forecast.total
        let rest = try #require(total.roundedRemaining)
        #expect(rest.nanos % 100_000 == 0)
        #expect(abs(rest.dollars - total.remaining) <= 0.00005 + 1e-12)
        #expect(total.roundedEndOfPeriod == total.actual + rest)
        let low = try #require(total.roundedLow), high = try #require(total.roundedHigh)
        #expect(abs(low.dollars - total.low) <= 0.00005 + 1e-12)
        #expect(abs(high.dollars - total.high) <= 0.00005 + 1e-12)
        #expect(low >= total.actual)
    }

    @Test func daysWithoutSpendCountAsZeroAndTheFirstDayCountsInSpendNotInTheLine() throws {
        var fixture = DailySpendFixture()
        fixture.spend(100, on: Self.date("2026-11-02"))
        fixture.spend(3, on: Self.date("2026-11-03"))
        fixture.spend(1, on: Self.date("2026-11-06"))
        let forecast = try SpendForecast(
            runs: fixture.runs, by: [], period: .month, at: Self.date("2026-11-07").startNanos)
        #expect(forecast.total.fitted == [3, 0, 0, 1].map { Money(nanos: $0 * 1_000_000_000) })
        #expect(forecast.total.actual == Money(nanos: 104_000_000_000))
        // The line through 3, 0, 0, 1 falls by 0.6 a day: Sxy = -3 over Sxx = 5.
        #expect(abs(forecast.total.trend.slope + 0.6) < 1e-9)
        // Falling below zero, the line forecasts nothing rather than negative spend.
        #expect(forecast.total.remaining == 0)
        #expect(forecast.total.endOfPeriod == 104)
    }
}

extension Money {
    /// The amount in dollars, for comparing with forecasts.
    fileprivate var dollars: Double { Double(nanos) / 1e9 }
}

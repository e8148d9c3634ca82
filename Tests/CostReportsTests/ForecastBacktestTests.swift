import CostModel
import CostReports
import Testing

struct ForecastBacktestTests {
    static let first = CalendarDate(iso: "2026-11-02")!.daysSinceEpoch

    @Test func aLinearSeriesIsForecastWithoutError() throws {
        var fixture = DailySpendFixture()
        for d in 0..<12 { fixture.spend(2 + 0.25 * Double(d), on: CalendarDate(daysSinceEpoch: Self.first + Int64(d))) }
        let backtest = try ForecastBacktest(runs: fixture.runs, by: [], holdOut: 3)
        #expect(backtest.fittedDays.count == 8)
        #expect(backtest.heldOutDays.map(\.iso) == ["2026-11-11", "2026-11-12", "2026-11-13"])
        #expect(backtest.total.meanAbsoluteError < 1e-9)
        #expect(abs(try #require(backtest.total.sumError)) < 1e-9)
        #expect(backtest.total.sumIsInsideBand)
    }

    @Test func errorsAreMeasuredAgainstTheHeldOutDays() throws {
        // A flat $1 for six days (the first is not fitted), then $2 and $0.50: the line forecasts $1 for each.
        var fixture = DailySpendFixture()
        for d in 0..<6 { fixture.spend(1, on: CalendarDate(daysSinceEpoch: Self.first + Int64(d))) }
        fixture.spend(2, on: CalendarDate(daysSinceEpoch: Self.first + 6))
        fixture.spend(0.5, on: CalendarDate(daysSinceEpoch: Self.first + 7))
        let total = try ForecastBacktest(runs: fixture.runs, by: [], holdOut: 2).total
        #expect(total.forecast.map { ($0 * 1e6).rounded() / 1e6 } == [1, 1])
        #expect(abs(total.meanAbsoluteError - (1 + 0.5) / 2) < 1e-9)
        #expect(abs(try #require(total.meanAbsolutePercentageError) - (0.5 + 1) / 2) < 1e-9)
        #expect(abs(try #require(total.sumError) - (2 - 2.5) / 2.5) < 1e-9)
        // No scatter in the fitted days: a band of zero width, which the truth misses.
        #expect(!total.sumIsInsideBand)
    }

    @Test func holdingOutTooManyDaysIsAClearError() throws {
        var fixture = DailySpendFixture()
        for d in 0..<6 { fixture.spend(1, on: CalendarDate(daysSinceEpoch: Self.first + Int64(d))) }
        #expect(throws: ForecastError.tooFewDaysToHoldOut(days: 6, holdOut: 3, needed: 3)) {
            try ForecastBacktest(runs: fixture.runs, by: [], holdOut: 3)
        }
        #expect(try ForecastBacktest(runs: fixture.runs, by: [], holdOut: 2).fittedDays.count == 3)
    }
}

struct LinearTrendTests {
    @Test func theLineThroughExactPointsIsExact() throws {
        let trend = try #require(LinearTrend(values: [4, 7, 10, 13]))
        #expect(abs(trend.intercept - 4) < 1e-12)
        #expect(abs(trend.slope - 3) < 1e-12)
        #expect(trend.residualStandardDeviation < 1e-12)
        #expect(abs(trend.value(at: 10) - 34) < 1e-12)
    }

    @Test func fewerThanThreeValuesHaveNoTrend() {
        #expect(LinearTrend(values: []) == nil)
        #expect(LinearTrend(values: [1, 2]) == nil)
        #expect(LinearTrend(values: [1, 2, 3]) != nil)
    }

    @Test func theBandOfOneFutureDayIsTheClassicPredictionInterval() throws {
        // y = 1, 3, 2, 4, 5: x̄ = 2, Sxx = 10, slope 0.9, intercept 1.2, residual SS 1.9, s² = 1.9 / 3.
        let trend = try #require(LinearTrend(values: [1, 3, 2, 4, 5]))
        #expect(abs(trend.slope - 0.9) < 1e-12)
        #expect(abs(trend.intercept - 1.2) < 1e-12)
        let (estimate, halfWidth) = trend.sum(of: [(x: 5, weight: 1)])
        #expect(abs(estimate - 5.7) < 1e-12)
        // t(0.975, 3 df) = 3.182; the standard error of a new value at x = 5 is s √(1 + 1/5 + 9/10).
        let expected = 3.182 * (1.9 / 3 * (1 + 0.2 + 0.9)).squareRoot()
        #expect(abs(halfWidth - expected) < 1e-9)
    }
}

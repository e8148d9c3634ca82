import Foundation
import Testing

struct ForecastCommandTests {
    static let sample = "traces/support-workflow.jsonl"

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        return try jsonObject(result.standardOutput)
    }

    /// Spend per (variant, day) from `costtrace report`, in nano-dollars.
    func reportByVariantAndDay() throws -> [String: [String: Int64]] {
        let report = try json(["report", Self.sample, "--by", "variant", "--period", "day"])
        var spend: [String: [String: Int64]] = [:]
        for row in try #require(report["rows"] as? [[String: Any]]) {
            let variant = try #require(row["variant"] as? String)
            let day = try #require(row["period"] as? String)
            spend[variant, default: [:]][day] = try nanos(row["cost_usd"])
        }
        return spend
    }

    @Test func theDailySeriesAndSpendSoFarAgreeWithTheReport() throws {
        let forecast = try json(["forecast", Self.sample, "--by", "variant", "--at", "2026-11-12"])
        let report = try reportByVariantAndDay()
        let fittedDays = try #require(forecast["fitted_days"] as? [String])
        // 2 November, the first day, is only partly in the sample (from 09:00), and not fitted.
        #expect(fittedDays.first == "2026-11-03")
        #expect(fittedDays.last == "2026-11-11")
        var totalSoFar: Int64 = 0
        for row in try #require(forecast["rows"] as? [[String: Any]]) {
            let variant = try #require(row["variant"] as? String)
            let daily = try #require(row["daily"] as? [[String: Any]])
            #expect(daily.map { $0["day"] as? String } == fittedDays)
            for entry in daily {
                let day = try #require(entry["day"] as? String)
                #expect(try nanos(entry["spend_usd"]) == report[variant]?[day] ?? 0)
            }
            // The month so far: every day of November before 12 November.
            let soFar = try #require(report[variant]).filter { $0.key < "2026-11-12" }.values.reduce(0, +)
            #expect(try nanos(row["so_far_usd"]) == soFar)
            totalSoFar += soFar
        }
        let total = try #require(forecast["total"] as? [String: Any])
        #expect(try nanos(total["so_far_usd"]) == totalSoFar)
        #expect(forecast["period_label"] as? String == "2026-11")
        #expect(forecast["days_left"] as? String == "19")
        let method = try #require(forecast["method"] as? String)
        #expect(method.hasPrefix("ordinary least squares"))
        // The rest is an estimate with four decimals; the end is the exact spend so far plus it.
        let rest = try #require(total["rest_estimate_usd"] as? String)
        #expect(rest.split(separator: ".").last?.count == 4)
        #expect(try nanos(total["end_of_period_estimate_usd"]) == totalSoFar + nanos(rest))
    }

    @Test func theBacktestHoldsOutTheLastDaysOfTheSelection() throws {
        let backtest = try json(["forecast", Self.sample, "--backtest", "3"])
        #expect(backtest["held_out_days"] as? [String] == ["2026-11-10", "2026-11-11", "2026-11-12"])
        #expect((backtest["fitted_days"] as? [String])?.count == 7)
        let report = try reportByVariantAndDay()
        let total = try #require(backtest["total"] as? [String: Any])
        for day in try #require(total["days"] as? [[String: Any]]) {
            let date = try #require(day["day"] as? String)
            #expect(try nanos(day["actual_usd"]) == report.values.reduce(0) { $0 + ($1[date] ?? 0) })
        }
        let text = try CommandRunner.run(["forecast", Self.sample, "--backtest", "3"])
        #expect(text.standardOutput.contains("MAPE"))
    }

    @Test func anEmptyOrTooShortSelectionSaysSo() throws {
        let empty = try CommandRunner.run(["forecast", Self.sample, "--where", "team=nobody", "--at", "2026-11-12"])
        #expect(empty.status == 1)
        #expect(empty.standardError.contains("no spend in the selection before 2026-11-12T00:00:00Z"))
        let oneDay = try CommandRunner.run(["forecast", Self.sample, "--at", "2026-11-04"])
        #expect(oneDay.status == 1)
        #expect(
            oneDay.standardError.contains(
                "only 1 complete UTC day of spend between 2026-11-02, the first day with spend (left out as likely partial), and 2026-11-04T00:00:00Z"
            ))
        let day = try CommandRunner.run(["forecast", Self.sample, "--period", "day"])
        #expect(day.status == 64)
    }

    @Test func textOutputOfTheSampleByVariant() throws {
        let result = try CommandRunner.run(["forecast", Self.sample, "--by", "variant", "--at", "2026-11-12"])
        #expect(result.status == 0)
        try CommandRunner.expectGolden(result.standardOutput, "forecast-support-variant.txt")
    }
}

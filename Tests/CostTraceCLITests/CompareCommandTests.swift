import Foundation
import Testing

/// `costtrace compare`, checked against `costtrace runs` and `costtrace tree` on the sample traces.
struct CompareCommandTests {
    static let support = "traces/support-workflow.jsonl"

    func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func compare(_ arguments: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(["compare"] + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        return try jsonObject(result.standardOutput)
    }

    /// Each run's cost in nano-dollars, from `costtrace runs`.
    func runCosts(_ arguments: [String]) throws -> [Int64] {
        let result = try CommandRunner.run(["runs"] + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        return try jsonArray(result.standardOutput).map { nanos($0["cost_usd"] as! String) }
    }

    @Test func groupTotalsAddUpToTheFileAndEachGroupsFiguresFollowFromItsRuns() throws {
        let report = try compare([Self.support, "--by", "variant"])
        let groups = try #require(report["groups"] as? [[String: Any]])
        #expect(groups.map { $0["variant"] as? String } == ["baseline", "cached-context"])
        let fileTotal = try runCosts([Self.support]).reduce(0, +)
        #expect(groups.reduce(Int64(0)) { $0 + nanos($1["total_cost_usd"] as! String) } == fileTotal)
        let all = try #require(report["all"] as? [String: Any])
        #expect(nanos(all["total_cost_usd"] as! String) == fileTotal)

        for group in groups {
            let variant = try #require(group["variant"] as? String)
            let costs = try runCosts([Self.support, "--where", "variant=\(variant)"]).sorted()
            let count = Int64(costs.count)
            #expect(group["runs"] as? Int == costs.count)
            let total = costs.reduce(0, +)
            #expect(nanos(group["total_cost_usd"] as! String) == total)
            // The mean is the total over the runs, rounded to the nano-dollar.
            let mean = nanos(group["mean_cost_usd"] as! String)
            #expect(abs(mean * count - total) * 2 <= count)
            // 32 runs: the median is the mean of the 16th and 17th, to half a nano-dollar.
            let median = nanos(group["median_cost_usd"] as! String)
            #expect(abs(median * 2 - (costs[15] + costs[16])) <= 1)
            // p95 by nearest rank: the cheapest run with at least 95% of runs at or below it.
            let p95 = nanos(group["p95_cost_usd"] as! String)
            #expect(p95 == costs.first { cost in costs.filter { $0 <= cost }.count * 100 >= 95 * costs.count })
            #expect(group["failed_runs"] as? Int == 0)
            #expect(nanos(group["cost_per_successful_run_usd"] as! String) == mean)
            #expect(group["unpriced_spans"] as? Int == 0)
        }
    }

    @Test func twoVariantsAreComparedAndTheVerdictAgreesWithTheNumbers() throws {
        let report = try compare([Self.support, "--by", "variant"])
        let comparison = try #require(report["comparison"] as? [String: Any])
        #expect(comparison["base"] as? String == "baseline")
        #expect(comparison["compare"] as? String == "cached-context")
        #expect(comparison["resamples"] as? Int == 10_000)
        #expect(comparison["seed"] as? Int == 1)
        let base = nanos(comparison["base_mean_cost_usd"] as! String)
        let cached = nanos(comparison["compare_mean_cost_usd"] as! String)
        let difference = try #require(comparison["difference"] as? [String: Any])
        let exact = nanos(difference["mean_cost_usd"] as! String)
        #expect(abs(exact - (cached - base)) <= 1)
        let low = nanos(difference["ci_low_usd"] as! String)
        let high = nanos(difference["ci_high_usd"] as! String)
        #expect(low < exact && exact < high)
        let relative = try #require(comparison["relative"] as? [String: Any])
        let share = try #require(relative["difference"] as? Double)
        #expect(abs(share - Double(exact) / Double(base)) < 1e-6)
        let verdict = try #require(comparison["verdict"] as? String)
        if high < 0 {
            let percent = Int((-share * 100).rounded())
            #expect(verdict.hasPrefix("cached-context is \(percent)% cheaper per run than baseline, 95% CI "))
        } else {
            #expect(verdict.hasPrefix("no clear difference") || verdict.contains("more expensive"))
        }
        #expect(verdict.hasSuffix(", 32 vs 32 runs"))
    }

    @Test func theIntervalIsTheSameForASeedAndMovesWithAnother() throws {
        let arguments = ["compare", Self.support, "--by", "variant", "--format", "json", "--resamples", "2000"]
        let first = try CommandRunner.run(arguments + ["--seed", "7"])
        let again = try CommandRunner.run(arguments + ["--seed", "7"])
        let other = try CommandRunner.run(arguments + ["--seed", "8"])
        #expect(first.status == 0)
        #expect(first.standardOutput == again.standardOutput)
        func interval(_ output: String) throws -> [String] {
            let comparison = try #require(try jsonObject(output)["comparison"] as? [String: Any])
            let difference = try #require(comparison["difference"] as? [String: Any])
            return [difference["ci_low_usd"] as! String, difference["ci_high_usd"] as! String]
        }
        #expect(try interval(first.standardOutput) != interval(other.standardOutput))
        #expect(
            try jsonObject(other.standardOutput)["comparison"].flatMap { ($0 as? [String: Any])?["seed"] as? Int } == 8)
    }

    @Test func repricingAModelMovesEachGroupsMeanAsItMovesTheRunsCosts() throws {
        let swap = ["--reprice-model", "claude-sonnet-4-5=claude-haiku-4-5"]
        let before = try #require(try compare([Self.support, "--by", "variant"])["groups"] as? [[String: Any]])
        let after = try #require(try compare([Self.support, "--by", "variant"] + swap)["groups"] as? [[String: Any]])
        for (original, repriced) in zip(before, after) {
            let variant = try #require(repriced["variant"] as? String)
            #expect(original["variant"] as? String == variant)
            let costs = try runCosts([Self.support, "--where", "variant=\(variant)"] + swap)
            let count = Int64(costs.count)
            let total = costs.reduce(0, +)
            #expect(nanos(repriced["total_cost_usd"] as! String) == total)
            let mean = nanos(repriced["mean_cost_usd"] as! String)
            #expect(abs(mean * count - total) * 2 <= count)
            // Haiku costs a third of Sonnet per token: every group gets cheaper, by what its runs save.
            let originalTotal = try runCosts([Self.support, "--where", "variant=\(variant)"]).reduce(0, +)
            #expect(nanos(original["total_cost_usd"] as! String) == originalTotal)
            #expect(total < originalTotal)
            #expect(mean < nanos(original["mean_cost_usd"] as! String))
        }
    }

    @Test func aPriceBookOfOurOwnPricesWhatTheBuiltInOneCannot() throws {
        let plain = try compare(["traces/coding-agent-gpu.jsonl", "--by", "service.name"])
        let groups = try #require(plain["groups"] as? [[String: Any]])
        #expect(groups.map { $0["service.name"] as? String } == ["coding-agent"])
        #expect((groups[0]["unpriced_spans"] as? Int ?? 0) > 0)
        let prices = ["--prices", "traces/self-hosted-prices.json"]
        let priced = try #require(
            try compare(["traces/coding-agent-gpu.jsonl", "--by", "service.name"] + prices)["groups"]
                as? [[String: Any]])
        #expect(priced[0]["unpriced_spans"] as? Int == 0)
        let total = try runCosts(["traces/coding-agent-gpu.jsonl"] + prices).reduce(0, +)
        #expect(nanos(priced[0]["total_cost_usd"] as! String) == total)
        // Every run of the coding agent hit an error somewhere: no cost per successful run.
        #expect(priced[0]["failed_runs"] as? Int == priced[0]["runs"] as? Int)
        #expect(priced[0]["cost_per_successful_run_usd"] is NSNull)
    }

    @Test func byModelEachRunCountsUnderTheModelItSpentMostOn() throws {
        let tree = try CommandRunner.run(["tree", Self.support, "--format", "json"])
        var expected: [String: Int] = [:]
        for run in try jsonArray(tree.standardOutput) {
            var spent: [String: Int64] = [:]
            for span in try #require(run["tree"] as? [[String: Any]]) {
                guard let model = span["model"] as? String else { continue }
                spent[model, default: 0] += (span["self_cost_usd"] as? String).map(nanos) ?? 0
            }
            let top = try #require(spent.max { ($0.value, $1.key) < ($1.value, $0.key) })
            expected[top.key, default: 0] += 1
        }
        let report = try compare([Self.support, "--by", "model"])
        let groups = try #require(report["groups"] as? [[String: Any]])
        var actual: [String: Int] = [:]
        for group in groups { actual[try #require(group["model"] as? String)] = group["runs"] as? Int }
        #expect(actual == expected)
        #expect(groups.reduce(0) { $0 + ($1["runs"] as? Int ?? 0) } == 64)
    }

    @Test func csvHasOneRowPerGroupWithTheFiguresOfTheJSON() throws {
        let csv = try CommandRunner.run(["compare", Self.support, "--by", "variant", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.standardOutput.split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(rows.count == 3)
        #expect(
            Array(rows[0].prefix(6)) == [
                "variant", "runs", "total_cost_usd", "mean_cost_usd", "median_cost_usd", "p95_cost_usd",
            ])
        let groups = try #require(try compare([Self.support, "--by", "variant"])["groups"] as? [[String: Any]])
        for (row, group) in zip(rows.dropFirst(), groups) {
            #expect(row[0] == group["variant"] as? String)
            #expect(row[1] == String(group["runs"] as! Int))
            #expect(
                Array(row[2...5])
                    == ["total_cost_usd", "mean_cost_usd", "median_cost_usd", "p95_cost_usd"].map {
                        group[$0] as? String ?? ""
                    })
        }
    }

    @Test func theDatabaseGivesWhatTheFileGives() throws {
        let database = temporaryPath("compare-db")
        #expect(
            try CommandRunner.run(["ingest", "--db", database, Self.support, "traces/research-agent.jsonl"]).status == 0
        )
        let fromDatabase = try CommandRunner.run([
            "compare", "--db", database, "--by", "variant", "--where", "team=support", "--format", "json",
        ])
        let fromFile = try CommandRunner.run(["compare", Self.support, "--by", "variant", "--format", "json"])
        #expect(fromDatabase.status == 0)
        #expect(fromDatabase.standardOutput == fromFile.standardOutput)
    }

    @Test func theTextReportOfTheSupportWorkflow() throws {
        let result = try CommandRunner.run(["compare", Self.support, "--by", "variant", "--color", "never"])
        #expect(result.status == 0)
        try CommandRunner.expectGolden(result.standardOutput, "compare-support-workflow.txt")
    }

    @Test func chosenGroupsMustBothBeNamedAndExist() throws {
        let alone = try CommandRunner.run(["compare", Self.support, "--by", "variant", "--base", "baseline"])
        #expect(alone.status != 0)
        #expect(alone.standardError.contains("--base and --compare go together"))
        let unknown = try CommandRunner.run([
            "compare", Self.support, "--by", "variant", "--base", "baseline", "--compare", "nope",
        ])
        #expect(unknown.status == 1)
        #expect(
            unknown.standardError.contains("no selected run has variant=nope (the groups: baseline, cached-context)"))
        let few = try CommandRunner.run(["compare", Self.support, "--by", "variant", "--resamples", "10"])
        #expect(few.standardError.contains("--resamples must be at least 100"))
        let reversed = try compare([
            Self.support, "--by", "variant", "--base", "cached-context", "--compare", "baseline",
        ])
        let comparison = try #require(reversed["comparison"] as? [String: Any])
        #expect((comparison["verdict"] as? String)?.hasPrefix("baseline is ") == true)
    }
}

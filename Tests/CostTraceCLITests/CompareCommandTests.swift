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
        // Every run of the coding agent had a failing test run below its root, and none failed itself.
        let outcomes = try runOutcomes("traces/coding-agent-gpu.jsonl")
        #expect(priced[0]["failed_runs"] as? Int == outcomes.filter(\.rootFailed).count)
        #expect(priced[0]["runs_with_span_errors"] as? Int == outcomes.filter(\.anySpanFailed).count)
        #expect(outcomes.contains { $0.anySpanFailed && !$0.rootFailed })
    }

    /// Whether each run's root span, and whether any of its spans, has status `error`, from
    /// `costtrace tree`.
    func runOutcomes(_ file: String) throws -> [(cost: Int64, rootFailed: Bool, anySpanFailed: Bool)] {
        let tree = try CommandRunner.run(["tree", file, "--format", "json"])
        #expect(tree.status == 0)
        return try jsonArray(tree.standardOutput).map { run in
            let spans = try #require(run["tree"] as? [[String: Any]])
            return (
                nanos(run["cost_usd"] as! String),
                spans.contains { $0["parent"] is NSNull && $0["status"] as? String == "error" },
                spans.contains { $0["status"] as? String == "error" }
            )
        }
    }

    @Test func runsThatRecoveredFromAnErrorSpanAreSuccessfulAndCountedApart() throws {
        let file = "traces/research-agent.jsonl"
        let outcomes = try runOutcomes(file)
        // Two of the three research runs hit a 429 on a call, retried, and finished.
        #expect(outcomes.count == 3)
        #expect(outcomes.filter { $0.anySpanFailed && !$0.rootFailed }.count == 2)
        let groups = try #require(try compare([file, "--by", "workflow"])["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        let group = groups[0]
        let successful = outcomes.filter { !$0.rootFailed }
        #expect(group["failed_runs"] as? Int == outcomes.count - successful.count)
        #expect(group["successful_runs"] as? Int == successful.count)
        #expect(group["runs_with_span_errors"] as? Int == outcomes.filter(\.anySpanFailed).count)
        #expect(group["error_rate"] as? Double == Double(outcomes.count - successful.count) / Double(outcomes.count))
        // Cost per successful run: the successful runs' total over their number, to the nano-dollar.
        let total = successful.reduce(0) { $0 + $1.cost }
        let perRun = nanos(group["cost_per_successful_run_usd"] as! String)
        #expect(abs(perRun * Int64(successful.count) - total) * 2 <= Int64(successful.count))
    }

    @Test func byUserMeansWhatReportByUserMeans() throws {
        let groups = try #require(try compare([Self.support, "--by", "user"])["groups"] as? [[String: Any]])
        let report = try CommandRunner.run(["report", Self.support, "--by", "user", "--format", "json"])
        #expect(report.status == 0)
        let rows = try #require(try jsonObject(report.standardOutput)["rows"] as? [[String: Any]])
        // `user` is set on each run's root, so a user's spend in `report` is its runs' cost in `compare`.
        var reported: [String: (cost: Int64, runs: Int)] = [:]
        for row in rows {
            reported[try #require(row["user"] as? String)] = (nanos(row["cost_usd"] as! String), row["runs"] as! Int)
        }
        var compared: [String: (cost: Int64, runs: Int)] = [:]
        for group in groups {
            compared[try #require(group["user"] as? String)] = (
                nanos(group["total_cost_usd"] as! String), group["runs"] as! Int
            )
        }
        #expect(compared.count > 2)
        #expect(compared.mapValues(\.cost) == reported.mapValues(\.cost))
        #expect(compared.mapValues(\.runs) == reported.mapValues(\.runs))
    }

    @Test func byModelADatedAndAnUndatedNameOfOneModelAreOneGroupNamedByTheBook() throws {
        let database = temporaryPath("compare-models")
        let files = [Self.support, "traces/research-agent.jsonl"]
        #expect(try CommandRunner.run(["ingest", "--db", database] + files).status == 0)
        // The most-spent model of each run, from `tree`, with a snapshot date (-YYYYMMDD) dropped.
        var expected: [String: Int] = [:]
        var datedRuns = 0
        for file in files {
            let tree = try CommandRunner.run(["tree", file, "--format", "json"])
            for run in try jsonArray(tree.standardOutput) {
                var spent: [String: Int64] = [:]
                var dated = false
                for span in try #require(run["tree"] as? [[String: Any]]) {
                    guard var model = span["model"] as? String else { continue }
                    if let range = model.range(of: #"-20[0-9]{6}$"#, options: .regularExpression) {
                        model.removeSubrange(range)
                        dated = true
                    }
                    spent[model, default: 0] += (span["self_cost_usd"] as? String).map(nanos) ?? 0
                }
                let top = try #require(spent.max { ($0.value, $1.key) < ($1.value, $0.key) })
                expected[top.key, default: 0] += 1
                if dated { datedRuns += 1 }
            }
        }
        #expect(datedRuns > 0)
        let report = try compare(["--db", database, "--by", "model"])
        let groups = try #require(report["groups"] as? [[String: Any]])
        var actual: [String: Int] = [:]
        for group in groups { actual[try #require(group["model"] as? String)] = group["runs"] as? Int }
        #expect(actual == expected)
        // A dated name given to --base names the canonical group.
        let chosen = try CommandRunner.run([
            "compare", "--db", database, "--by", "model", "--base", "claude-sonnet-4-5-20250929", "--compare", "nope",
        ])
        #expect(chosen.standardError.contains("no selected run has model=nope (the groups: claude-sonnet-4-5"))
    }

    @Test func aVerdictOnIncompleteCostsIsWithheldAndTheJSONSaysSo() throws {
        // 12 runs a variant; variant b's runs make one more call, to a model no book prices.
        var lines: [String] = []
        for run in 1...24 {
            let variant = run <= 12 ? "a" : "b"
            let trace = String(format: "%032llx", UInt64(run))
            let start = 1_793_610_000_000_000_000 + Int64(run) * 60_000_000_000
            lines.append(
                #"{"v":1,"trace_id":"\#(trace)","span_id":"0000000000000001","kind":"workflow","name":"run","start_ns":\#(start),"end_ns":\#(start + 9_000),"attributes":{"variant":"\#(variant)"}}"#
            )
            let input = variant == "a" ? 20_000 + run * 100 : 5_000 + run * 100
            lines.append(
                #"{"v":1,"trace_id":"\#(trace)","span_id":"0000000000000002","parent_span_id":"0000000000000001","kind":"llm","name":"answer","start_ns":\#(start + 1),"end_ns":\#(start + 2),"model":"gpt-4.1-mini","provider":"openai","usage":{"input":\#(input),"output":200}}"#
            )
            if variant == "b" {
                lines.append(
                    #"{"v":1,"trace_id":"\#(trace)","span_id":"0000000000000003","parent_span_id":"0000000000000001","kind":"llm","name":"rerank","start_ns":\#(start + 3),"end_ns":\#(start + 4),"model":"in-house-reranker","usage":{"input":9000}}"#
                )
            }
        }
        let file = try temporaryFile(lines.joined(separator: "\n") + "\n", suffix: ".jsonl")
        let comparison = try #require(try compare([file, "--by", "variant"])["comparison"] as? [String: Any])
        #expect(comparison["complete"] as? Bool == false)
        #expect(comparison["base_unpriced_spans"] as? Int == 0)
        #expect(comparison["compare_unpriced_spans"] as? Int == 12)
        #expect(comparison["conclusion"] as? String == "withheld_unpriced_spans")
        let verdict = try #require(comparison["verdict"] as? String)
        #expect(verdict.hasPrefix("no verdict, costs incomplete: b vs a -"))
        #expect(verdict.hasSuffix("; b misses 12 unpriced spans"))
        // Priced alone, b looks far cheaper: exactly the claim that must not be made.
        let relative = try #require(comparison["relative"] as? [String: Any])
        #expect(try #require(relative["ci_high"] as? Double) < 0)
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
        for tooMany in ["1000001", "100000000000"] {
            let many = try CommandRunner.run(["compare", Self.support, "--by", "variant", "--resamples", tooMany])
            #expect(many.status != 0)
            #expect(many.standardError.contains("--resamples must be at most 1,000,000 (got \(tooMany))"))
        }
        let reversed = try compare([
            Self.support, "--by", "variant", "--base", "cached-context", "--compare", "baseline",
        ])
        let comparison = try #require(reversed["comparison"] as? [String: Any])
        #expect((comparison["verdict"] as? String)?.hasPrefix("baseline is ") == true)
    }
}

import Foundation
import Testing

struct BudgetCommandTests {
    static let sample = ["traces/support-workflow.jsonl", "--budgets", "traces/budgets.json"]

    func check(_ arguments: [String]) throws -> (status: Int32, json: [String: Any], budgets: [[String: Any]]) {
        let result = try CommandRunner.run(["budget", "check"] + arguments + ["--format", "json"])
        let json = try jsonObject(result.standardOutput)
        return (result.status, json, try #require(json["budgets"] as? [[String: Any]]))
    }

    /// A budget file of one budget over everything, as JSON text.
    func writeBudget(period: String, amount: String, warn: String = "0.5") throws -> String {
        let path = temporaryPath("budgets.json")
        let text =
            #"{"version": 1, "budgets": [{"name": "all", "period": "\#(period)", "amount_usd": "\#(amount)", "warn": \#(warn), "hard": 1}]}"#
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theExitStatusIsZeroWithWarningsAndThreeOnceAHardBudgetIsExceeded() throws {
        let warned = try check(Self.sample + ["--at", "2026-11-12"])
        #expect(warned.status == 0)
        #expect(warned.json["status"] as? String == "warn")
        let exceeded = try check(Self.sample + ["--at", "2026-11-13"])
        #expect(exceeded.status == 3)
        #expect(exceeded.json["status"] as? String == "exceeded")
        let statuses = exceeded.budgets.map { $0["status"] as? String }
        #expect(statuses.contains("exceeded"))
        // The exceeded budget's spend reached its hard limit; the others' did not.
        for budget in exceeded.budgets {
            guard let hard = budget["hard_at_usd"] as? String else { continue }
            #expect((try nanos(budget["spent_usd"]) >= nanos(hard)) == (budget["status"] as? String == "exceeded"))
        }
        let text = try CommandRunner.run(["budget", "check"] + Self.sample + ["--at", "2026-11-13"])
        #expect(text.status == 3)
        #expect(text.standardOutput.contains("1 exceeded"))
    }

    @Test func spendingExactlyTheAmountExceedsAndOneNanoDollarMoreOfBudgetDoesNot() throws {
        let at = ["--at", "2026-11-06T12:00:00Z"]
        let probe = try check(
            ["traces/support-workflow.jsonl", "--budgets", writeBudget(period: "day", amount: "1000")] + at)
        let spent = try #require(probe.budgets.first?["spent_usd"] as? String)
        let spentNanos = try nanos(spent)
        #expect(spentNanos > 0)
        func amount(_ nanos: Int64) -> String {
            let fraction = String(nanos % 1_000_000_000)
            return "\(nanos / 1_000_000_000)." + String(repeating: "0", count: 9 - fraction.count) + fraction
        }
        for (offset, status, exit) in [(Int64(0), "exceeded", Int32(3)), (1, "warn", 0), (-1, "exceeded", 3)] {
            let budgets = try writeBudget(period: "day", amount: amount(spentNanos + offset))
            let result = try check(["traces/support-workflow.jsonl", "--budgets", budgets] + at)
            #expect(result.status == exit, "amount spent + \(offset) nano-dollars")
            #expect(result.budgets.first?["status"] as? String == status)
            #expect(result.budgets.first?["spent_usd"] as? String == spent)
        }
    }

    @Test func aWeeksSpendEqualsTheReportsRowForTheSameScopeAndWeek() throws {
        let budgets = try check(Self.sample + ["--at", "2026-11-15T23:59:59Z"]).budgets
        let report = try jsonObject(
            try CommandRunner.run(
                [
                    "report", "traces/support-workflow.jsonl", "--by", "team,variant", "--period", "week", "--format",
                    "json",
                ]
            ).standardOutput)
        let rows = try #require(report["rows"] as? [[String: Any]])
        for variant in ["baseline", "cached-context"] {
            let budget = try #require(budgets.first { $0["name"] as? String == "support \(variant), weekly" })
            #expect(budget["period_label"] as? String == "2026-W46")
            let row = try #require(
                rows.first { $0["variant"] as? String == variant && $0["period"] as? String == "2026-11-09" })
            #expect(try nanos(budget["spent_usd"]) == nanos(row["cost_usd"]))
            #expect(budget["runs"] as? Int == row["runs"] as? Int)
        }
    }

    @Test func aModelScopeCoversTheModelsDatedIdAndMayBeGivenAsOne() throws {
        let path = temporaryPath("model-budgets.json")
        try
            #"{"version": 1, "budgets": [{"name": "a", "scope": {"model": "claude-sonnet-4-5"}, "period": "month", "amount_usd": "100", "hard": 1}, {"name": "b", "scope": {"model": "claude-sonnet-4-5-20250929"}, "period": "month", "amount_usd": "100", "hard": 1}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let budgets = try check(["traces/research-agent.jsonl", "--budgets", path, "--at", "2026-11-30"]).budgets
        let report = try jsonObject(
            try CommandRunner.run(["report", "traces/research-agent.jsonl", "--by", "model", "--format", "json"])
                .standardOutput)
        let rows = try #require(report["rows"] as? [[String: Any]])
        let sonnet = try #require(rows.first { $0["model"] as? String == "claude-sonnet-4-5" })
        #expect(budgets.count == 2)
        for budget in budgets {
            // Nine calls: six recorded as claude-sonnet-4-5, three with the dated id.
            #expect(budget["spans"] as? Int == 9)
            #expect(try nanos(budget["spent_usd"]) == nanos(sonnet["cost_usd"]))
        }
    }

    @Test func unpricedSpansAreShownAndExceedOnlyWhenAskedTo() throws {
        let budgets = try writeBudget(period: "month", amount: "100")
        let arguments = ["traces/coding-agent-gpu.jsonl", "--budgets", budgets, "--at", "2026-11-20"]
        let counted = try check(arguments)
        #expect(counted.status == 0)
        #expect(counted.budgets.first?["unpriced_spans"] as? Int == 8)
        let failClosed = try check(arguments + ["--unpriced", "exceed"])
        #expect(failClosed.status == 3)
        let text = try CommandRunner.run(["budget", "check"] + arguments)
        #expect(text.standardOutput.contains("unpriced spans are counted, not costed"))
    }

    @Test func aMalformedBudgetFileFailsNamingFileBudgetAndField() throws {
        let path = temporaryPath("bad-budgets.json")
        try
            #"{"version": 1, "budgets": [{"name": "x", "period": "day", "amount_usd": "-1", "hard": 1}, {"name": "y", "period": "year", "amount_usd": "1", "hard": 1}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(["budget", "check", "traces/support-workflow.jsonl", "--budgets", path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(path): budgets[0] (x): field 'amount_usd': is negative (-1)"))
        #expect(result.standardError.contains("\(path): budgets[1] (y): field 'period': 'year' is not a period"))
        #expect(result.standardOutput.isEmpty)
        // Every error of every budget at once, a repeated name among them.
        try
            #"{"version": 1, "budgets": [{"name": "x", "period": "day", "amount_usd": "1", "hard": 1}, {"name": "x", "period": "year", "amount_usd": "99999999999", "warn": 2, "hard": 1}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let all = try CommandRunner.run(["budget", "check", "traces/support-workflow.jsonl", "--budgets", path])
        #expect(all.status == 1)
        #expect(
            all.standardError.split(separator: "\n").map(String.init) == [
                "costtrace: error: \(path): budgets[1] (x): field 'name': 'x' is also the name of budgets[0]",
                "costtrace: error: \(path): budgets[1] (x): field 'period': 'year' is not a period (expected day, week or month)",
                "costtrace: error: \(path): budgets[1] (x): field 'amount_usd': '99999999999' is too large: the largest amount is 90000000.00",
                "costtrace: error: \(path): budgets[1] (x): field 'warn': 200% is not below hard (100%): the budget would never warn",
            ])
        let badTime = try CommandRunner.run(Array(["budget", "check"] + Self.sample + ["--at", "11/12/2026"]))
        #expect(badTime.status == 64)
    }

    @Test func csvHasARecordPerBudgetWithTheJSONsNumbers() throws {
        let arguments = Self.sample + ["--at", "2026-11-12T18:00:00Z"]
        let csv = try CommandRunner.run(["budget", "check"] + arguments + ["--format", "csv"])
        #expect(csv.status == 3)
        let lines = csv.standardOutput.split(separator: "\r\n").map(String.init)
        let budgets = try check(arguments).budgets
        #expect(lines.count == budgets.count + 1)
        let header = lines[0].split(separator: ",").map(String.init)
        let spentColumn = try #require(header.firstIndex(of: "spent_usd"))
        for (line, budget) in zip(lines.dropFirst(), budgets) {
            // Names are quoted (they hold commas); the numbers after them are plain.
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields[fields.count - header.count + spentColumn] == budget["spent_usd"] as? String)
        }
    }

    @Test func textOutputOfTheSampleBudgets() throws {
        let result = try CommandRunner.run(["budget", "check"] + Self.sample + ["--at", "2026-11-12T18:00:00Z"])
        #expect(result.status == 3)
        try CommandRunner.expectGolden(result.standardOutput, "budget-support-workflow.txt")
    }
}

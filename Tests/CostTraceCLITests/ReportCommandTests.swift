import Foundation
import Testing

/// Exact nano-dollars of a JSON decimal string such as `"0.18714"`, without floating point.
func nanos(_ text: Any?) throws -> Int64 {
    let decimal = try #require(text as? String)
    let parts = decimal.split(separator: ".", omittingEmptySubsequences: false)
    try #require(parts.count <= 2 && !decimal.hasPrefix("-"))
    let fraction = parts.count == 2 ? String(parts[1]) : ""
    try #require(fraction.count <= 9)
    let whole = try #require(Int64(parts[0]))
    let scaled = try #require(Int64(fraction + String(repeating: "0", count: 9 - fraction.count)))
    return whole * 1_000_000_000 + scaled
}

func jsonObject(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

struct ReportCommandTests {
    /// The runs of a trace as `costtrace runs` gives them: cost in nanos, unpriced and span counts.
    func runsTotals(_ arguments: [String]) throws -> (nanos: Int64, unpriced: Int, spans: Int, runs: Int) {
        let result = try CommandRunner.run(["runs"] + arguments + ["--format", "json"])
        #expect(result.status == 0)
        let runs = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        var total: (nanos: Int64, unpriced: Int, spans: Int, runs: Int) = (0, 0, 0, runs.count)
        for run in runs {
            total.nanos += try nanos(run["cost_usd"])
            total.unpriced += try #require(run["unpriced_spans"] as? Int)
            total.spans += try #require(run["spans"] as? Int)
        }
        return total
    }

    @Test(arguments: [
        ["traces/support-workflow.jsonl", "--by", "team,user"],
        ["traces/support-workflow.jsonl", "--by", "variant", "--period", "week"],
        ["traces/support-workflow.jsonl", "--by", "model,kind", "--period", "day"],
        ["traces/research-agent.jsonl", "--by", "project,provider,name"],
        ["traces/coding-agent-gpu.jsonl", "--by", "model"],
        ["traces/coding-agent-gpu.jsonl", "--by", "user", "--prices", "traces/self-hosted-prices.json"],
        ["traces/coding-agent-gpu.jsonl", "--by", "service.name,workflow", "--reprice-model", "o4-mini=gpt-4.1-nano"],
    ])
    func rowsAddUpToTheTotalOfTheRunsToTheNanoDollar(arguments: [String]) throws {
        let result = try CommandRunner.run(["report"] + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let report = try jsonObject(result.standardOutput)
        let rows = try #require(report["rows"] as? [[String: Any]])
        let selection = arguments.enumerated().filter { index, argument in
            argument != "--by" && argument != "--period"
                && (index == 0 || !["--by", "--period"].contains(arguments[index - 1]))
        }.map(\.element)
        let runs = try runsTotals(selection)
        #expect(try nanos(report["total_usd"]) == runs.nanos)
        #expect(try rows.map { try nanos($0["cost_usd"]) }.reduce(0, +) == runs.nanos)
        #expect(try rows.map { try #require($0["unpriced_spans"] as? Int) }.reduce(0, +) == runs.unpriced)
        #expect(try rows.map { try #require($0["spans"] as? Int) }.reduce(0, +) == runs.spans)
        #expect(report["runs"] as? Int == runs.runs)
        let keys = try #require(report["keys"] as? [String])
        for row in rows {
            for key in keys { #expect(row.keys.contains(key), "row has no field '\(key)'") }
            #expect(try #require(row["runs"] as? Int) <= runs.runs)
        }
    }

    @Test func spendWithoutTheKeyIsItsOwnRowAndNeverDropped() throws {
        let result = try CommandRunner.run([
            "report", "traces/coding-agent-gpu.jsonl", "--by", "model", "--format", "json",
        ])
        let rows = try #require(try jsonObject(result.standardOutput)["rows"] as? [[String: Any]])
        let unallocated = try #require(rows.first { $0["model"] is NSNull })
        #expect(try nanos(unallocated["cost_usd"]) > 0, "GPU time has no model and still costs")
        let text = try CommandRunner.run(["report", "traces/coding-agent-gpu.jsonl", "--by", "model"])
        #expect(text.standardOutput.split(separator: "\n").contains { $0.hasPrefix("(unallocated) ") })
        let csv = try CommandRunner.run(["report", "traces/coding-agent-gpu.jsonl", "--by", "model", "--format", "csv"])
        #expect(csv.standardOutput.split(separator: "\r\n").contains { $0.hasPrefix("(unallocated),") })
    }

    @Test func aModelsDatedIdAndItsNameShareOneRowNamedAsThePriceBookNamesIt() throws {
        // The research agent records both claude-sonnet-4-5 and claude-sonnet-4-5-20250929.
        let result = try CommandRunner.run([
            "report", "traces/research-agent.jsonl", "--by", "model", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = try #require(try jsonObject(result.standardOutput)["rows"] as? [[String: Any]])
        let models = rows.compactMap { $0["model"] as? String }
        #expect(models.sorted() == ["claude-sonnet-4-5", "gemini-2.5-flash", "gpt-4.1-mini", "text-embedding-3-small"])
        let sonnet = try #require(rows.first { $0["model"] as? String == "claude-sonnet-4-5" })
        // Three runs, each with two undated calls and one dated call.
        #expect(sonnet["spans"] as? Int == 9)
        // The row is what FOCUS bills as that model.
        let focus = try CommandRunner.run(["export", "focus", "traces/research-agent.jsonl"])
        let billed = try FOCUSValidator.rows(focus.standardOutput).rows
            .filter { $0["ServiceName"] == "claude-sonnet-4-5" }
            .map { try nanos($0["BilledCost"] ?? nil) }.reduce(0, +)
        #expect(try nanos(sonnet["cost_usd"]) == billed)
    }

    @Test func theCSVHasTheSameRowsAsTheJSON() throws {
        let arguments = ["report", "traces/support-workflow.jsonl", "--by", "variant,user", "--period", "week"]
        let json = try jsonObject(try CommandRunner.run(arguments + ["--format", "json"]).standardOutput)
        let rows = try #require(json["rows"] as? [[String: Any]])
        let records = try CommandRunner.run(arguments + ["--format", "csv"]).standardOutput.split(separator: "\r\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(records[0].prefix(4) == ["variant", "user", "period", "cost_usd"])
        #expect(records.count == rows.count + 1)
        for (record, row) in zip(records.dropFirst(), rows) {
            #expect(record[0] == row["variant"] as? String)
            #expect(record[1] == row["user"] as? String)
            #expect(record[2] == row["period"] as? String)
            #expect(record[3] == row["cost_usd"] as? String)
        }
    }

    @Test func theDatabaseGivesTheSameReportAsTheFile() throws {
        let database = temporaryPath("db")
        defer { for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) } }
        let ingest = try CommandRunner.run([
            "ingest", "--db", database, "traces/research-agent.jsonl", "traces/support-workflow.jsonl",
        ])
        #expect(ingest.status == 0)
        let fromDatabase = try CommandRunner.run([
            "report", "--by", "team,user", "--db", database, "--where", "team=support", "--format", "json",
        ])
        let fromFile = try CommandRunner.run([
            "report", "traces/support-workflow.jsonl", "--by", "team,user", "--format", "json",
        ])
        #expect(fromDatabase.status == 0)
        #expect(fromDatabase.standardOutput == fromFile.standardOutput)
    }

    @Test func weeklyVariantsMatchTheGoldenText() throws {
        let result = try CommandRunner.run([
            "report", "traces/support-workflow.jsonl", "--by", "variant", "--period", "week",
        ])
        #expect(result.status == 0)
        try CommandRunner.expectGolden(result.standardOutput, "report-support-variant-week.txt")
    }

    @Test func unpricedModelsAreCountedNotShownAsZero() throws {
        let result = try CommandRunner.run(["report", "traces/coding-agent-gpu.jsonl", "--by", "model,provider"])
        #expect(result.status == 0)
        try CommandRunner.expectGolden(result.standardOutput, "report-coding-agent-model.txt")
    }

    @Test(arguments: [
        (["--by", "team,,user"], "empty key"), (["--by", "team,team"], "given twice"),
        (["--by", "period"], "names a column of the report"), (["--by", "team", "--period", "year"], "--period"),
    ])
    func badKeysAndPeriodsAreClearErrors(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(["report", "traces/research-agent.jsonl"] + arguments)
        #expect(result.status != 0)
        #expect(result.standardOutput == "")
        #expect(result.standardError.contains(message))
    }
}

import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

struct FOCUSExportCommandTests {
    /// Spans that the sample traces do not have: a reported cost, web searches billed by the
    /// model's request fee, a batch call above the long-context threshold, an unpriced model, and
    /// GPU time on a host named by the resource.
    static let edgeCases =
        [
            #"{"v":1,"trace_id":"0000000000000000000000000000e001","span_id":"00000000000000a1","kind":"workflow","name":"edge cases","start_ns":1796083199500000000,"end_ns":1796083260000000000,"attributes":{"team":"search","user.id":"u-9","ticket":7,"urgent":true},"resource":{"service.name":"edge","cloud.provider":"gcp"}}"#,
            #"{"v":1,"trace_id":"0000000000000000000000000000e001","span_id":"00000000000000a2","parent_span_id":"00000000000000a1","kind":"llm","name":"search and answer","start_ns":1796083199500000000,"end_ns":1796083201000000000,"model":"claude-sonnet-4-5","provider":"anthropic","usage":{"input":1201,"cache_read":3000,"output":77},"units":{"web_search":3}}"#,
            #"{"v":1,"trace_id":"0000000000000000000000000000e001","span_id":"00000000000000a3","parent_span_id":"00000000000000a1","kind":"llm","name":"long batch","start_ns":1796083201000000000,"end_ns":1796083230000000000,"model":"claude-sonnet-4-5","provider":"anthropic","service_tier":"batch","usage":{"input":250001,"output":333},"attributes":{"team":"ranking"}}"#,
            #"{"v":1,"trace_id":"0000000000000000000000000000e001","span_id":"00000000000000a4","parent_span_id":"00000000000000a1","kind":"llm","name":"reported","start_ns":1796083230000000000,"end_ns":1796083231000000000,"model":"gpt-4.1-mini","provider":"openai","usage":{"input":10},"reported_cost_usd":"0.0123"}"#,
            #"{"v":1,"trace_id":"0000000000000000000000000000e001","span_id":"00000000000000a5","parent_span_id":"00000000000000a1","kind":"llm","name":"unknown","start_ns":1796083231000000000,"end_ns":1796083232000000000,"model":"no-such-model","provider":"acme","usage":{"input":10}}"#,
            #"{"v":1,"trace_id":"0000000000000000000000000000e001","span_id":"00000000000000a6","parent_span_id":"00000000000000a1","kind":"gpu","name":"fine-tune","start_ns":1796083232000000000,"end_ns":1796083260000000000,"gpu":{"device":"H100","count":3,"busy_ns":27000000001}}"#,
        ].joined(separator: "\n") + "\n"

    static func withEdgeCases<T>(_ body: (String) throws -> T) throws -> T {
        let path = temporaryPath("edge.jsonl")
        try edgeCases.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        return try body(path)
    }

    /// `costtrace report`'s total over the same source and options.
    func reportTotal(_ arguments: [String]) throws -> CheckedDecimal {
        let result = try CommandRunner.run(["report"] + arguments + ["--by", "team", "--format", "json"])
        let total = try #require(try jsonObject(result.standardOutput)["total_usd"] as? String)
        return try #require(CheckedDecimal(total))
    }

    @Test(arguments: [
        ["traces/support-workflow.jsonl"], ["traces/research-agent.jsonl"],
        ["traces/coding-agent-gpu.jsonl", "--prices", "traces/self-hosted-prices.json"],
        ["traces/support-workflow.jsonl", "--reprice-model", "gpt-4.1-nano=claude-haiku-4-5"],
    ])
    func theExportOfTheSampleTracesKeepsEveryFOCUSRuleAndBillsTheReportTotal(arguments: [String]) throws {
        let result = try CommandRunner.run(["export", "focus"] + arguments)
        #expect(result.status == 0)
        #expect(result.standardError == "")
        let problems = FOCUSValidator.violations(of: result.standardOutput)
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))")
        let rows = FOCUSValidator.rows(result.standardOutput).rows
        #expect(rows.count > 10)
        let billed = try #require(FOCUSValidator.billedTotal(of: result.standardOutput))
        #expect(billed.isSameNumber(as: try reportTotal(arguments)))
    }

    @Test func theEdgeCasesKeepEveryRuleAndLeaveUnpricedSpansOutWithAWarning() throws {
        try Self.withEdgeCases { path in
            let result = try CommandRunner.run(["export", "focus", path, "--tag", "ticket", "--tag", "urgent"])
            #expect(result.status == 0)
            let problems = FOCUSValidator.violations(of: result.standardOutput)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
            #expect(result.standardError.contains("1 unpriced span has no row"))
            let billed = try #require(FOCUSValidator.billedTotal(of: result.standardOutput))
            #expect(billed.isSameNumber(as: try reportTotal([path])))
            let allRows = FOCUSValidator.rows(result.standardOutput).rows
            func rows(ofSpan span: String) -> [[String: String?]] { allRows.filter { $0["x_SpanId"] == span } }
            #expect(rows(ofSpan: "00000000000000a5").isEmpty, "the unpriced span has no row")
            #expect(rows(ofSpan: "00000000000000a1").isEmpty, "a workflow bills nothing")
            #expect(
                rows(ofSpan: "00000000000000a2").compactMap { $0["x_TokenType"] ?? nil }.sorted() == [
                    "cache_read", "input", "output",
                ])
            let search = try #require(rows(ofSpan: "00000000000000a2").first { $0["x_Unit"] == "web_search" })
            #expect(search["PricingUnit"] == "1000 Requests")
            #expect(search["ConsumedQuantity"] == "3")
            let longBatch = try #require(rows(ofSpan: "00000000000000a3").first { $0["x_TokenType"] == "input" })
            #expect(longBatch["x_LongContextAbove"] == "200000")
            #expect(longBatch["x_ServiceTier"] == "batch")
            #expect(
                longBatch["Tags"] == #"{"user":"u-9","team":"ranking","service.name":"edge","ticket":7,"urgent":true}"#)
            let reported = try #require(rows(ofSpan: "00000000000000a4").first)
            #expect(rows(ofSpan: "00000000000000a4").count == 1)
            #expect(reported["x_CostSource"] == "reported")
            #expect(reported["BilledCost"] == "0.0123")
            #expect(reported["ServiceProviderName"] == "OpenAI")
            let gpu = try #require(rows(ofSpan: "00000000000000a6").first)
            #expect(gpu["PricingUnit"] == "Hours")
            #expect(gpu["HostProviderName"] == "gcp")
            #expect(gpu["ServiceProviderName"] == "self-hosted")
            #expect(gpu["BillingPeriodStart"] == "2026-12-01T00:00:00Z")
            // This call runs from half a second before December to a second into it: billed in
            // November, its charge period ends with November.
            let first = try #require(rows(ofSpan: "00000000000000a2").first)
            #expect(first["ChargePeriodStart"] == "2026-11-30T23:59:59Z")
            #expect(first["ChargePeriodEnd"] == "2026-12-01T00:00:00Z")
            #expect(first["BillingPeriodStart"] == "2026-11-01T00:00:00Z")
            #expect(first["BillingPeriodEnd"] == "2026-12-01T00:00:00Z")
        }
    }

    @Test func unpricedSpansAreCountedOnStandardErrorAndTheTotalStillMatchesTheReport() throws {
        let result = try CommandRunner.run(["export", "focus", "traces/coding-agent-gpu.jsonl"])
        #expect(result.status == 0)
        #expect(result.standardError.contains("8 unpriced spans have no row"))
        #expect(FOCUSValidator.violations(of: result.standardOutput).isEmpty)
        let rows = FOCUSValidator.rows(result.standardOutput).rows
        #expect(!rows.contains { $0["x_Model"] == "qwen2.5-coder-32b-instruct" })
        let billed = try #require(FOCUSValidator.billedTotal(of: result.standardOutput))
        #expect(billed.isSameNumber(as: try reportTotal(["traces/coding-agent-gpu.jsonl"])))
    }

    @Test func theValidatorCatchesEachBrokenRule() throws {
        let good = try CommandRunner.run(["export", "focus", "traces/research-agent.jsonl"]).standardOutput
        #expect(FOCUSValidator.violations(of: good).isEmpty)
        let records = FOCUSValidator.records(good)
        let header = records[0].map { $0 ?? "" }
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        func csv(_ records: [[String?]]) -> String {
            records.map {
                $0.map { field in field.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" } ?? "" }
                    .joined(separator: ",")
            }
            .joined(separator: "\r\n") + "\r\n"
        }
        #expect(FOCUSValidator.violations(of: csv(records)).isEmpty, "re-quoting every field changes nothing")
        let breakages: [(String, ([[String?]]) -> [[String?]])] = [
            (
                "BilledCost",
                {
                    var r = $0; r[1][column("BilledCost")] = nil; return r
                }
            ),
            (
                "ListUnitPrice × PricingQuantity",
                {
                    var r = $0; r[1][column("ListCost")] = "1"; return r
                }
            ),
            (
                "ChargePeriodStart",
                {
                    var r = $0; r[1][column("ChargePeriodStart")] = "2026-11-02 09:00:00"; return r
                }
            ),
            (
                "ends after its billing period",
                {
                    var r = $0; r[1][column("ChargePeriodEnd")] = "2099-01-01T00:00:00Z"; return r
                }
            ),
            (
                "Tags",
                {
                    var r = $0; r[1][column("Tags")] = #"{"team":["a"]}"#; return r
                }
            ),
            (
                "neither FOCUS's nor prefixed x_",
                {
                    var r = $0; r[0][column("x_SpanName")] = "SpanName"; return r
                }
            ),
            (
                "ChargeCategory",
                {
                    var r = $0; r[1][column("ChargeCategory")] = "usage"; return r
                }
            ),
            (
                "ServiceSubcategory",
                {
                    var r = $0; r[1][column("ServiceSubcategory")] = "Compute"; return r
                }
            ),
            (
                "is not a plain decimal",
                {
                    var r = $0; r[1][column("BilledCost")] = "+0.5"; return r
                }
            ),
            (
                "unit format",
                {
                    var r = $0; r[1][column("PricingUnit")] = "1M Tokens"; return r
                }
            ),
            (
                "ServiceProviderName",
                { r in
                    r.map {
                        Array($0[..<column("ServiceProviderName")]) + Array($0[(column("ServiceProviderName") + 1)...])
                    }
                }
            ),
        ]
        for (expected, breakage) in breakages {
            let problems = FOCUSValidator.violations(of: csv(breakage(records)))
            #expect(
                problems.contains { $0.contains(expected) }, "no violation about \(expected): \(problems.prefix(3))")
        }
    }

    @Test func outputGoesToAFileWithDashO() throws {
        let path = temporaryPath("focus.csv")
        defer { unlink(path) }
        let toFile = try CommandRunner.run(["export", "focus", "traces/research-agent.jsonl", "-o", path])
        #expect(toFile.status == 0)
        #expect(toFile.standardOutput == "")
        let toStandardOutput = try CommandRunner.run(["export", "focus", "traces/research-agent.jsonl"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == toStandardOutput.standardOutput)
    }

    @Test func theDatabaseExportsTheSameRowsAsTheFile() throws {
        let database = temporaryPath("db")
        defer { for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) } }
        #expect(
            try CommandRunner.run([
                "ingest", "--db", database, "traces/research-agent.jsonl", "traces/support-workflow.jsonl",
            ]).status == 0)
        let fromDatabase = try CommandRunner.run(["export", "focus", "--db", database, "--where", "team=research"])
        let fromFile = try CommandRunner.run(["export", "focus", "traces/research-agent.jsonl"])
        #expect(fromDatabase.status == 0)
        #expect(fromDatabase.standardOutput == fromFile.standardOutput)
    }
}

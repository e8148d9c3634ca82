import Foundation
import Testing

/// Exact decimal arithmetic on the JSON money strings, so sums are checked to the nano-dollar.
func nanos(_ decimal: String) -> Int64 {
    let parts = decimal.split(separator: ".", omittingEmptySubsequences: false)
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    let padded = fraction + String(repeating: "0", count: 9 - fraction.count)
    let sign: Int64 = decimal.hasPrefix("-") ? -1 : 1
    return sign * (abs(Int64(parts[0])!) * 1_000_000_000 + Int64(padded)!)
}

func jsonArray(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
}

struct PricingCommandTests {
    @Test(arguments: ["research-agent.jsonl", "coding-agent-gpu.jsonl", "support-workflow.jsonl"])
    func selfCostsAddUpToEveryInclusiveCostAndTheRunTotal(file: String) throws {
        let result = try CommandRunner.run(["tree", "traces/" + file, "--format", "json"])
        #expect(result.status == 0)
        for run in try jsonArray(result.standardOutput) {
            let spans = try #require(run["tree"] as? [[String: Any]])
            var childrenInclusive: [String: Int64] = [:]
            for span in spans {
                if let parent = span["parent"] as? String {
                    childrenInclusive[parent, default: 0] += nanos(span["inclusive_cost_usd"] as! String)
                }
            }
            for span in spans {
                let selfCost = (span["self_cost_usd"] as? String).map(nanos) ?? 0
                let inclusive = nanos(span["inclusive_cost_usd"] as! String)
                #expect(inclusive == selfCost + childrenInclusive[span["span"] as! String, default: 0])
                if span["unpriced"] as! Bool { #expect(span["self_cost_usd"] is NSNull) }
            }
            let roots = spans.filter { $0["parent"] is NSNull }
            let rootTotal = roots.reduce(Int64(0)) { $0 + nanos($1["inclusive_cost_usd"] as! String) }
            #expect(rootTotal == nanos(run["cost_usd"] as! String))
        }
    }

    @Test func runsListsEveryRunWithItsCostAndUnpricedCount() throws {
        let result = try CommandRunner.run(["runs", "traces/coding-agent-gpu.jsonl", "--format", "json"])
        let runs = try jsonArray(result.standardOutput)
        #expect(runs.count == 3)
        for run in runs {
            #expect((run["run"] as? String)?.count == 32)
            #expect(run["name"] as? String == "fix failing test")
            #expect(run["start"] is String)
            #expect(run["spans"] is Int)
            #expect(nanos(run["cost_usd"] as! String) > 0)
            // The self-hosted model is not in the built-in book: its calls are unpriced, not $0.
            #expect((run["unpriced_spans"] as? Int ?? 0) > 0)
        }
        let text = try CommandRunner.run(["runs", "traces/coding-agent-gpu.jsonl"])
        #expect(text.standardOutput.contains("3 runs · 44 spans · 168,496 tokens · $0.4760 + 8 unpriced spans"))
    }

    @Test func aPriceBookOfOurOwnPricesTheSelfHostedModel() throws {
        let result = try CommandRunner.run(
            ["runs", "traces/coding-agent-gpu.jsonl", "--prices", "traces/self-hosted-prices.json", "--format", "json"])
        #expect(result.status == 0)
        let runs = try jsonArray(result.standardOutput)
        #expect(runs.allSatisfy { $0["unpriced_spans"] as? Int == 0 })
        #expect(runs.allSatisfy { nanos($0["gpu_usd"] as! String) > 0 })
    }

    @Test func repricingAModelChangesOnlyTheSpansOfThatModel() throws {
        let base = try jsonArray(try CommandRunner.run(["runs", "traces/support-workflow.jsonl", "--format", "json"]).standardOutput)
        let swapped = try jsonArray(
            try CommandRunner.run(
                ["runs", "traces/support-workflow.jsonl", "--format", "json", "--reprice-model", "claude-sonnet-4-5=claude-haiku-4-5"]
            ).standardOutput)
        let baseTotal = base.reduce(Int64(0)) { $0 + nanos($1["cost_usd"] as! String) }
        let swappedTotal = swapped.reduce(Int64(0)) { $0 + nanos($1["cost_usd"] as! String) }
        #expect(swappedTotal < baseTotal)
        #expect(swappedTotal > 0)
        // Haiku 4.5 costs a third of Sonnet 4.5 per token, and the answers are most of the bill.
        #expect(swappedTotal * 2 < baseTotal)
    }

    @Test func repricingToAModelTheBookDoesNotKnowIsAnError() throws {
        let result = try CommandRunner.run(["runs", "traces/support-workflow.jsonl", "--reprice-model", "claude-sonnet-4-5=gpt-99"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("no model 'gpt-99'"))
    }

    @Test func theBuiltInPriceBookChecksClean() throws {
        let result = try CommandRunner.run(["prices", "check"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains(": ok: "))
    }

    @Test func aMalformedPriceBookIsRejectedNamingEntryAndField() throws {
        let path = NSTemporaryDirectory() + "costtrace-book-\(getpid()).json"
        let book = """
            {"version": 1, "currency": "USD", "models": [
              {"provider": "openai", "model": "good", "effective_from": "2025-01-01", "prices_per_million": {"input": "1"}, "source": "x"},
              {"provider": "openai", "model": "bad", "effective_from": "2025-01-01", "prices_per_million": {"input": "-1"}, "source": "x"}
            ]}
            """
        try book.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run(["prices", "check", path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("models[1] (bad)"))
        #expect(result.standardError.contains("prices_per_million.input"))
        let used = try CommandRunner.run(["runs", "traces/research-agent.jsonl", "--prices", path])
        #expect(used.status != 0)
        #expect(used.standardError.contains("models[1] (bad)"))
    }

    @Test func showFindsAModelByItsDatedSnapshotID() throws {
        let result = try CommandRunner.run(["prices", "show", "claude-sonnet-4-5-20250929"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("anthropic/claude-sonnet-4-5 from 2025-09-29"))
        #expect(result.standardOutput.contains("above 200,000 prompt tokens, the whole request:"))
        #expect(result.standardOutput.contains("source: "))
    }

    @Test func listShowsOnlyTheEntriesInForceOnADay() throws {
        let before = try CommandRunner.run(["prices", "list", "--provider", "openai", "--on", "2025-06-01", "--format", "json"])
        let after = try CommandRunner.run(["prices", "list", "--provider", "openai", "--on", "2025-06-20", "--format", "json"])
        func o3Output(_ text: String) throws -> String? {
            let entry = try jsonArray(text).first { $0["model"] as? String == "o3" }
            return (entry?["prices_per_million"] as? [String: String])?["output"]
        }
        #expect(try o3Output(before.standardOutput) == "40.00")
        #expect(try o3Output(after.standardOutput) == "8.00")
    }
}

import Foundation
import Testing

struct FlameCommandTests {
    @Test func theTextFlameGraphOfTheResearchAgentMatchesTheGolden() throws {
        let result = try CommandRunner.run(["flame", "traces/research-agent.jsonl", "--width", "110", "--color", "never"])
        #expect(result.status == 0)
        try CommandRunner.expectGolden(result.standardOutput, "flame-research-agent.txt")
        #expect(result.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 110 })
    }

    @Test func foldedStacksAddUpExactlyToTheRunsTotal() throws {
        let folded = try CommandRunner.run(["flame", "traces/support-workflow.jsonl", "--format", "folded"])
        let runs = try CommandRunner.run(["runs", "traces/support-workflow.jsonl", "--format", "json"])
        var foldedTotal: Int64 = 0
        for line in folded.standardOutput.split(separator: "\n") {
            let value = try #require(line.split(separator: " ").last)
            foldedTotal += nanos(String(value))
        }
        let runsTotal = try jsonArray(runs.standardOutput).reduce(Int64(0)) { $0 + nanos($1["cost_usd"] as! String) }
        #expect(foldedTotal == runsTotal)
        #expect(folded.standardOutput.contains("support ticket;answer;draft answer "))
    }

    @Test func framesWithTheSamePathMergeAcrossRunsIntoOneTree() throws {
        let result = try CommandRunner.run(["flame", "traces/support-workflow.jsonl", "--by", "calls", "--format", "json"])
        let graph = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let roots = try #require(graph["frames"] as? [[String: Any]])
        #expect(roots.count == 1)
        #expect(roots[0]["spans"] as? Int == 64)
        #expect(graph["total"] as? Int == 597)
        let children = try #require(roots[0]["children"] as? [[String: Any]])
        #expect(Set(children.compactMap { $0["name"] as? String }) == ["classify", "retrieve", "answer", "review answer", "send reply"])
    }
}

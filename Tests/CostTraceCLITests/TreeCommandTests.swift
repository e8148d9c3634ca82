import Foundation
import Testing

struct TreeCommandTests {
    @Test func treeFitsTheWidthItIsGiven() throws {
        let result = try CommandRunner.run(["tree", "traces/research-agent.jsonl", "--width", "100"])
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count > 50)
        #expect(lines.allSatisfy { $0.count <= 100 })
        #expect(lines.contains { $0.hasPrefix("│  ├─ retrieve not… retrieval") })
    }

    @Test func treeOfTheResearchAgentMatchesTheGoldenText() throws {
        let result = try CommandRunner.run(["tree", "traces/research-agent.jsonl", "--width", "110", "--color", "never"])
        #expect(result.status == 0)
        #expect(result.standardError == "")
        try CommandRunner.expectGolden(result.standardOutput, "tree-research-agent.txt")
    }

    @Test func treeOfTheCodingAgentMatchesTheGoldenText() throws {
        let result = try CommandRunner.run(["tree", "traces/coding-agent-gpu.jsonl"])
        #expect(result.status == 0)
        try CommandRunner.expectGolden(result.standardOutput, "tree-coding-agent.txt")
    }

    @Test func treeOfOneRunAsJSONMatchesTheGolden() throws {
        let result = try CommandRunner.run(
            ["tree", "traces/support-workflow.jsonl", "--run", "1d0b14e4db018fedb3466f8a7b81a989", "--format", "json"])
        #expect(result.status == 0)
        try CommandRunner.expectGolden(result.standardOutput, "tree-support-run.json")
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(runs.count == 1)
        let spans = try #require(runs[0]["tree"] as? [[String: Any]])
        #expect(spans.first?["parent"] is NSNull)
        #expect(spans.allSatisfy { $0["span"] is String && $0["kind"] is String })
    }

    @Test func colourIsUsedOnlyWhenAskedOrOnATerminalWithoutNoColor() throws {
        let always = try CommandRunner.run(["tree", "traces/coding-agent-gpu.jsonl", "--color", "always"])
        #expect(always.standardOutput.contains("\u{1B}["))
        let piped = try CommandRunner.run(["tree", "traces/coding-agent-gpu.jsonl"])
        #expect(!piped.standardOutput.contains("\u{1B}["))
    }

    @Test func aMalformedLineFailsWithFileLineAndField() throws {
        let path = NSTemporaryDirectory() + "costtrace-bad-\(getpid()).jsonl"
        let good = try String(contentsOf: CommandRunner.root.appendingPathComponent("traces/coding-agent-gpu.jsonl"), encoding: .utf8)
            .split(separator: "\n").prefix(2).joined(separator: "\n")
        let bad = #"{"v":1,"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","kind":"llm","name":"x","start_ns":1,"end_ns":2,"usage":{"input":"12"}}"#
        try (good + "\n" + bad + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CommandRunner.run(["tree", path])
        #expect(result.status != 0)
        #expect(result.standardOutput == "")
        #expect(result.standardError.contains("\(path):3: field 'usage.input': expected an integer, found a string"))
    }

    @Test func aMissingFileIsAClearError() throws {
        let result = try CommandRunner.run(["tree", "traces/no-such-file.jsonl"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("traces/no-such-file.jsonl: cannot open: No such file or directory"))
    }

    @Test func anUnknownRunIsAClearError() throws {
        let result = try CommandRunner.run(["tree", "traces/coding-agent-gpu.jsonl", "--run", "0123456789abcdef0123456789abcdef"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("no run 0123456789abcdef0123456789abcdef"))
    }
}

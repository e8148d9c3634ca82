import Foundation
import Testing

struct SampleTraceTests {
    /// The traces in traces/ are what the example program writes, not edited by hand.
    @Test func theSampleTracesAreExactlyWhatTheExampleProgramWrites() throws {
        let folder = NSTemporaryDirectory() + "costtrace-examples-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CommandRunner.run([folder], executable: "CostTraceExamples")
        #expect(result.status == 0)
        for name in ["research-agent.jsonl", "coding-agent-gpu.jsonl", "support-workflow.jsonl"] {
            let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
            let shipped = try Data(contentsOf: CommandRunner.root.appendingPathComponent("traces/" + name))
            #expect(written == shipped, "traces/\(name) differs from what CostTraceExamples writes")
        }
    }

    @Test func theSupportWorkflowHasThirtyTwoRunsPerVariantWithAllocationAtTheRoot() throws {
        let result = try CommandRunner.run(["tree", "traces/support-workflow.jsonl", "--format", "json"])
        let runs = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [[String: Any]])
        #expect(runs.count == 64)
        let lines = try String(contentsOf: CommandRunner.root.appendingPathComponent("traces/support-workflow.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        var variants: [String: Int] = [:]
        for line in lines {
            let span = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            guard span["parent_span_id"] == nil else { continue }
            let attributes = try #require(span["attributes"] as? [String: Any])
            #expect(attributes["user.id"] is String)
            #expect(attributes["team"] as? String == "support")
            #expect(attributes["project"] as? String == "helpdesk")
            variants[attributes["variant"] as? String ?? "none", default: 0] += 1
        }
        #expect(variants == ["baseline": 32, "cached-context": 32])
    }
}

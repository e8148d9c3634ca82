import Foundation
import Testing

struct DiffCommandTests {
    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CommandRunner.run(["diff"] + arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    /// Inclusive cost per path, from `flame --format json`.
    func flameCosts(_ arguments: [String]) throws -> [String: Int64] {
        let result = try CommandRunner.run(["flame"] + arguments + ["--format", "json"])
        let graph = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        var costs: [String: Int64] = [:]
        func walk(_ frames: [[String: Any]], _ prefix: String) {
            for frame in frames {
                let path = prefix + (frame["name"] as! String)
                costs[path] = nanos(frame["inclusive_cost_usd"] as! String)
                walk(frame["children"] as! [[String: Any]], path + ";")
            }
        }
        walk(try #require(graph["frames"] as? [[String: Any]]), "")
        return costs
    }

    /// Every frame of a diff's JSON by path.
    func frames(_ diff: [String: Any]) -> [String: [String: Any]] {
        var result: [String: [String: Any]] = [:]
        func walk(_ frames: [[String: Any]], _ prefix: String) {
            for frame in frames {
                let path = prefix + (frame["name"] as! String)
                result[path] = frame
                walk(frame["children"] as! [[String: Any]], path + ";")
            }
        }
        walk(diff["frames"] as? [[String: Any]] ?? [], "")
        return result
    }

    @Test func everyFrameOfTheTwoVariantsCarriesBothSidesAndTheirDifference() throws {
        let diff = try json(["traces/support-workflow.jsonl", "--base-where", "variant=baseline", "--compare-where", "variant=cached-context"])
        #expect(diff["normalize"] as? String == "absolute")  // 32 runs on each side
        let baseline = try flameCosts(["traces/support-workflow.jsonl", "--where", "variant=baseline"])
        let cached = try flameCosts(["traces/support-workflow.jsonl", "--where", "variant=cached-context"])
        let frames = frames(diff)
        #expect(Set(frames.keys) == Set(baseline.keys).union(cached.keys))
        for (path, frame) in frames {
            let base = baseline[path] ?? 0
            let compare = cached[path] ?? 0
            #expect(nanos(frame["base_inclusive"] as! String) == base, "\(path)")
            #expect(nanos(frame["compare_inclusive"] as! String) == compare, "\(path)")
            #expect(nanos(frame["change_inclusive"] as! String) == compare - base, "\(path)")
        }
        // Caching the help-centre context makes drafting the answer cheaper, and it is where the money moved.
        let draft = try #require(frames["support ticket;answer;draft answer"])
        #expect(nanos(draft["change_inclusive"] as! String) < 0)
        let largestSelf = try #require((diff["largest_self_changes"] as? [[String: Any]])?.first)
        #expect(largestSelf["path"] as? [String] == ["support ticket", "answer", "draft answer"])
        #expect(nanos(diff["change"] as! String) == cached["support ticket"]! - baseline["support ticket"]!)
    }

    @Test func theDatabaseGivesTheSameDiffAsTheFile() throws {
        let database = temporaryPath("diff.db")
        defer { for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) } }
        let ingest = try CommandRunner.run(["ingest", "traces/support-workflow.jsonl", "--db", database])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        let sides = ["--base-where", "variant=baseline", "--compare-where", "variant=cached-context", "--format", "json"]
        let fromFile = try CommandRunner.run(["diff", "traces/support-workflow.jsonl"] + sides)
        let fromDatabase = try CommandRunner.run(["diff", "--db", database] + sides)
        #expect(fromDatabase.status == 0, "\(fromDatabase.standardError)")
        #expect(fromDatabase.standardOutput == fromFile.standardOutput)
    }

    @Test func framesOnOneSideOnlyAreKeptAndMarked() throws {
        let diff = try json(["traces/research-agent.jsonl", "traces/coding-agent-gpu.jsonl", "--normalize", "absolute"])
        let roots = try #require(diff["frames"] as? [[String: Any]])
        #expect(roots.map { $0["presence"] as? String } == ["base", "compare"])
        #expect(nanos(roots[0]["compare_inclusive"] as! String) == 0)
        #expect(nanos(roots[1]["base_inclusive"] as! String) == 0)
        let text = try CommandRunner.run(["diff", "traces/research-agent.jsonl", "traces/coding-agent-gpu.jsonl", "--color", "never"])
        #expect(text.standardOutput.contains("research report (only in base)"))
        #expect(text.standardOutput.contains("(only in compare)"))
    }

    @Test func sidesWithDifferentRunCountsAreComparedPerRunByDefault() throws {
        let diff = try json(["traces/support-workflow.jsonl", "--base-where", "variant=baseline", "--compare-where", "workflow=support-ticket"])
        #expect(diff["normalize"] as? String == "per-run")
        let base = try #require(diff["base"] as? [String: Any])
        let compare = try #require(diff["compare"] as? [String: Any])
        #expect(base["runs"] as? Int == 32)
        #expect(compare["runs"] as? Int == 64)
        for side in [base, compare] {
            let runs = Int64(side["runs"] as! Int)
            let absolute = nanos(side["total_absolute"] as! String)
            let perRun = nanos(side["total"] as! String)
            // Rounded to the nano-dollar: within half a nano-dollar of the exact quotient.
            #expect(abs(perRun * runs - absolute) * 2 <= runs)
        }
        #expect(nanos(diff["change"] as! String) == nanos(compare["total"] as! String) - nanos(base["total"] as! String))
    }

    @Test func aModelSwapOnTheCompareSideShowsWhatItWouldSave() throws {
        let swap = ["--compare-reprice-model", "claude-sonnet-4-5=claude-haiku-4-5"]
        let diff = try json(["traces/support-workflow.jsonl"] + swap)
        let runs = try jsonArray(try CommandRunner.run(["runs", "traces/support-workflow.jsonl", "--format", "json"]).standardOutput)
        let swapped = try jsonArray(
            try CommandRunner.run(["runs", "traces/support-workflow.jsonl", "--format", "json", "--reprice-model", "claude-sonnet-4-5=claude-haiku-4-5"])
                .standardOutput)
        let before = runs.reduce(Int64(0)) { $0 + nanos($1["cost_usd"] as! String) }
        let after = swapped.reduce(Int64(0)) { $0 + nanos($1["cost_usd"] as! String) }
        #expect(after < before)
        #expect(nanos(diff["change"] as! String) == after - before)
        let draft = try #require(frames(diff)["support ticket;answer;draft answer"])
        #expect(nanos(draft["change_inclusive"] as! String) == after - before)  // the only Sonnet span
    }

    @Test func aSideWithUnpricedSpansIsMarkedALowerBound() throws {
        let arguments = ["traces/coding-agent-gpu.jsonl", "--compare-prices", "traces/self-hosted-prices.json"]
        let diff = try json(arguments)
        let root = try #require((diff["frames"] as? [[String: Any]])?.first)
        #expect(root["base_unpriced_spans"] as? Int == 8)
        #expect(root["compare_unpriced_spans"] as? Int == 0)
        let text = try CommandRunner.run(["diff"] + arguments + ["--color", "never"])
        let rootLine = try #require(text.standardOutput.split(separator: "\n").first { $0.hasPrefix("fix failing test") })
        #expect(rootLine.contains("+?"))
        #expect(rootLine.hasSuffix("?"))
    }

    @Test func theSVGColoursByChangeDashesOneSidedFramesAndHasALegend() throws {
        let result = try CommandRunner.run(["diff", "traces/research-agent.jsonl", "traces/coding-agent-gpu.jsonl", "--svg", "-", "--min-width", "0"])
        #expect(result.status == 0, "\(result.standardError)")
        let svg = result.standardOutput
        #expect(svg.contains("<g id=\"legend\">"))
        #expect(svg.contains("change of inclusive cost relative to base"))
        #expect(svg.contains("stroke-dasharray"))
        // Only in base: full blue; only in compare: full red.
        #expect(svg.contains("fill=\"rgb(40,100,200)\""))
        #expect(svg.contains("fill=\"rgb(215,38,40)\""))
        #expect(svg.contains("<script><![CDATA["))
        #expect(svg.hasSuffix("</svg>\n"))
    }

    @Test func foldedStacksFilesCanBeComparedAndSameSidesAreRefused() throws {
        let base = try temporaryFile("main;parse 10\nmain;render 30\n", suffix: ".folded")
        let compare = try temporaryFile("main;parse 10\nmain;render 15\nmain;cache 5\n", suffix: ".folded")
        defer {
            unlink(base)
            unlink(compare)
        }
        let diff = try json([base, compare])
        let frames = frames(diff)
        #expect(frames["main;render"]?["change_inclusive"] as? String == "-15")
        #expect(frames["main;cache"]?["presence"] as? String == "compare")
        #expect(frames["main"]?["change_inclusive"] as? String == "-10")
        let perRun = try CommandRunner.run(["diff", base, compare, "--normalize", "per-run"])
        #expect(perRun.status != 0)
        #expect(perRun.standardError.contains("per-run values need runs"))
        let same = try CommandRunner.run(["diff", "traces/support-workflow.jsonl"])
        #expect(same.status != 0)
        #expect(same.standardError.contains("both sides would be the same"))
    }
}

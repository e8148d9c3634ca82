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

    @Test func aFoldedStacksFileIsToldFromItsContentAndDrawnAsOneTree() throws {
        let path = try temporaryFile("x;y 5\nx;y#1;z 3\nx;y;w 2\nagent;turn 3 4\n", suffix: ".txt")
        defer { unlink(path) }
        let result = try CommandRunner.run(["flame", path, "--width", "80", "--color", "never"])
        #expect(result.status == 0, "\(result.standardError)")
        try CommandRunner.expectGolden(result.standardOutput, "flame-classics.txt")
        let json = try CommandRunner.run(["flame", path, "--format", "json"])
        let graph = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(graph["measure"] as? String == "value")
        #expect(graph["total_value"] as? String == "14")
        let roots = try #require(graph["frames"] as? [[String: Any]])
        #expect(roots.compactMap { $0["name"] as? String } == ["x", "agent"])
        let x = try #require(roots[0]["children"] as? [[String: Any]])
        #expect(x.compactMap { $0["name"] as? String } == ["y", "y#1"])
        #expect(x[0]["inclusive"] as? Int == 7)
        #expect((roots[1]["children"] as? [[String: Any]])?.first?["name"] as? String == "turn 3")
    }

    @Test func foldedStacksRoundTripWithTheirFractionalValuesExact() throws {
        let input = "a;b 0.0000004\na;c 0.0000006\nrésumé;日本語 0.25\n"
        let path = try temporaryFile(input, suffix: ".folded")
        defer { unlink(path) }
        let result = try CommandRunner.run(["flame", path, "--format", "folded"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == input)
        let text = try CommandRunner.run(["flame", path, "--color", "never"])
        #expect(text.standardOutput.hasPrefix("flame graph of folded stacks · 0.250001\n"))
    }

    @Test func foldedStacksAndTracesAreReadFromStandardInputAndToldApartThere() throws {
        let folded = "\n  \na;b 0.5\na 1\n"
        let fromInput = try CommandRunner.run(["flame", "-", "--format", "folded"], input: folded)
        #expect(fromInput.status == 0, "\(fromInput.standardError)")
        #expect(fromInput.standardOutput == "a 1\na;b 0.5\n")

        let trace = try String(contentsOfFile: CommandRunner.root.appendingPathComponent("traces/research-agent.jsonl").path, encoding: .utf8)
        let viaInput = try CommandRunner.run(["flame", "-", "--format", "folded"], input: trace)
        let viaFile = try CommandRunner.run(["flame", "traces/research-agent.jsonl", "--format", "folded"])
        #expect(viaInput.status == 0, "\(viaInput.standardError)")
        #expect(!viaInput.standardOutput.isEmpty)
        #expect(viaInput.standardOutput == viaFile.standardOutput)
    }

    @Test func aMalformedFoldedLineOnStandardInputNamesTheLine() throws {
        let result = try CommandRunner.run(["flame", "-"], input: "a;b 1\na;c x\n")
        #expect(result.status != 0)
        #expect(result.standardError.contains("-:2: expected a non-negative number after the last space, found 'x'"))
    }

    @Test func perfStacksThatStartWithABracketAreFoldedStacksNotJSON() throws {
        let path = try temporaryFile("[unknown];main;work 5\n[unknown];main 1\n", suffix: ".folded")
        defer { unlink(path) }
        let result = try CommandRunner.run(["flame", path, "--format", "folded"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "[unknown];main 1\n[unknown];main;work 5\n")
    }

    @Test func optionsThatNeedSpansAreRefusedForFoldedStacksNotIgnored() throws {
        let path = try temporaryFile("main;work 5\n", suffix: ".folded")
        defer { unlink(path) }
        for options in [["--where", "team=search"], ["--since", "2026-11-01"], ["--reprice-model", "gpt-4o=gpt-4.1"], ["--by", "tokens"]] {
            let result = try CommandRunner.run(["flame", path] + options)
            #expect(result.status != 0, "\(options)")
            #expect(result.standardError.contains("need"), "\(options): \(result.standardError)")
        }
    }

    @Test func aMalformedFoldedLineIsAnErrorNamingTheFileAndLine() throws {
        let path = try temporaryFile("a;b 1\n\na;c two\n", suffix: ".folded")
        defer { unlink(path) }
        let result = try CommandRunner.run(["flame", path])
        #expect(result.status != 0)
        #expect(result.standardError.contains("\(path):3: expected a non-negative number after the last space, found 'two'"))
    }

    func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    func svg(_ arguments: [String]) throws -> String {
        let result = try CommandRunner.run(["flame"] + arguments + ["--svg", "-"])
        #expect(result.status == 0, "\(result.standardError)")
        return result.standardOutput
    }

    @Test func theSVGOfTheResearchAgentMatchesTheGoldenAndDrawsOneRectAFrame() throws {
        let svg = try svg(["traces/research-agent.jsonl"])
        try CommandRunner.expectGolden(svg, "flame-research-agent.svg")
        let frames = occurrences("<g class=\"f\"", in: svg)
        #expect(frames > 10)
        #expect(occurrences("<rect ", in: svg) == frames + 1)  // and the background
        #expect(occurrences("<title>", in: svg) == frames)
        #expect(svg.contains("<text id=\"title\" x=\"600\" y=\"24\">Cost flame graph</text>"))
        #expect(svg.contains("<text id=\"subtitle\" x=\"600\" y=\"44\">total $0.5739 · 3 runs · 0 unpriced spans"))
        #expect(svg.contains("width=\"1200\""))
        #expect(!svg.contains("http://") || !svg.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http"))
        #expect(!svg.contains("innerHTML"))
        #expect(occurrences("<script>", in: svg) == 1)
    }

    @Test func theSVGFileIsWrittenWithTheTitleWidthAndInvertedLayoutAsked() throws {
        let path = temporaryPath("flame.svg")
        defer { unlink(path) }
        let result = try CommandRunner.run([
            "flame", "traces/support-workflow.jsonl", "--by", "tokens", "--svg", path, "--width", "800", "--title", "Tokens & more", "--inverted",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains(">Tokens &amp; more</text>"))
        #expect(svg.contains("width=\"800\""))
        // Bottom-up: the root's row is the lowest on the page.
        func y(of id: String) throws -> Int {
            let start = try #require(svg.range(of: "id=\"\(id)\""))
            let rect = try #require(svg.range(of: "<rect x=\"", range: start.upperBound..<svg.endIndex))
            let yStart = try #require(svg.range(of: "y=\"", range: rect.upperBound..<svg.endIndex))
            return Int(svg[yStart.upperBound...].prefix { $0 != "\"" })!
        }
        #expect(try y(of: "f0") > y(of: "f1"))
    }

    @Test func framesNarrowerThanTheMinimumWidthAreLeftOutAndCounted() throws {
        let all = try svg(["traces/support-workflow.jsonl", "--by", "calls", "--min-width", "0"])
        let pruned = try svg(["traces/support-workflow.jsonl", "--by", "calls", "--min-width", "200"])
        let allFrames = occurrences("<g class=\"f\"", in: all)
        let drawn = occurrences("<g class=\"f\"", in: pruned)
        #expect(drawn < allFrames)
        #expect(occurrences("<rect ", in: pruned) == drawn + 1)
        #expect(pruned.contains(" · \(allFrames - drawn) frames narrower than 200px not drawn</text>"))
    }

    @Test func aSpanNamedLikeAScriptTagIsEscapedText() throws {
        let path = try temporaryFile("root;<script>alert(1)</script> 5\nroot;a&b\"'c 3\nroot;x]]>y 1\n", suffix: ".folded")
        defer { unlink(path) }
        let svg = try svg([path, "--title", "<img src=x onerror=alert(1)>"])
        #expect(occurrences("<script", in: svg) == 1)
        #expect(!svg.contains("alert(1)</script>"))
        #expect(!svg.contains("<img"))
        #expect(svg.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;\n"))
        #expect(svg.contains("<title>a&amp;b&quot;&#39;c\n"))
        #expect(occurrences("]]>", in: svg) == 1)  // the end of the script's CDATA only
        #expect(svg.contains("subtitle\" x=\"600\" y=\"44\">total 9 · folded stacks</text>"))
    }
}

import CostModel
import CostReports
import Testing

struct FlameFoldedStacksTests {
    func graph(_ lines: [String]) throws -> FlameGraph {
        var parser = FoldedStacksParser(file: "test.folded")
        for (index, line) in lines.enumerated() { try parser.add(line: line, number: index + 1) }
        return parser.graph()
    }

    func child(_ graph: FlameGraph, _ parent: Int, _ name: String) throws -> FlameGraph.Frame {
        let matches = graph.frames[parent].children.filter { graph.frames[$0].name == name }
        try #require(matches.count == 1, "expected one child \(name), found \(matches.count)")
        return graph.frames[matches[0]]
    }

    @Test func aNameThatSortsBetweenItsOwnChildrenStaysOneFrame() throws {
        let graph = try graph(["x;y 5", "x;y#1;z 3", "x;y;w 2"])
        #expect(graph.roots.count == 1)
        let x = graph.roots[0]
        #expect(graph.frames[x].name == "x")
        #expect(graph.frames[x].inclusiveValue == 10)
        #expect(graph.frames[x].children.map { graph.frames[$0].name } == ["y", "y#1"])
        let y = try child(graph, x, "y")
        #expect(y.selfValue == 5)
        #expect(y.inclusiveValue == 7)
        #expect(y.children.map { graph.frames[$0].name } == ["w"])
        #expect(graph.frames[y.children[0]].inclusiveValue == 2)
        let y1 = try child(graph, x, "y#1")
        #expect(y1.inclusiveValue == 3)
        #expect(y1.children.map { graph.frames[$0].name } == ["z"])
        #expect(graph.frames.count == 5)
    }

    @Test func theValueIsTheLastSpaceSeparatedTokenSoNamesEndingInANumberStayWhole() throws {
        let graph = try graph(["agent;turn 3 4", "agent;turn 3;call tool 2 1", "agent;turn 12  7 "])
        let agent = graph.roots[0]
        #expect(graph.frames[agent].children.map { graph.frames[$0].name } == ["turn 3", "turn 12"])
        let turn3 = try child(graph, agent, "turn 3")
        #expect(turn3.selfValue == 4)
        #expect(turn3.inclusiveValue == 5)
        #expect(try child(graph, graph.frames[agent].children[0], "call tool 2").selfValue == 1)
        #expect(try child(graph, agent, "turn 12").selfValue == 7)
    }

    @Test func fractionalValuesThatRoundToZeroInIntegerToolsAddUpExactly() throws {
        let graph = try graph(["a;b 0.0000004", "a;c 0.0000006"])
        #expect(graph.measure == .value)
        #expect(graph.valueDecimals == 7)
        #expect(graph.total == 10)
        #expect(graph.plain(graph.total) == "0.000001")
        #expect(graph.folded() == "a;b 0.0000004\na;c 0.0000006\n")
    }

    @Test func valuesWithMoreDecimalsRescaleTheValuesReadBefore() throws {
        let graph = try graph(["a 3", "a;b 0.25", "a;c 1.5e-3", "a 1.50"])
        #expect(graph.valueDecimals == 4)
        #expect(graph.plain(graph.total) == "4.7515")
        #expect(graph.plain(graph.frames[graph.roots[0]].selfValue) == "4.5")
        #expect(graph.formatted(12_345_675_000) == "1,234,567.5")
    }

    @Test func digitsPastNineDecimalsAreRoundedHalfToEvenAndCounted() throws {
        var parser = FoldedStacksParser(file: "test.folded")
        try parser.add(line: "a 0.0000000015", number: 1)
        try parser.add(line: "b 0.0000000025", number: 2)
        try parser.add(line: "c 0.000000001", number: 3)
        let graph = parser.graph()
        #expect(parser.roundedValues == 2)
        #expect(graph.valueDecimals == 9)
        #expect(graph.roots.map { graph.frames[$0].selfValue } == [2, 2, 1])
    }

    @Test func nonASCIINamesAndUnitsArePassedThroughWhole() throws {
        let graph = try graph(["résumé;日本語;🔥 flame 12", "résumé;日本語 3"])
        #expect(graph.folded() == "résumé;日本語 3\nrésumé;日本語;🔥 flame 12\n")
        #expect(graph.path(of: graph.frames.count - 1) == ["résumé", "日本語", "🔥 flame"])
    }

    @Test func blankLinesAndCarriageReturnsAreSkipped() throws {
        let graph = try graph(["", "a;b 1\r", "   ", "a 2\t"])
        #expect(graph.total == 3)
    }

    @Test(arguments: [
        ("a;b", "expected 'stack value'"), ("a;b x", "found 'x'"), ("a;b -3", "found '-3'"),
        ("42", "expected 'stack value'"), ("a 1.2.3", "found '1.2.3'"), ("a 1e", "found '1e'"),
        ("a 99999999999999999999", "found '99999999999999999999'"),
    ])
    func malformedLinesAreErrorsNamingTheFileAndLine(line: String, message: String) throws {
        var parser = FoldedStacksParser(file: "profile.folded")
        try parser.add(line: "ok 1", number: 1)
        let error = #expect(throws: FoldedStacksError.self) { try parser.add(line: line, number: 2) }
        #expect(error?.description.hasPrefix("profile.folded:2: ") == true)
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test func valuesThatOverflowAreAnErrorNotAWrap() throws {
        var parser = FoldedStacksParser(file: "big.folded")
        try parser.add(line: "a 9000000000000000000", number: 1)
        #expect(throws: FoldedStacksError.self) { try parser.add(line: "a 0.5", number: 2) }
        #expect(throws: FoldedStacksError.self) { try parser.add(line: "b 9000000000000000000", number: 3) }
    }
}

import CostModel
import CostReports
import Testing

struct FlameDiffTests {
    func graph(_ lines: [String]) throws -> FlameGraph {
        var parser = FoldedStacksParser(file: "test.folded")
        for (index, line) in lines.enumerated() { try parser.add(line: line, number: index + 1) }
        return parser.graph()
    }

    @Test func theUnionKeepsFramesOfEitherSideWithBothSidesValues() throws {
        let diff = try FlameDiff(
            base: graph(["root;A 100", "root;B 200"]), compare: graph(["root;A 150", "root;C 50"]))
        #expect(diff.normalization == .absolute)
        let root = try #require(diff.frame(at: ["root"]))
        #expect(diff.children(of: root).map(diff.name(of:)) == ["A", "B", "C"])
        let a = try #require(diff.frame(at: ["root", "A"]))
        let b = try #require(diff.frame(at: ["root", "B"]))
        let c = try #require(diff.frame(at: ["root", "C"]))
        #expect(diff.frame(at: ["root", "D"]) == nil)
        #expect(diff.presence(of: a) == .both)
        #expect(diff.presence(of: b) == .baseOnly)
        #expect(diff.presence(of: c) == .compareOnly)
        #expect(diff.inclusive(of: a) == (base: 100, compare: 150, change: 50))
        #expect(diff.inclusive(of: b) == (base: 200, compare: 0, change: -200))
        let rootBase = diff.baseValues(of: root)
        #expect((rootBase.selfValue, rootBase.inclusiveValue, rootBase.spans) == (0, 300, 0))
        let cCompare = diff.compareValues(of: c)
        #expect((cCompare.selfValue, cCompare.inclusiveValue, cCompare.spans) == (50, 50, 1))
        #expect(diff.total == (base: 300, compare: 200, change: -100))
        #expect(diff.largestChanges(inclusive: false, limit: 2) == [b, a])
    }

    @Test func valuesWithDifferentDecimalsAreAlignedExactly() throws {
        let diff = try FlameDiff(base: graph(["a 1"]), compare: graph(["a 0.25"]))
        #expect(diff.valueDecimals == 2)
        #expect(diff.plain(diff.total.change) == "-0.75")
    }

    @Test func perRunNeedsRunsAndDifferentMeasuresCannotBeCompared() throws {
        #expect(throws: FlameDiff.Error.self) {
            try FlameDiff(base: graph(["a 1"]), compare: graph(["a 2"]), normalization: .perRun)
        }
        let costs = FlameGraph(runs: [], measure: .cost)
        #expect(throws: FlameDiff.Error.self) { try FlameDiff(base: costs, compare: graph(["a 2"])) }
    }
}

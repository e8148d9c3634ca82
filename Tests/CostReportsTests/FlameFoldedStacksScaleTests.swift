import CostModel
import CostReports
import Testing

/// Folded files larger than one batch of the parser's frame-finding thread, against a plain
/// dictionary of paths built here.
struct FlameFoldedStacksScaleTests {
    /// Lines with many shared and unshared prefixes; after `decimalsFrom`, some values have two decimals.
    func lines(count: Int, decimalsFrom: Int) -> [String] {
        (0..<count).map { i in
            let depth = 1 + (i * 7) % 6
            let names = (0..<depth).map { level in "n\(level)-\((i * [1, 31, 131, 17, 7, 3][level] + level) % [3, 17, 97, 11, 5, 2][level])" }
            let value = i >= decimalsFrom && i % 3 == 0 ? "\(i % 50).25" : "\(i % 50)"
            return names.joined(separator: ";") + " " + value
        }
    }

    @Test func manyBatchesWithALateRescaleGiveTheSameTreeAsAPlainMerge() throws {
        let input = lines(count: 40_000, decimalsFrom: 25_000)
        var parser = FoldedStacksParser(file: "big.folded")
        for (index, line) in input.enumerated() { try parser.add(line: line, number: index + 1) }
        let graph = parser.graph()

        // The plain merge: self value per path in hundredths, children in order of first appearance.
        var selfHundredths: [String: Int64] = [:]
        var children: [String: [String]] = [:]
        for line in input {
            let space = line.lastIndex(of: " ")!
            let names = line[..<space].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            let number = line[line.index(after: space)...]
            let hundredths = number.contains(".") ? Int64(number.replacingOccurrences(of: ".", with: ""))! : Int64(number)! * 100
            for depth in names.indices {
                let path = names[...depth].joined(separator: ";")
                let parent = depth == 0 ? "" : names[..<depth].joined(separator: ";")
                if selfHundredths[path] == nil {
                    selfHundredths[path] = 0
                    children[parent, default: []].append(names[depth])
                }
            }
            selfHundredths[names.joined(separator: ";"), default: 0] += hundredths
        }

        #expect(graph.valueDecimals == 2)
        #expect(graph.frames.count == selfHundredths.count)
        #expect(graph.total == selfHundredths.values.reduce(0, +))
        #expect(graph.roots.map { graph.frames[$0].name } == children[""])
        for index in graph.frames.indices {
            let path = graph.path(of: index).joined(separator: ";")
            let frame = graph.frames[index]
            #expect(frame.selfValue == selfHundredths[path], "self value of \(path)")
            #expect(frame.children.map { graph.frames[$0].name } == children[path, default: []], "children of \(path)")
            #expect(frame.inclusiveValue == frame.selfValue + frame.children.reduce(0) { $0 + graph.frames[$1].inclusiveValue })
        }
    }

    @Test func anOverflowInALaterBatchNamesItsLine() throws {
        var parser = FoldedStacksParser(file: "big.folded")
        for number in 1...20_000 { try parser.add(line: "a;b\(number % 100) 1", number: number) }
        let error = #expect(throws: FoldedStacksError.self) {
            try parser.add(line: "a;c 9223372036854775000", number: 20_001)
        }
        #expect(error?.line == 20_001)
        #expect(parser.graph().total == 20_000)
    }
}

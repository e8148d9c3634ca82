import CostModel
import CostReports
import Foundation
import Testing

struct FlameSVGTests {
    func graph(_ lines: [String]) throws -> FlameGraph {
        var parser = FoldedStacksParser(file: "test.folded")
        for (index, line) in lines.enumerated() { try parser.add(line: line, number: index + 1) }
        return parser.graph()
    }

    @Test func everyFrameIsOneGroupWithOneRectTextAndTitle() throws {
        let drawing = try graph(["a;b 5", "a;c 3", "d 2"]).svg()
        #expect(drawing.framesDrawn == 4)
        #expect(drawing.framesPruned == 0)
        #expect(drawing.text.components(separatedBy: "<g class=\"f\"").count - 1 == 4)
        #expect(drawing.text.components(separatedBy: "<rect ").count - 1 == 5)
        #expect(drawing.text.contains("data-total=\"10\""))
        #expect(drawing.text.hasSuffix("</svg>\n"))
    }

    @Test func controlCharactersInNamesCannotBreakTheXML() throws {
        let drawing = try graph(["a\u{01}b;c\u{0B}d 1"]).svg()
        #expect(!drawing.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(drawing.text.contains("<title>a\u{FFFD}b\n"))
    }

    @Test func colorsAreDeterministicAndFollowTheName() throws {
        let one = try graph(["main;work 5", "main;rest 1"]).svg().text
        let two = try graph(["main;rest 1", "main;work 5"]).svg().text
        func fill(_ svg: String, _ name: String) -> Substring? {
            guard let title = svg.range(of: "<title>\(name)\n"),
                let fill = svg.range(of: "fill=\"", range: title.upperBound..<svg.endIndex)
            else { return nil }
            return svg[fill.upperBound...].prefix { $0 != "\"" }
        }
        #expect(fill(one, "work") != nil)
        #expect(fill(one, "work") == fill(two, "work"))
        #expect(fill(one, "work") != fill(one, "rest"))
    }

    @Test func aWholeGraphNarrowerThanTheMinimumIsCountedNotDrawn() throws {
        let drawing = try graph(["a;b;c 1", "d 1000000"]).svg(FlameGraph.SVGOptions(width: 1200, minWidth: 1))
        #expect(drawing.framesDrawn == 1)
        #expect(drawing.framesPruned == 3)
        #expect(drawing.text.contains(" · 3 frames narrower than 1px not drawn</text>"))
    }
}

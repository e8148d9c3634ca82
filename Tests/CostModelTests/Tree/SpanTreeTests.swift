import CostModel
import Testing

struct SpanTreeTests {
    @Test func anEmptyListOfSpansGivesAnEmptyTree() {
        let tree = SpanTree(spans: [])
        #expect(tree.nodes.isEmpty)
        #expect(tree.roots.isEmpty)
        #expect(tree.depthFirstOrder.isEmpty)
    }

    @Test func childrenAreOrderedByStartThenSpanIDWhateverTheInputOrder() throws {
        let spans = [
            makeSpan(1, start: 0),
            makeSpan(5, parent: 1, start: 30),
            makeSpan(4, parent: 1, start: 10),
            makeSpan(3, parent: 1, start: 10),
            makeSpan(2, parent: 1, start: 20),
        ]
        var generator = SplitMix64(seed: 1)
        for _ in 0..<20 {
            let tree = SpanTree(spans: spans.shuffled(using: &generator))
            let root = try #require(tree.index(of: 1))
            #expect(tree.rootIDs == [1])
            #expect(tree.childIDs(of: root) == [3, 4, 2, 5])
        }
    }

    @Test func depthCountsTheAncestors() throws {
        let tree = SpanTree(spans: [
            makeSpan(1, start: 0),
            makeSpan(2, parent: 1, start: 1),
            makeSpan(3, parent: 2, start: 2),
            makeSpan(4, parent: 3, start: 3),
            makeSpan(5, parent: 1, start: 4),
        ])
        let depths = try [1, 2, 3, 4, 5].map { tree.nodes[try #require(tree.index(of: $0))].depth }
        #expect(depths == [0, 1, 2, 3, 1])
        #expect(tree.nodes.allSatisfy { !$0.parentIsMissing })
    }

    @Test func depthFirstOrderVisitsParentsBeforeChildrenAndSiblingsByStart() {
        let tree = SpanTree(spans: [
            makeSpan(1, start: 0),
            makeSpan(2, parent: 1, start: 10),
            makeSpan(3, parent: 2, start: 15),
            makeSpan(4, parent: 1, start: 5),
            makeSpan(6, start: 1),
            makeSpan(7, parent: 6, start: 2),
        ])
        #expect(tree.depthFirstOrder.map { tree.nodes[$0].record.spanID.value } == [1, 4, 2, 3, 6, 7])
    }

    @Test func aSpanWhoseParentIsMissingBecomesAFlaggedRoot() throws {
        let tree = SpanTree(spans: [
            makeSpan(1, start: 0),
            makeSpan(2, parent: 1, start: 10),
            makeSpan(7, parent: 99, start: 5),  // its parent was never exported
            makeSpan(8, parent: 7, start: 6),
        ])
        #expect(tree.rootIDs == [1, 7])
        let orphan = tree.nodes[try #require(tree.index(of: 7))]
        #expect(orphan.parentIsMissing)
        #expect(orphan.parent == nil)
        #expect(orphan.depth == 0)
        #expect(orphan.record.parentSpanID == SpanID(99))
        let child = tree.nodes[try #require(tree.index(of: 8))]
        #expect(!child.parentIsMissing)
        #expect(child.depth == 1)
        #expect(!tree.nodes[try #require(tree.index(of: 1))].parentIsMissing)
    }

    @Test func aSpanThatIsItsOwnParentBecomesAFlaggedRoot() throws {
        let tree = SpanTree(spans: [makeSpan(1, start: 0), makeSpan(2, parent: 2, start: 1)])
        #expect(tree.rootIDs == [1, 2])
        let loop = tree.nodes[try #require(tree.index(of: 2))]
        #expect(loop.parentIsMissing)
        #expect(loop.parent == nil)
        #expect(loop.children.isEmpty)
    }

    @Test func aParentCycleIsCutAtItsEarliestSpanWhichBecomesAFlaggedRoot() throws {
        // 1 → 2 → 3 → 1: no root reaches them.
        let tree = SpanTree(spans: [
            makeSpan(9, start: 0),
            makeSpan(3, parent: 2, start: 30),
            makeSpan(1, parent: 3, start: 10),
            makeSpan(2, parent: 1, start: 20),
        ])
        #expect(tree.rootIDs == [9, 1])
        let first = tree.nodes[try #require(tree.index(of: 1))]
        #expect(first.parentIsMissing)
        #expect(first.depth == 0)
        #expect(tree.childIDs(of: try #require(tree.index(of: 1))) == [2])
        #expect(tree.childIDs(of: try #require(tree.index(of: 2))) == [3])
        #expect(tree.nodes[try #require(tree.index(of: 3))].depth == 2)
        #expect(tree.nodes[try #require(tree.index(of: 3))].children.isEmpty)
        #expect(tree.depthFirstOrder.count == 4)
    }

    @Test func aSpanHangingOffACycleKeepsItsParent() throws {
        // 1 ⇄ 2 is a cycle; 5 is a child of 1 that starts before either, but is not in the cycle.
        let tree = SpanTree(spans: [
            makeSpan(1, parent: 2, start: 10),
            makeSpan(2, parent: 1, start: 20),
            makeSpan(5, parent: 1, start: 5),
        ])
        let hanging = tree.nodes[try #require(tree.index(of: 5))]
        #expect(!hanging.parentIsMissing)
        #expect(hanging.parent == tree.index(of: 1))
        #expect(hanging.depth == 1)
        #expect(tree.rootIDs == [1])
        #expect(tree.childIDs(of: try #require(tree.index(of: 1))) == [5, 2])
    }

    @Test func rootsAreOrderedByStartEvenWhenSomeComeFromCutCycles() {
        let tree = SpanTree(spans: [
            makeSpan(1, start: 50),
            makeSpan(2, parent: 3, start: 0),
            makeSpan(3, parent: 2, start: 1),
            makeSpan(4, parent: 99, start: 60),
        ])
        #expect(tree.rootIDs == [2, 1, 4])
    }

    @Test func inclusiveRollsUpOwnValuesIntoEveryAncestor() throws {
        let tree = SpanTree(spans: [
            makeSpan(1, start: 0, usage: TokenUsage(input: 1)),
            makeSpan(2, parent: 1, start: 1, usage: TokenUsage(input: 10, output: 5)),
            makeSpan(3, parent: 2, start: 2, usage: TokenUsage(cacheRead: 100)),
            makeSpan(4, parent: 1, start: 3, usage: TokenUsage(output: 1_000, reasoning: 400)),
        ])
        let inclusive = tree.inclusive({ $0.usage }, combine: { $0 += $1 })
        #expect(inclusive[try #require(tree.index(of: 1))] == TokenUsage(input: 11, cacheRead: 100, output: 1_005, reasoning: 400))
        #expect(inclusive[try #require(tree.index(of: 2))] == TokenUsage(input: 10, cacheRead: 100, output: 5))
        #expect(inclusive[try #require(tree.index(of: 3))] == TokenUsage(cacheRead: 100))
        #expect(inclusive[try #require(tree.index(of: 4))] == TokenUsage(output: 1_000, reasoning: 400))
    }

    /// Random forests whose shape is known: each span's parent is an earlier span, none, or a
    /// missing one; starts are random, so tree order differs from creation order.
    @Test func inclusiveTotalsEqualTheSumOverEachSubtreeForRandomTrees() throws {
        var generator = SplitMix64(seed: 0x5eed)
        for _ in 0..<300 {
            let count = Int.random(in: 1...60, using: &generator)
            var ids: [UInt64] = []
            var used: Set<UInt64> = []
            while ids.count < count {
                let id = UInt64.random(in: 1...1_000_000, using: &generator)
                if used.insert(id).inserted { ids.append(id) }
            }
            var parents: [Int?] = []
            var spans: [SpanRecord] = []
            for index in 0..<count {
                let roll = Int.random(in: 0..<100, using: &generator)
                let parent: Int? = index == 0 || roll < 8 ? nil : Int.random(in: 0..<index, using: &generator)
                let missingParent = parent == nil && index > 0 && roll < 3
                parents.append(parent)
                let usage = TokenUsage(
                    input: .random(in: 0...5_000, using: &generator),
                    cacheRead: .random(in: 0...50_000, using: &generator),
                    output: .random(in: 0...2_000, using: &generator)
                )
                spans.append(
                    makeSpan(
                        ids[index],
                        parent: parent.map { ids[$0] } ?? (missingParent ? 2_000_000 : nil),
                        start: .random(in: 0...1_000, using: &generator),
                        usage: usage
                    )
                )
            }
            // Expected, from the generator's own shape: children were created after parents.
            var expected = spans.map(\.usage.totalTokens)
            var expectedDepth = [Int](repeating: 0, count: count)
            for index in (0..<count).reversed() {
                if let parent = parents[index] { expected[parent] += expected[index] }
            }
            for index in 0..<count {
                if let parent = parents[index] { expectedDepth[index] = expectedDepth[parent] + 1 }
            }

            let tree = SpanTree(spans: spans.shuffled(using: &generator))
            #expect(tree.nodes.count == count)
            let inclusive = tree.inclusive({ $0.usage.totalTokens }, combine: { $0 += $1 })
            let inclusiveUsage = tree.inclusive({ $0.usage }, combine: { $0 += $1 })
            for index in 0..<count {
                let node = try #require(tree.index(of: ids[index]))
                #expect(inclusive[node] == expected[index])
                #expect(inclusiveUsage[node].totalTokens == expected[index])
                #expect(tree.nodes[node].depth == expectedDepth[index])
            }
            let rootSum = tree.roots.reduce(Int64(0)) { $0 + inclusive[$1] }
            #expect(rootSum == spans.reduce(Int64(0)) { $0 + $1.usage.totalTokens })
        }
    }

    /// Random parent links of any shape, cycles included: every span stays in the tree once, links
    /// are kept unless missing or needed to cut a cycle, and each cycle is cut exactly once.
    @Test func randomParentLinksWithCyclesGiveAWellFormedForest() throws {
        var generator = SplitMix64(seed: 0xc1c1e)
        for _ in 0..<300 {
            let count = Int.random(in: 1...40, using: &generator)
            let ids = (0..<count).map { UInt64($0 + 1) }
            var parentOf: [UInt64: UInt64] = [:]
            var spans: [SpanRecord] = []
            for id in ids {
                let roll = Int.random(in: 0..<100, using: &generator)
                let parent: UInt64? =
                    roll < 15 ? nil : roll < 25 ? 1_000 + id : ids.randomElement(using: &generator)
                parentOf[id] = parent
                spans.append(makeSpan(id, parent: parent, start: .random(in: 0...50, using: &generator)))
            }
            // Cycles of the parent graph, found without the tree.
            func onCycle(_ id: UInt64) -> Bool {
                var current = parentOf[id]
                for _ in 0..<count {
                    guard let step = current, ids.contains(step) else { return false }
                    if step == id { return true }
                    current = parentOf[step]
                }
                return false
            }
            func cycle(of id: UInt64) -> Set<UInt64> {
                var members: Set<UInt64> = [id]
                var current = parentOf[id]!
                while current != id {
                    members.insert(current)
                    current = parentOf[current]!
                }
                return members
            }
            let cycles = Set(ids.filter(onCycle).map(cycle(of:)))

            let tree = SpanTree(spans: spans.shuffled(using: &generator))
            #expect(tree.depthFirstOrder.sorted() == Array(tree.nodes.indices))
            #expect(tree.roots == tree.roots.sorted(), "roots by start")
            var cutCycles: [Set<UInt64>] = []
            for (index, node) in tree.nodes.enumerated() {
                let id = node.record.spanID.value
                let starts = node.children.map { (tree.nodes[$0].record.startNanos, tree.nodes[$0].record.spanID) }
                #expect(zip(starts, starts.dropFirst()).allSatisfy { $0 < $1 }, "children by start")
                if let parent = node.parent {
                    #expect(node.record.parentSpanID == tree.nodes[parent].record.spanID)
                    #expect(tree.nodes[parent].children.contains(index))
                    #expect(node.depth == tree.nodes[parent].depth + 1)
                    #expect(!node.parentIsMissing)
                } else {
                    #expect(tree.roots.contains(index))
                    #expect(node.depth == 0)
                    #expect(node.parentIsMissing == (node.record.parentSpanID != nil))
                    if let parentID = parentOf[id], ids.contains(parentID) {
                        // The only reason to drop a parent that exists: cutting a cycle.
                        let members = try #require(cycles.first { $0.contains(id) }, "span \(id) lost its parent")
                        let earliest = members.min {
                            (spans[Int($0) - 1].startNanos, $0) < (spans[Int($1) - 1].startNanos, $1)
                        }
                        #expect(id == earliest)
                        cutCycles.append(members)
                    }
                }
            }
            #expect(cutCycles.count == cycles.count)
            #expect(Set(cutCycles) == cycles)
        }
    }
}

struct RunTests {
    static let traceA = TraceID(high: 0xa, low: 1)
    static let traceB = TraceID(high: 0xb, low: 2)
    static let traceC = TraceID(high: 0xc, low: 3)

    @Test func spansAreGroupedByTraceAndRunsOrderedByTheirEarliestStart() {
        let spans = [
            makeSpan(1, start: 300, trace: Self.traceA),
            makeSpan(2, parent: 1, start: 310, trace: Self.traceA),
            makeSpan(1, start: 100, trace: Self.traceB),
            makeSpan(3, parent: 1, start: 90, trace: Self.traceB),  // starts before its root
            makeSpan(1, start: 200, trace: Self.traceC),
            makeSpan(2, parent: 1, start: 250, trace: Self.traceC),
            makeSpan(3, parent: 2, start: 260, trace: Self.traceC),
        ]
        var generator = SplitMix64(seed: 7)
        let runs = Run.group(spans.shuffled(using: &generator))
        #expect(runs.map(\.traceID) == [Self.traceB, Self.traceC, Self.traceA])
        #expect(runs.map(\.startNanos) == [90, 200, 300])
        #expect(runs.map(\.tree.nodes.count) == [2, 3, 2])
        for run in runs {
            #expect(run.tree.nodes.allSatisfy { $0.record.traceID == run.traceID })
            #expect(run.tree.nodes.allSatisfy { !$0.parentIsMissing })
            #expect(run.name == "s1")
        }
    }

    @Test func runsThatStartTogetherAreOrderedByTraceID() {
        let runs = Run.group([
            makeSpan(1, start: 5, trace: Self.traceC),
            makeSpan(1, start: 5, trace: Self.traceA),
            makeSpan(1, start: 5, trace: Self.traceB),
        ])
        #expect(runs.map(\.traceID) == [Self.traceA, Self.traceB, Self.traceC])
    }

    @Test func noSpansGiveNoRuns() {
        #expect(Run.group([]).isEmpty)
    }
}

import CostModel
import CostReports
import Testing

struct CompareGroupingTests {
    typealias Call = CompareFixtures.Call

    @Test func aRunTakesItsRootsAttributeThenItsResourceElseIsUnallocated() {
        let grouping = RunGrouping(attribute: "variant")
        let onRoot = CompareFixtures.run(1, attributes: ["variant": "a"], resource: ["variant": "b"], calls: [])
        let onResource = CompareFixtures.run(2, resource: ["variant": "b"], calls: [])
        let typed = CompareFixtures.run(3, attributes: ["variant": 2], calls: [])
        let none = CompareFixtures.run(4, attributes: ["team": "x"], calls: [])
        #expect(grouping.value(of: onRoot) == "a")
        #expect(grouping.value(of: onResource) == "b")
        #expect(grouping.value(of: typed) == "2")
        #expect(grouping.value(of: none) == nil)
    }

    @Test func byModelARunCountsOnceUnderTheModelItSpentMostOn() {
        // 10,000 input tokens of cheap cost $0.01; 2,000 of dear cost $0.02: dear wins despite fewer tokens.
        let mixed = CompareFixtures.run(
            1,
            calls: [
                Call(usage: TokenUsage(input: 10_000)),
                Call(model: "dear", provider: "zenith", usage: TokenUsage(input: 2_000)),
            ])
        #expect(RunGrouping(attribute: "model").value(of: mixed) == "dear")
        #expect(RunGrouping(attribute: "provider").value(of: mixed) == "zenith")
        // Two cheap calls outweigh one dear call when together they cost more.
        let summed = CompareFixtures.run(
            2,
            calls: [
                Call(usage: TokenUsage(input: 15_000)), Call(usage: TokenUsage(input: 15_000)),
                Call(model: "dear", provider: "zenith", usage: TokenUsage(input: 2_500)),
            ])
        #expect(RunGrouping(attribute: "model").value(of: summed) == "cheap")
        // An unpriced model costs nothing here, so tokens decide between it and another free span.
        let unpriced = CompareFixtures.run(
            3,
            calls: [
                Call(model: "mystery", usage: TokenUsage(input: 5)), Call(model: "other", usage: TokenUsage(input: 9)),
            ])
        #expect(RunGrouping(attribute: "model").value(of: unpriced) == "other")
        // A model attribute on the root is the run's own say and wins.
        let tagged = CompareFixtures.run(
            4, attributes: ["model": "declared"], calls: [Call(usage: TokenUsage(input: 10))])
        #expect(RunGrouping(attribute: "model").value(of: tagged) == "declared")
        #expect(RunGrouping(attribute: "model").value(of: CompareFixtures.run(5, calls: [])) == nil)
    }

    @Test func groupsAreDisjointAndTheirTotalsAddUpToAllRunsExactly() throws {
        let runs =
            CompareFixtures.runs([("a", [3, 5, 7_000_000_001]), ("b", [11, 13]), (nil, [17])])
            + [
                CompareFixtures.run(
                    10, attributes: ["variant": "c"], calls: [Call(model: "mystery", usage: TokenUsage(input: 1))])
            ]
        let report = try VariantComparison(runs: runs, grouping: RunGrouping(attribute: "variant"))
        #expect(report.groups.map(\.label) == ["a", "b", "c", "(unallocated)"])
        #expect(report.groups.map(\.runs) == [3, 2, 1, 1])
        let all = try #require(report.all)
        #expect(all.runs == runs.count)
        #expect(report.groups.reduce(Money.zero) { $0 + $1.total.total } == all.total.total)
        #expect(all.total.total == runs.reduce(Money.zero) { $0 + $1.total.total })
        #expect(report.groups.reduce(0) { $0 + $1.unpricedSpans } == 1)
        #expect(all.unpricedSpans == 1)
        // Three valued groups: nothing is compared unless two are chosen.
        #expect(report.comparison == nil)
        #expect(report.noComparisonReason?.contains("3 groups") == true)
    }

    @Test func numbersSortByValueAndTextAfterThem() throws {
        let runs = CompareFixtures.runs([("10", [1]), ("9", [1]), ("beta", [1]), ("2", [1]), ("alpha", [1])])
        let report = try VariantComparison(runs: runs, grouping: RunGrouping(attribute: "variant"))
        #expect(report.groups.map(\.label) == ["2", "9", "10", "alpha", "beta"])
    }

    @Test func meanMedianAndP95FollowTheirDefinitions() throws {
        var generator = SplitMix64(seed: 5)
        for count in [1, 2, 5, 19, 20, 32, 33] {
            let costs = (0..<count).map { _ in Int64(generator.nextIndex(below: 100_000_000)) }
            let group = CostGroup(value: "x", runs: CompareFixtures.runs([("x", costs)]))
            let sorted = costs.sorted()
            let total = costs.reduce(0, +)
            #expect(group.total.total == Money(nanos: total))
            // The mean is the total over the runs to the nearest nano-dollar.
            #expect(abs(group.mean.nanos * Int64(count) - total) * 2 <= Int64(count))
            // The median: the middle cost, or within half a nano-dollar of the two middle costs' mean.
            if count % 2 == 1 {
                #expect(group.median.nanos == sorted[count / 2])
            } else {
                #expect(abs(group.median.nanos * 2 - (sorted[count / 2 - 1] + sorted[count / 2])) <= 1)
            }
            // p95 is a run's cost with at least 95% of runs at or below it, and no cheaper run's is.
            #expect(sorted.contains(group.p95.nanos))
            #expect(sorted.filter { $0 <= group.p95.nanos }.count * 100 >= 95 * count)
            #expect(sorted.filter { $0 < group.p95.nanos }.count * 100 < 95 * count)
            #expect(group.runCosts == sorted.map(Money.init(nanos:)))
        }
    }

    @Test func errorRateAndCostPerSuccessfulRunLeaveOutRunsWithAnErrorSpan() {
        let runs = [
            CompareFixtures.run(1, variant: "a", nanos: 100),
            CompareFixtures.run(2, variant: "a", nanos: 200),
            CompareFixtures.run(3, variant: "a", nanos: 1_000, status: .error),
            CompareFixtures.run(4, variant: "a", nanos: 301, status: .ok),
        ]
        let group = CostGroup(value: "a", runs: runs)
        #expect(group.failedRuns == 1)
        #expect(group.successfulRuns == 3)
        #expect(group.errorRate == 0.25)
        #expect(group.successfulRunsCost == Money(nanos: 601))
        #expect(group.costPerSuccessfulRun == Money(nanos: 200))  // 200.33 rounds to 200
        #expect(group.mean == Money(nanos: 400))  // 1,601 / 4 = 400.25
        let allFailed = CostGroup(value: "b", runs: [CompareFixtures.run(5, variant: "b", nanos: 9, status: .error)])
        #expect(allFailed.costPerSuccessfulRun == nil)
        #expect(allFailed.errorRate == 1)
    }

    @Test func cacheReadShareIsCacheReadsOverEveryPromptToken() throws {
        let run = CompareFixtures.run(
            1,
            calls: [
                Call(usage: TokenUsage(input: 100, cacheRead: 600, cacheWrite5m: 200, output: 40)),
                Call(usage: TokenUsage(input: 50, cacheWrite1h: 50, output: 10, reasoning: 5)),
            ])
        let group = CostGroup(value: nil, runs: [run])
        #expect(
            group.tokens
                == TokenUsage(input: 150, cacheRead: 600, cacheWrite5m: 200, cacheWrite1h: 50, output: 50, reasoning: 5)
        )
        #expect(group.cacheReadShare == 600.0 / 1_000.0)
        #expect(group.meanTokens(.output) == 50)
        let noPrompt = CostGroup(value: nil, runs: [CompareFixtures.run(2, calls: [])])
        #expect(noPrompt.cacheReadShare == nil)
    }
}

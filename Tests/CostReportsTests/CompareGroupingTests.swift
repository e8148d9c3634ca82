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
        #expect(grouping.key(of: onRoot) == "a")
        #expect(grouping.key(of: onResource) == "b")
        #expect(grouping.key(of: typed) == "2")
        #expect(grouping.key(of: none) == .unallocated)
    }

    @Test func byModelARunCountsOnceUnderTheModelItSpentMostOn() {
        // 10,000 input tokens of cheap cost $0.01; 2,000 of dear cost $0.02: dear wins despite fewer tokens.
        let mixed = CompareFixtures.run(
            1,
            calls: [
                Call(usage: TokenUsage(input: 10_000)),
                Call(model: "dear", provider: "zenith", usage: TokenUsage(input: 2_000)),
            ])
        #expect(RunGrouping(attribute: "model").key(of: mixed) == "dear")
        #expect(RunGrouping(attribute: "provider").key(of: mixed) == "zenith")
        // Two cheap calls outweigh one dear call when together they cost more.
        let summed = CompareFixtures.run(
            2,
            calls: [
                Call(usage: TokenUsage(input: 15_000)), Call(usage: TokenUsage(input: 15_000)),
                Call(model: "dear", provider: "zenith", usage: TokenUsage(input: 2_500)),
            ])
        #expect(RunGrouping(attribute: "model").key(of: summed) == "cheap")
        // An unpriced model costs nothing here, so tokens decide between it and another free span.
        let unpriced = CompareFixtures.run(
            3,
            calls: [
                Call(model: "mystery", usage: TokenUsage(input: 5)), Call(model: "other", usage: TokenUsage(input: 9)),
            ])
        #expect(RunGrouping(attribute: "model").key(of: unpriced) == "other")
        // `model` is the span field, as in `report --by model`: an attribute of that name is not it.
        let tagged = CompareFixtures.run(
            4, attributes: ["model": "declared"], calls: [Call(usage: TokenUsage(input: 10))])
        #expect(RunGrouping(attribute: "model").key(of: tagged) == "cheap")
        #expect(RunGrouping(attribute: "model").key(of: CompareFixtures.run(5, calls: [])) == .unallocated)
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

    @Test func aRunFailedWhenARootHasAnErrorAndRecoveredErrorsBelowItAreCountedApart() {
        let runs = [
            CompareFixtures.run(1, variant: "a", nanos: 100),
            CompareFixtures.run(2, variant: "a", nanos: 200),
            CompareFixtures.run(3, variant: "a", nanos: 1_000, rootStatus: .error),
            CompareFixtures.run(4, variant: "a", nanos: 301, status: .ok),
            // A call failed (a 429, say) and the run went on to succeed: its root is not an error.
            CompareFixtures.run(5, variant: "a", nanos: 50, status: .error),
            // A failed call that the run did not recover from: both are errors.
            CompareFixtures.run(6, variant: "a", nanos: 7, status: .error, rootStatus: .error),
        ]
        let group = CostGroup(value: "a", runs: runs)
        #expect(group.failedRuns == 2)
        #expect(group.successfulRuns == 4)
        #expect(group.runsWithSpanErrors == 3)
        #expect(group.errorRate == 2.0 / 6.0)
        #expect(group.shareOfRunsWithSpanErrors == 0.5)
        #expect(group.successfulRunsCost == Money(nanos: 651))
        #expect(group.costPerSuccessfulRun == Money(nanos: 163))  // 651 / 4 = 162.75
        #expect(group.mean == Money(nanos: 276))  // 1,658 / 6 = 276.33
        let allFailed = CostGroup(
            value: "b", runs: [CompareFixtures.run(7, variant: "b", nanos: 9, rootStatus: .error)])
        #expect(allFailed.costPerSuccessfulRun == nil)
        #expect(allFailed.errorRate == 1)
    }

    @Test func anyRootOfARunWithAnErrorFailsTheRun() {
        // Two roots: the workflow, and a span whose parent was never recorded, which failed.
        let trace = TraceID(high: 9, low: 1)
        let spans = [
            SpanRecord(
                traceID: trace, spanID: SpanID(1), kind: .workflow, name: "run", startNanos: 0, endNanos: 10,
                reportedCost: Money(nanos: 5)),
            SpanRecord(
                traceID: trace, spanID: SpanID(2), parentSpanID: SpanID(99), kind: .tool, name: "orphan",
                startNanos: 1, endNanos: 2, status: .error),
        ]
        let run = CostedRun(run: Run.group(spans)[0], pricer: CompareFixtures.pricer)
        #expect(run.run.tree.roots.count == 2)
        let group = CostGroup(value: nil, runs: [run])
        #expect(group.failedRuns == 1)
        #expect(group.costPerSuccessfulRun == nil)
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

/// `compare --by KEY` reads a key as every other report does (``AllocationKey``).
struct CompareGroupingKeyTests {
    typealias Call = CompareFixtures.Call

    @Test func userIsUserIDElseEnduserIDAsInTheOtherReports() throws {
        let runs = [
            CompareFixtures.run(1, attributes: ["user.id": "u-1"], calls: []),
            CompareFixtures.run(2, attributes: ["enduser.id": "u-2"], calls: []),
            CompareFixtures.run(3, attributes: ["user.id": "u-1", "enduser.id": "u-9"], calls: []),
            CompareFixtures.run(4, resource: ["enduser.id": "u-2"], calls: []),
            CompareFixtures.run(5, attributes: ["user": "not-the-key"], calls: []),
        ]
        let grouping = RunGrouping(attribute: "user")
        #expect(runs.map(grouping.key(of:)) == ["u-1", "u-2", "u-1", "u-2", .unallocated])
        let report = try VariantComparison(runs: runs, grouping: grouping)
        #expect(report.groups.map(\.label) == ["u-1", "u-2", "(unallocated)"])
        #expect(report.groups.map(\.runs) == [2, 2, 1])
    }

    @Test func withoutAValueOnTheRootARunTakesTheOneValueItsSpansCarry() {
        let grouping = RunGrouping(attribute: "prompt_version")
        let onTheCall = CompareFixtures.run(
            1, calls: [Call(attributes: ["prompt_version": "v2"]), Call(attributes: ["prompt_version": "v2"]), Call()])
        #expect(grouping.key(of: onTheCall) == "v2")
        let disagreeing = CompareFixtures.run(
            2, calls: [Call(attributes: ["prompt_version": "v1"]), Call(attributes: ["prompt_version": "v2"])])
        #expect(grouping.key(of: disagreeing) == .mixed)
        // The root's value is the run's, whatever its spans say.
        let declared = CompareFixtures.run(
            3, attributes: ["prompt_version": "v3"],
            calls: [Call(attributes: ["prompt_version": "v1"]), Call(attributes: ["prompt_version": "v2"])])
        #expect(grouping.key(of: declared) == "v3")
        // A root's resource counts as the root's; the spans' values are not looked at.
        let resource = CompareFixtures.run(
            4, resource: ["prompt_version": "v4"], calls: [Call(attributes: ["prompt_version": "v1"])])
        #expect(grouping.key(of: resource) == "v4")
        #expect(grouping.key(of: CompareFixtures.run(5, calls: [Call()])) == .unallocated)
    }

    @Test func mixedRunsAreAGroupOfTheirOwnLeftOutOfTheAutomaticComparison() throws {
        var runs = CompareFixtures.runs([("a", (1...12).map { Int64($0) * 10 }), ("b", (1...12).map { Int64($0) * 7 })])
        for number in UInt64(100)..<UInt64(103) {
            runs.append(
                CompareFixtures.run(
                    number,
                    calls: [
                        Call(attributes: ["variant": "a"], reportedCost: Money(nanos: 5)),
                        Call(attributes: ["variant": "b"], reportedCost: Money(nanos: 5)),
                    ]))
        }
        runs.append(CompareFixtures.run(200, variant: nil, nanos: 3))
        let report = try VariantComparison(runs: runs, grouping: RunGrouping(attribute: "variant"))
        #expect(report.groups.map(\.label) == ["a", "b", "(mixed)", "(unallocated)"])
        #expect(report.groups.map(\.key) == ["a", "b", .mixed, .unallocated])
        #expect(report.groups[2].runs == 3 && report.groups[2].value == nil)
        #expect(report.groups.reduce(Money.zero) { $0 + $1.total.total } == report.all?.total.total)
        let comparison = try #require(report.comparison)
        #expect(comparison.base.label == "a" && comparison.compare.label == "b")
        // The mixed runs can be chosen by name, as on the command line.
        let chosen = try VariantComparison(
            runs: runs, grouping: RunGrouping(attribute: "variant"),
            pair: .chosen(base: "a", compare: RunGrouping(attribute: "variant").key(named: "(mixed)")))
        #expect(chosen.comparison?.compare.key == .mixed)
    }

    @Test func modelsAreGroupedByTheBooksCanonicalIDAndNamedByIt() throws {
        let grouping = RunGrouping(attribute: "model", models: ModelNaming(book: CompareFixtures.pricer.book))
        let dated = CompareFixtures.run(1, calls: [Call(model: "cheap-20250929", usage: TokenUsage(input: 100))])
        let plain = CompareFixtures.run(2, calls: [Call(model: "cheap", usage: TokenUsage(input: 100))])
        let upper = CompareFixtures.run(3, calls: [Call(model: "CHEAP", usage: TokenUsage(input: 100))])
        // Two spellings of one model add up in a run: 600 + 600 cheap tokens ($0.0012) outweigh 100 dear
        // ones ($0.001), which either spelling alone ($0.0006) would not.
        let split = CompareFixtures.run(
            4,
            calls: [
                Call(model: "cheap-20250929", usage: TokenUsage(input: 600)),
                Call(model: "cheap", usage: TokenUsage(input: 600)),
                Call(model: "dear", provider: "zenith", usage: TokenUsage(input: 100)),
            ])
        let unknown = CompareFixtures.run(5, calls: [Call(model: "mystery-20250929", usage: TokenUsage(input: 1))])
        #expect([dated, plain, upper].map(grouping.key(of:)) == ["cheap", "cheap", "cheap"])
        #expect(grouping.key(of: split) == "cheap")
        #expect(grouping.key(of: unknown) == "mystery-20250929")
        let report = try VariantComparison(runs: [dated, plain, upper, split, unknown], grouping: grouping)
        #expect(report.groups.map(\.label) == ["cheap", "mystery-20250929"])
        #expect(report.groups.map(\.runs) == [4, 1])
        // A dated name on the command line names the canonical group.
        #expect(grouping.key(named: "cheap-2025-09-29") == "cheap")
        #expect(grouping.key(named: "(unallocated)") == .unallocated)
        #expect(RunGrouping(attribute: "variant").key(named: "cheap-20250929") == "cheap-20250929")
    }
}

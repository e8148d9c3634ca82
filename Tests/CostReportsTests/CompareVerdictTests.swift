import CostModel
import CostReports
import Foundation
import Testing

/// What a verdict may claim: not a firm difference from incomplete costs, not an interval from a
/// handful of runs.
struct CompareUnpricedVerdictTests {
    let grouping = RunGrouping(attribute: "variant")
    let baseline: [Int64] = [100, 104, 96, 110, 90, 102, 98, 105, 95, 100].map { $0 * 1_000_000 }
    let cached: [Int64] = [50, 52, 48, 55, 45, 51, 49, 53, 47, 50].map { $0 * 1_000_000 }

    /// The runs of both variants, with `unpriced` more runs of one unpriced span in each variant.
    func runs(unpricedBaseline: Int = 0, unpricedCached: Int = 0) -> [CostedRun] {
        var runs = CompareFixtures.runs([("baseline", baseline), ("cached", cached)])
        for number in 0..<unpricedBaseline {
            runs.append(CompareFixtures.unpricedRun(500 + UInt64(number), variant: "baseline"))
        }
        for number in 0..<unpricedCached {
            runs.append(CompareFixtures.unpricedRun(600 + UInt64(number), variant: "cached"))
        }
        return runs
    }

    func comparison(_ runs: [CostedRun], pair: VariantComparison.Pair = .automatic) throws -> MeanCostComparison {
        try #require(try VariantComparison(runs: runs, grouping: grouping, pair: pair).comparison)
    }

    @Test func unpricedSpansOnTheCheaperLookingSideWithholdTheVerdict() throws {
        // Cached looks cheaper, but its unpriced spans' cost is missing from its mean.
        let withheld = try comparison(runs(unpricedCached: 3))
        #expect(try #require(withheld.interval).highNanos < 0)
        #expect(!withheld.isComplete)
        #expect(withheld.conclusion == .withheldForUnpricedSpans)
        #expect(withheld.verdict.hasPrefix("no verdict, costs incomplete: cached vs baseline -"))
        #expect(withheld.verdict.contains("of priced costs, 13 vs 10 runs"))
        #expect(withheld.verdict.hasSuffix("; cached misses 3 unpriced spans"))
        #expect(!withheld.verdict.contains("cheaper"))
    }

    @Test func unpricedSpansThatCanOnlyWidenTheDifferenceMakeItALowerBound() throws {
        // The baseline's unpriced spans can only raise its mean: cached is at least this much cheaper.
        let cheaper = try comparison(runs(unpricedBaseline: 2))
        #expect(cheaper.conclusion == .differsAtLeast)
        let relative = try #require(cheaper.relative)
        let percent = Int((abs(relative) * 100).rounded())
        #expect(cheaper.verdict.hasPrefix("cached is at least \(percent)% cheaper per run than baseline, 95% CI "))
        #expect(cheaper.verdict.hasSuffix(", 10 vs 12 runs (lower bound: baseline misses 2 unpriced spans)"))
        // The same runs the other way round: the dearer side misses cost, so it is at least that dear.
        let reversed = try comparison(runs(unpricedBaseline: 2), pair: .chosen(base: "cached", compare: "baseline"))
        #expect(reversed.conclusion == .differsAtLeast)
        #expect(reversed.verdict.hasPrefix("baseline is at least "))
        #expect(reversed.verdict.contains("% more expensive per run than cached"))
    }

    @Test func unpricedSpansOnBothSidesOrAroundNoDifferenceWithholdTheVerdict() throws {
        #expect(try comparison(runs(unpricedBaseline: 1, unpricedCached: 1)).conclusion == .withheldForUnpricedSpans)
        let both = try comparison(runs(unpricedBaseline: 1, unpricedCached: 2))
        #expect(both.verdict.hasSuffix("; cached misses 2 unpriced spans and baseline misses 1 unpriced span"))
        // An interval around zero with spans missing is no evidence of "no clear difference".
        let same = CompareFixtures.runs([("baseline", baseline), ("cached", baseline)])
        let even = try comparison(same + [CompareFixtures.unpricedRun(700, variant: "cached")])
        #expect(try #require(even.interval).coversZero)
        #expect(even.conclusion == .withheldForUnpricedSpans)
        #expect(!even.verdict.contains("no clear difference"))
    }

    @Test func theJSONComparisonSaysWhetherItsCostsAreCompleteAndCountsUnpricedSpansPerSide() throws {
        let report = try VariantComparison(runs: runs(unpricedCached: 3), grouping: grouping)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let comparison = try #require(object["comparison"] as? [String: Any])
        #expect(comparison["complete"] as? Bool == false)
        #expect(comparison["base_unpriced_spans"] as? Int == 0)
        #expect(comparison["compare_unpriced_spans"] as? Int == 3)
        #expect(comparison["conclusion"] as? String == "withheld_unpriced_spans")
        let complete = try VariantComparison(runs: runs(), grouping: grouping).json()
        let completeComparison = try #require(
            (try JSONSerialization.jsonObject(with: Data(complete.utf8)) as? [String: Any])?["comparison"]
                as? [String: Any])
        #expect(completeComparison["complete"] as? Bool == true)
        #expect(completeComparison["conclusion"] as? String == "differs")
    }
}

struct CompareSmallGroupTests {
    let grouping = RunGrouping(attribute: "variant")

    @Test func groupsBelowTheMinimumGetNoIntervalButKeepTheirFiguresAndTheDifference() throws {
        // Two runs a side, each side's runs alike: a bootstrap would give an interval such as 96–96%.
        let runs = CompareFixtures.runs([("a", [100_000_000, 100_000_000]), ("b", [4_000_000, 4_000_000])])
        let report = try VariantComparison(runs: runs, grouping: grouping)
        let comparison = try #require(report.comparison)
        #expect(comparison.interval == nil)
        #expect(comparison.conclusion == .withheldForTooFewRuns)
        #expect(comparison.difference == Money(nanos: -96_000_000))
        #expect(comparison.relative == -0.96)
        #expect(
            comparison.verdict
                == "no verdict, too few runs for a 95% CI (at least 10 a group): b vs a -96.0%, 2 vs 2 runs")
        #expect(
            comparison.noIntervalReason
                == "b has 2 runs and a has 2 runs; a confidence interval needs at least 10 in each group")

        let text = report.text()
        #expect(!text.contains("96–96"))
        #expect(text.contains("  difference     -$0.0960\n"))
        #expect(text.contains("(no 95% CI: b has 2 runs and a has 2 runs;"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("b ") && $0.contains(" $0.00800  $0.00400 ") })

        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let json = try #require(object["comparison"] as? [String: Any])
        let difference = try #require(json["difference"] as? [String: Any])
        #expect(difference["mean_cost_usd"] as? String == "-0.096")
        #expect(difference["ci_low_usd"] is NSNull && difference["ci_high_usd"] is NSNull)
        #expect(json["no_interval_reason"] as? String == comparison.noIntervalReason)
        #expect(json["minimum_runs_for_interval"] as? Int == MeanCostComparison.minimumRunsForInterval)
        #expect(json["conclusion"] as? String == "withheld_too_few_runs")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.map { $0["mean_cost_usd"] as? String } == ["0.10", "0.004"])
    }

    @Test func theMinimumIsTenRunsInEachGroup() throws {
        let minimum = MeanCostComparison.minimumRunsForInterval
        #expect(minimum == 10)
        let costs = (1...minimum).map { Int64($0) * 1_000_000 }
        let enough = CompareFixtures.runs([("a", costs), ("b", costs.map { $0 * 2 })])
        #expect(try VariantComparison(runs: enough, grouping: grouping).comparison?.interval != nil)
        let oneShort = CompareFixtures.runs([("a", costs), ("b", costs.dropLast().map { $0 * 2 })])
        let comparison = try #require(try VariantComparison(runs: oneShort, grouping: grouping).comparison)
        #expect(comparison.interval == nil)
        #expect(comparison.noIntervalReason?.hasPrefix("b has 9 runs; ") == true)
    }

    @Test func resamplesAreBoundedAboveAsWellAsBelow() {
        #expect(BootstrapOptions.minimumResamples == 100)
        #expect(BootstrapOptions.maximumResamples == 1_000_000)
        #expect(BootstrapOptions(resamples: BootstrapOptions.maximumResamples).resamples == 1_000_000)
    }
}

struct CompareTextSafetyTests {
    @Test func groupValuesWithLineBreaksAndControlCharactersStayOnTheirLine() throws {
        let evil = "two\nlines\t\u{1B}[31mred"
        let runs = CompareFixtures.runs([
            (evil, (1...10).map { Int64($0) * 1_000_000 }), ("plain", (1...10).map { Int64($0) * 3_000_000 }),
        ])
        let report = try VariantComparison(runs: runs, grouping: RunGrouping(attribute: "variant"))
        let text = report.text()
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("two\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The header, the two groups and `all`, each as wide as the header.
        #expect(lines[1].hasPrefix("plain "))
        #expect(lines[2].hasPrefix("two lines \u{FFFD}[31mred "))
        #expect(lines[3].hasPrefix("all "))
        #expect(lines[0...3].allSatisfy { $0.count == lines[0].count })
        let verdict = try #require(report.comparison?.verdict)
        #expect(!verdict.contains("\n") && !verdict.contains("\u{1B}"))
        #expect(lines.contains(verdict))
        // JSON keeps the value as it is, escaped.
        #expect(report.json().contains(#""variant": "two\nlines\t\u001b[31mred""#))
    }
}

import CostModel
import CostReports
import Foundation
import Testing

struct CompareReportTests {
    /// Base runs around $0.10, compare runs around $0.05: clearly cheaper. Ten runs a side, the
    /// fewest that get a confidence interval.
    let cheaper = CompareFixtures.runs([
        ("baseline", [100, 104, 96, 110, 90, 102, 98, 105, 95, 100].map { $0 * 1_000_000 }),
        ("cached", [50, 52, 48, 55, 45, 51, 49, 53, 47, 50].map { $0 * 1_000_000 }),
        (nil, [7]),
    ])

    @Test func twoValuedGroupsAreComparedTheFirstAsBaseLeavingUnallocatedRunsOut() throws {
        let report = try VariantComparison(runs: cheaper, grouping: RunGrouping(attribute: "variant"))
        let comparison = try #require(report.comparison)
        #expect(comparison.base.label == "baseline")
        #expect(comparison.compare.label == "cached")
        #expect(report.groups.last?.label == "(unallocated)")
        // The exact difference of means, to the nano-dollar: 50 − 100 million nanos.
        let scaled = Int128(comparison.compare.total.total.nanos) * 10 - Int128(comparison.base.total.total.nanos) * 10
        #expect((Int128(comparison.difference.nanos) * 100 - scaled).magnitude * 2 <= 100)
        let relative = try #require(comparison.relative)
        #expect(abs(relative - Double(comparison.difference.nanos) / Double(comparison.base.mean.nanos)) < 1e-8)
        let interval = try #require(comparison.interval)
        #expect(!interval.coversZero)
        #expect(interval.covers(Double(comparison.difference.nanos)))
        #expect(comparison.conclusion == .differs)
    }

    @Test func theVerdictSaysWhichIsCheaperByHowMuchWithTheIntervalAndTheRunCounts() throws {
        let comparison = try #require(
            try VariantComparison(runs: cheaper, grouping: RunGrouping(attribute: "variant")).comparison)
        let relative = try #require(comparison.relative)
        let low = try #require(comparison.interval?.relativeLow)
        let high = try #require(comparison.interval?.relativeHigh)
        let percent = { (fraction: Double) in String(Int((abs(fraction) * 100).rounded())) }
        let range = "\(percent(high))–\(percent(low))%"
        #expect(
            comparison.verdict
                == "cached is \(percent(relative))% cheaper per run than baseline, 95% CI \(range), 10 vs 10 runs")

        let reversed = try #require(
            try VariantComparison(
                runs: cheaper, grouping: RunGrouping(attribute: "variant"),
                pair: .chosen(base: "cached", compare: "baseline")
            ).comparison)
        #expect(reversed.verdict.hasPrefix("baseline is "))
        #expect(reversed.verdict.contains("% more expensive per run than cached, 95% CI "))
        #expect(reversed.verdict.hasSuffix(", 10 vs 10 runs"))
    }

    @Test func whenTheIntervalHoldsZeroTheVerdictSaysNoClearDifference() throws {
        let costs: [Int64] = [90, 110, 100, 95, 105, 120, 80, 85, 115, 100].map { $0 * 1_000_000 }
        let runs = CompareFixtures.runs([("a", costs), ("b", costs.map { $0 + 1_000_000 })])
        let comparison = try #require(
            try VariantComparison(runs: runs, grouping: RunGrouping(attribute: "variant")).comparison)
        #expect(try #require(comparison.interval).coversZero)
        #expect(comparison.conclusion == .noClearDifference)
        // +1% with an interval of about ±10%: one decimal, signs shown.
        #expect(comparison.verdict.hasPrefix("no clear difference in cost per run: b vs a +1.0%, 95% CI -"))
        #expect(comparison.verdict.contains("% to +"))
        #expect(comparison.verdict.hasSuffix("%, 10 vs 10 runs"))
    }

    @Test func withAFreeBaseTheVerdictIsInDollars() throws {
        let runs = CompareFixtures.runs([
            ("a", Array(repeating: 0, count: 10)),
            ("b", [10, 12, 11, 10, 12, 11, 10, 12, 11, 11].map { $0 * 1_000_000 }),
        ])
        let comparison = try #require(
            try VariantComparison(runs: runs, grouping: RunGrouping(attribute: "variant")).comparison)
        #expect(comparison.relative == nil)
        #expect(comparison.verdict.hasPrefix("b costs $0.0110 more per run than a, 95% CI $0.0"))
    }

    @Test func chosenGroupsMustExistAndHaveTwoRuns() throws {
        let grouping = RunGrouping(attribute: "variant")
        #expect(
            throws: ComparisonError("no selected run has variant=nope (the groups: baseline, cached, (unallocated))")
        ) {
            try VariantComparison(runs: cheaper, grouping: grouping, pair: .chosen(base: "baseline", compare: "nope"))
        }
        #expect(throws: ComparisonError.self) {
            try VariantComparison(
                runs: cheaper, grouping: grouping, pair: .chosen(base: "baseline", compare: .unallocated))
        }
        let withTwoUnallocated = cheaper + [CompareFixtures.run(99, variant: nil, nanos: 9)]
        let report = try VariantComparison(
            runs: withTwoUnallocated, grouping: grouping, pair: .chosen(base: .unallocated, compare: "cached"))
        #expect(report.comparison?.base.value == nil)
    }

    @Test func theComparisonDoesNotDependOnTheOrderOfRuns() throws {
        let grouping = RunGrouping(attribute: "variant")
        let forward = try #require(try VariantComparison(runs: cheaper, grouping: grouping).comparison)
        let backward = try #require(try VariantComparison(runs: cheaper.reversed(), grouping: grouping).comparison)
        #expect(forward.interval != nil)
        #expect(forward.interval == backward.interval)
        #expect(forward.difference == backward.difference)
    }

    @Test func jsonNamesTheValueFieldAfterTheAttributeAndKeepsMoneyExact() throws {
        let report = try VariantComparison(runs: cheaper, grouping: RunGrouping(attribute: "variant"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(object["by"] as? String == "variant")
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 3)
        #expect(groups[0]["variant"] as? String == "baseline")
        #expect(groups[2]["variant"] is NSNull)
        for (json, group) in zip(groups, report.groups) {
            #expect(json["runs"] as? Int == group.runs)
            #expect(json["total_cost_usd"] as? String == group.total.total.decimalString)
            #expect(json["mean_cost_usd"] as? String == group.mean.decimalString)
            #expect(json["median_cost_usd"] as? String == group.median.decimalString)
            #expect(json["p95_cost_usd"] as? String == group.p95.decimalString)
        }
        let comparison = try #require(object["comparison"] as? [String: Any])
        #expect(comparison["base"] as? String == "baseline")
        #expect(comparison["compare"] as? String == "cached")
        #expect(comparison["resamples"] as? Int == 10_000)
        #expect(comparison["seed"] as? Int == 1)
        #expect(comparison["verdict"] as? String == report.comparison?.verdict)
        let difference = try #require(comparison["difference"] as? [String: Any])
        #expect(difference["mean_cost_usd"] as? String == report.comparison?.difference.decimalString)
        let relative = try #require(comparison["relative"] as? [String: Any])
        let low = try #require(relative["ci_low"] as? Double)
        #expect(abs(low - (report.comparison?.interval?.relativeLow ?? 0)) < 1e-12)
        #expect((comparison["method"] as? String)?.hasPrefix("expanded percentile bootstrap") == true)

        let clashing = try VariantComparison(runs: cheaper, grouping: RunGrouping(attribute: "runs"))
        #expect(clashing.valueFieldName == "value")
        #expect(clashing.json().contains(#""value": null"#))
    }

    @Test func csvHasAHeaderAndOneRowPerGroup() throws {
        let report = try VariantComparison(runs: cheaper, grouping: RunGrouping(attribute: "variant"))
        let lines = report.csv().split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
        // The header, the groups, and the empty rest after the last CRLF.
        #expect(lines.count == report.groups.count + 2)
        #expect(lines[0].hasPrefix("variant,runs,total_cost_usd,mean_cost_usd,median_cost_usd,p95_cost_usd,"))
        let baseline = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let group = report.groups[0]
        #expect(
            Array(baseline.prefix(6)) == [
                "baseline", "10", group.total.total.decimalString, group.mean.decimalString, group.median.decimalString,
                group.p95.decimalString,
            ])
        #expect(lines[3].hasPrefix(",1,"))  // unallocated: an empty value
    }

    @Test func textShowsEveryGroupTheAllLineAndTheVerdict() throws {
        let report = try VariantComparison(runs: cheaper, grouping: RunGrouping(attribute: "variant"))
        let lines = report.text().split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("VARIANT "))
        #expect(lines[1].hasPrefix("baseline "))
        #expect(lines[3].hasPrefix("(unallocated) "))
        #expect(lines[4].hasPrefix("all "))
        // Columns line up: every row of the table is as long as the header.
        #expect(lines[0...4].allSatisfy { $0.count == lines[0].count })
        #expect(lines.last == report.comparison?.verdict)
        #expect(
            try VariantComparison(runs: [], grouping: RunGrouping(attribute: "variant")).text() == "no runs selected\n")
    }
}

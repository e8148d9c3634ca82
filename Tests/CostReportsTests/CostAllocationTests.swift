import CostModel
import CostReports
import Testing

struct CostAllocationTests {
    /// Rates with digits below a nano-dollar per token, so that span costs round: $0.3700007 per
    /// million input tokens, $1.1300003 per million output tokens.
    let pricer = SpanPricer(
        book: PriceBook(models: [
            ModelPrice(
                provider: "test", model: "m", effectiveFrom: CalendarDate(daysSinceEpoch: 0),
                rates: [
                    .input: TokenRate(perMillion: Money(nanos: 370_000_700)),
                    .output: TokenRate(perMillion: Money(nanos: 1_130_000_300)),
                ])
        ]))

    static let day: Int64 = 86_400_000_000_000
    /// 2026-11-02T00:00:00Z, a Monday.
    static let monday: Int64 = 1_793_577_600_000_000_000

    func span(
        run: UInt64, _ id: UInt64, parent: UInt64?, start: Int64 = monday, attributes: Attributes = [:],
        model: String? = nil, input: Int64 = 0, output: Int64 = 0
    ) -> SpanRecord {
        SpanRecord(
            traceID: TraceID(high: 0, low: run), spanID: SpanID(id), parentSpanID: parent.map(SpanID.init),
            kind: model == nil ? .step : .llm, name: "span \(id)", startNanos: start, endNanos: start + 1_000,
            attributes: attributes, model: model, usage: TokenUsage(input: input, output: output))
    }

    /// Run 1: team search, one call of user u-1 and one of u-2. Run 2: team search at the root but
    /// one call of team ads. Run 3: no team at all, one unpriced call.
    var spans: [SpanRecord] {
        [
            span(run: 1, 1, parent: nil, attributes: ["team": "search"]),
            span(run: 1, 2, parent: 1, attributes: ["user.id": "u-1"], model: "m", input: 1_234, output: 77),
            span(run: 1, 3, parent: 1, attributes: ["user.id": "u-2"], model: "m", input: 999, output: 3),
            span(run: 2, 4, parent: nil, start: Self.monday + 8 * Self.day, attributes: ["team": "search"]),
            span(run: 2, 5, parent: 4, start: Self.monday + 8 * Self.day, model: "m", input: 3_333, output: 1),
            span(
                run: 2, 6, parent: 4, start: Self.monday + 8 * Self.day, attributes: ["team": "ads"], model: "m",
                input: 7, output: 7),
            span(run: 3, 7, parent: nil, start: Self.monday + 40 * Self.day),
            span(run: 3, 8, parent: 7, start: Self.monday + 40 * Self.day, model: "m", input: 5_001, output: 9),
            span(run: 3, 9, parent: 7, start: Self.monday + 40 * Self.day, model: "unknown", input: 10),
        ]
    }

    var runs: [CostedRun] { CostedRun.price(Run.group(spans), with: pricer) }

    func cost(of ids: [UInt64]) -> Money {
        spans.filter { ids.contains($0.spanID.value) }.map { pricer.cost(of: $0).total }.reduce(.zero, +)
    }

    @Test func eachSpansSelfCostGoesToItsInheritedTeamAndRowsAddUpToTheRuns() throws {
        let allocation = CostAllocation(runs: runs, by: [AllocationKey("team")])
        let byTeam = Dictionary(uniqueKeysWithValues: allocation.rows.map { ($0.values[0], $0) })
        #expect(allocation.rows.count == 3)
        #expect(byTeam["search"]?.cost.total == cost(of: [1, 2, 3, 4, 5]))
        #expect(byTeam["ads"]?.cost.total == cost(of: [6]))
        let unallocated = try #require(byTeam[String?.none])
        #expect(unallocated.cost.total == cost(of: [7, 8]))
        #expect(unallocated.cost.unpricedSpans == 1)
        #expect(unallocated.cost.spans == 3)
        let runsTotal = runs.reduce(CostTotals()) { $0 + $1.total }
        #expect(allocation.total == runsTotal)
        #expect(allocation.rows.map(\.cost.total).reduce(.zero, +) == runsTotal.total)
        #expect(allocation.rows.map(\.cost.unpricedSpans).reduce(0, +) == runsTotal.unpricedSpans)
        #expect(allocation.rows.map(\.cost.spans).reduce(0, +) == spans.count)
    }

    @Test func rowsCountDistinctRunsSpansAndTokens() {
        let allocation = CostAllocation(runs: runs, by: [AllocationKey("team")])
        let search = allocation.rows.first { $0.values == ["search"] }
        #expect(search?.runs == 2)
        #expect(search?.cost.spans == 5)
        #expect(search?.tokens == TokenUsage(input: 1_234 + 999 + 3_333, output: 77 + 3 + 1))
        #expect(allocation.runs == 3)
    }

    @Test func twoKeysGroupByBothAndAMissingValueIsNil() {
        let allocation = CostAllocation(runs: runs, by: [AllocationKey("team"), AllocationKey("user")])
        let groups = Set(allocation.rows.map { $0.values.map { $0 ?? "-" }.joined(separator: "/") })
        #expect(groups == ["search/u-1", "search/u-2", "search/-", "ads/-", "-/-"])
        #expect(allocation.rows.first { $0.values == ["search", "u-1"] }?.cost.total == cost(of: [2]))
        #expect(allocation.rows.first { $0.values == ["search", nil] }?.cost.total == cost(of: [1, 4, 5]))
    }

    @Test func rowsAreOrderedByCostThenByValuesWithUnallocatedLast() {
        let allocation = CostAllocation(runs: runs, by: [AllocationKey("team"), AllocationKey("user")])
        for (earlier, later) in zip(allocation.rows, allocation.rows.dropFirst()) {
            #expect(earlier.cost.total >= later.cost.total)
        }
        // Without the model calls every span costs zero: the tie is broken by value, unallocated last.
        let free = CostedRun.price(Run.group(spans.filter { $0.model == nil }), with: pricer)
        #expect(CostAllocation(runs: free, by: [AllocationKey("team")]).rows.map(\.values) == [["search"], [nil]])
    }

    @Test func periodsBucketSpansByTheirStartAndComeFirstInTheOrder() {
        let weekly = CostAllocation(runs: runs, by: [AllocationKey("team")], period: .week)
        #expect(weekly.rows.map { $0.period?.iso ?? "" } == ["2026-11-02", "2026-11-09", "2026-11-09", "2026-12-07"])
        #expect(weekly.rows[0].values == ["search"])
        #expect(weekly.rows[0].cost.total == cost(of: [1, 2, 3]))
        #expect(weekly.rows.map(\.cost.total).reduce(.zero, +) == weekly.total.total)
        let monthly = CostAllocation(runs: runs, by: [], period: .month)
        #expect(monthly.rows.map { $0.period?.iso ?? "" } == ["2026-11-01", "2026-12-01"])
        #expect(monthly.rows[0].cost.total == cost(of: [1, 2, 3, 4, 5, 6]))
    }

    @Test func theJSONNamesFieldsAsTheKeysWereGivenAndWritesMissingValuesAsNull() {
        let json = AllocationReport(allocation: CostAllocation(runs: runs, by: [AllocationKey("user")])).json()
        #expect(json.contains(#""user": "u-1","#))
        #expect(json.contains(#""user": null,"#))
        #expect(json.contains(#""period": null,"#))
        let total = runs.reduce(CostTotals()) { $0 + $1.total }
        #expect(json.contains(#""total_usd": "\#(total.total.decimalString)","#))
        #expect(json.contains(#""cost_usd": "\#(cost(of: [2]).decimalString)","#))
    }

    @Test func theTextTableShowsUnallocatedAndATotalLine() throws {
        let lines = AllocationReport(allocation: CostAllocation(runs: runs, by: [AllocationKey("team")])).text()
            .split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("TEAM "))
        #expect(lines.contains { $0.hasPrefix("(unallocated) ") && $0.contains("+?") })
        let totalLine = try #require(lines.first { $0.hasPrefix("total ") })
        #expect(totalLine.contains(Format.usd(runs.reduce(CostTotals()) { $0 + $1.total }.total)))
        #expect(
            lines.last == "unpriced spans are counted, not costed: "
                + Format.total(runs.reduce(CostTotals()) { $0 + $1.total }))
        // Every line of the table is as wide as the header: the columns align.
        #expect(lines.prefix(5).allSatisfy { $0.count == lines[0].count })
    }

    @Test func theCSVHasOneColumnPerKeyThePeriodAndEveryTokenKind() {
        let csv = AllocationReport(allocation: CostAllocation(runs: runs, by: [AllocationKey("team")], period: .day))
            .csv()
        let records = csv.split(separator: "\r\n").map(String.init)
        #expect(records[0].hasPrefix("team,period,cost_usd,unpriced_spans,runs,spans,tokens_input,tokens_cache_read,"))
        #expect(records.count == 1 + 4)
        #expect(records.contains { $0.hasPrefix("(unallocated),2026-12-12,") })
    }
}

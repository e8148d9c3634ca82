import CostModel
import CostReports
import Testing

struct BudgetCheckTests {
    static let day: Int64 = 86_400_000_000_000
    static let hour: Int64 = 3_600_000_000_000

    static func nanos(_ iso: String) -> Int64 { CalendarDate(iso: iso)!.startNanos }
    static func usd(_ text: String) -> Money { Money(exactDecimal: text)! }

    /// A pricer that knows one model, so that a span naming another is unpriced.
    let pricer = SpanPricer(
        book: PriceBook(models: [
            ModelPrice(
                provider: "test", model: "m", effectiveFrom: CalendarDate(daysSinceEpoch: 0),
                rates: [.input: TokenRate(perMillion: Money(nanos: 1_000_000_000))])
        ]))

    /// A span whose cost the provider reported as `cost`, so that spend is set to the nano-dollar.
    func span(
        run: UInt64, _ id: UInt64, parent: UInt64? = nil, start: Int64, cost: Money? = nil,
        attributes: Attributes = [:], resource: Attributes = [:], model: String? = nil
    ) -> SpanRecord {
        SpanRecord(
            traceID: TraceID(high: 0, low: run), spanID: SpanID(id), parentSpanID: parent.map(SpanID.init),
            kind: model == nil ? .step : .llm, name: "span \(id)", startNanos: start, endNanos: start + 1_000,
            attributes: attributes, resource: resource, model: model, usage: TokenUsage(input: model == nil ? 0 : 10),
            reportedCost: cost)
    }

    func check(_ budgets: [Budget], _ spans: [SpanRecord], at: Int64, unpriced: UnpricedSpanPolicy = .count)
        -> BudgetCheck
    {
        BudgetCheck(budgets: budgets, runs: CostedRun.price(Run.group(spans), with: pricer), at: at, unpriced: unpriced)
    }

    func budget(_ period: CalendarPeriod, _ amount: String, scope: [String: String] = [:], warn: String? = "80%")
        -> Budget
    {
        Budget(
            name: "b", scope: BudgetScope(scope), period: period, amount: Self.usd(amount),
            warn: warn.flatMap { BudgetThreshold(text: $0) }, hard: .whole)
    }

    @Test(arguments: [
        (Int64(-1), BudgetStatus.warn), (0, .exceeded), (1, .exceeded),
    ])
    func spendOneNanoDollarBelowTheLimitWarnsAndExactlyAtOrAboveItExceeds(_ offset: Int64, _ status: BudgetStatus) {
        let day = Self.nanos("2026-11-05")
        // Two spans that add up to $1.00 + offset nano-dollars.
        let spans = [
            span(run: 1, 1, start: day + Self.hour, cost: Self.usd("0.6")),
            span(run: 1, 2, parent: 1, start: day + 2 * Self.hour, cost: Self.usd("0.4") + Money(nanos: offset)),
        ]
        let result = check([budget(.day, "1.00")], spans, at: day + 12 * Self.hour).results[0]
        #expect(result.spent == Self.usd("1") + Money(nanos: offset))
        #expect(result.status == status)
    }

    @Test func theWarnThresholdIsReachedAtExactlyItsShareOfTheAmount() {
        let day = Self.nanos("2026-11-05")
        for (cost, status) in [(Self.usd("0.8") - Money(nanos: 1), BudgetStatus.ok), (Self.usd("0.8"), .warn)] {
            let spans = [span(run: 1, 1, start: day, cost: cost)]
            #expect(check([budget(.day, "1")], spans, at: day + Self.hour).results[0].status == status)
        }
    }

    @Test func anISOWeekAcrossTheYearsEndCountsItsMondayToSundayAndNothingAround() {
        // 2026-12-28 is the Monday of 2026-W53, which ends on Sunday 2027-01-03.
        let monday = Self.nanos("2026-12-28")
        let nextMonday = Self.nanos("2027-01-04")
        let spans = [
            span(run: 1, 1, start: monday - 1, cost: Self.usd("100")),  // Sunday of W52, last nanosecond
            span(run: 2, 2, start: monday, cost: Self.usd("0.01")),
            span(run: 3, 3, start: Self.nanos("2027-01-01"), cost: Self.usd("0.02")),
            span(run: 4, 4, start: nextMonday - 1, cost: Self.usd("0.04")),
            span(run: 5, 5, start: nextMonday, cost: Self.usd("100")),  // W01 of 2027
        ]
        let lastNanosecond = check([budget(.week, "1")], spans, at: nextMonday - 1).results[0]
        #expect(lastNanosecond.interval.label == "2026-W53")
        // The span that starts at `at` itself is not counted yet.
        #expect(lastNanosecond.spent == Self.usd("0.03"))
        #expect(lastNanosecond.runs == 2)
        // At the next Monday's midnight the next week is checked, and nothing of it has started before `at`.
        let nextWeek = check([budget(.week, "1")], spans, at: nextMonday).results[0]
        #expect(nextWeek.interval.label == "2027-W01")
        #expect(nextWeek.spent == .zero)
        #expect(check([budget(.week, "1")], spans, at: nextMonday + 1).results[0].spent == Self.usd("100"))
    }

    @Test func aLeapYearsFebruaryCountsItsTwentyNinthDay() {
        let spans = [
            span(run: 1, 1, start: Self.nanos("2028-02-01") - 1, cost: Self.usd("5")),
            span(run: 2, 2, start: Self.nanos("2028-02-01"), cost: Self.usd("0.25")),
            span(run: 3, 3, start: Self.nanos("2028-02-29") + 11 * Self.hour, cost: Self.usd("0.5")),
            span(run: 4, 4, start: Self.nanos("2028-02-29") + 13 * Self.hour, cost: Self.usd("5")),  // after `at`
            span(run: 5, 5, start: Self.nanos("2028-03-01"), cost: Self.usd("5")),
        ]
        let result = check([budget(.month, "1")], spans, at: Self.nanos("2028-02-29") + 12 * Self.hour).results[0]
        #expect(result.interval.days == 29)
        #expect(result.spent == Self.usd("0.75"))
        #expect(result.runs == 2)
    }

    @Test func theProjectionIsTheRunRateAndWaitsForATenthOfThePeriod() {
        // November has 30 days: at the start of the 16th, half of it has passed.
        let spans = [span(run: 1, 1, start: Self.nanos("2026-11-03"), cost: Self.usd("3.000000001"))]
        let half = check([budget(.month, "10")], spans, at: Self.nanos("2026-11-16")).results[0]
        #expect(half.elapsedShare == 0.5)
        #expect(half.projected == Self.usd("6.000000002"))
        #expect(half.projectedStatus == .ok)
        let quarterDay = check(
            [budget(.day, "10")], [span(run: 1, 1, start: Self.nanos("2026-11-16"), cost: Self.usd("2"))],
            at: Self.nanos("2026-11-16") + 6 * Self.hour
        ).results[0]
        #expect(quarterDay.projected == Self.usd("8"))
        #expect(quarterDay.projectedStatus == .warn)
        // 2 hours is less than a tenth of a day: too early to say.
        let early = check(
            [budget(.day, "10")], [span(run: 1, 1, start: Self.nanos("2026-11-16"), cost: Self.usd("2"))],
            at: Self.nanos("2026-11-16") + 2 * Self.hour
        ).results[0]
        #expect(early.projected == nil)
        #expect(early.projectedStatus == nil)
    }

    @Test func scopesMatchInheritedAttributesResourcesAndSpanFields() {
        let day = Self.nanos("2026-11-05")
        let spans = [
            // Run 1: support, baseline at the root; one call overrides the variant.
            span(run: 1, 1, start: day, attributes: ["team": "support", "variant": "baseline"]),
            span(run: 1, 2, parent: 1, start: day, cost: Self.usd("0.1"), model: "m"),
            span(
                run: 1, 3, parent: 1, start: day, cost: Self.usd("0.2"), attributes: ["variant": "cached"], model: "m"),
            // Run 2: support only in the resource, baseline at the root.
            span(run: 2, 4, start: day, attributes: ["variant": "baseline"], resource: ["team": "support"]),
            span(run: 2, 5, parent: 4, start: day, cost: Self.usd("0.4"), model: "other"),
            // Run 3: another team.
            span(run: 3, 6, start: day, cost: Self.usd("0.8"), attributes: ["team": "search", "variant": "baseline"]),
        ]
        let budgets = [
            budget(.day, "10", scope: ["team": "support"]),
            budget(.day, "10", scope: ["team": "support", "variant": "baseline"]),
            budget(.day, "10", scope: ["variant": "baseline"]),
            budget(.day, "10", scope: ["model": "m"]),
            budget(.day, "10"),
        ]
        let spent = check(budgets, spans, at: day + Self.hour).results.map(\.spent)
        #expect(spent == ["0.7", "0.5", "1.3", "0.3", "1.5"].map(Self.usd))
    }

    @Test func unpricedSpansInScopeAreCountedAndExceedOnlyWhenTheCheckFailsClosed() {
        let day = Self.nanos("2026-11-05")
        let spans = [
            span(run: 1, 1, start: day, cost: Self.usd("0.1"), model: "m"),
            span(run: 1, 2, parent: 1, start: day, model: "unknown"),
        ]
        let counted = check([budget(.day, "1")], spans, at: day + Self.hour).results[0]
        #expect(counted.cost.unpricedSpans == 1)
        #expect(counted.cost.spans == 2)
        #expect(counted.spent == Self.usd("0.1"))
        #expect(counted.status == .ok)
        let failClosed = check([budget(.day, "1")], spans, at: day + Self.hour, unpriced: .exceed)
        #expect(failClosed.results[0].status == .exceeded)
        #expect(failClosed.isExceeded)
    }

    @Test func aMonthsSpendEqualsTheAllocationReportsRowForTheSameScopeAndMonth() {
        var spans: [SpanRecord] = []
        // Three teams over two months, at costs with digits down to the nano-dollar.
        for run in UInt64(1)...60 {
            let start = Self.nanos("2026-10-20") + Int64(run) * 17 * Self.hour
            let team = ["support", "search", "ads"][Int(run % 3)]
            spans.append(span(run: run, run * 10, start: start, attributes: ["team": .string(team)]))
            spans.append(
                span(
                    run: run, run * 10 + 1, parent: run * 10, start: start + 1,
                    cost: Money(nanos: 123_456_789 * Int64(run))))
        }
        let runs = CostedRun.price(Run.group(spans), with: pricer)
        let allocation = CostAllocation(runs: runs, by: [AllocationKey("team")], period: .month)
        let result = BudgetCheck(
            budgets: [budget(.month, "100", scope: ["team": "search"])], runs: runs, at: Self.nanos("2026-12-01") - 1
        ).results[0]
        let row = allocation.rows.first { $0.values == ["search"] && $0.period == CalendarDate(iso: "2026-11-01") }
        #expect(result.spent == row?.cost.total)
        #expect(result.cost.spans == row?.cost.spans)
        #expect(result.runs == row?.runs)
    }

    @Test func theCheckIsExceededWhenAnyHardBudgetIs() {
        let day = Self.nanos("2026-11-05")
        let spans = [span(run: 1, 1, start: day, cost: Self.usd("2"), attributes: ["team": "a"])]
        let warnOnly = Budget(name: "w", period: .day, amount: Self.usd("1"), warn: .whole)
        #expect(!check([warnOnly], spans, at: day + 1).isExceeded)
        #expect(check([warnOnly], spans, at: day + 1).worstStatus == .warn)
        let both = check([warnOnly, budget(.day, "1", scope: ["team": "a"])], spans, at: day + 1)
        #expect(both.isExceeded)
        #expect(both.results.map(\.status) == [.warn, .exceeded])
    }
}

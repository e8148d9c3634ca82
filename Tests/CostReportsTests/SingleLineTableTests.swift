import CostModel
import CostReports
import Testing

/// Names and values with line breaks or control characters stay on their line of a text table.
struct SingleLineTableTests {
    /// A team with a line break, a tab and a terminal colour code in its name.
    static let team = "search\nads\tteam\u{1B}[31m"
    static let shown = "search ads team\u{FFFD}[31m"
    static let day: Int64 = 86_400_000_000_000
    /// 2026-11-02T12:00:00Z.
    static let noon: Int64 = 1_793_577_600_000_000_000 + day / 2

    /// A run a day for a week, each a call of $1 that the provider reported, for `team`.
    var runs: [CostedRun] {
        let spans = (0..<7).map { day in
            SpanRecord(
                traceID: TraceID(high: 3, low: UInt64(day + 1)), spanID: SpanID(1), kind: .llm, name: "call",
                startNanos: Self.noon + Int64(day) * Self.day, endNanos: Self.noon + Int64(day) * Self.day + 1,
                attributes: ["team": .string(Self.team)], model: "m", reportedCost: Money(nanos: 1_000_000_000))
        }
        return CostedRun.price(Run.group(spans), with: SpanPricer(book: .empty))
    }

    /// Every line of `text` is free of control characters, and one of them shows the team.
    func expectOneLineEach(_ text: String, lines: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let split = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(split.count == lines, "\(text)", sourceLocation: sourceLocation)
        #expect(
            !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(text)", sourceLocation: sourceLocation)
        #expect(split.contains { $0.hasPrefix(Self.shown) }, "\(text)", sourceLocation: sourceLocation)
    }

    @Test func theAllocationTableKeepsAValueOnItsLine() {
        let report = AllocationReport(allocation: CostAllocation(runs: runs, by: [AllocationKey("team")]))
        // The header, the team's row and the total.
        expectOneLineEach(report.text(), lines: 3)
        // JSON and CSV keep the value as it is: they quote it.
        #expect(report.json().contains(#""team": "search\nads\tteam\u001b[31m""#))
    }

    @Test func theBudgetTableKeepsANameAndAScopeOnTheirLine() {
        let budget = Budget(
            name: Self.team, scope: BudgetScope(["team": Self.team]), period: .month,
            amount: Money(nanos: 100_000_000_000), hard: .whole)
        let check = BudgetCheck(budgets: [budget], runs: runs, at: Self.noon + 7 * Self.day)
        #expect(check.results[0].spent == Money(nanos: 7_000_000_000))
        let text = BudgetReport(check: check).text()
        // The time, the header, the budget, the summary and the projection's method.
        expectOneLineEach(text, lines: 5)
        #expect(text.contains("team=" + Self.shown))
    }

    @Test func theForecastAndBacktestTablesKeepAValueOnItsLine() throws {
        let forecast = try SpendForecast(
            runs: runs, by: [AllocationKey("team")], period: .month, at: Self.noon + 7 * Self.day)
        // The title, the header, the team, the total, the method, a blank line, the series'
        // title and header, and its six fitted days (3 to 8 November).
        let text = ForecastReport(forecast: forecast).text()
        expectOneLineEach(text, lines: 14)
        #expect(text.contains("DAY         " + Self.shown.uppercased()))
        let backtest = try ForecastBacktest(runs: runs, by: [AllocationKey("team")], holdOut: 1)
        // The title, the header, one held-out day, a blank line, the header, the team, the total
        // and the legend.
        expectOneLineEach(BacktestReport(backtest: backtest).text(), lines: 8)
    }
}

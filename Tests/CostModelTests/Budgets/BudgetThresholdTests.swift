import CostModel
import Testing

struct BudgetThresholdTests {
    private func usd(_ text: String) -> Money { Money(exactDecimal: text)! }

    @Test(arguments: [
        ("0.8", Int64(800_000_000)), ("80%", 800_000_000), ("1", 1_000_000_000), ("100%", 1_000_000_000),
        ("12.5%", 125_000_000), ("1.25", 1_250_000_000), ("0.000000001", 1), ("0.0000001%", 1),
    ])
    func fractionsAndPercentagesReadExactly(_ text: String, _ scaled: Int64) {
        #expect(BudgetThreshold(text: text)?.scaled == scaled)
    }

    @Test(arguments: ["", "%", "0.8.1", "1e-1", "80 %", "eighty", "0.0000000001", "0.00000001%", "0.8%%"])
    func otherTextIsNotAThreshold(_ text: String) {
        #expect(BudgetThreshold(text: text) == nil)
    }

    @Test func theLimitIsTheLeastSpendThatReachesTheThreshold() {
        // $1.000000001 × 0.5 = $0.5000000005: half a nano-dollar, which no spend has.
        let amount = usd("1.000000001")
        let half = BudgetThreshold(text: "50%")!
        let limit = half.limit(of: amount)
        #expect(limit == usd("0.500000001"))
        #expect(half.isReached(by: limit, of: amount))
        #expect(!half.isReached(by: limit - Money(nanos: 1), of: amount))
        #expect(BudgetThreshold.whole.limit(of: amount) == amount)
    }

    @Test func aHardThresholdIsReachedAtExactlyTheLimitAndNotOneNanoDollarBelow() {
        let budget = Budget(
            name: "b", period: .month, amount: usd("150"), warn: BudgetThreshold(text: "0.8"), hard: .whole)
        let warnAt = usd("120")
        #expect(budget.warnLimit == warnAt)
        #expect(budget.hardLimit == usd("150"))
        #expect(budget.status(spent: warnAt - Money(nanos: 1)) == .ok)
        #expect(budget.status(spent: warnAt) == .warn)
        #expect(budget.status(spent: usd("150") - Money(nanos: 1)) == .warn)
        #expect(budget.status(spent: usd("150")) == .exceeded)
        #expect(budget.status(spent: usd("150") + Money(nanos: 1)) == .exceeded)
    }

    @Test func aWarnOnlyBudgetIsNeverExceeded() {
        let budget = Budget(name: "b", period: .day, amount: usd("1"), warn: BudgetThreshold(text: "90%"))
        #expect(budget.status(spent: usd("0.9") - Money(nanos: 1)) == .ok)
        #expect(budget.status(spent: usd("0.9")) == .warn)
        #expect(budget.status(spent: usd("1000")) == .warn)
        #expect(budget.hardLimit == nil)
    }

    @Test func unpricedSpansReachEveryThresholdOnlyWhenTheBudgetFailsClosed() {
        let hard = Budget(name: "b", period: .day, amount: usd("1"), warn: BudgetThreshold(text: "0.5"), hard: .whole)
        let warnOnly = Budget(name: "w", period: .day, amount: usd("1"), warn: BudgetThreshold(text: "0.5"))
        #expect(hard.status(spent: .zero, unpricedSpans: 3, unpriced: .count) == .ok)
        #expect(hard.status(spent: .zero, unpricedSpans: 3, unpriced: .exceed) == .exceeded)
        #expect(hard.status(spent: .zero, unpricedSpans: 0, unpriced: .exceed) == .ok)
        #expect(warnOnly.status(spent: .zero, unpricedSpans: 1, unpriced: .exceed) == .warn)
    }
}

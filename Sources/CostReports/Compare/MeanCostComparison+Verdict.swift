import CostModel

extension MeanCostComparison {
    /// One line for people: which group costs less per run, by how much, and how sure that is;
    /// it says no more than ``conclusion`` allows.
    ///
    /// - `cached-context is 31% cheaper per run than baseline, 95% CI 24–37%, 60 vs 60 runs`
    /// - `no clear difference in cost per run: b vs a +1.2%, 95% CI -3.0% to +5.5%, 40 vs 40 runs`
    ///   when the interval holds zero.
    /// - `cached is at least 31% cheaper per run than baseline, 95% CI 24–37%, 60 vs 60 runs
    ///   (lower bound: baseline misses 3 unpriced spans)` when unpriced spans can only widen it.
    /// - `no verdict, costs incomplete: cached vs baseline -31%, 95% CI -37% to -24% of priced
    ///   costs, 60 vs 60 runs; cached misses 3 unpriced spans` when unpriced spans could close,
    ///   reverse or clarify the difference.
    /// - `no verdict, too few runs for a 95% CI (at least 10 a group): cached vs baseline -31.0%,
    ///   4 vs 3 runs` when a group has fewer than ``minimumRunsForInterval`` runs.
    ///
    /// Percentages are whole when all three are 10% or more, else to one decimal. When the base
    /// group cost nothing the difference is given in dollars instead. Group values are shown on
    /// one line (``Format/singleLine(_:)``).
    public var verdict: String {
        let level = "\(options.confidencePercent)% CI"
        let counts = "\(compare.runs) vs \(base.runs) runs"
        let (compareLabel, baseLabel) = (Format.singleLine(compare.label), Format.singleLine(base.label))
        let groups = "\(compareLabel) vs \(baseLabel)"
        guard let interval else {
            let change = relative.map { Self.percent($0, 1, signed: true) } ?? signedUSD(difference)
            return
                "no verdict, too few runs for a \(level) (at least \(Self.minimumRunsForInterval) a group): "
                + "\(groups) \(change), \(counts)" + unpricedSuffix(bound: false)
        }
        let conclusion = conclusion
        let range: String
        let change: String
        if let relative, let low = interval.relativeLow, let high = interval.relativeHigh {
            let decimals = min(abs(relative), abs(low), abs(high)) >= 0.1 ? 0 : 1
            switch conclusion {
            case .differs, .differsAtLeast:
                let cheaper = relative < 0
                let (near, far) = cheaper ? (-high, -low) : (low, high)
                let atLeast = conclusion == .differsAtLeast ? "at least " : ""
                let amount = "\(atLeast)\(Self.percent(abs(relative), decimals))"
                let direction = cheaper ? "cheaper" : "more expensive"
                return
                    "\(compareLabel) is \(amount) \(direction) per run than \(baseLabel), "
                    + "\(level) \(Self.number(near, decimals))–\(Self.percent(far, decimals)), \(counts)"
                    + unpricedSuffix(bound: true)
            default:
                change = Self.percent(relative, decimals, signed: true)
                range = "\(Self.percent(low, decimals, signed: true)) to \(Self.percent(high, decimals, signed: true))"
            }
        } else {
            let lowMoney = Money(nanos: Int64(interval.lowNanos.rounded()))
            let highMoney = Money(nanos: Int64(interval.highNanos.rounded()))
            switch conclusion {
            case .differs, .differsAtLeast:
                let less = difference.nanos < 0
                let (near, far) = less ? (-highMoney.nanos, -lowMoney.nanos) : (lowMoney.nanos, highMoney.nanos)
                let atLeast = conclusion == .differsAtLeast ? "at least " : ""
                let amount = Format.usd(Money(nanos: abs(difference.nanos)))
                return
                    "\(compareLabel) costs \(atLeast)\(amount) \(less ? "less" : "more") per run than \(baseLabel), "
                    + "\(level) \(Format.usd(Money(nanos: near)))–\(Format.usd(Money(nanos: far))), \(counts)"
                    + unpricedSuffix(bound: true)
            default:
                change = signedUSD(difference)
                range = "\(signedUSD(lowMoney)) to \(signedUSD(highMoney))"
            }
        }
        if conclusion == .noClearDifference {
            return "no clear difference in cost per run: \(groups) \(change), \(level) \(range), \(counts)"
        }
        return
            "no verdict, costs incomplete: \(groups) \(change), \(level) \(range) of priced costs, \(counts)"
            + unpricedSuffix(bound: false)
    }

    /// Which sides miss unpriced spans: ` (lower bound: baseline misses 3 unpriced spans)` for a
    /// bound, `; baseline misses 3 unpriced spans` otherwise; empty when the costs are complete.
    private func unpricedSuffix(bound: Bool) -> String {
        func misses(_ group: CostGroup) -> String? {
            guard group.unpricedSpans > 0 else { return nil }
            let spans = group.unpricedSpans == 1 ? "span" : "spans"
            return "\(Format.singleLine(group.label)) misses \(group.unpricedSpans) unpriced \(spans)"
        }
        let sides = [misses(compare), misses(base)].compactMap { $0 }
        guard !sides.isEmpty else { return "" }
        let list = sides.joined(separator: " and ")
        return bound ? " (lower bound: \(list))" : "; \(list)"
    }

    private func signedUSD(_ money: Money) -> String {
        money.nanos > 0 ? "+" + Format.usd(money) : Format.usd(money)
    }

    /// A fraction as a percentage: `0.312` → `"31%"` (no decimals) or `"31.2%"`.
    static func percent(_ fraction: Double, _ decimals: Int, signed: Bool = false) -> String {
        let text = number(fraction, decimals) + "%"
        return signed && !text.hasPrefix("-") ? "+" + text : text
    }

    /// A fraction as a number of percent, rounded half away from zero: `0.312` → `"31"` or `"31.2"`.
    static func number(_ fraction: Double, _ decimals: Int) -> String {
        let scale = decimals == 0 ? 1.0 : 10.0
        let units = Int64((abs(fraction) * 100 * scale).rounded())
        var text = decimals == 0 ? String(units) : "\(units / 10).\(units % 10)"
        if fraction < 0 && units != 0 { text = "-" + text }
        return text
    }
}

import CostModel

extension MeanCostComparison {
    /// One line for people: which group costs less per run, by how much, and how sure that is.
    ///
    /// - `cached-context is 31% cheaper per run than baseline, 95% CI 24–37%, 60 vs 60 runs`
    /// - `no clear difference in cost per run: b vs a +1.2%, 95% CI -3.0% to +5.5%, 40 vs 40 runs`
    ///   when the interval holds zero.
    ///
    /// Percentages are whole when all three are 10% or more, else to one decimal. When the base
    /// group cost nothing the difference is given in dollars instead.
    public var verdict: String {
        let level = "\(options.confidencePercent)% CI"
        let counts = "\(compare.runs) vs \(base.runs) runs"
        let groups = "\(compare.label) vs \(base.label)"
        guard let relative, let low = interval.relativeLow, let high = interval.relativeHigh else {
            let lowMoney = Money(nanos: Int64(interval.lowNanos.rounded()))
            let highMoney = Money(nanos: Int64(interval.highNanos.rounded()))
            if interval.coversZero {
                let range = "\(signedUSD(lowMoney)) to \(signedUSD(highMoney))"
                return
                    "no clear difference in cost per run: \(groups) \(signedUSD(difference)), "
                    + "\(level) \(range), \(counts)"
            }
            let less = difference.nanos < 0
            let (near, far) = less ? (-highMoney.nanos, -lowMoney.nanos) : (lowMoney.nanos, highMoney.nanos)
            let amount = Format.usd(Money(nanos: abs(difference.nanos)))
            let range = "\(Format.usd(Money(nanos: near)))–\(Format.usd(Money(nanos: far)))"
            return
                "\(compare.label) costs \(amount) \(less ? "less" : "more") per run than \(base.label), "
                + "\(level) \(range), \(counts)"
        }
        let decimals = min(abs(relative), abs(low), abs(high)) >= 0.1 ? 0 : 1
        if interval.coversZero {
            let change = Self.percent(relative, decimals, signed: true)
            let range = "\(Self.percent(low, decimals, signed: true)) to \(Self.percent(high, decimals, signed: true))"
            return "no clear difference in cost per run: \(groups) \(change), \(level) \(range), \(counts)"
        }
        let cheaper = relative < 0
        let (near, far) = cheaper ? (-high, -low) : (low, high)
        let change = "\(Self.percent(abs(relative), decimals)) \(cheaper ? "cheaper" : "more expensive")"
        let range = "\(Self.number(near, decimals))–\(Self.percent(far, decimals))"
        return "\(compare.label) is \(change) per run than \(base.label), \(level) \(range), \(counts)"
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

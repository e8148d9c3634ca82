import CostModel

/// Each budget's standing as a table, JSON or CSV.
///
/// Money in JSON and CSV is an exact decimal string; thresholds are percentages of the amount.
public struct BudgetReport {
    public var check: BudgetCheck

    /// How the projection is made, as reports state it.
    public static let projectionMethod =
        "projected = spend so far × period length ÷ time elapsed (the run rate), shown once a tenth of the period has passed"

    public init(check: BudgetCheck) {
        self.check = check
    }

    /// An aligned table, then a summary line and how the projection is made.
    public func text(style: TextStyle = TextStyle()) -> String {
        let header = [
            "BUDGET", "SCOPE", "PERIOD", "SPENT", "UNPRICED", "LIMIT", "WARN", "HARD", "SHARE", "PROJECTED", "STATUS",
        ]
        let rightAligned: Set<Int> = [3, 4, 5, 6, 7, 8, 9]
        let lines = check.results.map { result -> [String] in
            let budget = result.budget
            var projected = result.projected.map(Format.usd) ?? "-"
            if let status = result.projectedStatus, status > result.status {
                projected += status == .exceeded ? " over" : " warn"
            }
            // Names and scopes are written on one line each: a line break would break the table.
            return [
                Format.singleLine(budget.name), Format.singleLine(budget.scope.description), result.interval.label,
                Self.spent(result.cost),
                result.cost.unpricedSpans == 0 ? "-" : String(result.cost.unpricedSpans), Format.usd(budget.amount),
                budget.warn?.percentString ?? "-", budget.hard?.percentString ?? "-", Format.percent(result.share),
                projected, result.status.rawValue,
            ]
        }
        var widths = header.map(\.count)
        for line in lines {
            for (column, field) in line.enumerated() { widths[column] = max(widths[column], field.count) }
        }
        // Names and scopes are cut at 40 columns, so one long name cannot push the numbers off screen.
        widths[0] = min(widths[0], 40)
        widths[1] = min(widths[1], 40)
        func layout(_ fields: [String]) -> String {
            fields.enumerated().map { column, field in
                rightAligned.contains(column) ? field.leftPadded(to: widths[column]) : field.fitted(to: widths[column])
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var output = "budgets at \(Format.timestamp(nanos: check.at))\n"
        output += style.dim(layout(header)) + "\n"
        for (result, line) in zip(check.results, lines) {
            let text = layout(line)
            output += (result.status == .ok ? text : style.bold(text)) + "\n"
        }
        let counts = BudgetStatus.allCases.reversed().map { status in
            "\(check.results.filter { $0.status == status }.count) \(status.rawValue)"
        }
        output += "\(check.results.count) budgets: " + counts.joined(separator: ", ") + "\n"
        let unpriced = check.results.reduce(0) { $0 + $1.cost.unpricedSpans }
        if unpriced > 0 {
            output +=
                check.unpriced == .count
                ? "unpriced spans are counted, not costed: spend is a lower bound where UNPRICED is not -\n"
                : "unpriced spans exceed every threshold of their budget (--unpriced exceed)\n"
        }
        output += Self.projectionMethod + "\n"
        return output
    }

    /// `{"at": …, "status": …, "budgets": […]}`; money as exact decimal strings.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("at", Format.timestamp(nanos: check.at))
        writer.string("status", check.worstStatus.rawValue)
        writer.string("unpriced_policy", check.unpriced.rawValue)
        writer.string("projection", Self.projectionMethod)
        writer.beginArray("budgets")
        for result in check.results {
            let budget = result.budget
            writer.beginObject()
            writer.string("name", budget.name)
            writer.beginObject("scope")
            for filter in budget.scope.filters { writer.string(filter.key, filter.value) }
            writer.endObject()
            writer.string("period", budget.period.rawValue)
            writer.string("period_label", result.interval.label)
            writer.string("period_start", Format.timestamp(nanos: result.interval.startNanos))
            writer.string("period_end", Format.timestamp(nanos: result.interval.endNanos))
            writer.string("elapsed", Self.decimal(result.elapsedNanos, over: result.interval.lengthNanos))
            writer.string("spent_usd", result.spent.decimalString)
            writer.number("unpriced_spans", result.cost.unpricedSpans)
            writer.number("spans", result.cost.spans)
            writer.number("runs", result.runs)
            writer.string("amount_usd", budget.amount.decimalString)
            writer.optionalString("warn", budget.warn?.percentString)
            writer.optionalString("hard", budget.hard?.percentString)
            writer.optionalString("warn_at_usd", budget.warnLimit?.decimalString)
            writer.optionalString("hard_at_usd", budget.hardLimit?.decimalString)
            writer.string("share", Self.decimal(result.spent.nanos, over: budget.amount.nanos))
            writer.optionalString("projected_usd", result.projected?.decimalString)
            writer.optionalString("projected_status", result.projectedStatus?.rawValue)
            writer.string("status", result.status.rawValue)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        return writer.text + "\n"
    }

    /// One record per budget, with the columns of ``json()``'s budgets; scope as `key=value`
    /// pairs separated by spaces.
    public func csv() -> String {
        var writer = CSVWriter(header: [
            "name", "scope", "period", "period_label", "period_start", "period_end", "elapsed", "spent_usd",
            "unpriced_spans", "spans", "runs", "amount_usd", "warn", "hard", "warn_at_usd", "hard_at_usd", "share",
            "projected_usd", "projected_status", "status",
        ])
        for result in check.results {
            let budget = result.budget
            writer.record([
                budget.name, budget.scope.isEverything ? "" : budget.scope.description, budget.period.rawValue,
                result.interval.label, Format.timestamp(nanos: result.interval.startNanos),
                Format.timestamp(nanos: result.interval.endNanos),
                Self.decimal(result.elapsedNanos, over: result.interval.lengthNanos), result.spent.decimalString,
                String(result.cost.unpricedSpans), String(result.cost.spans), String(result.runs),
                budget.amount.decimalString, budget.warn?.percentString, budget.hard?.percentString,
                budget.warnLimit?.decimalString, budget.hardLimit?.decimalString,
                Self.decimal(result.spent.nanos, over: budget.amount.nanos), result.projected?.decimalString,
                result.projectedStatus?.rawValue, result.status.rawValue,
            ])
        }
        return writer.text
    }

    /// Spend for people, as the allocation report shows it: marked `+?` when unpriced spans are
    /// missing from it, and `unpriced` (never $0) when every span counted is.
    static func spent(_ cost: CostTotals) -> String {
        switch cost.unpricedSpans {
        case 0: Format.usd(cost.total)
        case cost.spans: "unpriced"
        default: Format.usd(cost.total) + "+?"
        }
    }

    /// `numerator ÷ denominator` as a decimal rounded half up to six places, trailing zeros
    /// dropped: `"0.28"`, `"1.05"`, `"0"`.
    static func decimal(_ numerator: Int64, over denominator: Int64) -> String {
        guard denominator > 0 else { return "0" }
        let scaled = (Int128(numerator) * 1_000_000 * 2 + Int128(denominator)) / (Int128(denominator) * 2)
        let magnitude = scaled.magnitude
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return (scaled < 0 ? "-" : "") + String(magnitude / 1_000_000) + (fraction.isEmpty ? "" : "." + fraction)
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}

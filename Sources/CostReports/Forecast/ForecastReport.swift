import CostModel

/// A spend forecast as a table, JSON or CSV.
///
/// Spend so far is exact; forecast amounts are estimates, named `*_estimate_usd` in JSON and CSV.
/// The estimated parts are rounded to $0.0001; the end of the period and the band's ends are the
/// exact spend so far plus such a part, so that none is ever below what was spent.
public struct ForecastReport {
    public var forecast: SpendForecast

    public init(forecast: SpendForecast) {
        self.forecast = forecast
    }

    /// The forecast table, the method, and the daily series it was fitted to.
    public func text(style: TextStyle = TextStyle()) -> String {
        let forecast = forecast
        let keyNames = forecast.keys.map { Format.singleLine($0.name) }
        let header =
            keyNames.map { $0.uppercased() } + [
                "SO FAR", "UNPRICED", "DAILY NOW", "TREND/DAY", "REST (EST.)", "END OF PERIOD", "95% LOW", "95% HIGH",
            ]
        func numbers(_ row: SpendForecast.Row) -> [String] {
            [
                Format.usd(row.actual) + (row.unpricedSpans == 0 ? "" : "+?"),
                row.unpricedSpans == 0 ? "-" : String(row.unpricedSpans),
                Self.usd(row.dailyNow), Self.signedUSD(row.trend.slope), Self.usd(row.remaining),
                Self.usd(row.roundedEndOfPeriod), Self.usd(row.roundedLow), Self.usd(row.roundedHigh),
            ]
        }
        var lines = forecast.rows.map { Self.labels(of: $0.values) + numbers($0) }
        let totalLine =
            (keyNames.isEmpty ? [] : ["total"] + Array(repeating: "", count: keyNames.count - 1))
            + numbers(forecast.total)
        lines.append(totalLine)
        var output = "forecast of \(forecast.interval) at \(Format.timestamp(nanos: forecast.at)): "
        output += "\(Self.days(forecast.daysLeft)) days left\n"
        output += Self.table(header: header, lines: lines, keyColumns: keyNames.count, style: style, boldLast: true)
        output += "method: \(forecast.method)\n"
        if forecast.total.unpricedSpans > 0 {
            output += "unpriced spans are counted, not costed, and not forecast\n"
        }
        output += "\ndaily spend (UTC days fitted)\n"
        let groups = forecast.rows.map { Self.labels(of: $0.values).joined(separator: " ") }
        let seriesHeader = ["DAY"] + groups.map { $0.uppercased() } + ["TOTAL"]
        let seriesLines = forecast.fittedDays.indices.map { day in
            [forecast.fittedDays[day].iso] + forecast.rows.map { Format.usd($0.fitted[day]) }
                + [Format.usd(forecast.total.fitted[day])]
        }
        output += Self.table(header: seriesHeader, lines: seriesLines, keyColumns: 1, style: style, boldLast: false)
        return output
    }

    /// `{"period": …, "method": …, "rows": […], "total": {…}}`.
    public func json() -> String {
        let forecast = forecast
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("at", Format.timestamp(nanos: forecast.at))
        writer.string("period", forecast.interval.period.rawValue)
        writer.string("period_label", forecast.interval.label)
        writer.string("period_start", Format.timestamp(nanos: forecast.interval.startNanos))
        writer.string("period_end", Format.timestamp(nanos: forecast.interval.endNanos))
        writer.string("days_left", Self.days(forecast.daysLeft))
        writer.string("method", forecast.method)
        writer.string("estimate_precision_usd", "0.0001")
        writer.beginArray("fitted_days")
        for day in forecast.fittedDays { writer.string(nil, day.iso) }
        writer.endArray()
        writer.beginArray("keys")
        for key in forecast.keys { writer.string(nil, key.name) }
        writer.endArray()
        writer.beginArray("rows")
        for row in forecast.rows { write(row, into: &writer, name: nil) }
        writer.endArray()
        write(forecast.total, into: &writer, name: "total")
        writer.endObject()
        return writer.text + "\n"
    }

    private func write(_ row: SpendForecast.Row, into writer: inout JSONWriter, name: String?) {
        writer.beginObject(name)
        for (key, value) in zip(forecast.keys, row.values) { writer.optionalString(key.name, value) }
        writer.string("so_far_usd", row.actual.decimalString)
        writer.number("unpriced_spans", row.unpricedSpans)
        writer.string("daily_now_estimate_usd", Self.estimate(row.dailyNow))
        writer.string("trend_per_day_estimate_usd", Self.estimate(row.trend.slope))
        writer.string("rest_estimate_usd", Self.estimate(row.remaining))
        writer.string("end_of_period_estimate_usd", Self.estimate(row.roundedEndOfPeriod, row.endOfPeriod))
        writer.string("low_estimate_usd", Self.estimate(row.roundedLow, row.low))
        writer.string("high_estimate_usd", Self.estimate(row.roundedHigh, row.high))
        writer.beginArray("daily")
        for (day, spend) in zip(forecast.fittedDays, row.fitted) {
            writer.beginObject()
            writer.string("day", day.iso)
            writer.string("spend_usd", spend.decimalString)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// One record per group (or one for the total when not grouped): key columns, then the
    /// numbers of ``json()``'s rows.
    public func csv() -> String {
        let forecast = forecast
        var writer = CSVWriter(
            header: forecast.keys.map(\.name) + [
                "period_label", "so_far_usd", "unpriced_spans", "daily_now_estimate_usd", "trend_per_day_estimate_usd",
                "rest_estimate_usd", "end_of_period_estimate_usd", "low_estimate_usd", "high_estimate_usd",
            ])
        for row in forecast.keys.isEmpty ? [forecast.total] : forecast.rows {
            writer.record(
                row.values.map { $0 ?? CostAllocation.unallocated } + [
                    forecast.interval.label, row.actual.decimalString, String(row.unpricedSpans),
                    Self.estimate(row.dailyNow), Self.estimate(row.trend.slope), Self.estimate(row.remaining),
                    Self.estimate(row.roundedEndOfPeriod, row.endOfPeriod), Self.estimate(row.roundedLow, row.low),
                    Self.estimate(row.roundedHigh, row.high),
                ])
        }
        return writer.text
    }

    /// A group's values for a text table, each on one line: a line break would break the table.
    static func labels(of values: [String?]) -> [String] {
        values.map { $0.map(Format.singleLine) ?? CostAllocation.unallocated }
    }

    // MARK: Numbers

    /// Dollars rounded to $0.0001, as a decimal string with four decimals: `"9.6123"`, `"-0.0012"`.
    static func estimate(_ dollars: Double) -> String {
        let units = (dollars * 10_000).rounded()
        guard units.isFinite, abs(units) < 9e17 else { return dollars > 0 ? "inf" : "-inf" }
        let value = Int64(units)
        let magnitude = value.magnitude
        let fraction = String(magnitude % 10_000)
        return (value < 0 ? "-" : "") + String(magnitude / 10_000) + "."
            + String(repeating: "0", count: 4 - fraction.count)
            + fraction
    }

    /// Spend so far plus an estimate (``SpendForecast/Row/roundedEndOfPeriod``) as an exact
    /// decimal string; `dollars`, as ``estimate(_:)`` writes it, when it does not fit.
    static func estimate(_ money: Money?, _ dollars: Double) -> String {
        money?.decimalString ?? estimate(dollars)
    }

    /// Spend so far plus an estimate for people, as ``Format/usd(_:)`` shows money; `-` when it
    /// does not fit.
    static func usd(_ money: Money?) -> String {
        money.map(Format.usd) ?? "-"
    }

    /// Dollars for people, rounded to $0.0001 first, then shown as ``Format/usd(_:)`` shows money.
    static func usd(_ dollars: Double) -> String {
        let units = (dollars * 10_000).rounded()
        guard units.isFinite, abs(units) < 9e17 else { return "-" }
        return Format.usd(Money(nanos: Int64(units) * 100_000))
    }

    /// `+$0.0012`, `-$0.0030`, `$0.00`.
    static func signedUSD(_ dollars: Double) -> String {
        let text = usd(dollars)
        return text.hasPrefix("-") || text == "$0.00" ? text : "+" + text
    }

    /// Days with at most two decimals: `"19"`, `"18.25"`.
    static func days(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let fraction = hundredths % 100
        return String(hundredths / 100) + (fraction == 0 ? "" : "." + (fraction < 10 ? "0" : "") + String(fraction))
    }

    static func table(header: [String], lines: [[String]], keyColumns: Int, style: TextStyle, boldLast: Bool) -> String
    {
        var widths = header.map(\.count)
        for line in lines {
            for (column, field) in line.enumerated() { widths[column] = max(widths[column], field.count) }
        }
        for column in 0..<keyColumns { widths[column] = min(widths[column], 40) }
        func layout(_ fields: [String]) -> String {
            var text = fields.enumerated().map { column, field in
                column < keyColumns ? field.fitted(to: widths[column]) : field.leftPadded(to: widths[column])
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var output = style.dim(layout(header)) + "\n"
        for (index, line) in lines.enumerated() {
            output += (boldLast && index == lines.count - 1 ? style.bold(layout(line)) : layout(line)) + "\n"
        }
        return output
    }
}

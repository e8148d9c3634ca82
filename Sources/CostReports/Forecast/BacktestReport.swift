import CostModel

/// A forecast backtest as a table or JSON: each held-out day's actual and forecast spend, then
/// the errors per group.
public struct BacktestReport {
    public var backtest: ForecastBacktest

    public init(backtest: ForecastBacktest) {
        self.backtest = backtest
    }

    /// The held-out days of the total, then one line of errors per group and for the total.
    public func text(style: TextStyle = TextStyle()) -> String {
        let backtest = backtest
        let first = backtest.fittedDays.first?.iso ?? "", last = backtest.fittedDays.last?.iso ?? ""
        var output =
            "backtest: \(backtest.heldOutDays.count) held-out days forecast from the \(backtest.fittedDays.count) days "
        output += "\(first) to \(last) (ordinary least squares line, 95% band)\n"
        let dayLines = backtest.heldOutDays.indices.map { index -> [String] in
            let actual = backtest.total.actual[index]
            let forecast = backtest.total.forecast[index]
            return [
                backtest.heldOutDays[index].iso, Format.usd(actual), ForecastReport.usd(forecast),
                ForecastReport.signedUSD(forecast - actual.dollars),
                actual > .zero ? Self.percent((forecast - actual.dollars) / actual.dollars) : "-",
            ]
        }
        output += ForecastReport.table(
            header: ["DAY", "ACTUAL", "FORECAST", "ERROR", "ERROR %"], lines: dayLines, keyColumns: 1, style: style,
            boldLast: false)
        output += "\n"
        let keyNames = backtest.keys.map { Format.singleLine($0.name) }
        func numbers(_ row: ForecastBacktest.Row) -> [String] {
            [
                Format.usd(row.actualSum), ForecastReport.usd(row.forecastSum), row.sumError.map(Self.percent) ?? "-",
                "±" + ForecastReport.usd(row.halfWidth), row.sumIsInsideBand ? "yes" : "no",
                ForecastReport.usd(row.meanAbsoluteError),
                row.meanAbsolutePercentageError.map(Self.unsignedPercent) ?? "-",
            ]
        }
        var lines = backtest.rows.map { ForecastReport.labels(of: $0.values) + numbers($0) }
        lines.append(
            (keyNames.isEmpty ? [] : ["total"] + Array(repeating: "", count: keyNames.count - 1))
                + numbers(backtest.total))
        output += ForecastReport.table(
            header: keyNames.map { $0.uppercased() } + [
                "ACTUAL", "FORECAST", "SUM ERROR", "95% BAND", "INSIDE", "MAE/DAY", "MAPE",
            ],
            lines: lines, keyColumns: keyNames.count, style: style, boldLast: true)
        output += "MAE: mean absolute error per day; MAPE: mean absolute percentage error over days with spend\n"
        return output
    }

    /// `{"held_out_days": […], "rows": […], "total": {…}}`; forecasts are estimates rounded to $0.0001.
    public func json() -> String {
        let backtest = backtest
        var writer = JSONWriter()
        writer.beginObject()
        writer.beginArray("fitted_days")
        for day in backtest.fittedDays { writer.string(nil, day.iso) }
        writer.endArray()
        writer.beginArray("held_out_days")
        for day in backtest.heldOutDays { writer.string(nil, day.iso) }
        writer.endArray()
        writer.beginArray("keys")
        for key in backtest.keys { writer.string(nil, key.name) }
        writer.endArray()
        writer.beginArray("rows")
        for row in backtest.rows { write(row, into: &writer, name: nil) }
        writer.endArray()
        write(backtest.total, into: &writer, name: "total")
        writer.endObject()
        return writer.text + "\n"
    }

    private func write(_ row: ForecastBacktest.Row, into writer: inout JSONWriter, name: String?) {
        writer.beginObject(name)
        for (key, value) in zip(backtest.keys, row.values) { writer.optionalString(key.name, value) }
        writer.beginArray("days")
        for (index, day) in backtest.heldOutDays.enumerated() {
            writer.beginObject()
            writer.string("day", day.iso)
            writer.string("actual_usd", row.actual[index].decimalString)
            writer.string("forecast_estimate_usd", ForecastReport.estimate(row.forecast[index]))
            writer.endObject()
        }
        writer.endArray()
        writer.string("actual_usd", row.actualSum.decimalString)
        writer.string("forecast_estimate_usd", ForecastReport.estimate(row.forecastSum))
        writer.string("band_half_width_estimate_usd", ForecastReport.estimate(row.halfWidth))
        writer.bool("inside_band", row.sumIsInsideBand)
        writer.optionalString("sum_error", row.sumError.map { Self.fraction($0) })
        writer.string("mean_absolute_error_estimate_usd", ForecastReport.estimate(row.meanAbsoluteError))
        writer.optionalString(
            "mean_absolute_percentage_error", row.meanAbsolutePercentageError.map { Self.fraction($0) })
        writer.endObject()
    }

    /// `+5.2%`, `-0.4%`.
    static func percent(_ fraction: Double) -> String {
        (fraction < 0 ? "-" : "+") + Format.percent(abs(fraction))
    }

    static func unsignedPercent(_ fraction: Double) -> String { Format.percent(fraction) }

    /// A fraction with four decimals: `"0.0523"`.
    static func fraction(_ value: Double) -> String { ForecastReport.estimate(value) }
}

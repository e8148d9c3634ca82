import CostModel

extension VariantComparison {
    /// The groups as an aligned table, mean tokens per run by kind, and the comparison with its
    /// verdict.
    ///
    /// Money is rounded for display (the JSON has it exact); `PER OK RUN` is the cost per
    /// successful run, `FAILED` the share of runs whose root span has status `error`, `HAD ERRORS`
    /// the share of runs with any span of status `error`. Group values are shown on one line
    /// (``Format/singleLine(_:)``), so a value with a line break cannot break the table.
    public func text(style: TextStyle = TextStyle()) -> String {
        guard let all else { return "no runs selected\n" }
        let rows = groups.map { (Format.singleLine($0.label), $0) } + [("all", all)]

        var costs: [[String]] = [
            [
                Format.singleLine(grouping.attribute.uppercased()), "RUNS", "TOTAL", "MEAN", "MEDIAN", "P95",
                "PER OK RUN", "FAILED", "HAD ERRORS", "CACHE READ", "UNPRICED",
            ]
        ]
        for (label, group) in rows {
            costs.append([
                label, Format.count(Int64(group.runs)), Format.usd(group.total.total), Format.usd(group.mean),
                Format.usd(group.median), Format.usd(group.p95), group.costPerSuccessfulRun.map(Format.usd) ?? "-",
                Format.percent(group.errorRate), Format.percent(group.shareOfRunsWithSpanErrors),
                group.cacheReadShare.map(Format.percent) ?? "-",
                group.unpricedSpans == 0 ? "-" : Format.count(Int64(group.unpricedSpans)),
            ])
        }
        var output = Self.table(costs, style: style, lastRowBold: true)

        let kinds = TokenKind.allCases.filter { all.tokens[$0] != 0 }
        if !kinds.isEmpty {
            var tokens: [[String]] = [["TOKENS PER RUN"] + kinds.map { $0.rawValue.uppercased() }]
            for (label, group) in rows {
                tokens.append([label] + kinds.map { Format.count(Int64(group.meanTokens($0).rounded())) })
            }
            output += "\n" + Self.table(tokens, style: style, lastRowBold: false)
        }
        if all.unpricedSpans > 0 {
            output +=
                style.dim(
                    "totals leave out \(all.unpricedSpans) unpriced spans (add them to a price book with --prices)")
                + "\n"
        }

        output += "\n"
        if let comparison {
            output += comparisonText(comparison, style: style)
        } else if let noComparisonReason {
            output += style.dim("no comparison: \(Format.singleLine(noComparisonReason))") + "\n"
        }
        return output
    }

    private func comparisonText(_ comparison: MeanCostComparison, style: TextStyle) -> String {
        let level = "\(comparison.options.confidencePercent)% CI"
        let (compareLabel, baseLabel) = (
            Format.singleLine(comparison.compare.label), Format.singleLine(comparison.base.label)
        )
        var output = "\(compareLabel) vs \(baseLabel), mean cost per run\n"
        var rows = [["  difference", Format.usd(comparison.difference), ""]]
        if let relative = comparison.relative {
            rows.append(["  relative", MeanCostComparison.percent(relative, 1, signed: true), ""])
        }
        if let interval = comparison.interval {
            let low = Money(nanos: Int64(interval.lowNanos.rounded()))
            let high = Money(nanos: Int64(interval.highNanos.rounded()))
            rows[0][2] = "\(level) \(Format.usd(low)) to \(Format.usd(high))"
            if rows.count > 1, let relativeLow = interval.relativeLow, let relativeHigh = interval.relativeHigh {
                rows[1][2] =
                    "\(level) \(MeanCostComparison.percent(relativeLow, 1, signed: true)) to "
                    + "\(MeanCostComparison.percent(relativeHigh, 1, signed: true))"
            }
        }
        for row in rows {
            let line = row[0].fitted(to: 13) + row[1].leftPadded(to: 12)
            output += (row[2].isEmpty ? line : line + "   " + row[2]) + "\n"
        }
        if comparison.interval != nil {
            let resamples = Format.count(Int64(comparison.options.resamples))
            let method = comparison.options.percentiles.methodName
            output += style.dim(
                "  (\(level) by \(method): \(resamples) resamples, seed \(comparison.options.seed); "
                    + "its bounds are estimates)")
        } else if let reason = comparison.noIntervalReason {
            output += style.dim("  (no \(level): \(reason))")
        }
        output += "\n"
        if !comparison.isComplete {
            output += style.dim("  (means of priced costs: unpriced spans cost something they leave out)") + "\n"
        }
        return output + style.bold(comparison.verdict) + "\n"
    }

    /// Rows of cells: the first column left-aligned, the others right-aligned, each as wide as its
    /// widest cell; the first row is the header.
    private static func table(_ rows: [[String]], style: TextStyle, lastRowBold: Bool) -> String {
        var widths = [Int](repeating: 0, count: rows[0].count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        var output = ""
        for (index, row) in rows.enumerated() {
            var line = row[0].fitted(to: widths[0])
            for column in 1..<row.count { line += "  " + row[column].leftPadded(to: widths[column]) }
            if index == 0 {
                line = style.dim(line)
            } else if lastRowBold && index == rows.count - 1 {
                line = style.bold(line)
            }
            output += line + "\n"
        }
        return output
    }
}

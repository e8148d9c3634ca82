import CostModel

/// Spend per group of allocation keys as a table, JSON or CSV.
///
/// Every format has one column per key, named as the key was given (`team`, `user`), then
/// `period` when grouped by period, then the row's cost, unpriced span count, runs, spans and
/// tokens. A missing value is ``CostAllocation/unallocated`` in text and CSV and `null` in JSON.
public struct AllocationReport {
    public var allocation: CostAllocation

    /// Column names of the report's own, which a key may not take.
    public static let reservedNames: Set<String> = ["period", "cost_usd", "unpriced_spans", "runs", "spans", "tokens"]

    public init(allocation: CostAllocation) {
        self.allocation = allocation
    }

    /// An aligned table with a share column and a total line.
    public func text(style: TextStyle = TextStyle()) -> String {
        let allocation = allocation
        let keyColumns = allocation.keys.map(\.name) + (allocation.period == nil ? [] : ["period"])
        // Values are written on one line each: a line break in one would break the table.
        func labels(_ row: CostAllocation.Row) -> [String] {
            row.values.map { $0.map(Format.singleLine) ?? CostAllocation.unallocated }
                + (row.period.map { [$0.iso] } ?? [])
        }
        func numbers(_ cost: CostTotals, runs: Int, tokens: TokenUsage) -> [String] {
            let share =
                allocation.total.total.nanos == 0 || cost.unpricedSpans == cost.spans
                ? "-" : Format.percent(Double(cost.total.nanos) / Double(allocation.total.total.nanos))
            // As in the tree: a cost that misses unpriced spans is marked, and never shown as $0.
            let amount =
                cost.unpricedSpans == 0
                ? Format.usd(cost.total) : cost.unpricedSpans == cost.spans ? "unpriced" : Format.usd(cost.total) + "+?"
            return [
                amount, share, cost.unpricedSpans == 0 ? "-" : String(cost.unpricedSpans), String(runs),
                Format.count(Int64(cost.spans)), Format.compactCount(tokens.totalTokens),
            ]
        }
        let header =
            keyColumns.map { Format.singleLine($0.uppercased()) } + [
                "COST", "SHARE", "UNPRICED", "RUNS", "SPANS", "TOKENS",
            ]
        var body = allocation.rows.map { labels($0) + numbers($0.cost, runs: $0.runs, tokens: $0.tokens) }
        var totalLine = numbers(allocation.total, runs: allocation.runs, tokens: allocation.tokens)
        totalLine.insert(contentsOf: ["total"] + Array(repeating: "", count: max(0, keyColumns.count - 1)), at: 0)
        if keyColumns.isEmpty { totalLine.removeFirst() }
        body.append(totalLine)
        // Key columns are at most 40 wide, so one long value cannot push the numbers off screen.
        var widths = header.map(\.count)
        for line in body {
            for (column, field) in line.enumerated() { widths[column] = max(widths[column], field.count) }
        }
        for column in keyColumns.indices { widths[column] = min(widths[column], 40) }
        func layout(_ fields: [String]) -> String {
            fields.enumerated().map { column, field in
                column < keyColumns.count ? field.fitted(to: widths[column]) : field.leftPadded(to: widths[column])
            }.joined(separator: "  ")
        }
        var output = style.dim(layout(header)) + "\n"
        for line in body.dropLast() { output += layout(line) + "\n" }
        output += style.bold(layout(totalLine)) + "\n"
        if allocation.total.unpricedSpans > 0 {
            output += "unpriced spans are counted, not costed: \(Format.total(allocation.total))\n"
        }
        return output
    }

    /// `{"keys": […], "period": …, "rows": […], "total_usd": …}`; money as exact decimal strings.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.beginArray("keys")
        for key in allocation.keys { writer.string(nil, key.name) }
        writer.endArray()
        writer.optionalString("period", allocation.period?.rawValue)
        writer.beginArray("rows")
        for row in allocation.rows {
            writer.beginObject()
            for (key, value) in zip(allocation.keys, row.values) { writer.optionalString(key.name, value) }
            if let period = row.period { writer.string("period", period.iso) }
            writer.string("cost_usd", row.cost.total.decimalString)
            writer.number("runs", row.runs)
            writer.number("spans", row.cost.spans)
            writeTokens(&writer, "tokens", row.tokens)
            writer.number("unpriced_spans", row.cost.unpricedSpans)
            writer.endObject()
        }
        writer.endArray()
        writer.string("total_usd", allocation.total.total.decimalString)
        writer.number("unpriced_spans", allocation.total.unpricedSpans)
        writer.number("runs", allocation.runs)
        writer.number("spans", allocation.total.spans)
        writeTokens(&writer, "tokens", allocation.tokens)
        writer.endObject()
        return writer.text + "\n"
    }

    /// One record per row, with every token kind as a column `tokens_KIND`; no total record.
    public func csv() -> String {
        let keyNames = allocation.keys.map(\.name)
        var writer = CSVWriter(
            header: keyNames + (allocation.period == nil ? [] : ["period"])
                + ["cost_usd", "unpriced_spans", "runs", "spans"] + TokenKind.allCases.map { "tokens_" + $0.rawValue })
        for row in allocation.rows {
            writer.record(
                row.values.map { $0 ?? CostAllocation.unallocated } + (row.period.map { [$0.iso] } ?? [])
                    + [
                        row.cost.total.decimalString, String(row.cost.unpricedSpans), String(row.runs),
                        String(row.cost.spans),
                    ]
                    + TokenKind.allCases.map { String(row.tokens[$0]) })
        }
        return writer.text
    }
}

import CostModel

extension VariantComparison {
    /// One row per group, as RFC 4180 CSV, with the same figures as ``json()``; the comparison is
    /// not tabular and is left to the other formats.
    ///
    /// The first column is named as the attribute (``valueFieldName``) and is empty for
    /// `(unallocated)` and `(mixed)`; the last column, `mixed`, tells them apart. Every token kind
    /// has a column of its total and one of its mean per run.
    public func csv() -> String {
        let kinds = TokenKind.allCases
        var header = [
            valueFieldName, "runs", "total_cost_usd", "mean_cost_usd", "median_cost_usd", "p95_cost_usd",
            "cost_per_successful_run_usd", "successful_runs", "failed_runs", "error_rate", "runs_with_span_errors",
            "cache_read_share", "unpriced_spans",
        ]
        header += kinds.map { "\($0.rawValue)_tokens" }
        header += kinds.map { "mean_\($0.rawValue)_tokens_per_run" }
        header.append("mixed")
        var writer = CSVWriter(header: header)
        for group in groups {
            var fields: [String?] = [
                group.value, String(group.runs), group.total.total.decimalString, group.mean.decimalString,
                group.median.decimalString, group.p95.decimalString, group.costPerSuccessfulRun?.decimalString,
                String(group.successfulRuns), String(group.failedRuns), String(group.errorRate),
                String(group.runsWithSpanErrors), group.cacheReadShare.map { String($0) }, String(group.unpricedSpans),
            ]
            fields += kinds.map { String(group.tokens[$0]) }
            fields += kinds.map { String(group.meanTokens($0)) }
            fields.append(String(group.key == .mixed))
            writer.record(fields)
        }
        return writer.text
    }
}

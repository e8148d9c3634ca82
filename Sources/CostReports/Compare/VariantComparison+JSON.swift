import CostModel

extension VariantComparison {
    /// Fields every group has; a group's value goes in a field named as the attribute, unless the
    /// attribute has one of these names, when it goes in `value`.
    static let groupFieldNames: Set<String> = [
        "runs", "total_cost_usd", "mean_cost_usd", "median_cost_usd", "p95_cost_usd", "cost_per_successful_run_usd",
        "successful_runs", "failed_runs", "error_rate", "runs_with_span_errors", "cache_read_share", "unpriced_spans",
        "tokens", "mean_tokens_per_run", "mixed",
    ]

    /// The name of the field that holds a group's value: the attribute's own name where it can be.
    public var valueFieldName: String {
        Self.groupFieldNames.contains(grouping.attribute) ? "value" : grouping.attribute
    }

    /// The groups, every run together, and the comparison, as JSON.
    ///
    /// Money is an exact decimal string; the confidence interval's bounds in dollars are estimates
    /// rounded to the nano-dollar. Shares, rates and relative differences are fractions (0.31 is
    /// 31%). The group's value of the attribute is `null` for `(unallocated)` and `(mixed)`;
    /// `mixed` tells them apart.
    public func json() -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("by", grouping.attribute)
        writer.beginArray("groups")
        for group in groups {
            writer.beginObject()
            writer.optionalString(valueFieldName, group.value)
            writer.bool("mixed", group.key == .mixed)
            Self.writeFigures(&writer, group)
            writer.endObject()
        }
        writer.endArray()
        if let all {
            writer.beginObject("all")
            Self.writeFigures(&writer, all)
            writer.endObject()
        } else {
            writer.null("all")
        }
        if let comparison {
            writer.beginObject("comparison")
            Self.writeComparison(&writer, comparison)
            writer.endObject()
        } else {
            writer.null("comparison")
            writer.optionalString("no_comparison_reason", noComparisonReason)
        }
        writer.endObject()
        return writer.text + "\n"
    }

    private static func writeFigures(_ writer: inout JSONWriter, _ group: CostGroup) {
        writer.number("runs", group.runs)
        writer.string("total_cost_usd", group.total.total.decimalString)
        writer.string("mean_cost_usd", group.mean.decimalString)
        writer.string("median_cost_usd", group.median.decimalString)
        writer.string("p95_cost_usd", group.p95.decimalString)
        writer.optionalString("cost_per_successful_run_usd", group.costPerSuccessfulRun?.decimalString)
        writer.number("successful_runs", group.successfulRuns)
        writer.number("failed_runs", group.failedRuns)
        writer.number("error_rate", group.errorRate)
        writer.number("runs_with_span_errors", group.runsWithSpanErrors)
        if let share = group.cacheReadShare {
            writer.number("cache_read_share", share)
        } else {
            writer.null("cache_read_share")
        }
        writer.number("unpriced_spans", group.unpricedSpans)
        writeTokens(&writer, "tokens", group.tokens)
        writer.beginObject("mean_tokens_per_run")
        for kind in TokenKind.allCases where group.tokens[kind] != 0 {
            writer.number(kind.rawValue, group.meanTokens(kind))
        }
        writer.endObject()
    }

    private static func writeComparison(_ writer: inout JSONWriter, _ comparison: MeanCostComparison) {
        writer.optionalString("base", comparison.base.value)
        writer.optionalString("compare", comparison.compare.value)
        writer.bool("base_mixed", comparison.base.key == .mixed)
        writer.bool("compare_mixed", comparison.compare.key == .mixed)
        writer.number("base_runs", comparison.base.runs)
        writer.number("compare_runs", comparison.compare.runs)
        writer.string("base_mean_cost_usd", comparison.base.mean.decimalString)
        writer.string("compare_mean_cost_usd", comparison.compare.mean.decimalString)
        writer.bool("complete", comparison.isComplete)
        writer.number("base_unpriced_spans", comparison.base.unpricedSpans)
        writer.number("compare_unpriced_spans", comparison.compare.unpricedSpans)
        let interval = comparison.interval
        writer.beginObject("difference")
        writer.string("mean_cost_usd", comparison.difference.decimalString)
        writer.optionalString("ci_low_usd", interval.map { Money(nanos: Int64($0.lowNanos.rounded())).decimalString })
        writer.optionalString("ci_high_usd", interval.map { Money(nanos: Int64($0.highNanos.rounded())).decimalString })
        writer.endObject()
        writer.beginObject("relative")
        if let relative = comparison.relative {
            writer.number("difference", relative)
        } else {
            writer.null("difference")
        }
        if let low = interval?.relativeLow { writer.number("ci_low", low) } else { writer.null("ci_low") }
        if let high = interval?.relativeHigh { writer.number("ci_high", high) } else { writer.null("ci_high") }
        writer.endObject()
        writer.number("confidence_percent", comparison.options.confidencePercent)
        writer.number("minimum_runs_for_interval", MeanCostComparison.minimumRunsForInterval)
        writer.optionalString("no_interval_reason", comparison.noIntervalReason)
        writer.string("method", comparison.options.percentiles.methodName + ", runs resampled within each group")
        if let interval {
            writer.beginObject("percentiles")
            writer.number("low", interval.tailShare)
            writer.number("high", 1 - interval.tailShare)
            writer.endObject()
        } else {
            writer.null("percentiles")
        }
        writer.number("resamples", comparison.options.resamples)
        if let seed = Int64(exactly: comparison.options.seed) {
            writer.number("seed", seed)
        } else {
            writer.string("seed", String(comparison.options.seed))
        }
        writer.bool("ci_bounds_are_estimates", true)
        writer.string("conclusion", comparison.conclusion.rawValue)
        writer.string("verdict", comparison.verdict)
    }
}

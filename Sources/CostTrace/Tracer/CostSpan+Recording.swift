import CostModel

extension CostSpan {
    /// Adds the usage of a model call, in CostTrace's buckets or in a provider's own shape.
    ///
    /// Calls add up, so a span that retries a call can record each attempt. The provider's own
    /// numbers are kept beside the normalised buckets.
    ///
    /// ```swift
    /// try span.recordUsage(OpenAIChatUsage(promptTokens: 2_000, completionTokens: 500, cachedTokens: 1_500))
    /// try span.recordUsage(TokenUsage(input: 500, cacheRead: 1_500, output: 500))
    /// ```
    /// - Throws: ``UsageError`` when the numbers cannot be true (for example more cached tokens
    ///   than input tokens); nothing is recorded then.
    public func recordUsage(_ usage: some ProviderUsage) throws(UsageError) {
        let tokens = try usage.normalized()
        let raw = usage.raw
        let units = usage.billableUnits
        update { record in
            record.usage += tokens
            if record.rawUsage == nil { record.rawUsage = raw } else { record.rawUsage!.accumulate(raw) }
            if !units.isEmpty { record.units.merge(units, uniquingKeysWith: +) }
        }
    }

    /// Names the model and its provider, as the provider's API names them.
    public func setModel(_ model: String, provider: String? = nil) {
        update { record in
            record.model = model
            if let provider { record.provider = provider }
        }
    }

    /// Sets the service tier the call ran in, such as `batch`, `priority` or `flex`.
    public func setServiceTier(_ tier: String) {
        update { $0.serviceTier = tier }
    }

    /// Adds billable units other than tokens, such as `web_search` requests made by a model call.
    public func recordUnits(_ name: String, _ count: Int64 = 1) {
        update { $0.units[name, default: 0] += count }
    }

    /// Records calls of a tool, which a price book may charge per call. Calls of the same tool add up.
    public func recordToolCall(_ name: String, calls: Int64 = 1) {
        update { record in
            if record.tool?.name == name { record.tool!.calls += calls } else { record.tool = ToolCall(name: name, calls: calls) }
        }
    }

    /// Records time on GPUs: `count` devices of type `device` held for `duration`.
    ///
    /// Time on the same device type adds up; a span records one device type.
    public func recordGPU(device: String, count: Int64 = 1, duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let nanos = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        update { record in
            if let gpu = record.gpu, gpu.device == device, gpu.count == count {
                record.gpu!.busyNanos += nanos
            } else {
                record.gpu = GPUUsage(device: device, count: count, busyNanos: nanos)
            }
        }
    }

    /// Runs `operation` and records the time it took, on `clock`, as GPU time.
    ///
    /// Pass a clock of your own to feed in recorded or simulated time; tests do.
    public func measureGPU<C: Clock, T>(
        device: String,
        count: Int64 = 1,
        clock: C = ContinuousClock(),
        _ operation: () async throws -> T
    ) async rethrows -> T where C.Duration == Duration {
        let start = clock.now
        defer { recordGPU(device: device, count: count, duration: start.duration(to: clock.now)) }
        return try await operation()
    }

    /// Sets a cost that the provider reported for this call; it wins over the computed cost.
    /// - Throws: ``UsageError`` when it is more than ``SpanRecord/largestReportedCost`` either
    ///   way (a unit mistake, such as cents given as dollars); the span keeps no reported cost.
    public func setReportedCost(_ cost: Money) throws(UsageError) {
        guard cost.nanos.magnitude <= SpanRecord.largestReportedCost.nanos.magnitude else {
            throw UsageError(convention: .costtrace, field: "reported_cost_usd", message: "\(cost.decimalString) is more than $1,000,000 for one span")
        }
        update { $0.reportedCost = cost }
    }

    /// Marks the span failed, with the error's description.
    public func recordError(_ error: any Error) {
        update { record in
            record.status = .error
            record.errorMessage = String(describing: error)
        }
    }

    /// Sets the status; `message` is kept for errors.
    public func setStatus(_ status: SpanStatus, message: String? = nil) {
        update { record in
            record.status = status
            if status == .error, let message { record.errorMessage = message }
        }
    }
}

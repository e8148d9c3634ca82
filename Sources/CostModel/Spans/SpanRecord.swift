/// One finished span of an agent run: what it was, when, and what it used.
///
/// Usage is stored raw (tokens, calls, GPU time), never as money: cost is computed when a span
/// is read, from a dated price book, so that history can be repriced.
public struct SpanRecord: Hashable, Sendable {
    /// The run this span belongs to.
    public var traceID: TraceID
    public var spanID: SpanID
    /// The parent span, `nil` for a root.
    public var parentSpanID: SpanID?
    public var kind: SpanKind
    public var name: String
    /// Start, in nanoseconds since the Unix epoch.
    public var startNanos: Int64
    /// End, in nanoseconds since the Unix epoch; never before ``startNanos``.
    public var endNanos: Int64
    public var status: SpanStatus
    /// The error's description when ``status`` is ``SpanStatus/error``.
    public var errorMessage: String?
    public var attributes: Attributes
    /// Attributes of the process that recorded the span (service name, environment, team…).
    /// Written on the spans that start a process's part of a run; descendants inherit them.
    public var resource: Attributes
    /// The model id as the provider named it, for model calls.
    public var model: String?
    /// The provider, for example `openai`, `anthropic`, `google`, or `self-hosted`.
    public var provider: String?
    /// The service tier the call ran in, for example `batch`, `priority` or `flex`.
    public var serviceTier: String?
    /// Tokens, normalised to buckets that do not overlap.
    public var usage: TokenUsage
    /// The provider's own numbers, as reported.
    public var rawUsage: RawUsage?
    /// Billable units other than tokens, for example `web_search` requests of a model call.
    public var units: [String: Int64]
    /// The tool call this span made, if it is one.
    public var tool: ToolCall?
    /// GPU time this span used.
    public var gpu: GPUUsage?
    /// A cost the provider reported for this span; it wins over the computed one. Trace files
    /// accept at most ``largestReportedCost`` either way.
    public var reportedCost: Money?

    /// The largest cost a span may report, either sign: far above any single model call, and
    /// small enough that no realistic number of spans adds up past 64 bits of nano-dollars.
    public static let largestReportedCost = Money(nanos: 1_000_000 * 1_000_000_000)

    public init(
        traceID: TraceID,
        spanID: SpanID,
        parentSpanID: SpanID? = nil,
        kind: SpanKind,
        name: String,
        startNanos: Int64,
        endNanos: Int64,
        status: SpanStatus = .unset,
        errorMessage: String? = nil,
        attributes: Attributes = [:],
        resource: Attributes = [:],
        model: String? = nil,
        provider: String? = nil,
        serviceTier: String? = nil,
        usage: TokenUsage = .zero,
        rawUsage: RawUsage? = nil,
        units: [String: Int64] = [:],
        tool: ToolCall? = nil,
        gpu: GPUUsage? = nil,
        reportedCost: Money? = nil
    ) {
        self.traceID = traceID
        self.spanID = spanID
        self.parentSpanID = parentSpanID
        self.kind = kind
        self.name = name
        self.startNanos = startNanos
        self.endNanos = endNanos
        self.status = status
        self.errorMessage = errorMessage
        self.attributes = attributes
        self.resource = resource
        self.model = model
        self.provider = provider
        self.serviceTier = serviceTier
        self.usage = usage
        self.rawUsage = rawUsage
        self.units = units
        self.tool = tool
        self.gpu = gpu
        self.reportedCost = reportedCost
    }

    /// The span's duration in nanoseconds.
    public var durationNanos: Int64 { endNanos - startNanos }
}

/// Calls of one tool, which a price book may charge per call.
public struct ToolCall: Hashable, Sendable {
    /// The tool's name, as a price book knows it (for example `web_search`).
    public var name: String
    /// How many calls; usually 1.
    public var calls: Int64

    public init(name: String, calls: Int64 = 1) {
        self.name = name
        self.calls = calls
    }
}

/// Time on GPUs of one device type.
public struct GPUUsage: Hashable, Sendable {
    /// The device type as a price book knows it, for example `H100`.
    public var device: String
    /// How many devices were held.
    public var count: Int64
    /// How long they were held, in nanoseconds of wall time.
    public var busyNanos: Int64

    public init(device: String, count: Int64, busyNanos: Int64) {
        self.device = device
        self.count = count
        self.busyNanos = busyNanos
    }

    /// Device-time: ``count`` × ``busyNanos``, the quantity that a per-device-hour rate prices.
    public var deviceNanos: Int64 { count * busyNanos }
}

import CostModel

/// Reads what GenAI instrumentation wrote on a span: its kind, model, provider, service tier,
/// token usage and tool, by the OpenTelemetry GenAI, OpenInference and OpenLLMetry conventions,
/// and GPU time by CostTrace's own `costtrace.*` attributes.
///
/// The attributes that become model, provider, service tier or usage leave ``SpanRecord/attributes``,
/// so that nothing is stored twice. See `docs/otlp-import.md` for the whole mapping.
enum OTLPConventions {
    /// Attribute names of OpenInference (Arize Phoenix).
    enum OpenInference {
        static let spanKind = "openinference.span.kind"
        static let modelName = "llm.model_name"
        static let embeddingModelName = "embedding.model_name"
        static let provider = "llm.provider"
        static let system = "llm.system"
        static let promptTokens = "llm.token_count.prompt"
        static let completionTokens = "llm.token_count.completion"
        static let totalTokens = "llm.token_count.total"
        static let cacheReadTokens = "llm.token_count.prompt_details.cache_read"
        static let cacheWriteTokens = "llm.token_count.prompt_details.cache_write"
        static let reasoningTokens = "llm.token_count.completion_details.reasoning"
        static let toolName = "tool.name"
    }

    /// Attribute names of OpenLLMetry (Traceloop) that the OpenTelemetry GenAI conventions lack.
    enum OpenLLMetry {
        static let spanKind = "traceloop.span.kind"
        static let entityName = "traceloop.entity.name"
        static let requestType = "llm.request.type"
        static let cacheReadInputTokens = "gen_ai.usage.cache_read_input_tokens"
        static let cacheCreationInputTokens = "gen_ai.usage.cache_creation_input_tokens"
        static let reasoningTokens = "gen_ai.usage.reasoning_tokens"
        static let totalTokens = "llm.usage.total_tokens"
    }

    /// CostTrace's own attributes, for what no convention covers (GPU time) and for a kind that
    /// no convention names.
    enum CostTrace {
        static let kind = "costtrace.kind"
        static let gpuDevice = "costtrace.gpu.device"
        static let gpuCount = "costtrace.gpu.count"
        static let gpuBusyNanos = "costtrace.gpu.busy_ns"
    }

    static let genAIToolName = "gen_ai.tool.name"
    static let genAITotalTokens = "gen_ai.usage.total_tokens"

    /// Model attributes, the first present wins: the response model names the snapshot that ran.
    static let modelNames = [
        GenAIAttribute.responseModel, GenAIAttribute.requestModel, OpenInference.modelName,
        OpenInference.embeddingModelName,
    ]
    /// Provider attributes, the first present wins.
    static let providerNames = [
        GenAIAttribute.providerName, GenAIAttribute.system, OpenInference.provider, OpenInference.system,
    ]
    /// Service tier attributes (OpenAI's), the tier that served the request first.
    static let serviceTierNames = [
        "openai.response.service_tier", "gen_ai.openai.response.service_tier",
        "openai.request.service_tier", "gen_ai.openai.request.service_tier",
    ]
    /// Tool name attributes of a tool span, the first present wins.
    static let toolNames = [genAIToolName, OpenInference.toolName, OpenLLMetry.entityName]

    /// The usage attributes of one counting convention: prompt counts include cache reads and
    /// writes, completion counts include reasoning. Within a bucket the first name present wins.
    struct UsageNames {
        var input: [String]
        var output: [String]
        var cacheRead: [String]
        var cacheCreation: [String]
        var reasoning: [String]
        /// Totals, kept in the raw usage but never read: they are the sum of the others.
        var totals: [String]

        subscript(bucket: Bucket) -> [String] {
            switch bucket {
            case .input: input
            case .output: output
            case .cacheRead: cacheRead
            case .cacheCreation: cacheCreation
            case .reasoning: reasoning
            }
        }
    }

    enum Bucket: CaseIterable {
        case input, output, cacheRead, cacheCreation, reasoning
    }

    /// OpenTelemetry GenAI, with its deprecated names and OpenLLMetry's names for cache and
    /// reasoning tokens, which count the same way.
    static let genAIUsage = UsageNames(
        input: [GenAIAttribute.inputTokens, GenAIAttribute.promptTokens],
        output: [GenAIAttribute.outputTokens, GenAIAttribute.completionTokens],
        cacheRead: [GenAIAttribute.cacheReadInputTokens, OpenLLMetry.cacheReadInputTokens],
        cacheCreation: [GenAIAttribute.cacheCreationInputTokens, OpenLLMetry.cacheCreationInputTokens],
        reasoning: [GenAIAttribute.reasoningOutputTokens, OpenLLMetry.reasoningTokens],
        totals: [genAITotalTokens, OpenLLMetry.totalTokens]
    )

    /// OpenInference: `llm.token_count.prompt` includes the cache details, `completion` the reasoning.
    static let openInferenceUsage = UsageNames(
        input: [OpenInference.promptTokens],
        output: [OpenInference.completionTokens],
        cacheRead: [OpenInference.cacheReadTokens],
        cacheCreation: [OpenInference.cacheWriteTokens],
        reasoning: [OpenInference.reasoningTokens],
        totals: [OpenInference.totalTokens]
    )

    /// The usage conventions, the first present on a span wins; the other's attributes stay.
    static let usageConventions = [genAIUsage, openInferenceUsage]

    /// What an attribute means to the mapping. A rank orders the names of one meaning: lower wins.
    enum Role: Hashable {
        case costtraceKind, operationName, openInferenceKind, traceloopKind, requestType
        case gpuDevice, gpuCount, gpuBusyNanos
        case model(rank: Int), provider(rank: Int), serviceTier(rank: Int), toolName(rank: Int)
        case usage(convention: Int, bucket: Bucket, rank: Int)
        case total(convention: Int)
    }

    /// Every attribute name the mapping reads, so that a span's attributes are looked at once.
    static let roles: [String: Role] = {
        var roles: [String: Role] = [
            CostTrace.kind: .costtraceKind,
            CostTrace.gpuDevice: .gpuDevice,
            CostTrace.gpuCount: .gpuCount,
            CostTrace.gpuBusyNanos: .gpuBusyNanos,
            GenAIAttribute.operationName: .operationName,
            OpenInference.spanKind: .openInferenceKind,
            OpenLLMetry.spanKind: .traceloopKind,
            OpenLLMetry.requestType: .requestType,
        ]
        for (rank, name) in modelNames.enumerated() { roles[name] = .model(rank: rank) }
        for (rank, name) in providerNames.enumerated() { roles[name] = .provider(rank: rank) }
        for (rank, name) in serviceTierNames.enumerated() { roles[name] = .serviceTier(rank: rank) }
        for (rank, name) in toolNames.enumerated() { roles[name] = .toolName(rank: rank) }
        for (convention, names) in usageConventions.enumerated() {
            for bucket in Bucket.allCases {
                for (rank, name) in names[bucket].enumerated() {
                    roles[name] = .usage(convention: convention, bucket: bucket, rank: rank)
                }
            }
            for name in names.totals { roles[name] = .total(convention: convention) }
        }
        return roles
    }()

    /// An attribute that the mapping reads.
    private struct Found {
        var role: Role
        var name: String
        var value: AttributeValue
    }

    /// Sets kind, model, provider, service tier, usage, tool and GPU time of `span` from its
    /// attributes, and removes the attributes that became them.
    ///
    /// Usage is not read on `workflow`, `agent` and `step` spans: instrumentations that write it
    /// there repeat the totals of the model calls below, which would count them twice. A span with
    /// usage but no kind is a model call (`llm`); a span with neither is `other`.
    /// - Parameter attributePath: The error path of an attribute, by name.
    /// - Throws: ``JSONFieldError`` naming the attribute, for a token count that is not a
    ///   non-negative integer or for counts that cannot be true (more cached than input tokens).
    static func apply(to span: inout SpanRecord, attributePath: (String) -> String) throws(JSONFieldError) {
        var found: [Found] = []
        for (name, value) in span.attributes {
            guard let role = roles[name] else { continue }
            if found.isEmpty { found.reserveCapacity(span.attributes.count) }
            found.append(Found(role: role, name: name, value: value))
        }
        guard !found.isEmpty else {
            span.kind = .other
            return
        }
        // Taken out of the span, so that removing attributes does not copy them.
        var attributes = span.attributes
        span.attributes = [:]
        defer { span.attributes = attributes }
        var explicitKind: SpanKind?
        if let entry = found.first(where: { $0.role == .costtraceKind }) {
            guard let kind = SpanKind(rawValue: entry.value.text) else {
                let names = SpanKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw JSONFieldError(
                    field: attributePath(entry.name),
                    message: "unknown kind '\(entry.value.text)' (expected one of \(names))")
            }
            explicitKind = kind
            attributes[entry.name] = nil
        }
        explicitKind = explicitKind ?? kind(of: found)
        if let device = found.first(where: { $0.role == .gpuDevice }), !device.value.text.isEmpty {
            func count(_ role: Role, default value: Int64) throws(JSONFieldError) -> Int64 {
                guard let entry = found.first(where: { $0.role == role }) else { return value }
                guard let number = entry.value.integerValue, number >= 0 else {
                    throw JSONFieldError(
                        field: attributePath(entry.name),
                        message: "expected a non-negative integer, found \(describe(entry.value))")
                }
                attributes[entry.name] = nil
                return number
            }
            span.gpu = GPUUsage(
                device: device.value.text,
                count: try count(.gpuCount, default: 1),
                busyNanos: try count(.gpuBusyNanos, default: span.durationNanos)
            )
            attributes[device.name] = nil
        }

        /// The text of the lowest-ranked attribute of a meaning, not empty; it leaves the
        /// attributes, and so do others of that meaning with the same text.
        func take(_ rank: (Role) -> Int?) -> String? {
            var best: (rank: Int, text: String)?
            for entry in found {
                guard let entryRank = rank(entry.role) else { continue }
                let text = entry.value.text
                if !text.isEmpty, entryRank < best?.rank ?? .max { best = (entryRank, text) }
            }
            guard let best else { return nil }
            for entry in found where rank(entry.role) != nil && entry.value.text == best.text {
                attributes[entry.name] = nil
            }
            return best.text
        }
        if let model = take({ if case .model(let rank) = $0 { rank } else { nil } }) { span.model = model }
        if let provider = take({ if case .provider(let rank) = $0 { rank } else { nil } }) { span.provider = provider }
        if let tier = take({ if case .serviceTier(let rank) = $0 { rank } else { nil } }) { span.serviceTier = tier }

        var hasUsage = false
        let isContainer = explicitKind == .workflow || explicitKind == .agent || explicitKind == .step
        if !isContainer, let convention = usageConvention(in: found) {
            let (usage, raw) = try readUsage(convention, found, attributePath)
            span.usage = usage
            span.rawUsage = raw
            for name in raw.fields.keys { attributes[name] = nil }
            hasUsage = true
        }
        span.kind = explicitKind ?? (hasUsage ? .llm : .other)
        if span.kind == .tool {
            var best: (rank: Int, text: String)?
            for entry in found {
                guard case .toolName(let rank) = entry.role, !entry.value.text.isEmpty, rank < best?.rank ?? .max else {
                    continue
                }
                best = (rank, entry.value.text)
            }
            if let best { span.tool = ToolCall(name: best.text, calls: 1) }
        }
    }

    /// The kind that the first convention present says, or `nil`.
    private static func kind(of found: [Found]) -> SpanKind? {
        var byOperation, byOpenInference, byTraceloop, byRequestType: SpanKind?
        for entry in found {
            switch entry.role {
            case .operationName: byOperation = GenAIAttribute.kind(forOperation: entry.value.text)
            case .openInferenceKind: byOpenInference = openInferenceKind(entry.value.text)
            case .traceloopKind: byTraceloop = traceloopKind(entry.value.text)
            case .requestType: byRequestType = requestTypeKind(entry.value.text)
            default: continue
            }
        }
        return byOperation ?? byOpenInference ?? byTraceloop ?? byRequestType
    }

    /// `openinference.span.kind`, in any case.
    static func openInferenceKind(_ value: String) -> SpanKind? {
        switch value.uppercased() {
        case "LLM": .llm
        case "EMBEDDING": .embedding
        case "RETRIEVER", "RERANKER": .retrieval
        case "TOOL": .tool
        case "AGENT": .agent
        case "CHAIN": .step
        case "GUARDRAIL", "EVALUATOR": .other
        default: nil
        }
    }

    /// `traceloop.span.kind`: the `@workflow`, `@task`, `@agent` and `@tool` decorators.
    static func traceloopKind(_ value: String) -> SpanKind? {
        switch value.lowercased() {
        case "workflow": .workflow
        case "task": .step
        case "agent": .agent
        case "tool": .tool
        default: nil
        }
    }

    /// OpenLLMetry's `llm.request.type` on model calls.
    static func requestTypeKind(_ value: String) -> SpanKind? {
        switch value.lowercased() {
        case "chat", "completion": .llm
        case "embedding": .embedding
        case "rerank": .retrieval
        default: nil
        }
    }

    /// The first usage convention that has a token count (not only a total) on the span.
    private static func usageConvention(in found: [Found]) -> Int? {
        var first: Int?
        for entry in found {
            if case .usage(let convention, _, _) = entry.role, convention < first ?? .max { first = convention }
        }
        return first
    }

    private static func readUsage(
        _ convention: Int,
        _ found: [Found],
        _ attributePath: (String) -> String
    ) throws(JSONFieldError) -> (TokenUsage, RawUsage) {
        let names = usageConventions[convention]
        func count(_ bucket: Bucket) throws(JSONFieldError) -> (name: String, value: Int64)? {
            var best: (rank: Int, entry: Found)?
            for entry in found {
                guard case .usage(convention, bucket, let rank) = entry.role, rank < best?.rank ?? .max else {
                    continue
                }
                best = (rank, entry)
            }
            guard let entry = best?.entry else { return nil }
            guard let number = entry.value.integerValue else {
                throw JSONFieldError(
                    field: attributePath(entry.name),
                    message: "expected an integer token count, found \(describe(entry.value))")
            }
            guard number >= 0 else {
                throw JSONFieldError(field: attributePath(entry.name), message: "is negative (\(number))")
            }
            return (entry.name, number)
        }
        let input = try count(.input)
        let output = try count(.output)
        let cacheRead = try count(.cacheRead)
        let cacheCreation = try count(.cacheCreation)
        let reasoning = try count(.reasoning)
        try checkIncludes(input, names.input[0], [cacheRead, cacheCreation].compactMap { $0 }, attributePath)
        try checkIncludes(output, names.output[0], [reasoning].compactMap { $0 }, attributePath)

        let reported = OTelGenAIUsage(
            inputTokens: input?.value ?? 0,
            outputTokens: output?.value ?? 0,
            cacheReadInputTokens: cacheRead?.value ?? 0,
            cacheCreationInputTokens: cacheCreation?.value ?? 0,
            reasoningOutputTokens: reasoning?.value ?? 0
        )
        let usage: TokenUsage
        do {
            usage = try reported.normalized()
        } catch {
            // The checks above leave nothing for normalisation to reject; kept as a safety net.
            throw JSONFieldError(field: attributePath(input?.name ?? names.input[0]), message: error.description)
        }
        // The raw numbers under the names they arrived with, totals and equal duplicates included.
        var fields: [String: Int64] = [:]
        for entry in found {
            switch entry.role {
            case .usage(convention, _, _), .total(convention):
                if let number = entry.value.integerValue, number >= 0 { fields[entry.name] = number }
            default: continue
            }
        }
        return (usage, RawUsage(convention: .otelGenAI, fields: fields))
    }

    /// Checks that a total is at least the parts it includes.
    private static func checkIncludes(
        _ total: (name: String, value: Int64)?,
        _ defaultName: String,
        _ parts: [(name: String, value: Int64)],
        _ attributePath: (String) -> String
    ) throws(JSONFieldError) {
        var sum: Int64 = 0
        for part in parts {
            let (added, overflow) = sum.addingReportingOverflow(part.value)
            guard !overflow else {
                throw JSONFieldError(field: attributePath(part.name), message: "is too large (\(part.value))")
            }
            sum = added
        }
        guard sum > (total?.value ?? 0) else { return }
        let names = parts.filter { $0.value > 0 }.map { "\($0.name) (\($0.value))" }.joined(separator: " + ")
        if let total {
            throw JSONFieldError(
                field: attributePath(total.name),
                message: "(\(total.value)) is less than \(names), which it includes"
            )
        }
        throw JSONFieldError(field: attributePath(defaultName), message: "missing, though it includes \(names)")
    }

    private static func describe(_ value: AttributeValue) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        }
    }
}

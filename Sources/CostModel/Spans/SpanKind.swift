/// What a span stands for in an agent run.
///
/// The raw values are the names used in trace files and on the command line.
public enum SpanKind: String, CaseIterable, Hashable, Sendable {
    /// A whole multi-step run, usually the root.
    case workflow
    /// An agent, which may call models, tools and sub-agents.
    case agent
    /// A step of a workflow or an agent.
    case step
    /// A chat or completion call to a language model.
    case llm
    /// A call to an embedding model.
    case embedding
    /// A search of an index or store.
    case retrieval
    /// A tool call, which may carry a per-call fee.
    case tool
    /// Work on GPUs, priced by device-hour.
    case gpu
    /// Anything else.
    case other
}

/// Whether a span's work succeeded.
public enum SpanStatus: String, Hashable, Sendable {
    /// Nothing was said; treated as success.
    case unset
    case ok
    case error
}

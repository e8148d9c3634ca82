/// A billable kind of token. Each is its own bucket in ``TokenUsage`` and has its own price.
///
/// The raw values are the field names of trace files and price books.
public enum TokenKind: String, CaseIterable, Hashable, Sendable {
    /// Input (prompt) tokens that were neither read from nor written to a cache.
    case input
    /// Input tokens read from a prompt cache.
    case cacheRead = "cache_read"
    /// Input tokens written to a prompt cache that lives 5 minutes.
    case cacheWrite5m = "cache_write_5m"
    /// Input tokens written to a prompt cache that lives 1 hour.
    case cacheWrite1h = "cache_write_1h"
    /// Output tokens, reasoning included.
    case output
    /// The reasoning part of ``output``: a breakdown, priced apart only where a price book says so.
    case reasoning
    /// Audio input tokens, outside ``input``.
    case inputAudio = "input_audio"
    /// Audio output tokens, outside ``output``.
    case outputAudio = "output_audio"
    /// Image input tokens, outside ``input``.
    case inputImage = "input_image"
    /// Image output tokens, outside ``output``.
    case outputImage = "output_image"

    /// Whether the kind counts towards the prompt (the size that long-context tiers look at).
    public var isInput: Bool {
        switch self {
        case .input, .cacheRead, .cacheWrite5m, .cacheWrite1h, .inputAudio, .inputImage: true
        case .output, .reasoning, .outputAudio, .outputImage: false
        }
    }
}

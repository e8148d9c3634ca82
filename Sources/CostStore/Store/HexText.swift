import CostModel

/// Lowercase hex digits written straight into a buffer, for binding ids without a `String`.
enum HexText {
    /// Writes the 16 lowercase hex digits of `word` at `target`.
    static func write(_ word: UInt64, to target: UnsafeMutableRawPointer) {
        let digits: StaticString = "0123456789abcdef"
        for index in 0..<16 {
            let nibble = Int(truncatingIfNeeded: word >> UInt64(60 - 4 * index)) & 0xF
            target.storeBytes(of: digits.utf8Start[nibble], toByteOffset: index, as: UInt8.self)
        }
    }
}

extension SpanKind {
    /// ``rawValue`` as a literal, to bind without a copy.
    var staticName: StaticString {
        switch self {
        case .workflow: "workflow"
        case .agent: "agent"
        case .step: "step"
        case .llm: "llm"
        case .embedding: "embedding"
        case .retrieval: "retrieval"
        case .tool: "tool"
        case .gpu: "gpu"
        case .other: "other"
        }
    }
}

extension SpanStatus {
    /// ``rawValue`` as a literal, to bind without a copy.
    var staticName: StaticString {
        switch self {
        case .unset: "unset"
        case .ok: "ok"
        case .error: "error"
        }
    }
}

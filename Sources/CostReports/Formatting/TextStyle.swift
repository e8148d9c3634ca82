import CostModel

/// Whether and how text output is coloured.
public struct TextStyle: Sendable {
    public var colored: Bool
    /// The width to fit, in columns; `nil` to make every column as wide as its content
    /// (output to a file or a pipe).
    public var width: Int?

    public init(colored: Bool = false, width: Int? = nil) {
        self.colored = colored
        self.width = width
    }

    /// Wraps `text` in the ANSI colour of a span kind, when colour is on.
    public func kind(_ kind: SpanKind, _ text: String) -> String {
        guard colored else { return text }
        let code =
            switch kind {
            case .workflow: "35"
            case .agent: "34"
            case .step: "36"
            case .llm: "33"
            case .embedding: "93"
            case .retrieval: "32"
            case .tool: "92"
            case .gpu: "31"
            case .other: "37"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    public func bold(_ text: String) -> String {
        colored ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    public func dim(_ text: String) -> String {
        colored ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }
}

extension String {
    /// Pads or cuts to exactly `width` characters, cutting with `…`.
    func fitted(to width: Int) -> String {
        if count <= width { return self + String(repeating: " ", count: width - count) }
        return String(prefix(max(0, width - 1))) + "…"
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

/// The tokens of one or more model calls, in buckets that do not overlap.
///
/// Providers count tokens in overlapping ways (cached tokens inside input tokens, reasoning
/// inside output tokens, or not). `TokenUsage` holds them after normalisation, so that each
/// token is priced exactly once: the prompt is ``input`` + ``cacheRead`` + ``cacheWrite5m``
/// + ``cacheWrite1h`` + ``inputAudio`` + ``inputImage``, and the completion is ``output``
/// + ``outputAudio`` + ``outputImage``. ``reasoning`` is the part of ``output`` spent on
/// reasoning, kept for reports and for the rare price book that prices it apart.
///
/// ```swift
/// let usage = TokenUsage(input: 1_200, cacheRead: 8_000, output: 350, reasoning: 200)
/// ```
public struct TokenUsage: Hashable, Sendable {
    public var input: Int64
    public var cacheRead: Int64
    public var cacheWrite5m: Int64
    public var cacheWrite1h: Int64
    public var output: Int64
    public var reasoning: Int64
    public var inputAudio: Int64
    public var outputAudio: Int64
    public var inputImage: Int64
    public var outputImage: Int64

    public init(
        input: Int64 = 0,
        cacheRead: Int64 = 0,
        cacheWrite5m: Int64 = 0,
        cacheWrite1h: Int64 = 0,
        output: Int64 = 0,
        reasoning: Int64 = 0,
        inputAudio: Int64 = 0,
        outputAudio: Int64 = 0,
        inputImage: Int64 = 0,
        outputImage: Int64 = 0
    ) {
        self.input = input
        self.cacheRead = cacheRead
        self.cacheWrite5m = cacheWrite5m
        self.cacheWrite1h = cacheWrite1h
        self.output = output
        self.reasoning = reasoning
        self.inputAudio = inputAudio
        self.outputAudio = outputAudio
        self.inputImage = inputImage
        self.outputImage = outputImage
    }

    /// No tokens at all.
    public static let zero = TokenUsage()

    /// The bucket of one kind.
    public subscript(kind: TokenKind) -> Int64 {
        get {
            switch kind {
            case .input: input
            case .cacheRead: cacheRead
            case .cacheWrite5m: cacheWrite5m
            case .cacheWrite1h: cacheWrite1h
            case .output: output
            case .reasoning: reasoning
            case .inputAudio: inputAudio
            case .outputAudio: outputAudio
            case .inputImage: inputImage
            case .outputImage: outputImage
            }
        }
        set {
            switch kind {
            case .input: input = newValue
            case .cacheRead: cacheRead = newValue
            case .cacheWrite5m: cacheWrite5m = newValue
            case .cacheWrite1h: cacheWrite1h = newValue
            case .output: output = newValue
            case .reasoning: reasoning = newValue
            case .inputAudio: inputAudio = newValue
            case .outputAudio: outputAudio = newValue
            case .inputImage: inputImage = newValue
            case .outputImage: outputImage = newValue
            }
        }
    }

    /// All prompt tokens: uncached, cached, cache writes, audio and image input.
    public var promptTokens: Int64 {
        input + cacheRead + cacheWrite5m + cacheWrite1h + inputAudio + inputImage
    }

    /// All completion tokens: output (reasoning included), audio and image output.
    public var completionTokens: Int64 { output + outputAudio + outputImage }

    /// Prompt and completion tokens together; reasoning is inside output and not added twice.
    public var totalTokens: Int64 { promptTokens + completionTokens }

    public var isZero: Bool { self == .zero }

    /// Checks what normalisation guarantees: no negative bucket, reasoning within output.
    public func validate() throws(UsageError) {
        for kind in TokenKind.allCases where self[kind] < 0 {
            throw UsageError(convention: .costtrace, field: kind.rawValue, message: "is negative (\(self[kind]))")
        }
        if reasoning > output {
            throw UsageError(
                convention: .costtrace,
                field: TokenKind.reasoning.rawValue,
                message: "(\(reasoning)) is more than output (\(output)), which includes it"
            )
        }
    }

    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        var sum = lhs
        sum += rhs
        return sum
    }

    public static func += (lhs: inout TokenUsage, rhs: TokenUsage) {
        lhs.input += rhs.input
        lhs.cacheRead += rhs.cacheRead
        lhs.cacheWrite5m += rhs.cacheWrite5m
        lhs.cacheWrite1h += rhs.cacheWrite1h
        lhs.output += rhs.output
        lhs.reasoning += rhs.reasoning
        lhs.inputAudio += rhs.inputAudio
        lhs.outputAudio += rhs.outputAudio
        lhs.inputImage += rhs.inputImage
        lhs.outputImage += rhs.outputImage
    }
}

/// Usage numbers that cannot be true, such as more cached tokens than input tokens.
///
/// Normalisation never clamps a negative remainder to zero: the numbers are wrong somewhere,
/// and the error says which.
public struct UsageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The convention the numbers were read in.
    public var convention: UsageConvention
    /// The field that is wrong, as the provider names it.
    public var field: String
    /// What is wrong with it.
    public var message: String

    public init(convention: UsageConvention, field: String, message: String) {
        self.convention = convention
        self.field = field
        self.message = message
    }

    public var description: String { "\(convention.rawValue) usage: \(field) \(message)" }
}

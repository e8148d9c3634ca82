/// The numbers a provider reported, under its own field names, kept beside the normalised buckets.
public struct RawUsage: Sendable {
    public var convention: UsageConvention

    /// Field name → count, for example `"prompt_tokens": 1200`.
    public var fields: [String: Int64] {
        get { report?.fields ?? dictionary }
        set {
            report = nil
            dictionary = newValue
        }
    }

    /// The report of one of CostTrace's own shapes, whose raw fields these are; `nil` when the
    /// fields are in ``dictionary``.
    ///
    /// Recording a model call keeps the report as it came, and ``fields`` is made from it when it
    /// is read. A `[String: Int64]` built on every call would cost a heap allocation and a hash of
    /// each field name, more than all the rest of recording a span. A report holds no reference,
    /// so copying a span copies it as plain bytes.
    private var report: Report?
    private var dictionary: [String: Int64]

    enum Report: Sendable {
        case tokens(TokenUsage)
        case otelGenAI(OTelGenAIUsage)
        case openAIChat(OpenAIChatUsage)
        case openAIResponses(OpenAIResponsesUsage)
        case anthropic(AnthropicUsage)
        case gemini(GeminiUsageMetadata)

        var fields: [String: Int64] { Dictionary(uniqueKeysWithValues: fieldList) }

        var fieldList: [(name: String, count: Int64)] {
            switch self {
            case .tokens(let report): report.rawFieldList
            case .otelGenAI(let report): report.rawFieldList
            case .openAIChat(let report): report.rawFieldList
            case .openAIResponses(let report): report.rawFieldList
            case .anthropic(let report): report.rawFieldList
            case .gemini(let report): report.rawFieldList
            }
        }
    }

    public init(convention: UsageConvention, fields: [String: Int64]) {
        self.convention = convention
        self.report = nil
        self.dictionary = fields
    }

    /// The raw usage of one report of a built-in shape: its `rawFields`, made when read.
    init(convention: UsageConvention, report: Report) {
        self.convention = convention
        self.report = report
        self.dictionary = [:]
    }

    /// The fields sorted by name, as trace files write them; made without a dictionary from a report.
    package var sortedFields: [(name: String, count: Int64)] {
        (report?.fieldList ?? dictionary.map { ($0.key, $0.value) }).sorted { $0.name < $1.name }
    }

    /// Adds another report field by field, as repeated calls on one span do. Fields of a report
    /// in another convention are kept under its name (`anthropic.input_tokens`), so that numbers
    /// that count different things are never added together.
    public mutating func accumulate(_ other: RawUsage) {
        var merged = fields
        fields = [:]  // `merged` is then the only reference, and is changed in place.
        if other.convention == convention {
            merged.merge(other.fields, uniquingKeysWith: +)
        } else {
            for (name, count) in other.fields { merged[other.convention.rawValue + "." + name, default: 0] += count }
        }
        fields = merged
    }
}

// Equal when the convention and the fields are, however the fields are held.
extension RawUsage: Hashable {
    public static func == (lhs: RawUsage, rhs: RawUsage) -> Bool {
        lhs.convention == rhs.convention && lhs.fields == rhs.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(convention)
        hasher.combine(fields)
    }
}

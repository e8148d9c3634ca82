/// Dated prices of models, GPUs and tools: what a span cost is read from here.
///
/// The entry in force for a span is the newest one whose `effectiveFrom` day (UTC) has begun by
/// the span's start, so repricing history with a new book, or a price cut, never rewrites the past.
///
/// ```swift
/// let book = PriceBook(models: [sonnet])
/// book.modelPrice(provider: "anthropic", model: "claude-sonnet-4-5-20250929", atNanos: span.startNanos)
/// ```
public struct PriceBook: Sendable {
    public let models: [ModelPrice]
    public let gpus: [GPURate]
    public let tools: [ToolFee]

    /// Entry indices by lowercased model id, and by lowercased alias.
    private let modelsByID: [String: [Int]]
    private let modelsByAlias: [String: [Int]]
    private let gpusByDevice: [String: [Int]]
    private let toolsByName: [String: [Int]]

    public init(models: [ModelPrice] = [], gpus: [GPURate] = [], tools: [ToolFee] = []) {
        self.models = models
        self.gpus = gpus
        self.tools = tools
        var byID: [String: [Int]] = [:]
        var byAlias: [String: [Int]] = [:]
        for (index, entry) in models.enumerated() {
            byID[entry.model.lowercased(), default: []].append(index)
            for alias in Set(entry.aliases.map { $0.lowercased() }) { byAlias[alias, default: []].append(index) }
        }
        modelsByID = byID
        modelsByAlias = byAlias
        gpusByDevice = Dictionary(grouping: gpus.indices) { gpus[$0].device.lowercased() }
        toolsByName = Dictionary(grouping: tools.indices) { tools[$0].tool.lowercased() }
    }

    /// A book with no prices: every model call in it is unpriced.
    public static let empty = PriceBook()

    // MARK: Models

    /// The model price in force at `atNanos` for a model id as a span names it.
    ///
    /// The id is matched, case-insensitively, against model ids, then aliases; if neither knows
    /// it, a trailing date (`-20250929`, `-2025-09-29`, `@20250929`) is stripped and the match
    /// tried again. When both the span and the entry name a provider they must agree
    /// (see ``canonicalProvider(_:)``).
    /// - Returns: `nil` for an unknown model, or one whose first price starts after `atNanos`.
    public func modelPrice(provider: String?, model: String, atNanos: Int64) -> ModelPrice? {
        lookupModel(provider: provider, model: model, atNanos: atNanos).entry
    }

    /// Like ``modelPrice(provider:model:atNanos:)``, telling an unknown model from one that had no
    /// price yet.
    public func lookupModel(provider: String?, model: String, atNanos: Int64) -> PriceLookup<ModelPrice> {
        let candidates = modelEntries(provider: provider, model: model)
        return .inForce(candidates.map { models[$0] }, at: atNanos, from: \.effectiveFrom)
    }

    /// The model id of the entries that `model` resolves to, whatever their dates; `nil` when
    /// the book does not know it. `claude-sonnet-4-5-20250929` → `claude-sonnet-4-5`.
    public func canonicalModelID(provider: String? = nil, model: String) -> String? {
        modelEntries(provider: provider, model: model).first.map { models[$0].model }
    }

    /// Indices of the entries of the first rule that matches: id, alias, then both again without
    /// a date suffix.
    private func modelEntries(provider: String?, model: String) -> [Int] {
        let wanted = provider.map(Self.canonicalProvider)
        func agreeing(_ indices: [Int]?) -> [Int] {
            guard let indices else { return [] }
            guard let wanted else { return indices }
            return indices.filter { Self.canonicalProvider(models[$0].provider) == wanted }
        }
        var name = model.lowercased()
        while true {
            let byID = agreeing(modelsByID[name])
            if !byID.isEmpty { return byID }
            let byAlias = agreeing(modelsByAlias[name])
            if !byAlias.isEmpty { return byAlias }
            guard let undated = Self.strippingDateSuffix(name) else { return [] }
            name = undated
        }
    }

    /// The id without a trailing snapshot date, or `nil` when it has none.
    ///
    /// Recognises `-YYYYMMDD`, `-YYYY-MM-DD` and Vertex AI's `@YYYYMMDD`.
    public static func strippingDateSuffix(_ model: String) -> String? {
        let bytes = Array(model.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.allSatisfy { bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }
        }
        let count = bytes.count
        if count > 11, bytes[count - 11] == UInt8(ascii: "-"), bytes[count - 6] == UInt8(ascii: "-"),
            bytes[count - 3] == UInt8(ascii: "-"), digits(count - 10..<count - 6), digits(count - 5..<count - 3),
            digits(count - 2..<count)
        {
            return String(decoding: bytes[..<(count - 11)], as: UTF8.self)
        }
        if count > 9, bytes[count - 9] == UInt8(ascii: "-") || bytes[count - 9] == UInt8(ascii: "@"),
            digits(count - 8..<count)
        {
            return String(decoding: bytes[..<(count - 9)], as: UTF8.self)
        }
        return nil
    }

    /// The provider name that a price book uses for one of its spellings, lowercased.
    ///
    /// OpenTelemetry names Google's APIs `gcp.gemini`, `gcp.vertex_ai` and `gcp.gen_ai`, and
    /// Mistral `mistral_ai`; books say `google` and `mistral`. Resellers such as `aws.bedrock`
    /// or `azure.ai.openai` stay themselves: their prices are their own.
    public static func canonicalProvider(_ provider: String) -> String {
        let name = provider.lowercased()
        switch name {
        case "gcp.gemini", "gcp.vertex_ai", "gcp.gen_ai", "gemini", "vertex_ai", "google_genai": return "google"
        case "mistral_ai", "mistralai": return "mistral"
        default: return name
        }
    }

    // MARK: GPUs and tools

    /// The GPU rate in force at `atNanos` for a device type, matched case-insensitively.
    public func gpuRate(device: String, atNanos: Int64) -> GPURate? {
        lookupGPU(device: device, atNanos: atNanos).entry
    }

    public func lookupGPU(device: String, atNanos: Int64) -> PriceLookup<GPURate> {
        .inForce((gpusByDevice[device.lowercased()] ?? []).map { gpus[$0] }, at: atNanos, from: \.effectiveFrom)
    }

    /// The per-call fee in force at `atNanos` for a tool, matched case-insensitively.
    public func toolFee(tool: String, atNanos: Int64) -> ToolFee? {
        lookupTool(tool: tool, atNanos: atNanos).entry
    }

    public func lookupTool(tool: String, atNanos: Int64) -> PriceLookup<ToolFee> {
        .inForce((toolsByName[tool.lowercased()] ?? []).map { tools[$0] }, at: atNanos, from: \.effectiveFrom)
    }

    // MARK: Overrides

    /// This book with `overrides` laid over it.
    ///
    /// An override entry replaces the entry of the same model id (or GPU device, or tool) and the
    /// same `effectiveFrom`; any other override entry is added. So an override file can correct
    /// one price, add a negotiated price from a later date, or add a model the book lacks.
    public func merging(_ overrides: PriceBook) -> PriceBook {
        func key(_ name: String, _ date: CalendarDate) -> String { name.lowercased() + "\u{0}" + date.iso }
        let modelKeys = Set(overrides.models.map { key($0.model, $0.effectiveFrom) })
        let gpuKeys = Set(overrides.gpus.map { key($0.device, $0.effectiveFrom) })
        let toolKeys = Set(overrides.tools.map { key($0.tool, $0.effectiveFrom) })
        return PriceBook(
            models: models.filter { !modelKeys.contains(key($0.model, $0.effectiveFrom)) } + overrides.models,
            gpus: gpus.filter { !gpuKeys.contains(key($0.device, $0.effectiveFrom)) } + overrides.gpus,
            tools: tools.filter { !toolKeys.contains(key($0.tool, $0.effectiveFrom)) } + overrides.tools
        )
    }
}

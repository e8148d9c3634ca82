import CJSONC
import CostModel

/// Turns a parsed price book into a ``PriceBook``, collecting every error on the way.
///
/// Each entry is decoded on its own, so one bad entry reports its first error and the others are
/// still checked; the checks across entries (duplicates, shared aliases) run on the entries that
/// decoded.
struct PriceBookDecoder {
    let file: String
    private(set) var errors: [PriceBookError] = []

    init(file: String) {
        self.file = file
    }

    private static let bookFields: Set<String> = ["version", "currency", "models", "gpus", "tools", "notes"]
    private static let modelFields: Set<String> = [
        "provider", "model", "aliases", "effective_from", "prices_per_million", "long_context", "service_tiers",
        "request_fees", "source", "checked", "notes",
    ]
    private static let tierFields: Set<String> = ["above_input_tokens", "prices_per_million"]
    private static let feeFields: Set<String> = ["per", "usd"]
    private static let gpuFields: Set<String> = [
        "device", "usd_per_hour", "effective_from", "source", "checked", "notes",
    ]
    private static let toolFields: Set<String> = [
        "tool", "usd_per_call", "effective_from", "source", "checked", "notes",
    ]

    mutating func decode(_ root: JSONValue) -> PriceBook? {
        let sections: (models: [JSONValue], gpus: [JSONValue], tools: [JSONValue])
        do {
            sections = try Self.bookSections(root)
        } catch {
            errors.append(PriceBookError(file: file, field: error.field, message: error.message))
            return nil
        }
        var models: [(index: Int, price: ModelPrice)] = []
        for (index, element) in sections.models.enumerated() {
            let entry = Self.reRooted(element)
            do {
                models.append((index, try Self.modelPrice(entry)))
            } catch {
                report(error, section: "models", index: index, name: Self.name(entry, "model"))
            }
        }
        var gpus: [(index: Int, rate: GPURate)] = []
        for (index, element) in sections.gpus.enumerated() {
            let entry = Self.reRooted(element)
            do {
                gpus.append((index, try Self.gpuRate(entry)))
            } catch {
                report(error, section: "gpus", index: index, name: Self.name(entry, "device"))
            }
        }
        var tools: [(index: Int, fee: ToolFee)] = []
        for (index, element) in sections.tools.enumerated() {
            let entry = Self.reRooted(element)
            do {
                tools.append((index, try Self.toolFee(entry)))
            } catch {
                report(error, section: "tools", index: index, name: Self.name(entry, "tool"))
            }
        }
        checkModelsAgree(models)
        checkNoDuplicates(gpus.map { ($0.index, $0.rate.device, $0.rate.effectiveFrom) }, section: "gpus")
        checkNoDuplicates(tools.map { ($0.index, $0.fee.tool, $0.fee.effectiveFrom) }, section: "tools")
        // Checks across entries ran after every entry was read: put their errors back in file order.
        let sectionOrder = ["models": 1, "gpus": 2, "tools": 3]
        errors = errors.enumerated().sorted { lhs, rhs in
            func key(_ item: (offset: Int, element: PriceBookError)) -> (Int, Int, Int) {
                let entry = item.element.entry
                return (entry.map { sectionOrder[$0.section] ?? 0 } ?? 0, entry?.index ?? -1, item.offset)
            }
            return key(lhs) < key(rhs)
        }.map(\.element)
        return PriceBook(models: models.map(\.price), gpus: gpus.map(\.rate), tools: tools.map(\.fee))
    }

    private mutating func report(_ error: JSONFieldError, section: String, index: Int, name: String?) {
        let entry = PriceBookError.Entry(section: section, index: index, name: name)
        errors.append(PriceBookError(file: file, entry: entry, field: error.field, message: error.message))
    }

    // MARK: The book

    private static func bookSections(_ root: JSONValue) throws(JSONFieldError) -> (
        models: [JSONValue], gpus: [JSONValue], tools: [JSONValue]
    ) {
        try onlyKnownFields(root, bookFields)
        let versionField = try required(root, "version")
        let version = try versionField.int64()
        guard version == PriceBookReader.version else {
            throw versionField.invalid(
                "version \(version) is not supported (this build reads version \(PriceBookReader.version))")
        }
        let currencyField = try required(root, "currency")
        guard try currencyField.string() == "USD" else {
            throw currencyField.invalid("'\(try currencyField.string())' is not supported (prices are in USD)")
        }
        return (
            try required(root, "models").elements(),
            try root["gpus"]?.elements() ?? [],
            try root["tools"]?.elements() ?? []
        )
    }

    // MARK: Entries

    private static func modelPrice(_ entry: JSONValue) throws(JSONFieldError) -> ModelPrice {
        try onlyKnownFields(entry, modelFields)
        let provider = try nonEmptyString(required(entry, "provider"))
        let model = try nonEmptyString(required(entry, "model"))
        var aliases: [String] = []
        for alias in try entry["aliases"]?.elements() ?? [] { aliases.append(try nonEmptyString(alias)) }
        let effectiveFrom = try date(required(entry, "effective_from"))
        let ratesField = try required(entry, "prices_per_million")
        let rates = try tokenRates(ratesField)
        if rates[.reasoning] != nil, rates[.output] == nil {
            throw ratesField.invalid("prices reasoning but not output, which includes it")
        }
        var tiers: [ModelPrice.LongContextTier] = []
        for tierField in try entry["long_context"]?.elements() ?? [] {
            try onlyKnownFields(tierField, tierFields)
            let thresholdField = try required(tierField, "above_input_tokens")
            let threshold = try thresholdField.int64()
            guard threshold > 0 else {
                throw thresholdField.invalid("must be a positive number of tokens (\(threshold))")
            }
            if let previous = tiers.last, threshold <= previous.aboveInputTokens {
                throw thresholdField.invalid(
                    "tiers must ascend: \(threshold) is not above the previous tier's \(previous.aboveInputTokens)")
            }
            let tierRatesField = try required(tierField, "prices_per_million")
            let tierRates = try tokenRates(tierRatesField)
            // The tier replaces the rates of the whole request: a kind priced below the threshold
            // but not above it would leave long prompts unpriced, so say so now.
            if let missing = TokenKind.allCases.first(where: { rates[$0] != nil && tierRates[$0] == nil }) {
                throw tierRatesField.invalid(
                    "has no \(missing.rawValue) price, which the entry has below the threshold")
            }
            tiers.append(ModelPrice.LongContextTier(aboveInputTokens: threshold, rates: tierRates))
        }
        var serviceTiers: [String: Multiplier] = [:]
        if let tiersField = entry["service_tiers"] {
            for (name, value) in try tiersField.members() {
                let text = try decimalText(value)
                guard let multiplier = Multiplier(decimal: text) else { throw notADecimal(value, text) }
                guard multiplier.scaled >= 0 else { throw value.invalid("is negative (\(text))") }
                serviceTiers[name] = multiplier
            }
        }
        var requestFees: [String: ModelPrice.RequestFee] = [:]
        if let feesField = entry["request_fees"] {
            for (name, value) in try feesField.members() {
                try onlyKnownFields(value, feeFields)
                let perField = try required(value, "per")
                let per = try perField.int64()
                guard per > 0 else { throw perField.invalid("must be a positive number of units (\(per))") }
                requestFees[name] = ModelPrice.RequestFee(per: per, price: try money(required(value, "usd")))
            }
        }
        return ModelPrice(
            provider: provider,
            model: model,
            aliases: aliases,
            effectiveFrom: effectiveFrom,
            rates: rates,
            longContext: tiers,
            serviceTiers: serviceTiers,
            requestFees: requestFees,
            source: try nonEmptyString(required(entry, "source")),
            checked: try entry["checked"].map { value throws(JSONFieldError) in try date(value) }
        )
    }

    private static func gpuRate(_ entry: JSONValue) throws(JSONFieldError) -> GPURate {
        try onlyKnownFields(entry, gpuFields)
        return GPURate(
            device: try nonEmptyString(required(entry, "device")),
            perHour: try money(required(entry, "usd_per_hour")),
            effectiveFrom: try date(required(entry, "effective_from")),
            source: try nonEmptyString(required(entry, "source")),
            checked: try entry["checked"].map { value throws(JSONFieldError) in try date(value) }
        )
    }

    private static func toolFee(_ entry: JSONValue) throws(JSONFieldError) -> ToolFee {
        try onlyKnownFields(entry, toolFields)
        return ToolFee(
            tool: try nonEmptyString(required(entry, "tool")),
            perCall: try money(required(entry, "usd_per_call")),
            effectiveFrom: try date(required(entry, "effective_from")),
            source: try nonEmptyString(required(entry, "source")),
            checked: try entry["checked"].map { value throws(JSONFieldError) in try date(value) }
        )
    }

    // MARK: Checks across entries

    /// One price per model and day, and each id or alias naming one model only.
    private mutating func checkModelsAgree(_ models: [(index: Int, price: ModelPrice)]) {
        var firstByDay: [String: Int] = [:]
        var modelByName: [String: (model: String, index: Int)] = [:]
        for (index, price) in models {
            let entry = PriceBookError.Entry(section: "models", index: index, name: price.model)
            let day = price.model.lowercased() + "\u{0}" + price.effectiveFrom.iso
            if let earlier = firstByDay[day] {
                errors.append(
                    PriceBookError(
                        file: file, entry: entry, field: "effective_from",
                        message: "models[\(earlier)] already prices '\(price.model)' from \(price.effectiveFrom.iso)"))
            } else {
                firstByDay[day] = index
            }
            for (position, name) in price.names.enumerated() {
                let key = name.lowercased()
                if let owner = modelByName[key], owner.model.lowercased() != price.model.lowercased() {
                    errors.append(
                        PriceBookError(
                            file: file, entry: entry, field: position == 0 ? "model" : "aliases[\(position - 1)]",
                            message: "'\(name)' already names model '\(owner.model)' (models[\(owner.index)])"))
                } else if modelByName[key] == nil {
                    modelByName[key] = (price.model, index)
                }
            }
        }
    }

    private mutating func checkNoDuplicates(_ entries: [(index: Int, name: String, day: CalendarDate)], section: String)
    {
        var first: [String: Int] = [:]
        for (index, name, day) in entries {
            let key = name.lowercased() + "\u{0}" + day.iso
            if let earlier = first[key] {
                errors.append(
                    PriceBookError(
                        file: file, entry: PriceBookError.Entry(section: section, index: index, name: name),
                        field: "effective_from",
                        message: "\(section)[\(earlier)] already prices '\(name)' from \(day.iso)"))
            } else {
                first[key] = index
            }
        }
    }

    // MARK: Fields

    /// The entry with paths that start inside it, so that errors name `prices_per_million.input`
    /// rather than `models[3].prices_per_million.input`; the entry itself is named apart.
    private static func reRooted(_ value: JSONValue) -> JSONValue { JSONValue(pointer: value.pointer, path: "") }

    /// The entry's model id (or device, or tool) for error messages, if it has a readable one.
    private static func name(_ entry: JSONValue, _ key: String) -> String? {
        guard entry.type == json_type_object, let value = entry[key], let name = try? value.string(), !name.isEmpty
        else { return nil }
        return name
    }

    private static func required(_ object: JSONValue, _ key: String) throws(JSONFieldError) -> JSONValue {
        guard object.type == json_type_object else { throw object.mismatch("an object") }
        guard let value = object[key] else {
            throw JSONFieldError(field: object.path.isEmpty ? key : object.path + "." + key, message: "missing")
        }
        return value
    }

    private static func onlyKnownFields(_ object: JSONValue, _ known: Set<String>) throws(JSONFieldError) {
        for (key, value) in try object.members() where !known.contains(key) {
            throw value.invalid("unknown field (expected one of \(known.sorted().joined(separator: ", ")))")
        }
    }

    private static func nonEmptyString(_ value: JSONValue) throws(JSONFieldError) -> String {
        let text = try value.string()
        guard !text.isEmpty else { throw value.invalid("is empty") }
        return text
    }

    private static func date(_ value: JSONValue) throws(JSONFieldError) -> CalendarDate {
        let text = try value.string()
        guard let date = CalendarDate(iso: text) else { throw value.invalid("'\(text)' is not a date YYYY-MM-DD") }
        return date
    }

    /// The text of a decimal, which must be a JSON string: a JSON number would pass through
    /// binary floating point on its way into many tools.
    private static func decimalText(_ value: JSONValue) throws(JSONFieldError) -> String {
        guard value.type == json_type_string else {
            throw value.invalid("expected a decimal string such as \"2.50\", found \(value.typeName)")
        }
        return try value.string()
    }

    private static func notADecimal(_ value: JSONValue, _ text: String) -> JSONFieldError {
        value.invalid(
            "'\(text)' is not a decimal such as \"2.50\" (digits, an optional point and at most nine decimals)")
    }

    /// A non-negative amount of US dollars.
    private static func money(_ value: JSONValue) throws(JSONFieldError) -> Money {
        let text = try decimalText(value)
        guard let money = Money(exactDecimal: text) else { throw notADecimal(value, text) }
        guard money >= .zero else { throw value.invalid("is negative (\(text))") }
        return money
    }

    private static func tokenRates(_ object: JSONValue) throws(JSONFieldError) -> [TokenKind: TokenRate] {
        var rates: [TokenKind: TokenRate] = [:]
        for (key, value) in try object.members() {
            guard let kind = TokenKind(rawValue: key) else {
                let names = TokenKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw value.invalid("unknown token kind '\(key)' (expected one of \(names))")
            }
            rates[kind] = TokenRate(perMillion: try money(value))
        }
        guard !rates.isEmpty else { throw object.invalid("has no prices") }
        return rates
    }
}

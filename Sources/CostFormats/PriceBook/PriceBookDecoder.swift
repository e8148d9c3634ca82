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
            let entry = element.reRooted
            do {
                models.append((index, try Self.modelPrice(entry)))
            } catch {
                report(error, section: "models", index: index, name: entry.readableName("model"))
            }
        }
        var gpus: [(index: Int, rate: GPURate)] = []
        for (index, element) in sections.gpus.enumerated() {
            let entry = element.reRooted
            do {
                gpus.append((index, try Self.gpuRate(entry)))
            } catch {
                report(error, section: "gpus", index: index, name: entry.readableName("device"))
            }
        }
        var tools: [(index: Int, fee: ToolFee)] = []
        for (index, element) in sections.tools.enumerated() {
            let entry = element.reRooted
            do {
                tools.append((index, try Self.toolFee(entry)))
            } catch {
                report(error, section: "tools", index: index, name: entry.readableName("tool"))
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
        try root.onlyKnownFields(bookFields)
        try root.requireVersion(PriceBookReader.version)
        let currencyField = try root.required("currency")
        guard try currencyField.string() == "USD" else {
            throw currencyField.invalid("'\(try currencyField.string())' is not supported (prices are in USD)")
        }
        return (
            try root.required("models").elements(),
            try root["gpus"]?.elements() ?? [],
            try root["tools"]?.elements() ?? []
        )
    }

    // MARK: Entries

    private static func modelPrice(_ entry: JSONValue) throws(JSONFieldError) -> ModelPrice {
        try entry.onlyKnownFields(modelFields)
        let provider = try nonEmptyString(entry.required("provider"))
        let model = try nonEmptyString(entry.required("model"))
        var aliases: [String] = []
        for alias in try entry["aliases"]?.elements() ?? [] { aliases.append(try nonEmptyString(alias)) }
        let effectiveFrom = try date(entry.required("effective_from"))
        let ratesField = try entry.required("prices_per_million")
        let rates = try tokenRates(ratesField)
        if rates[.reasoning] != nil, rates[.output] == nil {
            throw ratesField.invalid("prices reasoning but not output, which includes it")
        }
        var tiers: [ModelPrice.LongContextTier] = []
        for tierField in try entry["long_context"]?.elements() ?? [] {
            try tierField.onlyKnownFields(tierFields)
            let thresholdField = try tierField.required("above_input_tokens")
            let threshold = try thresholdField.int64()
            guard threshold > 0 else {
                throw thresholdField.invalid("must be a positive number of tokens (\(threshold))")
            }
            if let previous = tiers.last, threshold <= previous.aboveInputTokens {
                throw thresholdField.invalid(
                    "tiers must ascend: \(threshold) is not above the previous tier's \(previous.aboveInputTokens)")
            }
            let tierRatesField = try tierField.required("prices_per_million")
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
                let text = try value.decimalText(example: decimalExample)
                guard let multiplier = Multiplier(decimal: text) else {
                    throw value.notADecimal(text, example: decimalExample)
                }
                guard multiplier.scaled >= 0 else { throw value.invalid("is negative (\(text))") }
                serviceTiers[name] = multiplier
            }
        }
        var requestFees: [String: ModelPrice.RequestFee] = [:]
        if let feesField = entry["request_fees"] {
            for (name, value) in try feesField.members() {
                try value.onlyKnownFields(feeFields)
                let perField = try value.required("per")
                let per = try perField.int64()
                guard per > 0 else { throw perField.invalid("must be a positive number of units (\(per))") }
                requestFees[name] = ModelPrice.RequestFee(per: per, price: try money(value.required("usd")))
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
            source: try nonEmptyString(entry.required("source")),
            checked: try entry["checked"].map { value throws(JSONFieldError) in try date(value) }
        )
    }

    private static func gpuRate(_ entry: JSONValue) throws(JSONFieldError) -> GPURate {
        try entry.onlyKnownFields(gpuFields)
        return GPURate(
            device: try nonEmptyString(entry.required("device")),
            perHour: try money(entry.required("usd_per_hour")),
            effectiveFrom: try date(entry.required("effective_from")),
            source: try nonEmptyString(entry.required("source")),
            checked: try entry["checked"].map { value throws(JSONFieldError) in try date(value) }
        )
    }

    private static func toolFee(_ entry: JSONValue) throws(JSONFieldError) -> ToolFee {
        try entry.onlyKnownFields(toolFields)
        return ToolFee(
            tool: try nonEmptyString(entry.required("tool")),
            perCall: try money(entry.required("usd_per_call")),
            effectiveFrom: try date(entry.required("effective_from")),
            source: try nonEmptyString(entry.required("source")),
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

    /// The decimal that errors show as an example.
    private static let decimalExample = "2.50"

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

    /// A non-negative amount of US dollars.
    private static func money(_ value: JSONValue) throws(JSONFieldError) -> Money {
        let text = try value.decimalText(example: decimalExample)
        guard let money = Money(exactDecimal: text) else { throw value.notADecimal(text, example: decimalExample) }
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

import Foundation

/// An exact decimal for checking FOCUS numbers, written apart from the exporter's own arithmetic:
/// `significand × 10⁻ˢᶜᵃˡᵉ`, from plain decimal text only.
struct CheckedDecimal: Equatable {
    var significand: Int128
    var scale: Int

    /// Parses `-?[0-9]+(.[0-9]+)?`; `nil` for anything else (signs, commas, exponents, units).
    init?(_ text: String) {
        guard text.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        var value: Int128 = 0
        for character in parts.joined() {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow, let digit = character.wholeNumberValue else { return nil }
            value = times10 + Int128(digit)
        }
        significand = negative ? -value : value
        scale = parts.count == 2 ? parts[1].count : 0
    }

    init(significand: Int128, scale: Int) {
        self.significand = significand
        self.scale = scale
    }

    func rescaled(to newScale: Int) -> Int128? {
        var value = significand
        for _ in scale..<max(scale, newScale) {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        return value
    }

    static func * (lhs: CheckedDecimal, rhs: CheckedDecimal) -> CheckedDecimal? {
        let (product, overflow) = lhs.significand.multipliedReportingOverflow(by: rhs.significand)
        return overflow ? nil : CheckedDecimal(significand: product, scale: lhs.scale + rhs.scale)
    }

    static func + (lhs: CheckedDecimal, rhs: CheckedDecimal) -> CheckedDecimal? {
        let scale = max(lhs.scale, rhs.scale)
        guard let left = lhs.rescaled(to: scale), let right = rhs.rescaled(to: scale) else { return nil }
        return CheckedDecimal(significand: left + right, scale: scale)
    }

    /// The same number, whatever the digits: `1.50` is `1.5`.
    func isSameNumber(as other: CheckedDecimal) -> Bool {
        let scale = max(self.scale, other.scale)
        return rescaled(to: scale) == other.rescaled(to: scale)
    }

    /// Whether the two are at most `nanos` nano-units apart.
    func isWithin(nanos: Int128, of other: CheckedDecimal) -> Bool {
        let scale = max(self.scale, other.scale, 9)
        guard let left = rescaled(to: scale), let right = other.rescaled(to: scale),
            let unit = CheckedDecimal(significand: nanos, scale: 9).rescaled(to: scale)
        else { return false }
        return (left - right).magnitude <= unit.magnitude
    }
}

/// The FOCUS rules that `costtrace export focus` promises, checked on its CSV.
///
/// From the FOCUS 1.2 specification (FinOps Foundation, specification/columns/*.md at tag v1.2)
/// and the 1.3 columns ServiceProviderName and HostProviderName.
enum FOCUSValidator {
    /// The columns FOCUS 1.2 marks Mandatory.
    static let mandatory12 = [
        "BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
        "BillingPeriodStart", "ChargeCategory", "ChargeClass", "ChargeDescription", "ChargePeriodEnd",
        "ChargePeriodStart", "ContractedCost", "EffectiveCost", "InvoiceIssuerName", "ListCost", "PricingQuantity",
        "PricingUnit", "ProviderName", "PublisherName", "ServiceCategory", "ServiceName",
    ]
    /// Every column FOCUS 1.2 defines, with 1.3's provider columns.
    static let focusColumns: Set<String> = Set(mandatory12).union([
        "AvailabilityZone", "BillingAccountType", "CapacityReservationId", "CapacityReservationStatus",
        "ChargeFrequency", "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
        "CommitmentDiscountQuantity", "CommitmentDiscountStatus", "CommitmentDiscountType", "CommitmentDiscountUnit",
        "ConsumedQuantity", "ConsumedUnit", "ContractedUnitPrice", "InvoiceId", "ListUnitPrice", "PricingCategory",
        "PricingCurrency", "PricingCurrencyContractedUnitPrice", "PricingCurrencyEffectiveCost",
        "PricingCurrencyListUnitPrice", "RegionId", "RegionName", "ResourceId", "ResourceName", "ResourceType",
        "ServiceSubcategory", "SkuId", "SkuMeter", "SkuPriceDetails", "SkuPriceId", "SubAccountId", "SubAccountName",
        "SubAccountType", "Tags", "ServiceProviderName", "HostProviderName",
    ])
    /// Columns that must have a value in every row of usage charges that are not corrections.
    static let neverNull = [
        "BilledCost", "BillingAccountId", "BillingCurrency", "BillingPeriodEnd", "BillingPeriodStart",
        "ChargeCategory", "ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost",
        "InvoiceIssuerName", "ListCost", "ProviderName", "PublisherName", "ServiceCategory", "ServiceName",
        "ChargeFrequency", "ServiceSubcategory", "ServiceProviderName", "HostProviderName",
        // Usage rows: quantities, prices and SKUs are not null either.
        "PricingQuantity", "PricingUnit", "ConsumedQuantity", "ConsumedUnit", "ListUnitPrice", "ContractedUnitPrice",
        "SkuId", "SkuPriceId",
        // A display name is supported, so it is given.
        "BillingAccountName",
    ]
    static let decimalColumns = [
        "BilledCost", "ContractedCost", "EffectiveCost", "ListCost", "PricingQuantity", "ConsumedQuantity",
        "ListUnitPrice", "ContractedUnitPrice",
    ]
    static let dateTimeColumns = ["BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"]
    static let chargeCategories: Set = ["Usage", "Purchase", "Tax", "Credit", "Adjustment"]
    static let chargeFrequencies: Set = ["One-Time", "Recurring", "Usage-Based"]
    static let serviceCategories: Set = [
        "AI and Machine Learning", "Analytics", "Business Applications", "Compute", "Databases", "Developer Tools",
        "Multicloud", "Identity", "Integration", "Internet of Things", "Management and Governance", "Media",
        "Migration", "Mobile", "Networking", "Security", "Storage", "Web", "Other",
    ]
    static let aiSubcategories: Set = [
        "AI Platforms", "Bots", "Generative AI", "Machine Learning", "Natural Language Processing",
        "Other (AI and Machine Learning)",
    ]
    static let tokenKinds: Set = [
        "input", "cache_read", "cache_write_5m", "cache_write_1h", "output", "reasoning", "input_audio", "output_audio",
        "input_image", "output_image",
    ]

    /// The records of RFC 4180 CSV, with an empty field as `nil` (FOCUS's null).
    static func records(_ csv: String) -> [[String?]] {
        var records: [[String?]] = []
        var record: [String?] = []
        var field = ""
        var quoted = false
        var wasQuoted = false
        var characters = csv.makeIterator()
        var pending: Character? = nil
        func endField() {
            record.append(field.isEmpty && !wasQuoted ? nil : field)
            field = ""
            wasQuoted = false
        }
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
                wasQuoted = true
            } else if character == "," {
                endField()
            } else if character == "\r\n" || character == "\n" {
                endField()
                records.append(record)
                record = []
            } else {
                field.append(character)
            }
        }
        if !record.isEmpty || !field.isEmpty { endField(); records.append(record) }
        return records
    }

    /// The rows as dictionaries by column name.
    static func rows(_ csv: String) -> (header: [String], rows: [[String: String?]]) {
        let records = records(csv)
        guard let header = records.first?.map({ $0 ?? "" }) else { return ([], []) }
        let rows = records.dropFirst().map {
            Dictionary(
                uniqueKeysWithValues: zip(header, $0 + Array(repeating: nil, count: max(0, header.count - $0.count))))
        }
        return (header, rows)
    }

    /// Every rule broken, as readable messages; empty when the file conforms.
    static func violations(of csv: String) -> [String] {
        var problems: [String] = []
        let records = records(csv)
        guard let header = records.first?.map({ $0 ?? "" }) else { return ["no header"] }
        if Set(header).count != header.count { problems.append("a column appears twice") }
        for column in mandatory12 + [
            "ServiceProviderName", "HostProviderName", "ChargeFrequency", "ServiceSubcategory", "Tags",
        ]
        where !header.contains(column) {
            problems.append("column \(column) is missing")
        }
        for column in header where !focusColumns.contains(column) && !column.hasPrefix("x_") {
            problems.append("column \(column) is neither FOCUS's nor prefixed x_")
        }
        if let firstCustom = header.firstIndex(where: { $0.hasPrefix("x_") }),
            header[firstCustom...].contains(where: { !$0.hasPrefix("x_") })
        {
            problems.append("FOCUS columns come after custom ones")
        }
        var unitPriceOfPriceID: [String: String] = [:]
        var skuOfPriceID: [String: String] = [:]
        for (number, record) in records.dropFirst().enumerated() {
            let line = number + 2
            guard record.count == header.count else {
                problems.append("line \(line): \(record.count) fields, the header has \(header.count)")
                continue
            }
            let row = Dictionary(uniqueKeysWithValues: zip(header, record))
            func value(_ column: String) -> String? { row[column] ?? nil }
            func fail(_ message: String) { problems.append("line \(line): \(message)") }
            for column in neverNull where value(column) == nil || value(column)!.allSatisfy({ $0 == " " }) {
                fail("\(column) is null or blank")
            }
            if value("ChargeClass") != nil { fail("ChargeClass is set, but no row is a correction") }
            if let category = value("ChargeCategory"), !chargeCategories.contains(category) || category != "Usage" {
                fail("ChargeCategory '\(category)' is not Usage")
            }
            if let frequency = value("ChargeFrequency"),
                !chargeFrequencies.contains(frequency) || frequency != "Usage-Based"
            {
                fail("ChargeFrequency '\(frequency)' is not Usage-Based")
            }
            if let category = value("ServiceCategory"),
                !serviceCategories.contains(category) || category != "AI and Machine Learning"
            {
                fail("ServiceCategory '\(category)'")
            }
            if let subcategory = value("ServiceSubcategory"),
                !aiSubcategories.contains(subcategory) || subcategory != "Generative AI"
            {
                fail("ServiceSubcategory '\(subcategory)'")
            }
            if let currency = value("BillingCurrency"), currency.wholeMatch(of: /[A-Z]{3}/) == nil || currency != "USD"
            {
                fail("BillingCurrency '\(currency)'")
            }
            // Every time is UTC in one fixed format, so text order is time order.
            var times: [String: String] = [:]
            for column in dateTimeColumns {
                guard let text = value(column) else { continue }
                guard
                    let match = text.wholeMatch(
                        of: /([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z/),
                    let month = Int(match.2), (1...12).contains(month), let day = Int(match.3), (1...31).contains(day),
                    let hour = Int(match.4), hour < 24, let minute = Int(match.5), minute < 60,
                    let second = Int(match.6),
                    second < 60
                else {
                    fail("\(column) '\(text)' is not YYYY-MM-DDTHH:mm:ssZ")
                    continue
                }
                times[column] = text
            }
            if let start = times["ChargePeriodStart"], let end = times["ChargePeriodEnd"], start >= end {
                fail("the charge period is empty")
            }
            if let start = times["BillingPeriodStart"], let end = times["BillingPeriodEnd"],
                let charge = times["ChargePeriodStart"],
                !(start <= charge && charge < end)
            {
                fail("the charge starts outside its billing period")
            }
            // The charge period lies inside the billing period: it may end at its end, not after.
            if let end = times["BillingPeriodEnd"], let chargeEnd = times["ChargePeriodEnd"], chargeEnd > end {
                fail("the charge ends after its billing period")
            }
            var numbers: [String: CheckedDecimal] = [:]
            for column in decimalColumns {
                guard let text = value(column) else { continue }
                guard let number = CheckedDecimal(text) else {
                    fail("\(column) '\(text)' is not a plain decimal")
                    continue
                }
                numbers[column] = number
            }
            for column in ["ListUnitPrice", "ContractedUnitPrice", "PricingQuantity", "ConsumedQuantity"]
            where (numbers[column]?.significand ?? 0) < 0 {
                fail("\(column) is negative")
            }
            if let price = numbers["ListUnitPrice"], let quantity = numbers["PricingQuantity"],
                let cost = numbers["ListCost"],
                !((price * quantity)?.isSameNumber(as: cost) ?? false)
            {
                fail("ListUnitPrice × PricingQuantity ≠ ListCost")
            }
            if let price = numbers["ContractedUnitPrice"], let quantity = numbers["PricingQuantity"],
                let cost = numbers["ContractedCost"], !((price * quantity)?.isSameNumber(as: cost) ?? false)
            {
                fail("ContractedUnitPrice × PricingQuantity ≠ ContractedCost")
            }
            if let billed = numbers["BilledCost"], let effective = numbers["EffectiveCost"],
                !billed.isSameNumber(as: effective)
            {
                fail("EffectiveCost ≠ BilledCost with no discount or amortization")
            }
            if let billed = numbers["BilledCost"], let list = numbers["ListCost"], !list.isWithin(nanos: 1, of: billed)
            {
                fail("ListCost is more than a nano-dollar from BilledCost")
            }
            for column in ["PricingUnit", "ConsumedUnit"] {
                if let unit = value(column), unit.wholeMatch(of: /([1-9][0-9]* )?[A-Z][A-Za-z]*s/) == nil {
                    fail("\(column) '\(unit)' is not in FOCUS's unit format")
                }
            }
            if let tags = value("Tags") {
                let object = try? JSONSerialization.jsonObject(with: Data(tags.utf8)) as? [String: Any]
                if let object {
                    if object.values.contains(where: { $0 is [Any] || $0 is [String: Any] }) {
                        fail("Tags has an object or array value")
                    }
                } else {
                    fail("Tags is not a JSON object: \(tags)")
                }
            }
            let tokenType = value("x_TokenType")
            if (tokenType != nil) != (value("ConsumedUnit") == "Tokens") {
                fail("x_TokenType is set exactly on token rows")
            }
            if let tokenType, !tokenKinds.contains(tokenType) { fail("x_TokenType '\(tokenType)' is no token kind") }
            if let priceID = value("SkuPriceId"), let price = value("ListUnitPrice"), let sku = value("SkuId") {
                if let earlier = unitPriceOfPriceID.updateValue(price, forKey: priceID), earlier != price {
                    fail("SkuPriceId \(priceID) has two list unit prices")
                }
                if let earlier = skuOfPriceID.updateValue(sku, forKey: priceID), earlier != sku {
                    fail("SkuPriceId \(priceID) has two SkuIds")
                }
            }
        }
        return problems
    }

    /// The sum of BilledCost over every row.
    static func billedTotal(of csv: String) -> CheckedDecimal? {
        rows(csv).rows.reduce(CheckedDecimal(significand: 0, scale: 0)) { sum, row in
            guard let sum, let text = row["BilledCost"] ?? nil, let value = CheckedDecimal(text) else { return nil }
            return sum + value
        }
    }
}

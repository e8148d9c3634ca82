import CJSONC
import CostModel

/// Turns a parsed budget file into ``Budget`` values, collecting every error on the way.
///
/// Every field of every budget is checked on its own, so one run reports all that is wrong with
/// the file: a budget with a bad period, a negative amount and a warn above hard gives three
/// errors, and a repeated name is reported whether or not the budget has other errors.
struct BudgetFileDecoder {
    let file: String
    private(set) var errors: [BudgetFileError] = []

    init(file: String) {
        self.file = file
    }

    private static let fileFields: Set<String> = ["version", "budgets", "notes"]
    private static let budgetFields: Set<String> = ["name", "scope", "period", "amount_usd", "warn", "hard", "notes"]
    /// Thresholds above this (10,000%) are typos, and would overflow the arithmetic.
    private static let largestThreshold = BudgetThreshold(scaled: 100 * BudgetThreshold.scale)

    mutating func decode(_ root: JSONValue) -> [Budget] {
        var fileErrors: [JSONFieldError] = []
        let elements = Self.budgetElements(root, errors: &fileErrors)
        for error in fileErrors {
            errors.append(BudgetFileError(file: file, field: error.field, message: error.message))
        }
        var budgets: [Budget] = []
        var firstIndexByName: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let entry = element.reRooted
            let name = entry.readableName("name")
            var budgetErrors: [JSONFieldError] = []
            // Names are unique whether or not their budgets have other errors.
            let budget = Self.budget(entry, errors: &budgetErrors) { name in
                if let first = firstIndexByName[name] { return first }
                firstIndexByName[name] = index
                return nil
            }
            for error in budgetErrors {
                errors.append(
                    BudgetFileError(
                        file: file, entry: .init(index: index, name: name), field: error.field, message: error.message))
            }
            if let budget, budgetErrors.isEmpty { budgets.append(budget) }
        }
        return budgets
    }

    // MARK: The file

    /// The elements of `budgets`; empty when the file has none to read.
    private static func budgetElements(_ root: JSONValue, errors: inout [JSONFieldError]) -> [JSONValue] {
        guard root.type == json_type_object else {
            errors.append(root.mismatch("an object"))
            return []
        }
        errors += root.unknownFields(fileFields)
        collect(&errors) { () throws(JSONFieldError) in try root.requireVersion(BudgetFileReader.version) }
        collect(&errors) { () throws(JSONFieldError) in _ = try root["notes"]?.string() }
        return collect(&errors) { () throws(JSONFieldError) in try root.required("budgets").elements() } ?? []
    }

    // MARK: A budget

    /// The budget of `entry`, with every error of its fields appended to `errors`; `nil` when
    /// a field needed to make it is wrong.
    ///
    /// - Parameter earlierBudget: The index of an earlier budget with the name, if any.
    private static func budget(
        _ entry: JSONValue, errors: inout [JSONFieldError], earlierBudget: (String) -> Int?
    ) -> Budget? {
        guard entry.type == json_type_object else {
            errors.append(entry.mismatch("an object"))
            return nil
        }
        errors += entry.unknownFields(budgetFields)
        let name = collect(&errors) { () throws(JSONFieldError) -> String in
            let field = try entry.required("name")
            let name = try field.string()
            guard !name.allSatisfy(\.isWhitespace) else { throw field.invalid("is empty") }
            if let first = earlierBudget(name) {
                throw field.invalid("'\(name)' is also the name of budgets[\(first)]")
            }
            return name
        }
        let scope: BudgetScope? =
            if let field = entry["scope"] { Self.scope(field, errors: &errors) } else { BudgetScope() }
        let period = collect(&errors) { () throws(JSONFieldError) -> CalendarPeriod in
            let field = try entry.required("period")
            let text = try field.string()
            guard let period = CalendarPeriod(rawValue: text) else {
                throw field.invalid("'\(text)' is not a period (expected day, week or month)")
            }
            return period
        }
        let amount = collect(&errors) { () throws(JSONFieldError) in try Self.amount(entry.required("amount_usd")) }
        let warnField = entry["warn"]
        let hardField = entry["hard"]
        let warn = warnField.flatMap { field in
            collect(&errors) { () throws(JSONFieldError) in try Self.threshold(field) }
        }
        let hard = hardField.flatMap { field in
            collect(&errors) { () throws(JSONFieldError) in try Self.threshold(field) }
        }
        if warnField == nil && hardField == nil {
            errors.append(
                JSONFieldError(field: "", message: "has neither 'warn' nor 'hard': give at least one threshold"))
        }
        if let warn, let hard, warn >= hard, let warnField {
            errors.append(warnField.invalid("\(warn) is not below hard (\(hard)): the budget would never warn"))
        }
        let notes = collect(&errors) { () throws(JSONFieldError) in try entry["notes"]?.string() }
        guard let name, let scope, let period, let amount, warn != nil || hard != nil else { return nil }
        return Budget(
            name: name, scope: scope, period: period, amount: amount, warn: warn, hard: hard, notes: notes ?? nil)
    }

    /// Attribute filters: keys to strings, integers or booleans, compared as text; `nil` when a
    /// filter is wrong, each wrong one with its error in `errors`.
    private static func scope(_ value: JSONValue, errors: inout [JSONFieldError]) -> BudgetScope? {
        guard let members = collect(&errors, { () throws(JSONFieldError) in try value.members() }) else { return nil }
        var filters: [BudgetScope.Filter] = []
        for (key, member) in members {
            let filter = collect(&errors) { () throws(JSONFieldError) -> BudgetScope.Filter in
                guard !key.isEmpty else { throw value.invalid("has an empty key, which names no attribute") }
                switch member.type {
                case json_type_string: return BudgetScope.Filter(key: key, value: try member.string())
                case json_type_int: return BudgetScope.Filter(key: key, value: String(try member.int64()))
                case json_type_boolean: return BudgetScope.Filter(key: key, value: try member.bool() ? "true" : "false")
                default: throw member.mismatch("a string, an integer or a boolean")
                }
            }
            if let filter { filters.append(filter) }
        }
        return filters.count == members.count ? BudgetScope(filters: filters) : nil
    }

    /// A positive amount of US dollars up to ``Budget/largestAmount``, as a decimal string.
    private static func amount(_ value: JSONValue) throws(JSONFieldError) -> Money {
        let text = try value.decimalText(example: "150.00")
        let largest = "the largest amount is \(Budget.largestAmount.decimalString)"
        guard let amount = Money(exactDecimal: text) else {
            // Digits that do not fit in nano-dollars are a number all the same: say what is wrong.
            guard isPlainDecimal(text) else { throw value.notADecimal(text, example: "150.00") }
            throw value.invalid(text.hasPrefix("-") ? "is negative (\(text))" : "'\(text)' is too large: \(largest)")
        }
        guard amount > .zero else {
            throw value.invalid(
                amount < .zero ? "is negative (\(text))" : "is zero: a budget of nothing is always exceeded")
        }
        guard amount <= Budget.largestAmount else { throw value.invalid("'\(text)' is too large: \(largest)") }
        return amount
    }

    /// A fraction of the amount: a JSON number (`0.8`, read from its text, never through a
    /// `Double`) or a string holding a fraction or a percentage (`"80%"`).
    private static func threshold(_ value: JSONValue) throws(JSONFieldError) -> BudgetThreshold {
        let text: String
        switch value.type {
        case json_type_string:
            text = try value.string()
        case json_type_int, json_type_double:
            // json-c keeps the text of a number it parsed and writes it back unchanged.
            text = String(cString: json_object_to_json_string_ext(value.pointer, JSON_C_TO_STRING_PLAIN))
        default:
            throw value.mismatch("a fraction such as 0.8 or a percentage such as \"80%\"")
        }
        let aboveLargest = "is above the largest threshold, \(largestThreshold)"
        guard let threshold = BudgetThreshold(text: text) else {
            // Digits too many for 64 bits are a number all the same: say what is wrong with it.
            let number = text.hasSuffix("%") ? String(text.dropLast()) : text
            if isPlainDecimal(number), number.prefix(while: { $0 != "." }).count > 9 {
                throw value.invalid(
                    number.hasPrefix("-") ? "must be above zero (\(text))" : "'\(text)' \(aboveLargest)")
            }
            throw value.invalid(
                "'\(text)' is not a fraction such as 0.8 or a percentage such as \"80%\" (no exponents, at most nine decimals as a fraction)"
            )
        }
        guard threshold.scaled > 0 else { throw value.invalid("must be above zero (\(text))") }
        guard threshold <= largestThreshold else { throw value.invalid("\(threshold) \(aboveLargest)") }
        return threshold
    }

    /// Whether `text` is digits with an optional sign and up to nine decimals, whatever its size.
    private static func isPlainDecimal(_ text: String) -> Bool {
        let unsigned = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in
            part.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
        guard let whole = parts.first, !whole.isEmpty, isDigits(whole), parts.count <= 2 else { return false }
        return parts.count == 1 || ((1...9).contains(parts[1].count) && isDigits(parts[1]))
    }

    /// The value `read` gives, or `nil` with its error appended to `errors`.
    @discardableResult
    private static func collect<T>(_ errors: inout [JSONFieldError], _ read: () throws(JSONFieldError) -> T) -> T? {
        do {
            return try read()
        } catch {
            errors.append(error)
            return nil
        }
    }
}

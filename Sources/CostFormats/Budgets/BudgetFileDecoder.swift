import CJSONC
import CostModel

/// Turns a parsed budget file into ``Budget`` values, collecting every error on the way.
///
/// Each budget is decoded on its own, so one bad budget reports its first error and the others
/// are still checked; names are checked for duplicates across the budgets that decoded.
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
        let elements: [JSONValue]
        do {
            elements = try Self.budgetElements(root)
        } catch {
            errors.append(BudgetFileError(file: file, field: error.field, message: error.message))
            return []
        }
        var budgets: [Budget] = []
        var firstIndexByName: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let entry = element.reRooted
            let name = entry.readableName("name")
            do {
                let budget = try Self.budget(entry)
                if let first = firstIndexByName[budget.name] {
                    report(
                        entry["name"]?.invalid("'\(budget.name)' is also the name of budgets[\(first)]"), index, name)
                    continue
                }
                firstIndexByName[budget.name] = index
                budgets.append(budget)
            } catch {
                report(error, index, name)
            }
        }
        return budgets
    }

    private mutating func report(_ error: JSONFieldError?, _ index: Int, _ name: String?) {
        guard let error else { return }
        errors.append(
            BudgetFileError(
                file: file, entry: .init(index: index, name: name), field: error.field, message: error.message))
    }

    // MARK: The file

    private static func budgetElements(_ root: JSONValue) throws(JSONFieldError) -> [JSONValue] {
        try root.onlyKnownFields(fileFields)
        try root.requireVersion(BudgetFileReader.version)
        _ = try root["notes"]?.string()
        return try root.required("budgets").elements()
    }

    // MARK: A budget

    private static func budget(_ entry: JSONValue) throws(JSONFieldError) -> Budget {
        try entry.onlyKnownFields(budgetFields)
        let nameField = try entry.required("name")
        let name = try nameField.string()
        guard !name.allSatisfy(\.isWhitespace) else { throw nameField.invalid("is empty") }
        let scope = try entry["scope"].map(Self.scope) ?? BudgetScope()
        let periodField = try entry.required("period")
        let periodText = try periodField.string()
        guard let period = CalendarPeriod(rawValue: periodText) else {
            throw periodField.invalid("'\(periodText)' is not a period (expected day, week or month)")
        }
        let amount = try amount(entry.required("amount_usd"))
        let warn = try entry["warn"].map(threshold)
        let hard = try entry["hard"].map(threshold)
        guard warn != nil || hard != nil else {
            throw JSONFieldError(field: "", message: "has neither 'warn' nor 'hard': give at least one threshold")
        }
        if let warn, let hard, warn >= hard, let warnField = entry["warn"] {
            throw warnField.invalid("\(warn) is not below hard (\(hard)): the budget would never warn")
        }
        let notes = try entry["notes"]?.string()
        return Budget(name: name, scope: scope, period: period, amount: amount, warn: warn, hard: hard, notes: notes)
    }

    /// Attribute filters: keys to strings, integers or booleans, compared as text.
    private static func scope(_ value: JSONValue) throws(JSONFieldError) -> BudgetScope {
        var filters: [BudgetScope.Filter] = []
        for (key, member) in try value.members() {
            guard !key.isEmpty else { throw value.invalid("has an empty key, which names no attribute") }
            let text: String
            switch member.type {
            case json_type_string: text = try member.string()
            case json_type_int: text = String(try member.int64())
            case json_type_boolean: text = try member.bool() ? "true" : "false"
            default: throw member.mismatch("a string, an integer or a boolean")
            }
            filters.append(BudgetScope.Filter(key: key, value: text))
        }
        return BudgetScope(filters: filters)
    }

    /// A positive amount of US dollars, as a decimal string.
    private static func amount(_ value: JSONValue) throws(JSONFieldError) -> Money {
        let text = try value.decimalText(example: "150.00")
        guard let amount = Money(exactDecimal: text) else { throw value.notADecimal(text, example: "150.00") }
        guard amount > .zero else {
            throw value.invalid(
                amount < .zero ? "is negative (\(text))" : "is zero: a budget of nothing is always exceeded")
        }
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
        guard let threshold = BudgetThreshold(text: text) else {
            throw value.invalid(
                "'\(text)' is not a fraction such as 0.8 or a percentage such as \"80%\" (no exponents, at most nine decimals as a fraction)"
            )
        }
        guard threshold.scaled > 0 else { throw value.invalid("must be above zero (\(text))") }
        guard threshold <= largestThreshold else {
            throw value.invalid("\(threshold) is above the largest threshold, \(largestThreshold)")
        }
        return threshold
    }
}

import CostFormats
import CostModel
import Foundation
import Testing

/// A malformed budget file and the error it must give.
struct MalformedBudgetFile: Sendable, CustomTestStringConvertible {
    var name: String
    /// The whole file, or one budget (an object) that goes into `budgets`.
    var text: String
    var expected: String

    var testDescription: String { name }

    /// A file around one budget.
    static func budget(_ name: String, _ budget: String, _ expected: String) -> MalformedBudgetFile {
        MalformedBudgetFile(name: name, text: #"{"version": 1, "budgets": [\#(budget)]}"#, expected: expected)
    }
}

struct BudgetFileReaderTests {
    @Test func aBudgetOfEveryKindReads() throws {
        let text = """
            {"version": 1, "notes": "examples",
             "budgets": [
               {"name": "support", "scope": {"team": "support", "variant": "baseline"}, "period": "month",
                "amount_usd": "150.00", "warn": 0.8, "hard": 1.0},
               {"name": "daily models", "scope": {"model": "gpt-4.1", "attempt": 2, "cached": true}, "period": "day",
                "amount_usd": "0.000000001", "warn": "90%"},
               {"name": "all", "period": "week", "amount_usd": "2500", "hard": "125%", "notes": "leaves room"}
             ]}
            """
        let budgets = try BudgetFileReader.read(text, file: "budgets.json")
        #expect(budgets.count == 3)
        let support = budgets[0]
        #expect(support.name == "support")
        #expect(
            support.scope.filters == [.init(key: "team", value: "support"), .init(key: "variant", value: "baseline")])
        #expect(support.period == .month)
        #expect(support.amount == Money(nanos: 150_000_000_000))
        #expect(support.warn?.scaled == 800_000_000)
        #expect(support.hard == .whole)
        let daily = budgets[1]
        #expect(daily.scope.description == "model=gpt-4.1 attempt=2 cached=true")
        #expect(daily.amount == Money(nanos: 1))
        #expect(daily.hard == nil)
        #expect(daily.warn?.percentString == "90%")
        #expect(budgets[2].scope.isEverything)
        #expect(budgets[2].hard?.scaled == 1_250_000_000)
        #expect(budgets[2].notes == "leaves room")
    }

    @Test func theSampleBudgetsRead() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../traces/budgets.json").standardizedFileURL.path
        let budgets = try BudgetFileReader.read(path: path)
        #expect(budgets.count >= 3)
        #expect(Set(budgets.map(\.period)) == Set(CalendarPeriod.allCases))
        #expect(budgets.contains { $0.hard == nil })
    }

    static let malformed: [MalformedBudgetFile] = [
        MalformedBudgetFile(
            name: "not JSON", text: #"{"version": 1, "budgets": [}"#, expected: "b.json: invalid JSON at byte 28"),
        MalformedBudgetFile(
            name: "no version", text: #"{"budgets": []}"#, expected: "b.json: field 'version': missing"),
        MalformedBudgetFile(
            name: "another version", text: #"{"version": 2, "budgets": []}"#,
            expected: "b.json: field 'version': version 2 is not supported (this build reads version 1)"),
        MalformedBudgetFile(
            name: "unknown top-level field", text: #"{"version": 1, "budgets": [], "currency": "EUR"}"#,
            expected: "b.json: field 'currency': unknown field (expected one of budgets, notes, version)"),
        .budget(
            "unknown field", #"{"name": "x", "period": "day", "amount_usd": "1", "hard": 1, "limit": "2"}"#,
            "b.json: budgets[0] (x): field 'limit': unknown field (expected one of amount_usd, hard, name, notes, period, scope, warn)"
        ),
        .budget(
            "negative amount", #"{"name": "x", "period": "day", "amount_usd": "-5", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'amount_usd': is negative (-5)"),
        .budget(
            "zero amount", #"{"name": "x", "period": "day", "amount_usd": "0.00", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'amount_usd': is zero: a budget of nothing is always exceeded"),
        .budget(
            "amount as a number", #"{"name": "x", "period": "day", "amount_usd": 150.5, "hard": 1}"#,
            #"b.json: budgets[0] (x): field 'amount_usd': expected a decimal string such as "150.00", found a fractional number"#
        ),
        .budget(
            "amount with ten decimals", #"{"name": "x", "period": "day", "amount_usd": "0.0000000001", "hard": 1}"#,
            #"b.json: budgets[0] (x): field 'amount_usd': '0.0000000001' is not a decimal such as "150.00" (digits, an optional point and at most nine decimals)"#
        ),
        .budget(
            "amount too large for nano-dollars",
            #"{"name": "x", "period": "day", "amount_usd": "99999999999", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'amount_usd': '99999999999' is too large: the largest amount is 90000000.00"),
        .budget(
            "amount a nano-dollar above the largest",
            #"{"name": "x", "period": "day", "amount_usd": "90000000.000000001", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'amount_usd': '90000000.000000001' is too large: the largest amount is 90000000.00"
        ),
        .budget(
            "negative amount too large for nano-dollars",
            #"{"name": "x", "period": "day", "amount_usd": "-99999999999", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'amount_usd': is negative (-99999999999)"),
        .budget(
            "threshold too large for 64 bits",
            #"{"name": "x", "period": "day", "amount_usd": "1", "hard": "99999999999%"}"#,
            "b.json: budgets[0] (x): field 'hard': '99999999999%' is above the largest threshold, 10000%"),
        .budget(
            "warn above hard", #"{"name": "x", "period": "day", "amount_usd": "1", "warn": "120%", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'warn': 120% is not below hard (100%): the budget would never warn"),
        .budget(
            "warn equal to hard", #"{"name": "x", "period": "day", "amount_usd": "1", "warn": 1, "hard": "100%"}"#,
            "b.json: budgets[0] (x): field 'warn': 100% is not below hard (100%): the budget would never warn"),
        .budget(
            "no threshold", #"{"name": "x", "period": "day", "amount_usd": "1"}"#,
            "b.json: budgets[0] (x): has neither 'warn' nor 'hard': give at least one threshold"),
        .budget(
            "negative threshold", #"{"name": "x", "period": "day", "amount_usd": "1", "hard": -0.5}"#,
            "b.json: budgets[0] (x): field 'hard': must be above zero (-0.5)"),
        .budget(
            "threshold with an exponent", #"{"name": "x", "period": "day", "amount_usd": "1", "hard": 1e0}"#,
            #"b.json: budgets[0] (x): field 'hard': '1e0' is not a fraction such as 0.8 or a percentage such as "80%" (no exponents, at most nine decimals as a fraction)"#
        ),
        .budget(
            "huge threshold", #"{"name": "x", "period": "day", "amount_usd": "1", "hard": 1000}"#,
            "b.json: budgets[0] (x): field 'hard': 100000% is above the largest threshold, 10000%"),
        .budget(
            "unknown period", #"{"name": "x", "period": "quarter", "amount_usd": "1", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'period': 'quarter' is not a period (expected day, week or month)"),
        .budget(
            "no name", #"{"period": "day", "amount_usd": "1", "hard": 1}"#, "b.json: budgets[0]: field 'name': missing"),
        .budget(
            "blank name", #"{"name": "  ", "period": "day", "amount_usd": "1", "hard": 1}"#,
            "b.json: budgets[0] (  ): field 'name': is empty"),
        .budget(
            "fractional scope value",
            #"{"name": "x", "scope": {"team": 1.5}, "period": "day", "amount_usd": "1", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'scope.team': expected a string, an integer or a boolean, found a fractional number"
        ),
        .budget(
            "scope not an object",
            #"{"name": "x", "scope": "team=support", "period": "day", "amount_usd": "1", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'scope': expected an object, found a string"),
        .budget(
            "empty scope key", #"{"name": "x", "scope": {"": "a"}, "period": "day", "amount_usd": "1", "hard": 1}"#,
            "b.json: budgets[0] (x): field 'scope': has an empty key, which names no attribute"),
    ]

    @Test(arguments: malformed)
    func malformedFilesNameTheFileBudgetAndField(_ file: MalformedBudgetFile) {
        let outcome = BudgetFileReader.check(file.text, file: "b.json")
        #expect(outcome.budgets == nil)
        #expect(outcome.errors.map(\.description).first?.hasPrefix(file.expected) == true, "\(outcome.errors)")
        #expect(throws: BudgetFileError.self) { try BudgetFileReader.read(file.text, file: "b.json") }
    }

    @Test func everyBadBudgetIsReportedNotOnlyTheFirst() {
        let text = """
            {"version": 1, "budgets": [
              {"name": "a", "period": "day", "amount_usd": "1", "hard": 1},
              {"name": "b", "period": "fortnight", "amount_usd": "1", "hard": 1},
              {"name": "a", "period": "week", "amount_usd": "2", "hard": 1},
              {"name": "c", "period": "day", "amount_usd": "1"}
            ]}
            """
        let outcome = BudgetFileReader.check(text, file: "b.json")
        #expect(
            outcome.errors.map(\.description) == [
                "b.json: budgets[1] (b): field 'period': 'fortnight' is not a period (expected day, week or month)",
                "b.json: budgets[2] (a): field 'name': 'a' is also the name of budgets[0]",
                "b.json: budgets[3] (c): has neither 'warn' nor 'hard': give at least one threshold",
            ])
    }

    @Test func everyErrorOfOneBudgetIsReportedInFieldOrder() {
        let text = """
            {"version": 1, "budgets": [
              {"name": "x", "scope": {"team": 1.5, "": "a"}, "period": "fortnight", "amount_usd": "-5",
               "warn": "120%", "hard": 1, "limit": 2, "hrad": 1}
            ]}
            """
        let outcome = BudgetFileReader.check(text, file: "b.json")
        let expected = "(expected one of amount_usd, hard, name, notes, period, scope, warn)"
        #expect(outcome.budgets == nil)
        #expect(
            outcome.errors.map(\.description) == [
                "b.json: budgets[0] (x): field 'limit': unknown field \(expected)",
                "b.json: budgets[0] (x): field 'hrad': unknown field \(expected)",
                "b.json: budgets[0] (x): field 'scope.team': expected a string, an integer or a boolean, found a fractional number",
                "b.json: budgets[0] (x): field 'scope': has an empty key, which names no attribute",
                "b.json: budgets[0] (x): field 'period': 'fortnight' is not a period (expected day, week or month)",
                "b.json: budgets[0] (x): field 'amount_usd': is negative (-5)",
                "b.json: budgets[0] (x): field 'warn': 120% is not below hard (100%): the budget would never warn",
            ])
    }

    @Test func aRepeatedNameIsReportedBesideTheBudgetsOtherErrorsAndAgainstABadBudget() {
        let text = """
            {"version": 1, "budgets": [
              {"name": "a", "period": "year", "amount_usd": "1", "hard": 1},
              {"name": "a", "period": "day", "amount_usd": "0", "hard": 1},
              {"name": "b", "period": "day", "amount_usd": "1", "hard": 1},
              {"name": "b", "period": "day", "amount_usd": "1", "hard": 1}
            ]}
            """
        let outcome = BudgetFileReader.check(text, file: "b.json")
        #expect(
            outcome.errors.map(\.description) == [
                "b.json: budgets[0] (a): field 'period': 'year' is not a period (expected day, week or month)",
                "b.json: budgets[1] (a): field 'name': 'a' is also the name of budgets[0]",
                "b.json: budgets[1] (a): field 'amount_usd': is zero: a budget of nothing is always exceeded",
                "b.json: budgets[3] (b): field 'name': 'b' is also the name of budgets[2]",
            ])
    }

    @Test func everyErrorOfTheFileItselfIsReportedTogether() {
        let outcome = BudgetFileReader.check(#"{"currency": "EUR", "notes": 3, "budgets": {}}"#, file: "b.json")
        #expect(
            outcome.errors.map(\.description) == [
                "b.json: field 'currency': unknown field (expected one of budgets, notes, version)",
                "b.json: field 'version': missing",
                "b.json: field 'notes': expected a string, found an integer",
                "b.json: field 'budgets': expected an array, found an object",
            ])
    }

    @Test func theLargestAmountReads() throws {
        let text =
            #"{"version": 1, "budgets": [{"name": "x", "period": "day", "amount_usd": "90000000", "hard": "10000%"}]}"#
        let budget = try #require(try BudgetFileReader.read(text, file: "b.json").first)
        #expect(budget.amount == Budget.largestAmount)
        // Its hard limit, a hundred times the amount, still fits.
        #expect(budget.hardLimit == Money(nanos: 9_000_000_000 * Money.nanosPerUnit))
    }

    @Test func aMissingFileIsAFileErrorNamingIt() {
        #expect(throws: FileError.self) { try BudgetFileReader.read(path: "/nonexistent/budgets.json") }
    }
}

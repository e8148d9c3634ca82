import CostModel

/// Reads and checks budget files (the format is described in `docs/budgets.md`).
///
/// Reading is strict, because a budget gates spending and a typo should not quietly turn it off:
/// amounts are decimal strings, unknown fields are errors, and a budget whose thresholds
/// contradict each other is rejected.
///
/// ```swift
/// let budgets = try BudgetFileReader.read(path: "traces/budgets.json")
/// let outcome = BudgetFileReader.check(text, file: "budgets.json")   // every error, not just the first
/// ```
public enum BudgetFileReader {
    /// The format version this build reads.
    public static let version: Int64 = 1

    /// What checking a file found.
    public struct Outcome: Sendable {
        /// The budgets, when the file has no errors.
        public var budgets: [Budget]?
        /// Every error found, in file order.
        public var errors: [BudgetFileError]
    }

    /// Reads the budgets of the file at `path`.
    /// - Throws: ``FileError`` when the file cannot be read, or the first ``BudgetFileError``.
    public static func read(path: String) throws -> [Budget] {
        let outcome = try check(path: path)
        guard let budgets = outcome.budgets else { throw outcome.errors[0] }
        return budgets
    }

    /// Reads budgets from the text of a file.
    /// - Parameter file: The name that errors give for the file.
    /// - Throws: The first ``BudgetFileError``.
    public static func read(_ text: String, file: String) throws(BudgetFileError) -> [Budget] {
        let outcome = check(text, file: file)
        guard let budgets = outcome.budgets else { throw outcome.errors[0] }
        return budgets
    }

    /// Checks the file at `path`, collecting every error rather than stopping at the first.
    /// - Throws: ``FileError`` when the file cannot be read.
    public static func check(path: String) throws(FileError) -> Outcome {
        let bytes = try PriceBookReader.readFile(path: path)
        return bytes.withUnsafeBytes { check($0, file: path) }
    }

    /// Checks budgets given as text.
    public static func check(_ text: String, file: String) -> Outcome {
        var text = text
        return text.withUTF8 { check(UnsafeRawBufferPointer($0), file: file) }
    }

    /// Checks budgets from the bytes of a file.
    public static func check(_ bytes: UnsafeRawBufferPointer, file: String) -> Outcome {
        let document: JSONDocument
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            return Outcome(
                budgets: nil, errors: [BudgetFileError(file: file, field: error.field, message: error.message)])
        }
        var decoder = BudgetFileDecoder(file: file)
        let budgets = decoder.decode(document.value)
        return Outcome(budgets: decoder.errors.isEmpty ? budgets : nil, errors: decoder.errors)
    }
}

/// A budget file that cannot be read, named by file, budget and field.
///
/// ```text
/// budgets.json: budgets[1] (support, weekly): field 'warn': 120% is above hard (100%)
/// ```
public struct BudgetFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A budget of the file: `budgets[1]`, with its name when it has a readable one.
    public struct Entry: Hashable, Sendable, CustomStringConvertible {
        /// The budget's index in `budgets`, from 0.
        public var index: Int
        public var name: String?

        public init(index: Int, name: String? = nil) {
            self.index = index
            self.name = name
        }

        public var description: String { JSONFileErrorText.entry(section: "budgets", index: index, name: name) }
    }

    /// The file's path.
    public var file: String
    /// The budget that is wrong, `nil` when the file as a whole is (bad JSON, wrong version).
    public var entry: Entry?
    /// The field that is wrong, as a dotted path inside the budget (`scope.team`), or inside the
    /// file when ``entry`` is `nil`; empty when the whole budget or file is.
    public var field: String
    public var message: String

    public init(file: String, entry: Entry? = nil, field: String, message: String) {
        self.file = file
        self.entry = entry
        self.field = field
        self.message = message
    }

    public var description: String {
        JSONFileErrorText.error(file: file, entry: entry, field: field, message: message)
    }
}

/// A price book that cannot be read, named by file, entry and field.
///
/// ```text
/// prices/team.json: models[3] (claude-sonnet-4): field 'prices_per_million.output': is negative (-15)
/// ```
public struct PriceBookError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An entry of the book: `models[3]`, with its model id (or device, or tool) when it has one.
    public struct Entry: Hashable, Sendable, CustomStringConvertible {
        /// `models`, `gpus` or `tools`.
        public var section: String
        /// The entry's index in its section, from 0.
        public var index: Int
        /// The model id, device or tool name, when the entry names one.
        public var name: String?

        public init(section: String, index: Int, name: String? = nil) {
            self.section = section
            self.index = index
            self.name = name
        }

        public var description: String { JSONFileErrorText.entry(section: section, index: index, name: name) }
    }

    /// The file's path, or a name such as `default.json (built in)`.
    public var file: String
    /// The entry that is wrong, `nil` when the book as a whole is (bad JSON, wrong version).
    public var entry: Entry?
    /// The field that is wrong, as a dotted path inside the entry (`long_context[1].above_input_tokens`),
    /// or inside the book when ``entry`` is `nil`; empty when the whole entry or book is.
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

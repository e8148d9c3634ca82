/// How an error in a JSON input file reads: `file: models[3] (claude-sonnet-4): field 'path': message`.
///
/// ``PriceBookError`` and ``BudgetFileError`` share it, so that their messages read alike.
enum JSONFileErrorText {
    /// An entry of one of the file's arrays, `models[3]`, with its name when it has a readable one.
    static func entry(section: String, index: Int, name: String?) -> String {
        "\(section)[\(index)]" + (name.map { " (\($0))" } ?? "")
    }

    /// Leaves out the entry when the file as a whole is wrong, and the field when the whole entry is.
    static func error(file: String, entry: (any CustomStringConvertible)?, field: String, message: String) -> String {
        var text = file + ": "
        if let entry { text += "\(entry): " }
        if !field.isEmpty { text += "field '\(field)': " }
        return text + message
    }
}

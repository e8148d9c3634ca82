/// A line of a trace file that cannot be read, named by file, line and field.
public struct TraceFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's path, or `-` for standard input.
    public var file: String
    /// The line number, from 1.
    public var line: Int
    /// The field that is wrong, as a dotted path (`usage.input`), or empty when the whole line is.
    public var field: String
    public var message: String

    public init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        field.isEmpty ? "\(file):\(line): \(message)" : "\(file):\(line): field '\(field)': \(message)"
    }
}

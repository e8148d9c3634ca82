/// Writes RFC 4180 CSV: a header row, then records, every line ending in CRLF.
///
/// A field is quoted only when it holds a comma, a quote, a CR or an LF; quotes inside are
/// doubled. `nil` is written as an empty field, which CSV readers take as null.
public struct CSVWriter {
    public private(set) var text = ""
    /// The number of fields each record must have: the header's.
    public let columnCount: Int

    public init(header: [String]) {
        columnCount = header.count
        append(header)
    }

    /// Appends one record.
    /// - Precondition: it has as many fields as the header.
    public mutating func record(_ fields: [String?]) {
        precondition(fields.count == columnCount, "a CSV record has \(fields.count) fields, the header \(columnCount)")
        append(fields)
    }

    private mutating func append(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { text += "," }
            if let field { text += Self.escaped(field) }
        }
        text += "\r\n"
    }

    /// The field as CSV: quoted when it has to be.
    public static func escaped(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}

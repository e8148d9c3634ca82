/// Writes JSON text by hand, with members in the order given, so report output is deterministic.
///
/// Reports depend on `CostModel` alone; this is all the JSON they need to write.
public struct JSONWriter {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
        needsComma[needsComma.count - 1] = true
        if pretty && needsComma.count > 1 { text += "\n" + String(repeating: "  ", count: needsComma.count - 1) }
    }

    private mutating func key(_ name: String?) {
        separate()
        if let name { text += Self.quoted(name) + (pretty ? ": " : ":") }
    }

    public mutating func beginObject(_ name: String? = nil) {
        key(name)
        text += "{"
        needsComma.append(false)
    }

    public mutating func endObject() { close("}") }

    public mutating func beginArray(_ name: String? = nil) {
        key(name)
        text += "["
        needsComma.append(false)
    }

    public mutating func endArray() { close("]") }

    private mutating func close(_ bracket: String) {
        let hadMembers = needsComma.removeLast()
        if pretty && hadMembers { text += "\n" + String(repeating: "  ", count: needsComma.count - 1) }
        text += bracket
    }

    public mutating func string(_ name: String? = nil, _ value: String) {
        key(name)
        text += Self.quoted(value)
    }

    public mutating func optionalString(_ name: String, _ value: String?) {
        key(name)
        text += value.map(Self.quoted) ?? "null"
    }

    public mutating func number(_ name: String? = nil, _ value: Int64) {
        key(name)
        text += String(value)
    }

    public mutating func number(_ name: String? = nil, _ value: Int) {
        number(name, Int64(value))
    }

    /// A number in its shortest form that reads back the same (`0.25`, `-31.2`); `null` when it is
    /// not finite.
    public mutating func number(_ name: String? = nil, _ value: Double) {
        key(name)
        text += value.isFinite ? String(value) : "null"
    }

    public mutating func bool(_ name: String? = nil, _ value: Bool) {
        key(name)
        text += value ? "true" : "false"
    }

    public mutating func null(_ name: String? = nil) {
        key(name)
        text += "null"
    }

    /// A JSON string literal, with every control character escaped.
    public static func quoted(_ value: String) -> String {
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"  // keeps `</script>` inert if the JSON lands in HTML
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

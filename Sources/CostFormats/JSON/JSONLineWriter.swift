import CJSONC
import CostModel

/// Writes a JSON object straight into bytes, member by member, exactly as json-c prints it with
/// `JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE`.
///
/// Trace lines are written here rather than built as json-c objects: a json-c tree costs some 80
/// heap allocations a span (an object per member, a copy of each key, the printed text), which
/// made the exporter's writer thread ten times slower than the threads recording spans. This
/// writer fills one buffer through a pointer, with no allocation but the buffer's own.
///
/// The output is json-c's to the byte: no spaces, members in the order written, strings escaped as
/// `json_escape_str` escapes them (`"`, `\`, and control characters; `/` and non-ASCII as they
/// are), keys cut at a NUL as a C string is. Doubles are printed by json-c itself.
///
/// ```swift
/// var json = JSONLineWriter()
/// json.beginObject()
/// json.member("v", 1 as Int64)
/// json.endObject()
/// output.append(contentsOf: json.text)   // {"v":1}
/// ```
struct JSONLineWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Whether the next member of the object being written follows another.
    private var needsComma = false

    /// - Parameter capacity: Bytes to hold before the buffer grows; most span lines fit in 512.
    init(capacity: Int = 512) {
        self.capacity = max(16, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The text written so far.
    var text: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: count) }

    /// The flags of json-c's printing that this writer's output matches.
    static let flags = Int32(JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

    // MARK: Objects and members

    /// Starts an object, as a value or as the whole line.
    mutating func beginObject() {
        write(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Starts an object that is the member `key` of the object being written.
    mutating func beginObject(_ key: StaticString) {
        self.key(key)
        beginObject()
    }

    /// Starts an object that is the member `key` of the object being written.
    mutating func beginObject(named key: String) {
        self.key(key)
        beginObject()
    }

    mutating func endObject() {
        write(UInt8(ascii: "}"))
        needsComma = true
    }

    /// A member whose key is a literal: plain ASCII that needs no escape, written as it is.
    mutating func member(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func member(_ key: StaticString, _ value: Int64) {
        self.key(key)
        integer(value)
    }

    /// A member whose value is 16 lowercase hex digits per word, such as a span id, or a trace id
    /// as its two words.
    mutating func hexMember(_ key: StaticString, _ word: UInt64, _ more: UInt64? = nil) {
        self.key(key)
        reserve(34)
        start[count] = UInt8(ascii: "\"")
        count += 1
        hex(word)
        if let more { hex(more) }
        start[count] = UInt8(ascii: "\"")
        count += 1
    }

    mutating func member(named key: String, _ value: String) {
        self.key(key)
        string(value)
    }

    mutating func member(named key: String, _ value: Int64) {
        self.key(key)
        integer(value)
    }

    mutating func member(named key: String, _ value: Bool) {
        self.key(key)
        write(value ? "true" : "false")
    }

    /// A double as json-c prints it (`%.17g`, with `.0` after a whole number); rare enough in
    /// trace lines that borrowing json-c's formatting, to be sure of the same text, costs nothing.
    mutating func member(named key: String, _ value: Double) {
        self.key(key)
        let number = json_object_new_double(value)
        defer { json_object_put(number) }
        var length = 0
        if let text = json_object_to_json_string_length(number, Self.flags, &length) {
            text.withMemoryRebound(to: UInt8.self, capacity: length) {
                write(UnsafeBufferPointer(start: $0, count: length))
            }
        }
    }

    // MARK: Text

    private mutating func key(_ key: StaticString) {
        if needsComma { write(UInt8(ascii: ",")) }
        needsComma = true  // after the value that follows
        write(UInt8(ascii: "\""))
        write(key)
        write("\":")
    }

    private mutating func key(_ key: String) {
        if needsComma { write(UInt8(ascii: ",")) }
        needsComma = true
        var key = key
        key.withUTF8 { utf8 in
            // json-c takes keys as C strings, which end at the first NUL.
            string(UnsafeBufferPointer(rebasing: utf8[..<(utf8.firstIndex(of: 0) ?? utf8.endIndex)]))
        }
        write(UInt8(ascii: ":"))
    }

    private mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string($0) }
    }

    /// Writes `utf8` quoted, escaped as json-c's `json_escape_str` escapes it.
    private mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        reserve(utf8.count * 6 + 2)  // at most `\u00XX` for every byte, and the quotes
        start[count] = UInt8(ascii: "\"")
        count += 1
        for byte in utf8 {
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                start[count] = byte
                count += 1
                continue
            }
            start[count] = UInt8(ascii: "\\")
            switch byte {
            case 0x08: start[count + 1] = UInt8(ascii: "b")
            case 0x09: start[count + 1] = UInt8(ascii: "t")
            case 0x0A: start[count + 1] = UInt8(ascii: "n")
            case 0x0C: start[count + 1] = UInt8(ascii: "f")
            case 0x0D: start[count + 1] = UInt8(ascii: "r")
            case 0..<0x20:
                start[count + 1] = UInt8(ascii: "u")
                start[count + 2] = UInt8(ascii: "0")
                start[count + 3] = UInt8(ascii: "0")
                start[count + 4] = Self.hexDigit(byte >> 4)
                start[count + 5] = Self.hexDigit(byte & 0xF)
                count += 4
            default: start[count + 1] = byte  // `"` and `\`
            }
            count += 2
        }
        start[count] = UInt8(ascii: "\"")
        count += 1
    }

    private mutating func integer(_ value: Int64) {
        reserve(20)  // `-` and the 19 digits of Int64.min
        if value < 0 {
            start[count] = UInt8(ascii: "-")
            count += 1
        }
        // The digits from the last, then put in order.
        let first = count
        var magnitude = value.magnitude
        repeat {
            start[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            count += 1
            magnitude /= 10
        } while magnitude != 0
        var digits = UnsafeMutableBufferPointer(start: start + first, count: count - first)
        digits.reverse()
    }

    /// Writes the 16 lowercase hex digits of `word`; the room is reserved by the caller.
    private mutating func hex(_ word: UInt64) {
        for index in 0..<16 {
            start[count + index] = Self.hexDigit(UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * index)) & 0xF)
        }
        count += 16
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    // MARK: The buffer

    private mutating func write(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    private mutating func write(_ text: StaticString) {
        write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        reserve(bytes.count)
        (start + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Makes room for `extra` more bytes, doubling the buffer when it is full.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity * 2, count + extra))
        grown.initialize(from: start, count: count)
        start.deallocate()
        start = grown
        capacity = max(capacity * 2, count + extra)
    }
}

import CJSONC

/// A read-only view of a json-c value, with the path that leads to it for error messages.
///
/// The view does not own the value: it lives as long as the root that ``JSONDocument`` holds.
struct JSONValue {
    let pointer: OpaquePointer?
    let path: String

    var type: json_type { json_object_get_type(pointer) }
    var isNull: Bool { pointer == nil || type == json_type_null }

    /// The member named `key` of an object, `nil` when absent or JSON `null`.
    subscript(key: String) -> JSONValue? {
        var member: OpaquePointer?
        guard json_object_object_get_ex(pointer, key, &member) != 0, let member,
            json_object_get_type(member) != json_type_null
        else { return nil }
        return JSONValue(pointer: member, path: path.isEmpty ? key : path + "." + key)
    }

    func string() throws(JSONFieldError) -> String {
        guard type == json_type_string else { throw mismatch("a string") }
        let length = Int(json_object_get_string_len(pointer))
        guard let bytes = json_object_get_string(pointer) else { return "" }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The bytes of a string value, valid during `body`, without making a `String`.
    func withStringBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) throws(JSONFieldError) -> T {
        guard type == json_type_string else { throw mismatch("a string") }
        let length = Int(json_object_get_string_len(pointer))
        return body(UnsafeRawBufferPointer(start: json_object_get_string(pointer), count: length))
    }

    /// Calls `body` with each member of an object, in the order written, without collecting them.
    func forEachMember(_ body: (String, JSONValue) throws(JSONFieldError) -> Void) throws(JSONFieldError) {
        guard type == json_type_object else { throw mismatch("an object") }
        var iterator = json_object_iter_begin(pointer)
        var end = json_object_iter_end(pointer)
        while json_object_iter_equal(&iterator, &end) == 0 {
            let key = String(cString: json_object_iter_peek_name(&iterator))
            let value = json_object_iter_peek_value(&iterator)
            try body(key, JSONValue(pointer: value, path: path.isEmpty ? key : path + "." + key))
            json_object_iter_next(&iterator)
        }
    }

    func int64() throws(JSONFieldError) -> Int64 {
        switch type {
        case json_type_int:
            // json-c holds integers above Int64.max as unsigned (clamping those above UInt64.max),
            // and json_object_get_int64 would clamp them to Int64.max without a word.
            let value = json_object_get_int64(pointer)
            guard value != .max || json_object_get_uint64(pointer) == UInt64(Int64.max) else {
                throw invalid("is too large for a 64-bit integer")
            }
            return value
        default:
            throw mismatch("an integer")
        }
    }

    /// An integer, or a string that holds one, as OTLP/JSON writes 64-bit integers.
    func int64AllowingString() throws(JSONFieldError) -> Int64 {
        guard type == json_type_string else { return try int64() }
        guard let value = Int64(try string()) else { throw invalid("expected an integer, found \"\(try string())\"") }
        return value
    }

    func double() throws(JSONFieldError) -> Double {
        guard type == json_type_double || type == json_type_int else { throw mismatch("a number") }
        return json_object_get_double(pointer)
    }

    func bool() throws(JSONFieldError) -> Bool {
        guard type == json_type_boolean else { throw mismatch("true or false") }
        return json_object_get_boolean(pointer) != 0
    }

    /// The members of an object, in the order they were written.
    func members() throws(JSONFieldError) -> [(key: String, value: JSONValue)] {
        guard type == json_type_object else { throw mismatch("an object") }
        var result: [(String, JSONValue)] = []
        var iterator = json_object_iter_begin(pointer)
        var end = json_object_iter_end(pointer)
        while json_object_iter_equal(&iterator, &end) == 0 {
            let key = String(cString: json_object_iter_peek_name(&iterator))
            let value = json_object_iter_peek_value(&iterator)
            result.append((key, JSONValue(pointer: value, path: path.isEmpty ? key : path + "." + key)))
            json_object_iter_next(&iterator)
        }
        return result
    }

    /// The elements of an array.
    func elements() throws(JSONFieldError) -> [JSONValue] {
        guard type == json_type_array else { throw mismatch("an array") }
        let count = json_object_array_length(pointer)
        return (0..<count).map { JSONValue(pointer: json_object_array_get_idx(pointer, $0), path: "\(path)[\($0)]") }
    }

    func mismatch(_ expected: String) -> JSONFieldError {
        JSONFieldError(field: path, message: "expected \(expected), found \(typeName)")
    }

    func invalid(_ message: String) -> JSONFieldError {
        JSONFieldError(field: path, message: message)
    }

    var typeName: String { Self.typeName(pointer) }

    /// How error messages name the type of a json-c value.
    static func typeName(_ pointer: OpaquePointer?) -> String {
        switch json_object_get_type(pointer) {
        case json_type_null: "null"
        case json_type_boolean: "a boolean"
        case json_type_double: "a fractional number"
        case json_type_int: "an integer"
        case json_type_object: "an object"
        case json_type_array: "an array"
        case json_type_string: "a string"
        default: "an unknown value"
        }
    }
}

/// A field of a JSON document that is missing or has the wrong type or value.
struct JSONFieldError: Error {
    var field: String
    var message: String
}

/// Parses JSON text with json-c, one document at a time, reusing one tokener.
final class JSONParser {
    private let tokener: UnsafeMutablePointer<json_tokener>

    init() {
        tokener = json_tokener_new()!
    }

    deinit {
        json_tokener_free(tokener)
    }

    /// Parses exactly one JSON document from `bytes` (surrounding white space allowed).
    /// - Returns: The root, which the caller releases with ``JSONDocument``.
    func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONFieldError) -> JSONDocument {
        json_tokener_reset(tokener)
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else {
            throw JSONFieldError(field: "", message: "empty document")
        }
        let root = json_tokener_parse_ex(tokener, base, Int32(bytes.count))
        let status = json_tokener_get_error(tokener)
        guard status == json_tokener_success, let root else {
            if let root { json_object_put(root) }
            let message =
                status == json_tokener_continue
                ? "the JSON text ends before the document does"
                : String(cString: json_tokener_error_desc(status))
            throw JSONFieldError(field: "", message: "invalid JSON at byte \(json_tokener_get_parse_end(tokener) + 1): \(message)")
        }
        let end = Int(json_tokener_get_parse_end(tokener))
        if end < bytes.count,
            UnsafeRawBufferPointer(rebasing: bytes[end...]).contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A })
        {
            json_object_put(root)
            throw JSONFieldError(field: "", message: "invalid JSON at byte \(end + 1): text after the document")
        }
        return JSONDocument(root: root)
    }
}

/// Owns a parsed json-c tree and releases it.
final class JSONDocument {
    let root: OpaquePointer

    init(root: OpaquePointer) {
        self.root = root
    }

    deinit {
        json_object_put(root)
    }

    var value: JSONValue { JSONValue(pointer: root, path: "") }
}

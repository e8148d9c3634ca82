import CJSONC
import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads json-c values for the OTLP decoder, naming a field only when an error needs its name.
///
/// Paths are autoclosures: building `resourceSpans[0].scopeSpans[0].spans[3].attributes.…` for
/// every value read would cost more than the parse itself, and is needed only for an error.
enum OTLPJSON {
    /// The member named `key` of an object, `nil` when absent or JSON `null`.
    static func member(_ object: OpaquePointer, _ key: String) -> OpaquePointer? {
        var member: OpaquePointer?
        guard json_object_object_get_ex(object, key, &member) != 0, let member,
            json_object_get_type(member) != json_type_null
        else { return nil }
        return member
    }

    /// The members of an `AnyValue`, one of which is set.
    enum AnyValueMember {
        case string, int, double, bool, array, kvlist, bytes
    }

    /// The member of an `AnyValue` object that is set, found in one pass over its members rather
    /// than a lookup of each name (it is the hottest path of an OTLP file); `nil` when none is.
    static func anyValueMember(_ object: OpaquePointer) -> (AnyValueMember, OpaquePointer)? {
        var iterator = json_object_iter_begin(object)
        var end = json_object_iter_end(object)
        while json_object_iter_equal(&iterator, &end) == 0 {
            defer { json_object_iter_next(&iterator) }
            guard let value = json_object_iter_peek_value(&iterator), json_object_get_type(value) != json_type_null,
                let name = json_object_iter_peek_name(&iterator)
            else { continue }
            let member: AnyValueMember
            if strcmp(name, "stringValue") == 0 {
                member = .string
            } else if strcmp(name, "intValue") == 0 {
                member = .int
            } else if strcmp(name, "doubleValue") == 0 {
                member = .double
            } else if strcmp(name, "boolValue") == 0 {
                member = .bool
            } else if strcmp(name, "arrayValue") == 0 {
                member = .array
            } else if strcmp(name, "kvlistValue") == 0 {
                member = .kvlist
            } else if strcmp(name, "bytesValue") == 0 {
                member = .bytes
            } else {
                continue
            }
            return (member, value)
        }
        return nil
    }

    /// The `key` and `value` members of a `KeyValue` object, found in one pass.
    static func keyValueMembers(_ object: OpaquePointer) -> (key: OpaquePointer?, value: OpaquePointer?) {
        var key: OpaquePointer?
        var value: OpaquePointer?
        var iterator = json_object_iter_begin(object)
        var end = json_object_iter_end(object)
        while json_object_iter_equal(&iterator, &end) == 0 {
            defer { json_object_iter_next(&iterator) }
            guard let member = json_object_iter_peek_value(&iterator), json_object_get_type(member) != json_type_null,
                let name = json_object_iter_peek_name(&iterator)
            else { continue }
            if strcmp(name, "key") == 0 {
                key = member
            } else if strcmp(name, "value") == 0 {
                value = member
            }
        }
        return (key, value)
    }

    static func isObject(_ value: OpaquePointer) -> Bool { json_object_get_type(value) == json_type_object }

    /// Whether the object has no members at all.
    static func isEmptyObject(_ value: OpaquePointer) -> Bool {
        isObject(value) && json_object_object_length(value) == 0
    }

    static func requireObject(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) {
        guard isObject(value) else { throw mismatch(value, "an object", path()) }
    }

    /// The number of elements of an array.
    static func arrayCount(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) -> Int {
        guard json_object_get_type(value) == json_type_array else { throw mismatch(value, "an array", path()) }
        return json_object_array_length(value)
    }

    /// An element of an array; `nil` for JSON `null`.
    static func element(_ array: OpaquePointer, _ index: Int) -> OpaquePointer? {
        guard let element = json_object_array_get_idx(array, index),
            json_object_get_type(element) != json_type_null
        else { return nil }
        return element
    }

    static func string(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) -> String {
        guard json_object_get_type(value) == json_type_string else { throw mismatch(value, "a string", path()) }
        return text(value)
    }

    /// The text of a json-c string (no type check).
    static func text(_ value: OpaquePointer) -> String {
        let length = Int(json_object_get_string_len(value))
        guard let bytes = json_object_get_string(value) else { return "" }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The value of a string of exactly 16 or 32 hex digits (either case), read without making a
    /// `String`; `nil` for any other string. 32 digits fill `high` and `low`, 16 only `low`.
    static func hexDigits(_ value: OpaquePointer, count: Int) -> (high: UInt64, low: UInt64)? {
        guard json_object_get_string_len(value) == count, let text = json_object_get_string(value) else { return nil }
        let bytes = UnsafeRawBufferPointer(start: text, count: count)
        func parse(_ start: Int) -> UInt64? { HexDigits.parse(UnsafeRawBufferPointer(rebasing: bytes[start..<start + 16])) }
        if count == 16 { return parse(0).map { (0, $0) } }
        guard count == 32, let high = parse(0), let low = parse(16) else { return nil }
        return (high, low)
    }

    /// An integer written as a JSON number or, as OTLP/JSON writes 64-bit integers, as a string.
    static func int64(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) -> Int64 {
        switch json_object_get_type(value) {
        case json_type_int:
            // json-c holds integers above Int64.max as unsigned, and json_object_get_int64 would
            // clamp them to Int64.max without a word.
            let number = json_object_get_int64(value)
            guard number != .max || json_object_get_uint64(value) == UInt64(Int64.max) else {
                throw JSONFieldError(field: path(), message: "is too large for a 64-bit integer")
            }
            return number
        case json_type_string:
            let digits = text(value)
            if let number = Int64(digits) { return number }
            if UInt64(digits) != nil {
                throw JSONFieldError(field: path(), message: "is too large for a 64-bit integer")
            }
            throw JSONFieldError(field: path(), message: "expected an integer, found \"\(digits)\"")
        default:
            throw mismatch(value, "an integer", path())
        }
    }

    /// A number, or a string holding one or `NaN`, `Infinity` or `-Infinity` (the protobuf JSON
    /// mapping of a `double`).
    static func double(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) -> Double {
        switch json_object_get_type(value) {
        case json_type_double, json_type_int:
            return json_object_get_double(value)
        case json_type_string:
            let digits = text(value)
            switch digits {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default:
                guard let number = Double(digits), number.isFinite else {
                    throw JSONFieldError(field: path(), message: "expected a number, found \"\(digits)\"")
                }
                return number
            }
        default:
            throw mismatch(value, "a number", path())
        }
    }

    static func bool(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) -> Bool {
        guard json_object_get_type(value) == json_type_boolean else { throw mismatch(value, "true or false", path()) }
        return json_object_get_boolean(value) != 0
    }

    static func mismatch(_ value: OpaquePointer?, _ expected: String, _ path: String) -> JSONFieldError {
        JSONFieldError(field: path, message: "expected \(expected), found \(typeName(value))")
    }

    static func typeName(_ value: OpaquePointer?) -> String { JSONValue.typeName(value) }

    /// The value as one line of JSON text.
    static func serialize(_ value: OpaquePointer?) -> String {
        var length = 0
        guard
            let text = json_object_to_json_string_length(
                value, Int32(JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), &length)
        else { return "null" }
        return text.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }
}

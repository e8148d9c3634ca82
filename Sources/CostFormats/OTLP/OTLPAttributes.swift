import CJSONC
import CostModel

/// Reads OTLP `KeyValue` lists and `AnyValue`s into typed scalar attributes.
///
/// Scalars keep their type; an `arrayValue` or `kvlistValue` becomes its JSON text, written
/// plainly (`["stop"]`, `{"a":1}`, without the OTLP wrappers); a `bytesValue` stays the base64
/// text that OTLP/JSON writes; an empty value leaves the attribute out.
enum OTLPAttributes {
    /// Reads a `KeyValue` array. A later duplicate key wins.
    /// - Parameter path: The array's path, for errors: a value is named `PATH.KEY.intValue`.
    static func read(_ list: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) -> Attributes {
        let count = try OTLPJSON.arrayCount(list, path())
        var result: Attributes = [:]
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = OTLPJSON.element(list, index) else {
                throw JSONFieldError(field: "\(path())[\(index)]", message: "expected an object, found null")
            }
            try OTLPJSON.requireObject(entry, "\(path())[\(index)]")
            let (keyField, valueField) = OTLPJSON.keyValueMembers(entry)
            guard let keyField else { throw JSONFieldError(field: "\(path())[\(index)].key", message: "missing") }
            let key = try OTLPJSON.string(keyField, "\(path())[\(index)].key")
            guard let valueField else { continue }
            if let value = try scalar(valueField, "\(path()).\(key)") { result[key] = value }
        }
        return result
    }

    /// Reads an `AnyValue`; `nil` when it is empty.
    static func scalar(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError)
        -> AttributeValue?
    {
        try OTLPJSON.requireObject(value, path())
        guard let (member, field) = OTLPJSON.anyValueMember(value) else { return nil }
        switch member {
        case .string: return .string(try OTLPJSON.string(field, path() + ".stringValue"))
        case .int: return .int(try OTLPJSON.int64(field, path() + ".intValue"))
        case .double: return .double(try OTLPJSON.double(field, path() + ".doubleValue"))
        case .bool: return .bool(try OTLPJSON.bool(field, path() + ".boolValue"))
        case .bytes: return .string(try OTLPJSON.string(field, path() + ".bytesValue"))
        case .array, .kvlist:
            let plain = try plainJSON(value, path())
            defer { json_object_put(plain) }
            return .string(OTLPJSON.serialize(plain))
        }
    }

    /// An `AnyValue` as a json-c value without the OTLP wrappers, owned by the caller; `nil`
    /// (JSON null) for an empty value.
    private static func plainJSON(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError)
        -> OpaquePointer?
    {
        try OTLPJSON.requireObject(value, path())
        guard let (member, field) = OTLPJSON.anyValueMember(value) else { return nil }
        switch member {
        case .string:
            return newString(try OTLPJSON.string(field, path() + ".stringValue"))
        case .int:
            return json_object_new_int64(try OTLPJSON.int64(field, path() + ".intValue"))
        case .double:
            let number = try OTLPJSON.double(field, path() + ".doubleValue")
            // JSON has no NaN or infinity: those are written as text, as the protobuf mapping does.
            guard number.isFinite else {
                return newString(number.isNaN ? "NaN" : number < 0 ? "-Infinity" : "Infinity")
            }
            return json_object_new_double_s(number, String(number))
        case .bool:
            return json_object_new_boolean(try OTLPJSON.bool(field, path() + ".boolValue") ? 1 : 0)
        case .bytes:
            return newString(try OTLPJSON.string(field, path() + ".bytesValue"))
        case .array:
            try OTLPJSON.requireObject(field, path() + ".arrayValue")
            let array = json_object_new_array()
            var complete = false
            defer { if !complete { json_object_put(array) } }
            if let values = OTLPJSON.member(field, "values") {
                let count = try OTLPJSON.arrayCount(values, path() + ".arrayValue.values")
                for index in 0..<count {
                    var element: OpaquePointer?
                    if let item = OTLPJSON.element(values, index) {
                        element = try plainJSON(item, "\(path()).arrayValue.values[\(index)]")
                    }
                    json_object_array_add(array, element)
                }
            }
            complete = true
            return array
        case .kvlist:
            try OTLPJSON.requireObject(field, path() + ".kvlistValue")
            let object = json_object_new_object()
            var complete = false
            defer { if !complete { json_object_put(object) } }
            if let values = OTLPJSON.member(field, "values") {
                func listPath() -> String { path() + ".kvlistValue.values" }
                let count = try OTLPJSON.arrayCount(values, listPath())
                for index in 0..<count {
                    guard let entry = OTLPJSON.element(values, index) else {
                        throw JSONFieldError(
                            field: "\(listPath())[\(index)]", message: "expected an object, found null")
                    }
                    try OTLPJSON.requireObject(entry, "\(listPath())[\(index)]")
                    let (keyField, valueField) = OTLPJSON.keyValueMembers(entry)
                    guard let keyField else {
                        throw JSONFieldError(field: "\(listPath())[\(index)].key", message: "missing")
                    }
                    let key = try OTLPJSON.string(keyField, "\(listPath())[\(index)].key")
                    var member: OpaquePointer?
                    if let valueField { member = try plainJSON(valueField, "\(listPath()).\(key)") }
                    json_object_object_add(object, key, member)
                }
            }
            complete = true
            return object
        }
    }

    private static func newString(_ text: String) -> OpaquePointer? {
        if text.isEmpty { return json_object_new_string("") }
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { json_object_new_string_len($0.baseAddress, Int32($0.count)) }
        }
    }
}

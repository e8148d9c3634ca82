import CJSONC

/// Builds a json-c object member by member and serialises it on one line.
///
/// Members are written in the order they are set, so output is deterministic.
struct JSONBuilder: ~Copyable {
    let object: OpaquePointer

    init() {
        object = json_object_new_object()
    }

    deinit {
        json_object_put(object)
    }

    func set(_ key: String, _ value: String) {
        var value = value
        let member = value.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { json_object_new_string_len($0.baseAddress, Int32($0.count)) }
        }
        json_object_object_add(object, key, member)
    }

    func set(_ key: String, _ value: Int64) {
        json_object_object_add(object, key, json_object_new_int64(value))
    }

    func set(_ key: String, _ value: Double) {
        json_object_object_add(object, key, json_object_new_double(value))
    }

    func set(_ key: String, _ value: Bool) {
        json_object_object_add(object, key, json_object_new_boolean(value ? 1 : 0))
    }

    /// Moves `child` into this object under `key`.
    func set(_ key: String, _ child: consuming JSONBuilder) {
        json_object_object_add(object, key, json_object_get(child.object))
    }

    /// Appends the object as one line of JSON text to `output`, without a newline.
    func write(to output: inout [UInt8]) {
        var length = 0
        guard let text = json_object_to_json_string_length(
            object, Int32(JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), &length)
        else { return }
        text.withMemoryRebound(to: UInt8.self, capacity: length) {
            output.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
    }
}

import CJSONC

/// Reading the entries of a JSON input file (a price book, a budget file), with errors that name
/// the field.
extension JSONValue {
    /// The value with paths that start inside it, so that errors name `prices_per_million.input`
    /// rather than `models[3].prices_per_million.input`; the entry itself is named apart.
    var reRooted: JSONValue { JSONValue(pointer: pointer, path: "") }

    /// The member `key` of an object; missing is an error that names it.
    func required(_ key: String) throws(JSONFieldError) -> JSONValue {
        guard type == json_type_object else { throw mismatch("an object") }
        guard let value = self[key] else {
            throw JSONFieldError(field: path.isEmpty ? key : path + "." + key, message: "missing")
        }
        return value
    }

    /// Checks a file's `version` member against `supported`, the one this build reads.
    func requireVersion(_ supported: Int64) throws(JSONFieldError) {
        let field = try required("version")
        let version = try field.int64()
        guard version == supported else {
            throw field.invalid("version \(version) is not supported (this build reads version \(supported))")
        }
    }

    /// Fails on the first member not in `known`: a misspelt field would otherwise be ignored.
    func onlyKnownFields(_ known: Set<String>) throws(JSONFieldError) {
        for (key, value) in try members() where !known.contains(key) {
            throw value.invalid("unknown field (expected one of \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// An error for each member not in `known`, in the order written; none when `self` is not
    /// an object (its type is reported where it is read).
    func unknownFields(_ known: Set<String>) -> [JSONFieldError] {
        guard let members = try? members() else { return [] }
        return members.filter { !known.contains($0.key) }.map {
            $0.value.invalid("unknown field (expected one of \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// The non-empty string member `key` of an entry (its name, model id…) for error messages,
    /// if it has one.
    func readableName(_ key: String) -> String? {
        guard type == json_type_object, let value = self[key], let name = try? value.string(), !name.isEmpty
        else { return nil }
        return name
    }

    /// The text of a decimal, which must be a JSON string: a JSON number would pass through
    /// binary floating point on its way into many tools. `example` shows one in the error.
    func decimalText(example: String) throws(JSONFieldError) -> String {
        guard type == json_type_string else {
            throw invalid("expected a decimal string such as \"\(example)\", found \(typeName)")
        }
        return try string()
    }

    /// The error for a string `text` that is not an exact decimal.
    func notADecimal(_ text: String, example: String) -> JSONFieldError {
        invalid(
            "'\(text)' is not a decimal such as \"\(example)\" (digits, an optional point and at most nine decimals)")
    }
}

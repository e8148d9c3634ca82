import CJSONC
import CostModel

/// Decodes OTLP/JSON `ExportTraceServiceRequest` documents, as the OpenTelemetry Collector's
/// file exporter writes them, into spans.
///
/// Ids are hex, 64-bit integers may be strings or numbers, enums integers or their names.
/// The GenAI attributes of the OpenTelemetry GenAI, OpenInference and OpenLLMetry conventions
/// become kind, model, provider and usage; see `docs/otlp-import.md` for the whole mapping.
///
/// ```swift
/// let decoder = OTLPDocumentDecoder()
/// let spans = try decoder.decode(#"{"resourceSpans":[]}"#, file: "export.json")
/// ```
///
/// Not thread-safe: it reuses one json-c tokener. Use one decoder per thread.
public final class OTLPDocumentDecoder {
    /// The deepest nesting of arrays and objects read; kvlist attribute values nest.
    static let maximumDepth: Int32 = 64

    private let tokener: UnsafeMutablePointer<json_tokener>

    public init() {
        tokener = json_tokener_new_ex(Self.maximumDepth)!
    }

    deinit {
        json_tokener_free(tokener)
    }

    /// Decodes one document, which may span several lines.
    /// - Parameters:
    ///   - bytes: The document's JSON text (surrounding white space allowed).
    ///   - file: The file's path, for errors.
    ///   - line: The line the document starts on, from 1, for errors.
    /// - Returns: The spans, in the order the document lists them.
    /// - Throws: ``TraceFormatError`` naming `file`, the line and the field that is wrong. A JSON
    ///   syntax error names the line it is on; a wrong field, the line the document starts on.
    public func decode(_ bytes: UnsafeRawBufferPointer, file: String, line: Int = 1) throws(TraceFormatError)
        -> [SpanRecord]
    {
        func syntaxError(atOffset offset: Int, _ message: String) -> TraceFormatError {
            // The line and the byte within it, as the JSON Lines readers report them.
            var number = line
            var lineStart = 0
            for index in 0..<min(offset, bytes.count) where bytes[index] == 0x0A {
                number += 1
                lineStart = index + 1
            }
            return TraceFormatError(
                file: file, line: number, field: "",
                message: "invalid JSON at byte \(offset - lineStart + 1): \(message)")
        }
        reset()
        var result = feed(bytes)
        if case .incomplete = result {
            // The end of the text ends a number or literal that json-c would wait on.
            var newline: UInt8 = 0x0A
            switch feed(UnsafeRawBufferPointer(start: &newline, count: 1)) {
            case .complete(let root, _): result = .complete(root, consumed: bytes.count)
            case .incomplete: break
            case .failed(_, let message): result = .failed(offset: bytes.count, message: message)
            }
        }
        switch result {
        case .complete(let root, let consumed):
            defer { json_object_put(root) }
            if !Self.isBlank(UnsafeRawBufferPointer(rebasing: bytes[consumed...])) {
                throw syntaxError(atOffset: consumed, "text after the document")
            }
            do {
                return try spans(in: root)
            } catch {
                throw TraceFormatError(file: file, line: line, field: error.field, message: error.message)
            }
        case .incomplete:
            throw syntaxError(atOffset: bytes.count, Self.endsEarly)
        case .failed(let offset, let message):
            throw syntaxError(atOffset: offset, message)
        }
    }

    /// Decodes one document given as text.
    public func decode(_ text: String, file: String = "-", line: Int = 1) throws(TraceFormatError) -> [SpanRecord] {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(TraceFormatError) in try decode(UnsafeRawBufferPointer(bytes), file: file, line: line) }
        }
        return try result.get()
    }

    // MARK: Parsing in pieces

    static let endsEarly = "the JSON text ends before the document does"

    /// What the tokener made of the bytes fed so far.
    enum Feed {
        /// A whole document, owned by the caller, and how many bytes of the last piece it used.
        case complete(OpaquePointer?, consumed: Int)
        /// The document goes on in the next piece.
        case incomplete
        /// Not JSON: the offset of the error in the last piece, and what is wrong.
        case failed(offset: Int, message: String)
    }

    /// Starts a new document.
    func reset() {
        json_tokener_reset(tokener)
    }

    /// Feeds the next piece of a document; a document may arrive in several pieces.
    func feed(_ bytes: UnsafeRawBufferPointer) -> Feed {
        guard bytes.count <= Int(Int32.max) else {
            return .failed(offset: 0, message: "a piece of more than 2 GiB cannot be read")
        }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return .incomplete }
        let root = json_tokener_parse_ex(tokener, base.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        let status = json_tokener_get_error(tokener)
        let end = Int(json_tokener_get_parse_end(tokener))
        switch status {
        case json_tokener_success: return .complete(root, consumed: end)
        case json_tokener_continue: return .incomplete
        default:
            if let root { json_object_put(root) }
            return .failed(offset: end, message: String(cString: json_tokener_error_desc(status)))
        }
    }

    static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }

    // MARK: The document

    /// The spans of a parsed `ExportTraceServiceRequest`.
    func spans(in root: OpaquePointer?) throws(JSONFieldError) -> [SpanRecord] {
        guard let root, OTLPJSON.isObject(root) else {
            throw OTLPJSON.mismatch(root, "an object (an OTLP ExportTraceServiceRequest)", "")
        }
        guard let resourceSpans = OTLPJSON.member(root, "resourceSpans") else {
            // An empty request is valid protobuf JSON; anything else without spans is not OTLP.
            if OTLPJSON.isEmptyObject(root) { return [] }
            throw JSONFieldError(
                field: "resourceSpans", message: "missing (not an OTLP/JSON ExportTraceServiceRequest)")
        }
        var spans: [SpanRecord] = []
        let resourceCount = try OTLPJSON.arrayCount(resourceSpans, "resourceSpans")
        for resourceIndex in 0..<resourceCount {
            func resourcePath() -> String { "resourceSpans[\(resourceIndex)]" }
            guard let entry = OTLPJSON.element(resourceSpans, resourceIndex) else {
                throw JSONFieldError(field: resourcePath(), message: "expected an object, found null")
            }
            try OTLPJSON.requireObject(entry, resourcePath())
            var resource: Attributes = [:]
            if let resourceField = OTLPJSON.member(entry, "resource") {
                try OTLPJSON.requireObject(resourceField, resourcePath() + ".resource")
                if let attributes = OTLPJSON.member(resourceField, "attributes") {
                    resource = try OTLPAttributes.read(attributes, resourcePath() + ".resource.attributes")
                }
            }
            // Collectors before OTLP 0.15 wrote instrumentation libraries rather than scopes.
            let legacy = OTLPJSON.member(entry, "scopeSpans") == nil
            let scopeListKey = legacy ? "instrumentationLibrarySpans" : "scopeSpans"
            guard let scopeList = OTLPJSON.member(entry, scopeListKey) else { continue }
            let scopeCount = try OTLPJSON.arrayCount(scopeList, resourcePath() + "." + scopeListKey)
            for scopeIndex in 0..<scopeCount {
                func scopePath() -> String { "\(resourcePath()).\(scopeListKey)[\(scopeIndex)]" }
                guard let scopeEntry = OTLPJSON.element(scopeList, scopeIndex) else {
                    throw JSONFieldError(field: scopePath(), message: "expected an object, found null")
                }
                try OTLPJSON.requireObject(scopeEntry, scopePath())
                let scope = try scopeAttributes(scopeEntry, key: legacy ? "instrumentationLibrary" : "scope", scopePath)
                guard let spanList = OTLPJSON.member(scopeEntry, "spans") else { continue }
                let spanCount = try OTLPJSON.arrayCount(spanList, scopePath() + ".spans")
                for spanIndex in 0..<spanCount {
                    func spanPath() -> String { "\(scopePath()).spans[\(spanIndex)]" }
                    guard let spanObject = OTLPJSON.element(spanList, spanIndex) else {
                        throw JSONFieldError(field: spanPath(), message: "expected an object, found null")
                    }
                    spans.append(try span(spanObject, resource: resource, scope: scope, path: spanPath))
                }
            }
        }
        return spans
    }

    /// The instrumentation scope as span attributes: `otel.scope.name`, `otel.scope.version`
    /// and the scope's own attributes.
    private func scopeAttributes(_ scopeEntry: OpaquePointer, key: String, _ path: () -> String) throws(JSONFieldError)
        -> Attributes
    {
        guard let scope = OTLPJSON.member(scopeEntry, key) else { return [:] }
        func field(_ name: String) -> String { path() + "." + key + "." + name }
        try OTLPJSON.requireObject(scope, path() + "." + key)
        var attributes: Attributes = [:]
        if let list = OTLPJSON.member(scope, "attributes") {
            attributes = try OTLPAttributes.read(list, field("attributes"))
        }
        if let name = OTLPJSON.member(scope, "name") {
            let text = try OTLPJSON.string(name, field("name"))
            if !text.isEmpty { attributes["otel.scope.name"] = .string(text) }
        }
        if let version = OTLPJSON.member(scope, "version") {
            let text = try OTLPJSON.string(version, field("version"))
            if !text.isEmpty { attributes["otel.scope.version"] = .string(text) }
        }
        return attributes
    }

    private func span(
        _ object: OpaquePointer,
        resource: Attributes,
        scope: Attributes,
        path: () -> String
    ) throws(JSONFieldError) -> SpanRecord {
        try OTLPJSON.requireObject(object, path())
        func field(_ key: String) -> String { path() + "." + key }
        func required(_ key: String) throws(JSONFieldError) -> OpaquePointer {
            guard let value = OTLPJSON.member(object, key) else {
                throw JSONFieldError(field: field(key), message: "missing")
            }
            return value
        }

        let traceField = try required("traceId")
        guard let trace = OTLPJSON.hexDigits(traceField, count: 32), trace != (0, 0) else {
            let text = try OTLPJSON.string(traceField, field("traceId"))
            throw JSONFieldError(field: field("traceId"), message: Self.badID(text, digits: 32))
        }
        let spanField = try required("spanId")
        guard let span = OTLPJSON.hexDigits(spanField, count: 16), span.low != 0 else {
            let text = try OTLPJSON.string(spanField, field("spanId"))
            throw JSONFieldError(field: field("spanId"), message: Self.badID(text, digits: 16))
        }
        var parentSpanID: SpanID?
        if let parentField = OTLPJSON.member(object, "parentSpanId") {
            // A root has an empty parent id; some exporters write sixteen zeros instead.
            if let parent = OTLPJSON.hexDigits(parentField, count: 16) {
                if parent.low != 0 { parentSpanID = SpanID(parent.low) }
            } else {
                let text = try OTLPJSON.string(parentField, field("parentSpanId"))
                if !text.isEmpty {
                    throw JSONFieldError(
                        field: field("parentSpanId"), message: Self.badID(text, digits: 16, orEmpty: true))
                }
            }
        }
        let name = try OTLPJSON.string(try required("name"), field("name"))
        if let kindField = OTLPJSON.member(object, "kind") { try Self.checkSpanKind(kindField, field("kind")) }
        let startNanos = try Self.nanos(try required("startTimeUnixNano"), field("startTimeUnixNano"))
        let endNanos = try Self.nanos(try required("endTimeUnixNano"), field("endTimeUnixNano"))
        guard endNanos >= startNanos else {
            throw JSONFieldError(
                field: field("endTimeUnixNano"), message: "ends (\(endNanos)) before it starts (\(startNanos))")
        }
        var attributes: Attributes = [:]
        if let list = OTLPJSON.member(object, "attributes") {
            attributes = try OTLPAttributes.read(list, field("attributes"))
        }

        var status = SpanStatus.unset
        var errorMessage: String?
        if let statusField = OTLPJSON.member(object, "status") {
            try OTLPJSON.requireObject(statusField, field("status"))
            if let code = OTLPJSON.member(statusField, "code") {
                status = try Self.statusCode(code, field("status.code"))
            }
            if let message = OTLPJSON.member(statusField, "message") {
                let text = try OTLPJSON.string(message, field("status.message"))
                if !text.isEmpty { errorMessage = text }
            }
        }
        if status == .error {
            if errorMessage == nil { errorMessage = try exceptionMessage(object, field("events")) }
            if errorMessage == nil, let type = attributes["error.type"]?.text, !type.isEmpty { errorMessage = type }
        } else {
            errorMessage = nil
        }

        var record = SpanRecord(
            traceID: TraceID(high: trace.high, low: trace.low),
            spanID: SpanID(span.low),
            parentSpanID: parentSpanID,
            kind: .other,
            name: name,
            startNanos: startNanos,
            endNanos: endNanos,
            status: status,
            errorMessage: errorMessage,
            attributes: attributes,
            resource: resource
        )
        try OTLPConventions.apply(to: &record) { name in field("attributes") + "." + name }
        for (key, value) in scope where record.attributes[key] == nil { record.attributes[key] = value }
        return record
    }

    /// The message (or else the type) of the first `exception` event that has one.
    private func exceptionMessage(_ span: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError)
        -> String?
    {
        guard let events = OTLPJSON.member(span, "events") else { return nil }
        let count = try OTLPJSON.arrayCount(events, path())
        for index in 0..<count {
            guard let event = OTLPJSON.element(events, index) else { continue }
            try OTLPJSON.requireObject(event, "\(path())[\(index)]")
            guard let nameField = OTLPJSON.member(event, "name"),
                try OTLPJSON.string(nameField, "\(path())[\(index)].name") == "exception",
                let list = OTLPJSON.member(event, "attributes")
            else { continue }
            let attributes = try OTLPAttributes.read(list, "\(path())[\(index)].attributes")
            for key in ["exception.message", "exception.type"] {
                if let text = attributes[key]?.text, !text.isEmpty { return text }
            }
        }
        return nil
    }

    // MARK: Fields

    /// Nanoseconds since the Unix epoch: a `fixed64`, as a string or a number.
    static func nanos(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) -> Int64 {
        let number = try OTLPJSON.int64(value, path())
        guard number >= 0 else { throw JSONFieldError(field: path(), message: "is negative (\(number))") }
        return number
    }

    static let spanKindNames = [
        "SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT",
        "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER",
    ]

    /// Checks an OTLP span kind. CostTrace's own kind comes from the GenAI conventions, so the
    /// value itself is not kept.
    static func checkSpanKind(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError) {
        if json_object_get_type(value) == json_type_string {
            let name = OTLPJSON.text(value)
            guard spanKindNames.contains(name) else {
                throw JSONFieldError(
                    field: path(), message: "unknown span kind \"\(name)\" (expected 0 to 5 or SPAN_KIND_…)")
            }
            return
        }
        let number = try OTLPJSON.int64(value, path())
        guard (0..<Int64(spanKindNames.count)).contains(number) else {
            throw JSONFieldError(field: path(), message: "unknown span kind \(number) (expected 0 to 5 or SPAN_KIND_…)")
        }
    }

    static func statusCode(_ value: OpaquePointer, _ path: @autoclosure () -> String) throws(JSONFieldError)
        -> SpanStatus
    {
        let expected = "expected 0 (unset), 1 (ok), 2 (error) or STATUS_CODE_UNSET, STATUS_CODE_OK, STATUS_CODE_ERROR"
        if json_object_get_type(value) == json_type_string {
            switch OTLPJSON.text(value) {
            case "STATUS_CODE_UNSET": return .unset
            case "STATUS_CODE_OK": return .ok
            case "STATUS_CODE_ERROR": return .error
            case let other:
                throw JSONFieldError(field: path(), message: "unknown status code \"\(other)\" (\(expected))")
            }
        }
        switch try OTLPJSON.int64(value, path()) {
        case 0: return .unset
        case 1: return .ok
        case 2: return .error
        case let other: throw JSONFieldError(field: path(), message: "unknown status code \(other) (\(expected))")
        }
    }

    /// What is wrong with an id that is not `digits` hex digits.
    static func badID(_ text: String, digits: Int, orEmpty: Bool = false) -> String {
        let expected = "expected \(digits) hex digits, not all zero" + (orEmpty ? ", or empty for a root" : "")
        let shown = text.utf8.count > 64 ? String(text.prefix(64)) + "…" : text
        // Base64 of 16 bytes is 24 characters, of 8 bytes 12: the protobuf JSON mapping, not OTLP/JSON.
        let base64Length = digits == 32 ? 24 : 12
        if text.utf8.count == base64Length, text.hasSuffix("=") {
            return "\(expected), found \"\(shown)\", which looks like base64 (OTLP/JSON writes ids in hex)"
        }
        return "\(expected), found \"\(shown)\""
    }
}

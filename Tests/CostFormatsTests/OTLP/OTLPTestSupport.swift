import CostFormats
import CostModel
import Foundation
import Testing

/// The OTLP/JSON fixtures in `Tests/CostFormatsTests/Fixtures/otlp`.
enum OTLPFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/otlp", isDirectory: true)

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func spans(_ name: String) throws -> [SpanRecord] { try OTLPTraceReader.read(path: path(name)) }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

extension Array where Element == SpanRecord {
    /// The one span of this id.
    func span(_ hex: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SpanRecord {
        let matches = filter { $0.spanID.hex == hex }
        try #require(
            matches.count == 1, "expected one span \(hex), found \(matches.count)", sourceLocation: sourceLocation)
        return matches[0]
    }

    /// The one span of this name.
    func span(named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> SpanRecord {
        let matches = filter { $0.name == name }
        try #require(
            matches.count == 1, "expected one span '\(name)', found \(matches.count)", sourceLocation: sourceLocation)
        return matches[0]
    }
}

/// A one-span OTLP/JSON document built from a valid span, with members of the span replaced,
/// removed or added, and attributes given as raw JSON `AnyValue`s.
struct OTLPSpanDocument: Sendable, CustomTestStringConvertible {
    static let spanPath = "resourceSpans[0].scopeSpans[0].spans[0]"

    static let baseSpan: [(String, String)] = [
        ("traceId", #""4bf92f3577b34da6a3ce929d0e0e4736""#),
        ("spanId", #""00f067aa0ba902b7""#),
        ("parentSpanId", #""53995c3f42cd8ad8""#),
        ("name", #""chat gpt-4.1""#),
        ("kind", "3"),
        ("startTimeUnixNano", #""1793610000000000000""#),
        ("endTimeUnixNano", #""1793610002000000000""#),
    ]

    var text: String
    var field: String
    var message: String

    /// - Parameters:
    ///   - changes: Span member → raw JSON; `nil` removes the member. Others are added at the end.
    ///   - attributes: Attribute key → raw JSON `AnyValue`, such as `{"intValue":"12"}`.
    ///   - field: The expected error's field, after `resourceSpans[0].scopeSpans[0].spans[0].`.
    init(
        _ changes: KeyValuePairs<String, String?> = [:],
        attributes: KeyValuePairs<String, String> = [:],
        field: String = "",
        message: String = ""
    ) {
        var members = Self.baseSpan.map { ($0.0, Optional($0.1)) }
        for (key, value) in changes {
            if let index = members.firstIndex(where: { $0.0 == key }) {
                members[index].1 = value
            } else {
                members.append((key, value))
            }
        }
        if !attributes.isEmpty {
            let list = attributes.map { #"{"key":"\#($0.key)","value":\#($0.value)}"# }.joined(separator: ",")
            members.append(("attributes", "[\(list)]"))
        }
        let span =
            "{" + members.compactMap { key, value in value.map { "\"\(key)\":\($0)" } }.joined(separator: ",") + "}"
        text =
            #"{"resourceSpans":[{"resource":{"attributes":[]},"scopeSpans":[{"scope":{"name":"test"},"spans":["# + span
            + "]}]}]}"
        self.field = field.isEmpty ? "" : Self.spanPath + "." + field
        self.message = message
    }

    /// A whole document given as text, with the expected error's full field.
    init(text: String, field: String = "", message: String) {
        self.text = text
        self.field = field
        self.message = message
    }

    var testDescription: String { field.isEmpty ? message : field }

    /// Decodes the document as line 7 of `trace.jsonl`.
    func decode() throws(TraceFormatError) -> [SpanRecord] {
        try OTLPDocumentDecoder().decode(text, file: "trace.jsonl", line: 7)
    }
}

/// `{"intValue":"N"}` and friends, for ``OTLPSpanDocument`` attributes.
enum AnyValueJSON {
    static func int(_ value: Int64) -> String { #"{"intValue":"\#(value)"}"# }
    static func string(_ value: String) -> String { #"{"stringValue":"\#(value)"}"# }
}

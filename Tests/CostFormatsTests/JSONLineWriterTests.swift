import CJSONC
import CostModel
import Testing

@testable import CostFormats

/// The trace line writer must print what json-c prints, to the byte: trace files written before it
/// and the golden outputs stay as they were.
struct JSONLineWriterTests {
    /// One member, written by the writer and by json-c.
    enum Value {
        case string(String)
        case int(Int64)
        case double(Double)
        case bool(Bool)
    }

    static func written(_ members: [(String, Value)]) -> String {
        var writer = JSONLineWriter()
        writer.beginObject()
        for (key, value) in members {
            switch value {
            case .string(let text): writer.member(named: key, text)
            case .int(let number): writer.member(named: key, number)
            case .double(let number): writer.member(named: key, number)
            case .bool(let flag): writer.member(named: key, flag)
            }
        }
        writer.endObject()
        return String(decoding: writer.text, as: UTF8.self)
    }

    static func printedByJSONC(_ members: [(String, Value)]) -> String {
        let object = json_object_new_object()
        defer { json_object_put(object) }
        for (key, value) in members {
            let member: OpaquePointer?
            switch value {
            case .string(var text):
                member = text.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) {
                        json_object_new_string_len($0.baseAddress, Int32($0.count))
                    }
                }
            case .int(let number): member = json_object_new_int64(number)
            case .double(let number): member = json_object_new_double(number)
            case .bool(let flag): member = json_object_new_boolean(flag ? 1 : 0)
            }
            json_object_object_add(object, key, member)
        }
        var length = 0
        let text = json_object_to_json_string_length(object, JSONLineWriter.flags, &length)!
        return text.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    @Test func everyASCIICharacterInAStringIsEscapedAsJSONCEscapesIt() {
        for byte in UInt8(0)..<0x80 {
            let text = "a" + String(UnicodeScalar(byte)) + "b"
            let members: [(String, Value)] = [("key", .string(text))]
            #expect(Self.written(members) == Self.printedByJSONC(members), "byte \(byte)")
        }
    }

    @Test(arguments: [
        "", "plain", "ünïcödé", "emoji 🧾", "a/b", #"quote " and \ backslash"#, "\u{7F}", "\r\n\t\u{8}\u{C}",
    ])
    func stringsAndKeysArePrintedAsJSONCPrintsThem(text: String) {
        let members: [(String, Value)] = [(text, .string(text)), ("k" + text, .int(1))]
        #expect(Self.written(members) == Self.printedByJSONC(members))
    }

    @Test func aKeyEndsAtItsFirstNULAsACStringDoes() {
        let members: [(String, Value)] = [("ab\u{0}cd", .string("x\u{0}y"))]
        #expect(Self.written(members) == Self.printedByJSONC(members))
        #expect(Self.written(members) == #"{"ab":"x\u0000y"}"#)
    }

    @Test func integersDoublesAndBooleansArePrintedAsJSONCPrintsThem() {
        var generator = SplitMix64(seed: 7)
        var members: [(String, Value)] = [
            ("zero", .int(0)), ("min", .int(.min)), ("max", .int(.max)), ("minus", .int(-1)),
            ("true", .bool(true)), ("false", .bool(false)),
            ("whole", .double(2)), ("negative whole", .double(-3)), ("fraction", .double(0.1)),
            ("big", .double(1e20)), ("huge", .double(1.7976931348623157e308)), ("tiny", .double(5e-324)),
            ("negative zero", .double(-0.0)),
        ]
        for index in 0..<200 {
            members.append(("int \(index)", .int(Int64(bitPattern: generator.next()) >> (generator.next() % 64))))
            let bits = Double(bitPattern: generator.next())
            if bits.isFinite { members.append(("double \(index)", .double(bits))) }
        }
        #expect(Self.written(members) == Self.printedByJSONC(members))
    }

    @Test func nestedAndEmptyObjectsArePrintedAsJSONCPrintsThem() {
        var writer = JSONLineWriter()
        writer.beginObject()
        writer.member("a", Int64(1))
        writer.beginObject("empty")
        writer.endObject()
        writer.beginObject(named: "nested")
        writer.member("b", "c")
        writer.hexMember("id", 0x00f0_67aa_0ba9_02b7)
        writer.hexMember("trace", 0x4bf9_2f35_77b3_4da6, 0xa3ce_929d_0e0e_4736)
        writer.endObject()
        writer.member(named: "d", true)
        writer.endObject()
        #expect(
            String(decoding: writer.text, as: UTF8.self)
                == #"{"a":1,"empty":{},"nested":{"b":"c","id":"00f067aa0ba902b7","trace":"4bf92f3577b34da6a3ce929d0e0e4736"},"d":true}"#
        )
    }

    @Test func aLineLongerThanTheBufferGrowsIt() {
        var writer = JSONLineWriter(capacity: 16)
        let long = String(repeating: "\u{1}\"x", count: 500)
        writer.beginObject()
        writer.member(named: long, long)
        writer.endObject()
        let members: [(String, Value)] = [(long, .string(long))]
        #expect(String(decoding: writer.text, as: UTF8.self) == Self.printedByJSONC(members))
    }
}

/// A typed scalar attribute of a span or a resource.
public enum AttributeValue: Hashable, Sendable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)

    /// The value as text, as it is shown in reports and matched by `--where KEY=VALUE`.
    public var text: String {
        switch self {
        case .string(let value): value
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        }
    }

    /// The value as an integer when it is one, or a string or whole double that holds one.
    public var integerValue: Int64? {
        switch self {
        case .int(let value): value
        case .string(let value): Int64(value)
        case .double(let value): value.rounded() == value ? Int64(exactly: value) : nil
        case .bool: nil
        }
    }
}

extension AttributeValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension AttributeValue: CustomStringConvertible {
    public var description: String { text }
}

/// Attributes by name. Allocation dimensions such as `user.id`, `team` or `project` live here.
public typealias Attributes = [String: AttributeValue]

import CostModel

/// A dimension that spend is allocated by: a span field (`model`, `provider`, `kind`, `name`) or
/// an attribute (`team`, `project`, `user`, any name).
///
/// Attribute keys are inherited down the tree (see ``SpanTree/inheritedValues(of:models:)``); field keys
/// are the span's own and are never inherited, because a parent's model did not make its child's
/// calls.
///
/// ```swift
/// let keys = try AllocationKey.list("team,user")     // [team, user (user.id or enduser.id)]
/// let teams = run.tree.inheritedValues(of: keys[0])  // one value (or nil) per span
/// ```
public struct AllocationKey: Hashable, Sendable {
    /// Where a key's value comes from.
    public enum Source: Hashable, Sendable {
        /// A field of the span itself.
        case field(Field)
        /// Attributes, tried in order at each span: the first name present gives the value.
        case attributes([String])
    }

    /// The span fields that are keys of their own.
    public enum Field: String, CaseIterable, Hashable, Sendable {
        case model
        case provider
        case kind
        case name
    }

    /// The key as the user wrote it, which names the key's column in reports.
    public let name: String
    public let source: Source

    /// The key named `name`: a ``Field`` name, `user` (attribute `user.id`, else `enduser.id`),
    /// or any other text, which is an attribute name as written.
    public init(_ name: String) {
        self.name = name
        if let field = Field(rawValue: name) {
            source = .field(field)
        } else if name == "user" {
            source = .attributes(["user.id", "enduser.id"])
        } else {
            source = .attributes([name])
        }
    }

    /// The keys of a comma-separated list such as `team,user`.
    ///
    /// - Throws: ``AllocationKeyError`` when a key is empty or named twice.
    public static func list(_ text: String) throws(AllocationKeyError) -> [AllocationKey] {
        var keys: [AllocationKey] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(part).trimmingSpaces()
            guard !name.isEmpty else { throw .emptyKey(list: text) }
            guard !keys.contains(where: { $0.name == name }) else { throw .repeatedKey(name) }
            keys.append(AllocationKey(name))
        }
        return keys
    }

    /// Whether the value is inherited from ancestors and resources (attribute keys) or is the
    /// span's own (field keys).
    public var isInherited: Bool {
        if case .attributes = source { return true }
        return false
    }

    /// The span's own value: its field, or its first attribute present; `nil` when it has none.
    ///
    /// - Parameter models: How the `model` field is named: by default as recorded; with a price
    ///   book, aliases and dated ids take the book's id (see ``ModelNaming``).
    public func ownValue(of record: SpanRecord, models: ModelNaming = .asRecorded) -> AttributeValue? {
        switch source {
        case .field(.model): models.name(of: record).map(AttributeValue.string)
        case .field(.provider): record.provider.map(AttributeValue.string)
        case .field(.kind): .string(record.kind.rawValue)
        case .field(.name): .string(record.name)
        case .attributes(let names): Self.first(of: names, in: record.attributes)
        }
    }

    /// The value that the span's own resource gives; `nil` for field keys.
    public func resourceValue(of record: SpanRecord) -> AttributeValue? {
        guard case .attributes(let names) = source else { return nil }
        return Self.first(of: names, in: record.resource)
    }

    private static func first(of names: [String], in attributes: Attributes) -> AttributeValue? {
        for name in names {
            if let value = attributes[name] { return value }
        }
        return nil
    }
}

extension AllocationKey: CustomStringConvertible {
    public var description: String { name }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}

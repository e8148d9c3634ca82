/// Two groups that cannot be compared: one has no runs, or too few.
public struct ComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// A list of allocation keys that cannot be used.
public enum AllocationKeyError: Error, Hashable, Sendable {
    /// The list has an empty key, as in `team,,user` or `team,`.
    case emptyKey(list: String)
    /// A key appears twice.
    case repeatedKey(String)
}

extension AllocationKeyError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .emptyKey(let list): "empty key in '\(list)': give keys separated by commas, for example team,user"
        case .repeatedKey(let key): "key '\(key)' is given twice"
        }
    }
}

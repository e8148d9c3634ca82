import CSQLite

/// An error from SQLite, with its result code by name.
///
/// See <https://www.sqlite.org/rescode.html>.
public struct SQLiteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The extended result code.
    public var code: Int32
    public var message: String
    /// The statement that failed, when there was one.
    public var sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// The primary result code's name, such as `SQLITE_BUSY`.
    public var codeName: String {
        switch code & 0xff {
        case SQLITE_ERROR: "SQLITE_ERROR"
        case SQLITE_BUSY: "SQLITE_BUSY"
        case SQLITE_LOCKED: "SQLITE_LOCKED"
        case SQLITE_NOMEM: "SQLITE_NOMEM"
        case SQLITE_READONLY: "SQLITE_READONLY"
        case SQLITE_IOERR: "SQLITE_IOERR"
        case SQLITE_CORRUPT: "SQLITE_CORRUPT"
        case SQLITE_FULL: "SQLITE_FULL"
        case SQLITE_CANTOPEN: "SQLITE_CANTOPEN"
        case SQLITE_CONSTRAINT: "SQLITE_CONSTRAINT"
        case SQLITE_NOTADB: "SQLITE_NOTADB"
        default: "SQLite error \(code)"
        }
    }

    public var description: String { "\(codeName): \(message)" + (sql.map { " (in: \($0))" } ?? "") }
}

import CJSONC
import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and checks price book files (the format is described in `prices/README.md`).
///
/// Reading is strict, because a price book is written by hand and a typo misprices every span
/// quietly: prices are decimal strings with at most nine decimals, unknown fields are errors, and
/// a book that contradicts itself (two prices for one model and day, one alias for two models,
/// tiers out of order) is rejected.
///
/// ```swift
/// let book = try PriceBookReader.read(path: "prices/team.json")
/// let report = PriceBookReader.check(text, file: "prices/team.json")   // every error, for `prices check`
/// ```
public enum PriceBookReader {
    /// The format version this build reads.
    public static let version: Int64 = 1

    /// What checking a book found.
    public struct Outcome: Sendable {
        /// The book, when it has no errors.
        public var book: PriceBook?
        /// Every error found, in file order.
        public var errors: [PriceBookError]
    }

    /// Reads the book at `path`.
    /// - Throws: ``FileError`` when the file cannot be read, or the first ``PriceBookError``.
    public static func read(path: String) throws -> PriceBook {
        let bytes = try readFile(path: path)
        return try bytes.withUnsafeBytes { buffer throws(PriceBookError) in try read(buffer, file: path) }
    }

    /// Reads a book from its text.
    /// - Parameter file: The name that errors give for the book.
    /// - Throws: The first ``PriceBookError``.
    public static func read(_ text: String, file: String) throws(PriceBookError) -> PriceBook {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(PriceBookError) in try read(UnsafeRawBufferPointer(bytes), file: file) }
        }
        return try result.get()
    }

    /// Reads a book from the bytes of its file.
    public static func read(_ bytes: UnsafeRawBufferPointer, file: String) throws(PriceBookError) -> PriceBook {
        let outcome = check(bytes, file: file)
        guard let book = outcome.book else { throw outcome.errors[0] }
        return book
    }

    /// Checks the book at `path`, collecting every error rather than stopping at the first.
    /// - Throws: ``FileError`` when the file cannot be read.
    public static func check(path: String) throws(FileError) -> Outcome {
        let bytes = try readFile(path: path)
        return bytes.withUnsafeBytes { check($0, file: path) }
    }

    /// Checks a book given as text.
    public static func check(_ text: String, file: String) -> Outcome {
        var text = text
        return text.withUTF8 { check(UnsafeRawBufferPointer($0), file: file) }
    }

    /// Checks a book from the bytes of its file.
    public static func check(_ bytes: UnsafeRawBufferPointer, file: String) -> Outcome {
        var decoder = PriceBookDecoder(file: file)
        let document: JSONDocument
        do {
            document = try JSONParser().parse(bytes)
        } catch {
            return Outcome(book: nil, errors: [PriceBookError(file: file, field: error.field, message: error.message)])
        }
        let book = decoder.decode(document.value)
        return Outcome(book: decoder.errors.isEmpty ? book : nil, errors: decoder.errors)
    }

    /// The whole file, through `read(2)`, so that a missing file is a ``FileError`` naming it.
    static func readFile(path: String) throws(FileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: "read", code: errno)
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
}

/// `read(2)`, which the enum's own `read` methods hide by name.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

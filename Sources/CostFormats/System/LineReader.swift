#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor line by line through one reused buffer, so memory stays flat
/// whatever the file's size.
public struct LineReader: ~Copyable {
    private let descriptor: Int32
    private let closesDescriptor: Bool
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// The number of the line last returned, from 1.
    public private(set) var lineNumber = 0

    /// Opens `path` for reading; `-` reads standard input.
    /// - Throws: ``FileError`` when the file cannot be opened.
    public init(path: String) throws(FileError) {
        if path == "-" {
            descriptor = 0
            closesDescriptor = false
        } else {
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
            closesDescriptor = true
        }
        buffer = .allocate(byteCount: 1 << 16, alignment: 1)
    }

    deinit {
        buffer.deallocate()
        if closesDescriptor { close(descriptor) }
    }

    /// Calls `body` with the next line, without its `\n` (or `\r\n`), and its number from 1;
    /// `nil` at the end of input.
    ///
    /// A last line without a newline is passed too; `hadNewline` tells which. The line's bytes
    /// are valid only during the call.
    public mutating func nextLine<Result>(
        _ body: (_ line: UnsafeRawBufferPointer, _ number: Int, _ hadNewline: Bool) throws -> Result
    ) throws -> Result? {
        while true {
            if let newline = findNewline() {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<lineEnd])
                start = newline + 1
                lineNumber += 1
                return try body(line, lineNumber, true)
            }
            if atEOF {
                guard start < end else { return nil }
                let line = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
                start = end
                lineNumber += 1
                return try body(line, lineNumber, false)
            }
            try fill()
        }
    }

    /// The first byte that is not a space, tab, CR or LF, without consuming anything; `nil` when
    /// the input holds nothing else. Lets a caller tell formats apart on standard input.
    public mutating func peekFirstNonBlankByte() throws(FileError) -> UInt8? {
        var index = start
        while true {
            while index < end {
                let byte = buffer[index]
                if byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A { return byte }
                index += 1
            }
            if atEOF { return nil }
            let offset = index - start
            try fill()
            index = start + offset
        }
    }

    private func findNewline() -> Int? {
        guard start < end, let base = buffer.baseAddress else { return nil }
        guard let found = memchr(base + start, 0x0A, end - start) else { return nil }
        return base.distance(to: found)
    }

    private mutating func fill() throws(FileError) {
        if start > 0 {
            // Move the partial line to the front.
            if end > start, let base = buffer.baseAddress { memmove(base, base + start, end - start) }
            end -= start
            start = 0
        }
        if end == buffer.count {
            let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 1)
            larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
            buffer.deallocate()
            buffer = larger
        }
        let count = read(descriptor, buffer.baseAddress! + end, buffer.count - end)
        if count < 0 {
            if errno == EINTR { return }
            throw FileError(path: descriptor == 0 ? "-" : "", operation: "read", code: errno)
        }
        if count == 0 { atEOF = true }
        end += count
    }
}

/// A file that could not be opened, read or written.
public struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    /// The `errno` value.
    public var code: Int32

    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "\(path): cannot \(operation): \(String(cString: strerror(code)))"
    }
}

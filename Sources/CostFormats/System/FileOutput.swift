#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing whole buffers to files, shared by the exporter, the store and the CLI.
public enum FileOutput {
    /// Writes every byte to `descriptor`, retrying short writes and interruptions.
    /// - Throws: ``FileError`` naming `path`.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws(FileError) {
        var offset = 0
        while offset < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: "write", code: errno)
            }
            offset += count
        }
    }

    /// Creates (or truncates) the file at `path` and writes `text` to it.
    /// - Throws: ``FileError`` naming `path`.
    public static func writeFile(_ text: String, to path: String) throws(FileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError(path: path, operation: "create", code: errno) }
        defer { close(descriptor) }
        var text = text
        // A typed-throws closure passed to withUTF8 crashes swift-frontend 6.3.1; Result carries it.
        try text.withUTF8 { bytes in
            Result { () throws(FileError) in try writeAll(UnsafeRawBufferPointer(bytes), to: descriptor, path: path) }
        }.get()
    }

    /// Writes `text` to standard error, unbuffered (it may run on any thread).
    public static func writeToStandardError(_ text: String) {
        var text = text
        text.withUTF8 { try? writeAll(UnsafeRawBufferPointer($0), to: 2, path: "standard error") }
    }
}

/// The system's wall clock.
public enum WallClock {
    /// Now, in nanoseconds since the Unix epoch.
    @Sendable public static func nanosSinceEpoch() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CostFormats
import CostModel

/// Appends finished spans to a trace file, one JSON line each (see `docs/trace-format.md`).
///
/// The thread that ends a span only queues it (a lock and an append); a background thread
/// encodes and writes. The writer looks at the queue every ``writeInterval`` (2 ms by default)
/// and at once when a batch of spans (256, or half the queue when it is smaller) is waiting, and
/// writes whole lines with one `write(2)` per batch to a file opened for appending. A crash of the
/// host program therefore keeps every span that ended more than one interval before it, and never
/// leaves half a line except when the write itself is cut. Waking the writer for every span would
/// cost the caller a system call; waking it for a batch lets it encode on another core while spans
/// are still being recorded, rather than all of them at its next look.
///
/// The queue is bounded. When it is full a span is dropped and counted: the count is in
/// ``droppedSpanCount``, in a `dropped` line of the file, and on standard error.
public final class JSONLFileExporter: SpanExporter, @unchecked Sendable {
    // State behind `lock`: the queue, counters, and flags.
    private let lock = ConditionLock()
    private var queue: [SpanRecord] = []
    private var droppedSinceNotice: Int64 = 0
    private var droppedTotal: Int64 = 0
    private var queuedTotal: UInt64 = 0
    private var writtenTotal: UInt64 = 0
    private var stopping = false
    private var stopped = false
    private var writeError: FileError?

    private let descriptor: Int32
    private let path: String
    private let capacity: Int
    /// How many queued spans wake the writer before its interval is up.
    private let batchSize: Int
    private let writeIntervalNanos: Int
    private var thread: pthread_t?

    /// Opens (or creates) `path` for appending and starts the writer thread.
    /// - Parameters:
    ///   - capacity: The most spans that may wait to be written; more are dropped and counted.
    ///   - writeInterval: How long an ended span may wait in the queue before it is written.
    /// - Throws: ``FileError`` when the file cannot be opened.
    public init(path: String, capacity: Int = 65_536, writeInterval: Duration = .milliseconds(2)) throws(FileError) {
        self.path = path
        self.capacity = max(1, capacity)
        self.batchSize = min(256, self.capacity / 2 + 1)
        let (seconds, attoseconds) = writeInterval.components
        self.writeIntervalNanos = max(1_000, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError(path: path, operation: "open", code: errno) }
        queue.reserveCapacity(min(capacity, 4096))
        var thread = pthread_t()
        let box = Unmanaged.passRetained(self).toOpaque()
        pthread_create(
            &thread, nil,
            { context in
                let exporter = Unmanaged<JSONLFileExporter>.fromOpaque(context!).takeRetainedValue()
                exporter.writeLoop()
                return nil
            }, box)
        self.thread = thread
    }

    deinit {
        close(descriptor)
    }

    /// How many spans were dropped because the queue was full or the exporter had shut down.
    public var droppedSpanCount: Int64 { lock.withLock { droppedTotal } }

    /// The first error writing the file met, if any; spans are dropped and counted after it.
    public var lastError: FileError? { lock.withLock { writeError } }

    public func export(_ span: SpanRecord) {
        lock.lock()
        if stopping || queue.count >= capacity || writeError != nil {
            droppedSinceNotice += 1
            droppedTotal += 1
        } else {
            queue.append(span)
            queuedTotal += 1
        }
        let wake = queue.count == batchSize
        lock.unlock()
        if wake { lock.broadcast() }
    }

    public func flush() {
        lock.lock()
        let target = queuedTotal
        lock.broadcast()
        while writtenTotal < target && !stopped { lock.wait() }
        lock.unlock()
    }

    public func shutdown() {
        lock.lock()
        let alreadyStopping = stopping
        stopping = true
        lock.broadcast()
        lock.unlock()
        guard !alreadyStopping, let thread else { return }
        pthread_join(thread, nil)
    }

    private func writeLoop() {
        let encoder = TraceLineEncoder()
        var batch: [SpanRecord] = []
        var bytes: [UInt8] = []
        var warnedOfDrops = false
        while true {
            lock.lock()
            while queue.isEmpty && droppedSinceNotice == 0 && !stopping {
                lock.wait(nanoseconds: writeIntervalNanos)
            }
            swap(&batch, &queue)
            let dropped = droppedSinceNotice
            droppedSinceNotice = 0
            let finishing = stopping && batch.isEmpty
            lock.unlock()

            bytes.removeAll(keepingCapacity: true)
            for span in batch { encoder.encode(span, into: &bytes) }
            if dropped > 0 {
                encoder.encode(.dropped(DroppedSpans(count: dropped, atNanos: WallClock.nanosSinceEpoch())), into: &bytes)
                if !warnedOfDrops {
                    warnedOfDrops = true
                    warn("dropping spans for \(path): the export queue (\(capacity) spans) is full or closed; each loss is counted in the file")
                }
            }
            let error = writeAll(bytes)

            lock.lock()
            writtenTotal += UInt64(batch.count)
            if let error, writeError == nil { writeError = error }
            if finishing { stopped = true }
            lock.broadcast()
            lock.unlock()
            batch.removeAll(keepingCapacity: true)
            if finishing {
                let total = droppedSpanCount
                if total > 0 { warn("dropped \(total) spans in all for \(path)") }
                return
            }
        }
    }

    private func warn(_ message: String) {
        FileOutput.writeToStandardError("costtrace: " + message + "\n")
    }

    private func writeAll(_ bytes: [UInt8]) -> FileError? {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(FileError) in try FileOutput.writeAll(buffer, to: descriptor, path: path) }
        }
        if case .failure(let error) = result { return error }
        return nil
    }
}

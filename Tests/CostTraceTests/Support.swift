import CostTrace
import Synchronization

/// A clock a test moves by hand.
final class ManualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let elapsed = Mutex<Duration>(.zero)
    var now: Instant { Instant(offset: elapsed.withLock { $0 }) }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        elapsed.withLock { $0 = max($0, deadline.offset) }
    }

    func advance(by duration: Duration) { elapsed.withLock { $0 += duration } }

    /// Nanoseconds since the Unix epoch, starting at 1,000 seconds.
    var nanos: Int64 {
        let (seconds, attoseconds) = elapsed.withLock { $0 }.components
        return 1_000_000_000_000 + seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

func makeTracer(resource: Attributes = [:]) -> (CostTracer, InMemorySpanExporter) {
    let exporter = InMemorySpanExporter()
    return (CostTracer(exporter: exporter, resource: resource), exporter)
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String { "upstream timed out" }
}

extension Array where Element == SpanRecord {
    func named(_ name: String) -> SpanRecord? { first { $0.name == name } }
}

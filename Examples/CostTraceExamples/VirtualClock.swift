import CostTrace
import Synchronization

/// Simulated time, so the examples write the same traces on every run and sleep for no one.
///
/// The tracer reads it through ``nanos``; agent code spends it with `sleep(for:)`, and GPU time is
/// measured on it like on any `Clock`.
final class VirtualClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let epochNanos: Int64
    private let elapsed = Mutex<Duration>(.zero)

    /// - Parameter epochNanos: The wall-clock time the clock starts at.
    init(startingAt epochNanos: Int64) {
        self.epochNanos = epochNanos
    }

    var now: Instant { Instant(offset: elapsed.withLock { $0 }) }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        elapsed.withLock { $0 = max($0, deadline.offset) }
    }

    /// Moves time forward without an `await`.
    func advance(by duration: Duration) {
        elapsed.withLock { $0 += duration }
    }

    /// Moves time to a wall-clock moment, when that is later than now.
    func jump(toEpochNanos target: Int64) {
        let offset = Duration.nanoseconds(target - epochNanos)
        elapsed.withLock { $0 = max($0, offset) }
    }

    /// Wall-clock nanoseconds since the Unix epoch, for ``CostTracer``.
    var nanos: Int64 {
        let (seconds, attoseconds) = elapsed.withLock { $0 }.components
        return epochNanos + seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// A seeded generator, so every run of the examples draws the same numbers.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    mutating func tokens(_ range: ClosedRange<Int64>) -> Int64 { Int64.random(in: range, using: &self) }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
}

/// Simulated latency of a model call: time to first token plus time per output token.
func modelLatency(outputTokens: Int64, random: inout SeededRandom) -> Duration {
    .milliseconds(Int64.random(in: 250...900, using: &random) + outputTokens * Int64.random(in: 8...25, using: &random))
}

/// 2026-11-02T09:00:00Z, where the examples' time starts.
let examplesEpochNanos: Int64 = 1_793_610_000 * 1_000_000_000

struct ExampleFailure: Error, CustomStringConvertible {
    var description: String
}

import CostModel
import Synchronization

/// Makes trace and span ids that are unique within a process and random-looking across processes.
///
/// A counter mixed by SplitMix64 (a bijection) with a random seed: no two calls in one generator
/// give the same value, and it costs one atomic add rather than a call into the system's random
/// number source.
final class SpanIDGenerator: Sendable {
    private let counter = Atomic<UInt64>(0)
    private let seed: UInt64

    init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
        self.seed = seed
    }

    func nextSpanID() -> SpanID {
        while true {
            let value = next()
            if value != 0 { return SpanID(value) }
        }
    }

    func nextTraceID() -> TraceID {
        while true {
            let id = TraceID(high: next(), low: next())
            if id.high != 0 || id.low != 0 { return id }
        }
    }

    private func next() -> UInt64 {
        let count = counter.wrappingAdd(1, ordering: .relaxed).newValue
        var z = (seed &+ count &* 0x9E37_79B9_7F4A_7C15)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

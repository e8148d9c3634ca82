/// FNV-1a, 64 bits: a stable hash of a span's canonical line, to tell an identical re-sent span
/// from a conflicting one. (Swift's `Hasher` is seeded per process, so it cannot be stored.)
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> Int64 {
        var hasher = FNV1a()
        hasher.combine(bytes)
        return Int64(bitPattern: hasher.value)
    }
}

import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FlameGraph {
    /// Makes frames one path step at a time, for millions of frames: names are interned once,
    /// and a parent's child is found by (parent, name id) in one open-addressing table.
    struct Builder {
        private(set) var names: [String] = []
        private(set) var nameIDs: [Int32] = []
        private(set) var kinds: [SpanKind] = []
        private(set) var parents: [Int32] = []
        private(set) var selfValues: [Int64] = []
        private(set) var spanCounts: [Int64] = []

        // Interned names as bytes: name i is nameBytes[nameStarts[i]..<nameStarts[i + 1]].
        private var nameBytes: [UInt8] = []
        private var nameStarts: [Int] = [0]
        // Open-addressing tables. A name slot holds a name id; a frame slot holds the frame's key
        // (parent and name id) beside its index, so a probe reads one cache line, not three arrays.
        private var nameSlots = [Int32](repeating: -1, count: 1024)
        private var frameSlots = [FrameSlot](repeating: FrameSlot(key: 0, frame: -1), count: 1024)

        private struct FrameSlot {
            var key: UInt64
            /// -1 when the slot is empty.
            var frame: Int32
        }

        var frameCount: Int { parents.count }

        /// The id of a name given as UTF-8 bytes.
        mutating func nameID(_ bytes: UnsafeRawBufferPointer) -> Int32 {
            let mask = nameSlots.count - 1
            var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
            while true {
                let id = nameSlots[slot]
                if id < 0 { break }
                if nameEquals(Int(id), bytes) { return id }
                slot = (slot + 1) & mask
            }
            let id = Int32(names.count)
            names.append(String(decoding: bytes, as: UTF8.self))
            nameBytes.append(contentsOf: bytes)
            nameStarts.append(nameBytes.count)
            nameSlots[slot] = id
            if names.count * 2 > nameSlots.count { nameSlots = rehashedNames(count: nameSlots.count * 2) }
            return id
        }

        /// The id of a name.
        mutating func nameID(_ name: String) -> Int32 {
            var name = name
            return name.withUTF8 { nameID(UnsafeRawBufferPointer($0)) }
        }

        /// The child of `parent` (-1 for a root) with this name, made when new.
        mutating func frame(named nameID: Int32, kind: SpanKind, parent: Int32) -> Int32 {
            let key = Self.key(parent: parent, name: nameID)
            let mask = frameSlots.count - 1
            var slot = Int(truncatingIfNeeded: Self.mix(key)) & mask
            while true {
                let found = frameSlots[slot]
                if found.frame < 0 { break }
                if found.key == key { return found.frame }
                slot = (slot + 1) & mask
            }
            precondition(parents.count < Int(Int32.max), "a flame graph holds at most \(Int32.max) frames")
            let frame = Int32(parents.count)
            nameIDs.append(nameID)
            kinds.append(kind)
            parents.append(parent)
            selfValues.append(0)
            spanCounts.append(0)
            frameSlots[slot] = FrameSlot(key: key, frame: frame)
            // At most 70% full: linear probing stays short, and the table stays small.
            if parents.count * 10 > frameSlots.count * 7 { frameSlots = rehashedFrames(count: frameSlots.count * 2) }
            return frame
        }

        /// Adds a value to a frame's self value and counts one more span (or line) in it.
        mutating func add(_ value: Int64, to frame: Int32) {
            selfValues[Int(frame)] += value
            spanCounts[Int(frame)] += 1
        }

        /// Multiplies every self value by `factor`.
        mutating func scaleValues(by factor: Int64) {
            for index in selfValues.indices { selfValues[index] *= factor }
        }

        private func nameEquals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
            let start = nameStarts[id]
            guard nameStarts[id + 1] - start == bytes.count else { return false }
            return nameBytes.withUnsafeBytes { stored in
                bytes.isEmpty || memcmp(stored.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
            }
        }

        private func rehashedNames(count: Int) -> [Int32] {
            var slots = [Int32](repeating: -1, count: count)
            nameBytes.withUnsafeBytes { stored in
                for id in names.indices {
                    let bytes = UnsafeRawBufferPointer(rebasing: stored[nameStarts[id]..<nameStarts[id + 1]])
                    var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & (count - 1)
                    while slots[slot] >= 0 { slot = (slot + 1) & (count - 1) }
                    slots[slot] = Int32(id)
                }
            }
            return slots
        }

        private func rehashedFrames(count: Int) -> [FrameSlot] {
            var slots = [FrameSlot](repeating: FrameSlot(key: 0, frame: -1), count: count)
            for old in frameSlots where old.frame >= 0 {
                var slot = Int(truncatingIfNeeded: Self.mix(old.key)) & (count - 1)
                while slots[slot].frame >= 0 { slot = (slot + 1) & (count - 1) }
                slots[slot] = old
            }
            return slots
        }

        private static func key(parent: Int32, name: Int32) -> UInt64 {
            UInt64(UInt32(bitPattern: parent)) << 32 | UInt64(UInt32(bitPattern: name))
        }

        /// Eight bytes at a time, each word folded in with a multiply: names are short.
        private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
            var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            var index = 0
            while index + 8 <= bytes.count {
                hash = mix(hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            return mix(hash ^ tail)
        }

        /// The finaliser of MurmurHash3: every input bit reaches every output bit.
        private static func mix(_ value: UInt64) -> UInt64 {
            var value = value
            value ^= value >> 33
            value = value &* 0xFF51_AFD7_ED55_8CCD
            value ^= value >> 33
            value = value &* 0xC4CE_B9FE_1A85_EC53
            value ^= value >> 33
            return value
        }
    }
}

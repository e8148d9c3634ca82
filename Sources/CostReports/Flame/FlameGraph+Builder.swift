import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FlameGraph {
    /// Names interned as small integers: each distinct name is stored once.
    struct NameTable {
        private(set) var names: [String] = []
        // Name i is bytes[starts[i]..<starts[i + 1]]; a slot holds a name id, -1 when empty.
        private var bytes: [UInt8] = []
        private var starts: [Int] = [0]
        private var slots = [Int32](repeating: -1, count: 1024)

        /// The id of a name given as UTF-8 bytes.
        mutating func id(_ name: UnsafeRawBufferPointer) -> Int32 {
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: Self.hash(name)) & mask
            while true {
                let id = slots[slot]
                if id < 0 { break }
                if equals(Int(id), name) { return id }
                slot = (slot + 1) & mask
            }
            let id = Int32(names.count)
            names.append(String(decoding: name, as: UTF8.self))
            bytes.append(contentsOf: name)
            starts.append(bytes.count)
            slots[slot] = id
            if names.count * 2 > slots.count { slots = rehashed(count: slots.count * 2) }
            return id
        }

        /// The id of a name.
        mutating func id(_ name: String) -> Int32 {
            var name = name
            return name.withUTF8 { id(UnsafeRawBufferPointer($0)) }
        }

        private func equals(_ id: Int, _ name: UnsafeRawBufferPointer) -> Bool {
            let start = starts[id]
            guard starts[id + 1] - start == name.count else { return false }
            return bytes.withUnsafeBytes { stored in
                // Names are short: eight bytes at a time beats a call to memcmp.
                var index = 0
                while index + 8 <= name.count {
                    guard
                        stored.loadUnaligned(fromByteOffset: start + index, as: UInt64.self)
                            == name.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    else { return false }
                    index += 8
                }
                while index < name.count {
                    guard stored[start + index] == name[index] else { return false }
                    index += 1
                }
                return true
            }
        }

        private func rehashed(count: Int) -> [Int32] {
            var slots = [Int32](repeating: -1, count: count)
            bytes.withUnsafeBytes { stored in
                for id in names.indices {
                    let name = UnsafeRawBufferPointer(rebasing: stored[starts[id]..<starts[id + 1]])
                    var slot = Int(truncatingIfNeeded: Self.hash(name)) & (count - 1)
                    while slots[slot] >= 0 { slot = (slot + 1) & (count - 1) }
                    slots[slot] = Int32(id)
                }
            }
            return slots
        }

        /// Eight bytes at a time, each word folded in with a multiply: names are short.
        private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
            var hash = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            var index = 0
            while index + 8 <= bytes.count {
                hash = Builder.mix(hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            return Builder.mix(hash ^ tail)
        }
    }

    /// Makes frames one path step at a time, for millions of frames: a parent's child is found
    /// by (parent, name id) in one open-addressing table.
    struct Builder {
        private(set) var nameIDs: [Int32] = []
        private(set) var kinds: [SpanKind] = []
        private(set) var parents: [Int32] = []
        private(set) var selfValues: [Int64] = []
        private(set) var spanCounts: [Int64] = []

        // An open-addressing table whose slot holds a frame's key (parent and name id) beside its
        // index, so a probe reads one cache line, not three arrays.
        private var frameSlots = Self.emptySlots(count: 1024)

        private struct FrameSlot {
            var key: UInt64
            /// -1 when the slot is empty.
            var frame: Int32
        }

        var frameCount: Int { parents.count }

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

        /// Reads the slot where the child of `parent` named `nameID` would be, so that a lookup
        /// soon after finds it in the cache; returns what it read, to be kept in ``touchedSum``.
        func touch(named nameID: Int32, parent: Int32) -> UInt64 {
            let key = Self.key(parent: parent, name: nameID)
            return frameSlots[Int(truncatingIfNeeded: Self.mix(key)) & (frameSlots.count - 1)].key
        }

        /// What ``touch(named:parent:)`` read: kept so that the reads are not optimised away.
        var touchedSum: UInt64 = 0

        /// Adds a value to a frame's self value and counts one more span (or line) in it.
        mutating func add(_ value: Int64, to frame: Int32) {
            selfValues[Int(frame)] += value
            spanCounts[Int(frame)] += 1
        }

        /// Multiplies every self value by `factor`.
        mutating func scaleValues(by factor: Int64) {
            for index in selfValues.indices { selfValues[index] *= factor }
        }

        private func rehashedFrames(count: Int) -> [FrameSlot] {
            var slots = Self.emptySlots(count: count)
            for old in frameSlots where old.frame >= 0 {
                var slot = Int(truncatingIfNeeded: Self.mix(old.key)) & (count - 1)
                while slots[slot].frame >= 0 { slot = (slot + 1) & (count - 1) }
                slots[slot] = old
            }
            return slots
        }

        /// An empty table. Probes land anywhere in it, so a large one asks for huge pages: with
        /// 4 KiB pages nearly every probe would also miss the TLB.
        private static func emptySlots(count: Int) -> [FrameSlot] {
            [FrameSlot](unsafeUninitializedCapacity: count) { buffer, initialized in
                let bytes = count * MemoryLayout<FrameSlot>.stride
                if bytes >= 8 << 20, let base = buffer.baseAddress {
                    // Whole 2 MiB pages inside the buffer; the kernel may or may not oblige.
                    let huge = 2 << 20
                    let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
                    let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
                    #if os(Linux)
                        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
                    #endif
                }
                buffer.initialize(repeating: FrameSlot(key: 0, frame: -1))
                initialized = count
            }
        }

        private static func key(parent: Int32, name: Int32) -> UInt64 {
            UInt64(UInt32(bitPattern: parent)) << 32 | UInt64(UInt32(bitPattern: name))
        }

        /// The finaliser of MurmurHash3: every input bit reaches every output bit.
        static func mix(_ value: UInt64) -> UInt64 {
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

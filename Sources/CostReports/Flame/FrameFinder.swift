import CostModel
import Dispatch

/// Lines of folded stacks on their way to the frame-finding thread.
struct FoldedBatch: Sendable {
    struct Line: Sendable {
        /// Frames the same as the previous line's, from the root.
        var shared: Int32
        /// Frames after those, whose name ids come next in ``FoldedBatch/nameIDs``; -1 when
        /// this is no line but an order to multiply every value so far by `value`.
        var newFrames: Int32
        var value: Int64
    }

    var lines: [Line] = []
    var nameIDs: [Int32] = []

    mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        nameIDs.removeAll(keepingCapacity: true)
    }
}

/// Finds (or makes) the frames of batches of folded lines, in order, on a queue of its own.
///
/// The parser hands it a batch and goes on reading; at most two batches wait, so memory stays
/// flat. Its state is touched by the queue alone until ``finish(_:)`` has drained it.
final class FrameFinder: @unchecked Sendable {
    private(set) var builder = FlameGraph.Builder()
    private var path: [Int32] = []
    private let queue = DispatchQueue(label: "costtrace.flame.frames")
    private let slots = DispatchSemaphore(value: 2)

    func enqueue(_ batch: FoldedBatch) {
        slots.wait()
        queue.async {
            self.process(batch)
            self.slots.signal()
        }
    }

    /// Waits for the queued batches, then does the last one on the calling thread.
    func finish(_ batch: FoldedBatch) {
        queue.sync {}
        process(batch)
    }

    private func process(_ batch: FoldedBatch) {
        // Work on locals: a class's stored properties are checked for exclusive access on every
        // use, which costs more than the lookups themselves.
        var builder = FlameGraph.Builder()
        var path: [Int32] = []
        swap(&builder, &self.builder)
        swap(&path, &self.path)
        defer {
            swap(&builder, &self.builder)
            swap(&path, &self.path)
        }
        var group = LineGroup()
        var nextName = 0
        var index = 0
        let lines = batch.lines
        while index < lines.count {
            guard lines[index].newFrames >= 0 else {
                builder.scaleValues(by: lines[index].value)
                index += 1
                continue
            }
            group.removeAll()
            while index < lines.count, group.count < LineGroup.size, lines[index].newFrames >= 0 {
                group.append(lines[index], firstName: nextName)
                nextName += Int(lines[index].newFrames)
                index += 1
            }
            group.findFrames(names: batch.nameIDs, after: &path, in: &builder)
        }
    }
}

/// Lines whose frames are found together, depth by depth.
///
/// The frame table is far larger than the caches, so nearly every lookup waits for memory. One
/// line's lookups depend on each other (a frame is its parent's child), but different lines'
/// lookups at the same depth do not: their slots are touched first, all at once, so that the
/// waits overlap, and then looked up in order — the same frames, made in the same order, as one
/// line at a time.
struct LineGroup {
    static let size = 32

    private var lines: [FoldedBatch.Line] = []
    private var firstNames: [Int] = []
    /// Each line's frames from the root, at `frameStarts[line]` in `frames`.
    private var frames: [Int32] = []
    private var frameStarts: [Int] = []
    private var deepest = 0

    var count: Int { lines.count }

    mutating func removeAll() {
        lines.removeAll(keepingCapacity: true)
        firstNames.removeAll(keepingCapacity: true)
        frames.removeAll(keepingCapacity: true)
        frameStarts.removeAll(keepingCapacity: true)
        deepest = 0
    }

    mutating func append(_ line: FoldedBatch.Line, firstName: Int) {
        let depth = Int(line.shared + line.newFrames)
        lines.append(line)
        firstNames.append(firstName)
        frameStarts.append(frames.count)
        frames.append(contentsOf: repeatElement(-1, count: depth))
        deepest = max(deepest, depth)
    }

    /// Finds or makes every line's frames and adds each line's value to its leaf; `path` holds
    /// the frames of the line before the group, and then of the group's last line.
    mutating func findFrames(names: [Int32], after path: inout [Int32], in builder: inout FlameGraph.Builder) {
        for depth in 0..<deepest {
            var touched: UInt64 = 0
            for line in lines.indices where depth >= Int(lines[line].shared) && depth < frameCount(of: line) {
                touched ^= builder.touch(named: names[firstNames[line] + depth - Int(lines[line].shared)], parent: parent(of: line, at: depth))
            }
            builder.touchedSum ^= touched
            for line in lines.indices where depth < frameCount(of: line) {
                let frame: Int32
                if depth < Int(lines[line].shared) {
                    frame = line == 0 ? path[depth] : frames[frameStarts[line - 1] + depth]
                } else {
                    let name = names[firstNames[line] + depth - Int(lines[line].shared)]
                    frame = builder.frame(named: name, kind: .other, parent: parent(of: line, at: depth))
                }
                frames[frameStarts[line] + depth] = frame
            }
        }
        for line in lines.indices {
            builder.add(lines[line].value, to: frames[frameStarts[line] + frameCount(of: line) - 1])
        }
        let last = lines.count - 1
        path.removeAll(keepingCapacity: true)
        path.append(contentsOf: frames[frameStarts[last]..<frameStarts[last] + frameCount(of: last)])
    }

    private func frameCount(of line: Int) -> Int { Int(lines[line].shared + lines[line].newFrames) }

    private func parent(of line: Int, at depth: Int) -> Int32 {
        depth == 0 ? -1 : frames[frameStarts[line] + depth - 1]
    }
}

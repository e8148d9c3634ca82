import CostModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A line of a folded-stacks file that cannot be read.
public struct FoldedStacksError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's path, or `-` for standard input.
    public var file: String
    /// The line number, from 1.
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Builds a ``FlameGraph`` from folded stacks (`a;b;c 123`), as flamegraph.pl, inferno and
/// speedscope write them, one line at a time.
///
/// The value is the last space-separated token of a line, so a frame named `turn 3` stays whole;
/// the stack is everything before it, split at `;`. Values are exact decimals: they are kept as
/// integers in units of 10⁻ⁿ, where n is the most decimals seen so far (at most 9), so
/// `0.0000004` and `0.0000006` add up to exactly `0.000001`. Lines with the same path add into
/// one frame wherever they are in the file.
///
/// Lines are read on the calling thread and their frames found on another, a batch at a time,
/// so a large file keeps two cores busy.
///
/// ```swift
/// var parser = FoldedStacksParser(file: "profile.folded")
/// try parser.add(line: "main;work 5", number: 1)
/// let graph = parser.graph()
/// ```
public struct FoldedStacksParser: ~Copyable {
    /// The most decimals a value keeps; further digits are rounded half to even.
    public static let maximumDecimals = 9
    /// Lines handed to the frame-finding thread at once.
    static let batchSize = 8192

    public let file: String
    private var names = FlameGraph.NameTable()
    private var batch = FoldedBatch()
    private let frames = FrameFinder()
    private var decimals = 0
    /// The sum of every value so far: no frame's inclusive value can be larger, so checking it
    /// alone keeps every sum in the graph within 64 bits.
    private var total: Int64 = 0
    /// Values that had more than ``maximumDecimals`` decimals and were rounded.
    public private(set) var roundedValues = 0
    /// The lines read that held a stack.
    public private(set) var stackCount = 0
    // The previous line's stack bytes and where each of its names ends, so that a prefix shared
    // with the previous line costs a byte comparison, not a lookup.
    private var previousStack: [UInt8] = []
    private var previousEnds: [Int] = []
    private var currentEnds: [Int] = []

    public init(file: String) {
        self.file = file
    }

    /// Adds one line (without its newline); blank lines are skipped.
    /// - Throws: ``FoldedStacksError`` when the line is not `stack value`.
    public mutating func add(line: String, number: Int) throws(FoldedStacksError) {
        var line = line
        var failure: FoldedStacksError?
        line.withUTF8 { bytes in
            do throws(FoldedStacksError) {
                try add(line: UnsafeRawBufferPointer(bytes), number: number)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }

    /// Adds one line of UTF-8 bytes (without its newline); blank lines are skipped.
    /// - Throws: ``FoldedStacksError`` when the line is not `stack value`.
    public mutating func add(line: UnsafeRawBufferPointer, number: Int) throws(FoldedStacksError) {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var end = line.count
        while end > 0 && isSpace(line[end - 1]) { end -= 1 }
        guard end > 0 else { return }
        var valueStart = end
        while valueStart > 0 && !isSpace(line[valueStart - 1]) { valueStart -= 1 }
        var stackEnd = valueStart
        while stackEnd > 0 && isSpace(line[stackEnd - 1]) { stackEnd -= 1 }
        guard stackEnd > 0 else {
            throw FoldedStacksError(
                file: file, line: number,
                message: "expected 'stack value' (frames separated by ';', a space, then a number)")
        }
        let token = UnsafeRawBufferPointer(rebasing: line[valueStart..<end])
        guard let (digits, tokenDecimals, rounded) = Self.parseValue(token) else {
            throw FoldedStacksError(
                file: file, line: number,
                message:
                    "expected a non-negative number after the last space, found '\(String(decoding: token, as: UTF8.self))'"
            )
        }
        if rounded { roundedValues += 1 }
        var value = digits
        if tokenDecimals > decimals {
            try rescale(to: tokenDecimals, line: number)
        } else {
            for _ in tokenDecimals..<decimals {
                let (scaled, overflow) = value.multipliedReportingOverflow(by: 10)
                guard !overflow else { throw overflowError(number) }
                value = scaled
            }
        }
        let (newTotal, overflow) = total.addingReportingOverflow(value)
        guard !overflow else { throw overflowError(number) }
        total = newTotal
        addStack(UnsafeRawBufferPointer(rebasing: line[0..<stackEnd]), value: value)
        stackCount += 1
        if batch.lines.count >= Self.batchSize { handOff() }
    }

    /// The graph of the lines added so far.
    public mutating func graph() -> FlameGraph {
        frames.finish(batch)
        batch.removeAll()
        return FlameGraph(frames.builder, names: names.names, measure: .value, runCount: 0, valueDecimals: decimals)
    }

    private func overflowError(_ line: Int) -> FoldedStacksError {
        FoldedStacksError(file: file, line: line, message: "the values add up past 64 bits at \(decimals) decimals")
    }

    /// Multiplies every value so far by 10^(new − old) when a value with more decimals comes.
    private mutating func rescale(to newDecimals: Int, line: Int) throws(FoldedStacksError) {
        var factor: Int64 = 1
        for _ in decimals..<newDecimals { factor *= 10 }
        let (scaledTotal, overflow) = total.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw overflowError(line) }
        total = scaledTotal
        batch.lines.append(FoldedBatch.Line(shared: 0, newFrames: -1, value: factor))
        decimals = newDecimals
    }

    private mutating func handOff() {
        var full = FoldedBatch()
        swap(&full, &batch)
        frames.enqueue(full)
    }

    /// Puts a stack `a;b;c` into the batch: how many frames it shares with the previous line,
    /// and the name ids of the others.
    private mutating func addStack(_ stack: UnsafeRawBufferPointer, value: Int64) {
        var shared = 0
        var start = 0
        var newFrames = 0
        currentEnds.removeAll(keepingCapacity: true)
        var previousStack: [UInt8] = []
        swap(&previousStack, &self.previousStack)
        previousStack.withUnsafeBytes { previous in
            while start <= stack.count {
                var end = start
                while end < stack.count && stack[end] != UInt8(ascii: ";") { end += 1 }
                if shared == currentEnds.count, shared < previousEnds.count, previousEnds[shared] == end,
                    Self.same(stack, previous, from: start, to: end)
                {
                    shared += 1
                } else {
                    batch.nameIDs.append(names.id(UnsafeRawBufferPointer(rebasing: stack[start..<end])))
                    newFrames += 1
                }
                currentEnds.append(end)
                start = end + 1
            }
        }
        batch.lines.append(FoldedBatch.Line(shared: Int32(shared), newFrames: Int32(newFrames), value: value))
        previousStack.removeAll(keepingCapacity: true)
        previousStack.append(contentsOf: stack)
        self.previousStack = previousStack
        swap(&previousEnds, &currentEnds)
    }

    private static func same(_ stack: UnsafeRawBufferPointer, _ previous: UnsafeRawBufferPointer, from start: Int, to end: Int)
        -> Bool
    {
        guard end <= previous.count, end == previous.count || previous[end] == UInt8(ascii: ";") else { return false }
        return end == start || memcmp(stack.baseAddress! + start, previous.baseAddress! + start, end - start) == 0
    }

    /// `123`, `0.0001234`, `1.5e-7`: the digits as an integer, the decimals they are in, and
    /// whether digits past ``maximumDecimals`` were rounded. `nil` for anything else.
    static func parseValue(_ token: UnsafeRawBufferPointer) -> (Int64, Int, Bool)? {
        var index = 0
        if index < token.count && token[index] == UInt8(ascii: "+") { index += 1 }
        var mantissa: [UInt8] = []
        var pointPosition: Int?
        var sawDigit = false
        while index < token.count {
            let byte = token[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                mantissa.append(byte - UInt8(ascii: "0"))
                sawDigit = true
            } else if byte == UInt8(ascii: ".") && pointPosition == nil {
                pointPosition = mantissa.count
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        var exponent = 0
        if index < token.count {
            guard token[index] == UInt8(ascii: "e") || token[index] == UInt8(ascii: "E") else { return nil }
            index += 1
            var negative = false
            if index < token.count && (token[index] == UInt8(ascii: "-") || token[index] == UInt8(ascii: "+")) {
                negative = token[index] == UInt8(ascii: "-")
                index += 1
            }
            guard index < token.count else { return nil }
            while index < token.count {
                let byte = token[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"), exponent < 1000 else { return nil }
                exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
                index += 1
            }
            if negative { exponent = -exponent }
        }
        // The number is mantissa × 10^-(fractionDigits - exponent).
        var fractionDigits = mantissa.count - (pointPosition ?? mantissa.count) - exponent
        while fractionDigits < 0 {
            mantissa.append(0)
            fractionDigits += 1
        }
        // Trailing zeros after the point say nothing: `1.50` is `1.5`.
        while fractionDigits > 0, mantissa.last == 0 {
            mantissa.removeLast()
            fractionDigits -= 1
        }
        var rounded = false
        var roundUp = false
        if fractionDigits > maximumDecimals {
            let cut = mantissa.count - (fractionDigits - maximumDecimals)
            let dropped = cut >= 0 ? Array(mantissa[cut...]) : Array(repeating: 0, count: -cut) + mantissa
            let kept = cut >= 0 ? Array(mantissa[..<cut]) : []
            let first = dropped.first ?? 0
            let restNonZero = dropped.dropFirst().contains { $0 != 0 }
            let lastKeptOdd = (kept.last ?? 0) % 2 == 1
            roundUp = first > 5 || (first == 5 && (restNonZero || lastKeptOdd))
            rounded = dropped.contains { $0 != 0 }
            mantissa = kept
            fractionDigits = maximumDecimals
        }
        var value: Int64 = 0
        for digit in mantissa {
            let (scaled, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            let (sum, overflow2) = scaled.addingReportingOverflow(Int64(digit))
            guard !overflow2 else { return nil }
            value = sum
        }
        if roundUp { value += 1 }
        return (value, fractionDigits, rounded)
    }
}

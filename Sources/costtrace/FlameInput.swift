import ArgumentParser
import CostFormats
import CostReports

/// A file `flame` and `diff` draw from: folded stacks, or a trace.
enum FlameInput {
    case folded(FlameGraph)
    case trace(TraceFileReader.Contents)

    /// Reads `path` (`-`: standard input, read once). A trace is JSON objects, so it starts with
    /// `{`; anything else is folded stacks, including perf's, which start with `[unknown]`.
    static func read(path: String) throws -> FlameInput {
        var reader = try LineReader(path: path)
        if let first = try reader.peekFirstNonBlankByte(), first != UInt8(ascii: "{") {
            return .folded(try readFoldedStacks(reader: &reader, path: path))
        }
        return .trace(try TraceInput.read(reader: &reader, file: path).contents)
    }

    private static func readFoldedStacks(reader: inout LineReader, path: String) throws -> FlameGraph {
        var parser = FoldedStacksParser(file: path)
        while try reader.nextLine({ line, number, _ in try parser.add(line: line, number: number) }) != nil {}
        if parser.roundedValues > 0 {
            warn("\(path): \(parser.roundedValues) values had more than \(FoldedStacksParser.maximumDecimals) decimals and were rounded")
        }
        return parser.graph()
    }

    /// Refuses options that need spans when the input is folded stacks, rather than ignore them.
    static func checkFoldedOptions(path: String, measure: FlameGraph.Measure?, selecting: Bool, pricing: Bool) throws {
        if let measure {
            throw ValidationError("--by \(measure.rawValue) needs a trace: \(path) holds folded stacks, one value a line")
        }
        if selecting {
            throw ValidationError("--where, --since and --until need a trace: \(path) holds folded stacks, without attributes or times")
        }
        if pricing {
            throw ValidationError("--prices and --reprice-model need a trace: \(path) holds folded stacks, not token usage")
        }
    }
}

extension RunSelection {
    /// Whether any selector narrows the runs.
    var isNarrowing: Bool { !conditions.isEmpty || since != nil || until != nil }
}

extension PricingOptions {
    /// Whether any price book or substitution is given.
    var isGiven: Bool { !priceBooks.isEmpty || !substitutions.isEmpty }
}

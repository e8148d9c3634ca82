import ArgumentParser
import CostFormats
import CostModel
import CostReports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FlameGraph.Measure: ExpressibleByArgument {
    /// `value` is what a folded-stacks file holds, not a choice for traces.
    public static var allValueStrings: [String] { allCases.filter { $0 != .value }.map(\.rawValue) }

    public init?(argument: String) {
        guard let measure = Self(rawValue: argument), measure != .value else { return nil }
        self = measure
    }
}

struct FlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flame",
        abstract: "Draws a flame graph of cost (or tokens, duration, calls) merged across runs.",
        discussion: """
            Frames are span-name paths merged across the selected runs; a frame's width is its inclusive value. \
            --format folded writes folded stacks (a;b;c VALUE) for flamegraph.pl, inferno and speedscope; \
            a folded-stacks file is read as well (told from its content), its values kept as exact decimals.
            """
    )

    enum FlameFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, folded
    }

    @Argument(
        help: "A trace file (CostTrace JSONL or OTLP/JSON), a folded-stacks file, - for standard input, or a run id in the database; the database's runs when absent."
    )
    var source: String?

    @Option(help: "What a frame's width stands for (default: cost; a folded-stacks file has its own values).")
    var by: FlameGraph.Measure?

    @Option(help: "Output format.")
    var format: FlameFormat = .text

    @OptionGroup var drawing: DrawingOptions

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions

    func run() throws {
        let graph: FlameGraph
        if let source, RunSelection.isFile(source) {
            graph = try fileGraph(path: source)
        } else {
            let pricer = try pricing.pricer()
            graph = try tracesGraph(runs: selection.runs(source: source, pricer: pricer), pricer: pricer)
        }
        if let svg = drawing.svg {
            try drawing.write(svg: graph.svg(drawing.svgOptions).text, to: svg)
            return
        }
        switch format {
        case .text: print(graph.text(style: drawing.textStyle), terminator: "")
        case .json: print(graph.json(), terminator: "")
        case .folded: print(graph.folded(), terminator: "")
        }
    }

    private func tracesGraph(runs: [Run], pricer: SpanPricer) -> FlameGraph {
        FlameGraph(runs: CostedRun.price(runs, with: pricer), measure: by ?? .cost)
    }

    /// The graph of a trace or folded-stacks file (`-`: standard input); see ``FlameInput``.
    private func fileGraph(path: String) throws -> FlameGraph {
        switch try FlameInput.read(path: path) {
        case .trace(let contents):
            return try tracesGraph(runs: selection.runs(of: contents, from: path), pricer: pricing.pricer())
        case .folded(let graph):
            try FlameInput.checkFoldedOptions(path: path, measure: by, selecting: selection.isNarrowing, pricing: pricing.isGiven)
            return graph
        }
    }
}

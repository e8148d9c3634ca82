import ArgumentParser
import CostModel
import CostReports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FlameGraph.Measure: ExpressibleByArgument {}

struct FlameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flame",
        abstract: "Draws a flame graph of cost (or tokens, duration, calls) merged across runs.",
        discussion: """
            Frames are span-name paths merged across the selected runs; a frame's width is its inclusive value. \
            --format folded writes folded stacks (a;b;c VALUE) for flamegraph.pl, inferno and speedscope.
            """
    )

    enum FlameFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, folded
    }

    @Argument(help: "A trace file (CostTrace JSONL or OTLP/JSON), or a run id in the database; the database's runs when absent.")
    var source: String?

    @Option(help: "What a frame's width stands for.")
    var by: FlameGraph.Measure = .cost

    @Option(help: "Output format.")
    var format: FlameFormat = .text

    @Option(help: "Colour text output: auto colours on a terminal unless NO_COLOR is set.")
    var color: ColorChoice = .auto

    @Option(help: "Width of text output in columns (default: the terminal's, else 120).")
    var width: Int?

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions

    func run() throws {
        let pricer = try pricing.pricer()
        var file = source
        var runID: String?
        if let source, TraceID(hex: source) != nil, access(source, F_OK) != 0 {
            file = nil
            runID = source
        }
        let runs = CostedRun.price(try selection.runs(file: file, runID: runID, pricer: pricer), with: pricer)
        let graph = FlameGraph(runs: runs, measure: by)
        switch format {
        case .text:
            var options = OutputOptions()
            options.color = color
            options.width = width
            var style = options.textStyle
            if style.width == nil { style.width = 120 }
            print(graph.text(style: style), terminator: "")
        case .json: print(graph.json(), terminator: "")
        case .folded: print(graph.folded(), terminator: "")
        }
    }
}

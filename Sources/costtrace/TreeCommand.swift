import ArgumentParser
import CostModel
import CostReports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Shows the span tree of each run with tokens, self and inclusive cost per span.",
        discussion: "SOURCE is a trace file (JSONL, - for standard input), or a run id to read from the database."
    )

    @Argument(help: "A trace file (CostTrace JSONL or OTLP/JSON), or a run id (32 hex digits) in the database.")
    var source: String

    @Option(name: .customLong("run"), help: "With a trace file: only the run with this trace id.")
    var runID: String?

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = TreeReport(runs: try selection.costedRuns(source: source, runID: runID, pricing: pricing))
        switch output.format {
        case .text: print(report.text(style: output.textStyle), terminator: "")
        case .json: print(report.json(), terminator: "")
        }
    }
}

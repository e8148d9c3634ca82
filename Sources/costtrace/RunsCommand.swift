import ArgumentParser
import CostModel
import CostReports

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Lists the runs with their span count, tokens and cost.",
        discussion: "Reads the trace file when one is given, else the database."
    )

    @Argument(help: "A trace file (CostTrace JSONL or OTLP/JSON, - for standard input); the database when absent.")
    var file: String?

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let pricer = try pricing.pricer()
        let report = RunsReport(runs: CostedRun.price(try selection.runs(file: file, pricer: pricer), with: pricer))
        switch output.format {
        case .text: print(report.text(style: output.textStyle), terminator: "")
        case .json: print(report.json(), terminator: "")
        }
    }
}

import ArgumentParser
import CostModel
import CostReports

struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "Lists the runs with their span count, tokens and cost."
    )

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = RunsReport(runs: CostedRun.price(try selection.runs(), with: try pricing.pricer()))
        switch output.format {
        case .text: print(report.text(style: output.textStyle), terminator: "")
        case .json: print(report.json(), terminator: "")
        }
    }
}

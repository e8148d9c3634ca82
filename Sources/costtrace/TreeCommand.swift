import ArgumentParser
import CostModel
import CostReports

struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Shows the span tree of each run with tokens, self and inclusive cost per span."
    )

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = TreeReport(runs: CostedRun.price(try selection.runs(), with: try pricing.pricer()))
        switch output.format {
        case .text: print(report.text(style: output.textStyle), terminator: "")
        case .json: print(report.json(), terminator: "")
        }
    }
}

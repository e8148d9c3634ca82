import ArgumentParser
import CostModel
import CostReports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Allocates spend to users, teams, projects, models or any attribute, per period.",
        discussion: """
            Each span's own cost goes to the values of the keys it inherits: its own attribute, else \
            its nearest ancestor's, else its resource's. model, provider, kind and name are the span's \
            fields (model as the price book names it, so aliases and dated ids share a row); user is the \
            attribute user.id (or enduser.id); any other key is an attribute name. \
            Spend with no value for a key is its own row, (unallocated). Rows add up to the runs' total. \
            See docs/allocation.md.
            """
    )

    @Argument(
        help:
            "A trace file (CostTrace JSONL or OTLP/JSON, - for standard input), or a run id; the database when absent.")
    var source: String?

    @Option(
        name: .customLong("by"),
        help: ArgumentHelp("Keys to group by, separated by commas, for example team,user.", valueName: "key,…"))
    var keys: String

    @Option(help: "Also group by the UTC period (ISO weeks start on Monday) in which each span started.")
    var period: CalendarPeriod?

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions
    @OptionGroup var output: TableOutputOptions

    func validate() throws {
        let keys = try AllocationKey.list(byOption: self.keys)
        if let reserved = keys.first(where: { AllocationReport.reservedNames.contains($0.name) }) {
            throw ValidationError("--by: '\(reserved.name)' names a column of the report; group by another key")
        }
    }

    func run() throws {
        let pricer = try pricing.pricer()
        let runs = try selection.costedRuns(source: source, pricer: pricer)
        let report = AllocationReport(
            allocation: CostAllocation(
                runs: runs, by: try AllocationKey.list(byOption: keys), period: period,
                models: ModelNaming(book: pricer.book)))
        switch output.format {
        case .text: print(report.text(style: output.textStyle), terminator: "")
        case .json: print(report.json(), terminator: "")
        case .csv: print(report.csv(), terminator: "")
        }
    }
}

import ArgumentParser
import CostFormats
import CostModel
import CostReports

/// `--unpriced count|exceed`.
extension UnpricedSpanPolicy: ExpressibleByArgument {}

struct BudgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budget",
        abstract: "Checks spend against budgets.",
        subcommands: [Check.self]
    )

    /// The exit status when a budget with a hard threshold is exceeded.
    static let exceededStatus: Int32 = 3

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Shows each budget's spend, limit, share and projection; fails when one is exceeded.",
            discussion: """
                Each budget covers the spans of its scope that start in its current period (the UTC day, \
                ISO week or month that contains --at) before --at. A budget is exceeded when spend \
                reaches amount × hard: spending exactly the limit exceeds it. Unpriced spans are counted \
                and shown; with --unpriced exceed, one unpriced span in scope reaches every threshold.

                Exit status: 0 when no budget is exceeded (warnings included), \(BudgetCommand.exceededStatus) \
                when one with a hard threshold is, 1 on bad input, 64 on bad arguments. \
                The budget file format is in docs/budgets.md.
                """
        )

        @Option(
            name: .customLong("budgets"),
            help: ArgumentHelp("The budget file (JSON, see docs/budgets.md).", valueName: "file"))
        var budgetFile: String

        @Argument(
            help:
                "A trace file (CostTrace JSONL or OTLP/JSON, - for standard input), or a run id; the database when absent."
        )
        var source: String?

        @OptionGroup var at: AtOption

        @Option(
            help:
                "What an unpriced span in scope does: count (show it; status from priced spend) or exceed (fail closed)."
        )
        var unpriced: UnpricedSpanPolicy = .count

        @OptionGroup var selection: RunSelection
        @OptionGroup var pricing: PricingOptions
        @OptionGroup var output: TableOutputOptions

        func run() throws {
            let outcome = try BudgetFileReader.check(path: budgetFile)
            guard let budgets = outcome.budgets else {
                for error in outcome.errors { printError(error.description) }
                throw ExitCode.failure
            }
            let pricer = try pricing.pricer()
            let runs = try selection.costedRuns(source: source, pricer: pricer)
            let check = BudgetCheck(
                budgets: budgets, runs: runs, at: try at.nanos(), unpriced: unpriced,
                models: ModelNaming(book: pricer.book))
            let report = BudgetReport(check: check)
            switch output.format {
            case .text: print(report.text(style: output.textStyle), terminator: "")
            case .json: print(report.json(), terminator: "")
            case .csv: print(report.csv(), terminator: "")
            }
            if check.isExceeded { throw ExitCode(BudgetCommand.exceededStatus) }
        }
    }
}

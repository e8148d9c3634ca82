import ArgumentParser
import CostModel
import CostReports

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compares cost per run between groups of runs (variants, models, prompt versions…).",
        discussion: """
            Runs are grouped by the value of --by on their root span (else its resource); model and provider, \
            when no root carries them, are those of the run's most expensive model or provider. Runs without a \
            value form (unallocated). Per group: runs, total, mean, median and p95 cost per run, tokens by kind, \
            cache-read share, error rate and cost per successful run. For two groups, the difference of mean cost \
            per run with a seeded bootstrap confidence interval (expanded percentiles) and a verdict. See docs/compare.md.
            """
    )

    @Argument(
        help:
            "A trace file (CostTrace JSONL or OTLP/JSON), or a run id in the database; the database's runs when absent."
    )
    var source: String?

    @Option(
        help: ArgumentHelp(
            "The attribute that groups runs, for example variant, model or prompt_version.", valueName: "attribute"))
    var by: String

    @Option(
        help: ArgumentHelp(
            "The group to compare against (with --compare); (unallocated) names runs without a value.",
            valueName: "value"))
    var base: String?

    @Option(help: ArgumentHelp("The group compared with --base.", valueName: "value"))
    var compare: String?

    @Option(help: "The seed of the bootstrap's resampling: the same seed gives the same interval.")
    var seed: Int64 = 1

    @Option(help: "How many bootstrap resamples (at least 100).")
    var resamples: Int = 10_000

    @Option(help: "Output format.")
    var format: TableFormat = .text

    @Option(help: "Colour text output: auto colours on a terminal unless NO_COLOR is set.")
    var color: ColorChoice = .auto

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions

    func validate() throws {
        guard !by.isEmpty else { throw ValidationError("--by takes an attribute name, for example variant") }
        if (base == nil) != (compare == nil) {
            throw ValidationError("--base and --compare go together: name both groups")
        }
        if let base, base == compare { throw ValidationError("--base and --compare name the same group '\(base)'") }
        guard seed >= 0 else { throw ValidationError("--seed must be zero or more (got \(seed))") }
        guard resamples >= 100 else { throw ValidationError("--resamples must be at least 100 (got \(resamples))") }
    }

    func run() throws {
        let runs = try selection.costedRuns(source: source, pricing: pricing)
        let pair: VariantComparison.Pair =
            if let base, let compare { .chosen(base: Self.groupValue(base), compare: Self.groupValue(compare)) } else {
                .automatic
            }
        let report: VariantComparison
        do {
            report = try VariantComparison(
                runs: runs, grouping: RunGrouping(attribute: by), pair: pair,
                options: BootstrapOptions(resamples: resamples, seed: UInt64(seed)))
        } catch {
            printError(error.message)
            throw ExitCode.failure
        }
        switch format {
        case .text:
            var options = OutputOptions()
            options.color = color
            options.width = nil  // the table is as wide as its content
            print(report.text(style: options.textStyle), terminator: "")
        case .json: print(report.json(), terminator: "")
        case .csv: print(report.csv(), terminator: "")
        }
    }

    /// `(unallocated)` names the runs without a value.
    private static func groupValue(_ argument: String) -> String? {
        argument == CostGroup.unallocatedLabel ? nil : argument
    }
}

import ArgumentParser
import CostModel
import CostReports

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compares cost per run between groups of runs (variants, models, prompt versions…).",
        discussion: """
            --by takes a key as report does: user is user.id (else enduser.id); model, provider, kind and name are \
            span fields; any other key is an attribute. A run's value is its root span's (else the root's \
            resource's); when the root has none, the one value its spans carry, or (mixed) when they carry several. \
            model and provider are those the run spent most on, models by their price-book id. Runs without a \
            value form (unallocated). Per group: runs, total, mean, median and p95 cost per run, tokens by kind, \
            cache-read share, failed runs (root span error), runs with span errors and cost per successful run. \
            For two groups, the difference of mean cost per run, with a seeded bootstrap confidence interval when \
            each has at least 10 runs, and a verdict that unpriced spans can weaken or withhold. See docs/compare.md.
            """
    )

    @Argument(
        help:
            "A trace file (CostTrace JSONL or OTLP/JSON), or a run id in the database; the database's runs when absent."
    )
    var source: String?

    @Option(
        help: ArgumentHelp(
            "The key that groups runs, for example variant, user, model or prompt_version.", valueName: "key"))
    var by: String

    @Option(
        help: ArgumentHelp(
            "The group to compare against (with --compare); (unallocated) and (mixed) name those groups.",
            valueName: "value"))
    var base: String?

    @Option(help: ArgumentHelp("The group compared with --base.", valueName: "value"))
    var compare: String?

    @Option(help: "The seed of the bootstrap's resampling: the same seed gives the same interval.")
    var seed: Int64 = 1

    @Option(help: "How many bootstrap resamples (100 to 1,000,000).")
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
        guard resamples >= BootstrapOptions.minimumResamples else {
            throw ValidationError("--resamples must be at least 100 (got \(resamples))")
        }
        guard resamples <= BootstrapOptions.maximumResamples else {
            throw ValidationError(
                "--resamples must be at most 1,000,000 (got \(resamples)): a million already fix the interval's "
                    + "bounds to within 0.3% of a standard error")
        }
    }

    func run() throws {
        let pricer = try pricing.pricer()
        let runs = try selection.costedRuns(source: source, pricer: pricer)
        let grouping = RunGrouping(attribute: by, models: ModelNaming(book: pricer.book))
        let pair: VariantComparison.Pair =
            if let base, let compare {
                .chosen(base: grouping.key(named: base), compare: grouping.key(named: compare))
            } else {
                .automatic
            }
        let report: VariantComparison
        do {
            report = try VariantComparison(
                runs: runs, grouping: grouping, pair: pair,
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
}

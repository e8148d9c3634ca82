import ArgumentParser
import CostFormats
import CostModel
import CostReports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension FlameDiff.Normalization: ExpressibleByArgument {}

/// `--compare-prices` and `--compare-reprice-model`: a what-if for the compare side alone.
struct ComparePricingOptions: ParsableArguments {
    @Option(
        name: .customLong("compare-prices"),
        help: ArgumentHelp("A price book for the compare side only, over --prices; repeatable.", valueName: "file"))
    var priceBooks: [String] = []

    @Option(
        name: .customLong("compare-reprice-model"),
        help: ArgumentHelp(
            "Price the compare side's spans of model FROM as if they had used model TO; repeatable.", valueName: "from=to"))
    var substitutions: [String] = []

    /// Whether any compare-side book or substitution is given.
    var isGiven: Bool { !priceBooks.isEmpty || !substitutions.isEmpty }

    /// The pricing of both sides with this side's books and substitutions added (they win).
    func options(over shared: PricingOptions) -> PricingOptions {
        var options = shared
        options.priceBooks += priceBooks
        options.substitutions = substitutions + shared.substitutions
        return options
    }
}

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Shows where cost moved between two runs, files or selections: a differential flame graph.",
        discussion: """
            Each side is a run id, a trace file or folded-stacks file, or a selection of the database. \
            With one SOURCE, both sides come from it, told apart by --base-where and --compare-where, e.g. \
            costtrace diff traces/support-workflow.jsonl --base-where variant=baseline --compare-where variant=cached-context. \
            The union of both sides' frames is shown with base, compare and change; frames on one side only are marked. \
            Values are per run when the sides have different numbers of runs (--normalize).
            """
    )

    @Argument(help: "The base side: a run id, a trace or folded-stacks file, or - for standard input; the database when absent.")
    var base: String?

    @Argument(help: "The compare side, likewise; the same as BASE when absent.")
    var compare: String?

    @Option(name: .customLong("base-where"), help: ArgumentHelp("Only base runs with this root attribute; repeatable.", valueName: "key=value"))
    var baseConditions: [String] = []

    @Option(
        name: .customLong("compare-where"), help: ArgumentHelp("Only compare runs with this root attribute; repeatable.", valueName: "key=value"))
    var compareConditions: [String] = []

    @Option(help: "What is compared (default: cost).")
    var by: FlameGraph.Measure?

    @Option(help: "per-run divides each side by its number of runs (default when the numbers differ); absolute compares totals.")
    var normalize: FlameDiff.Normalization?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var drawing: DrawingOptions

    @Option(help: ArgumentHelp("Text: leave out frames under this share of the larger total (0.1% by default).", valueName: "percent"))
    var minShare: Double = 0.1

    @Option(help: "How many of the largest changes to list.")
    var top: Int = 10

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions
    @OptionGroup var comparePricing: ComparePricingOptions

    func validate() throws {
        guard minShare >= 0, minShare <= 100 else { throw ValidationError("--min-share is a percentage from 0 to 100 (got \(minShare))") }
        guard top >= 0 else { throw ValidationError("--top must be zero or more (got \(top))") }
        if base == "-" && compare == "-" { throw ValidationError("standard input can be one side only") }
        if compare == nil && baseConditions.isEmpty && compareConditions.isEmpty && !comparePricing.isGiven {
            throw ValidationError(
                "both sides would be the same: give two sources, or tell them apart with --base-where and --compare-where (or a --compare-reprice-model what-if)")
        }
    }

    func run() throws {
        let basePricer = try pricing.pricer()
        let comparePricer = try comparePricing.options(over: pricing).pricer()
        let measure = by ?? .cost
        let sides = try Sides(base: base, compare: compare ?? base)
        let baseGraph = try sides.graph(
            of: sides.base, adding: baseConditions, measure: measure, by: by, pricer: basePricer, pricingGiven: pricing.isGiven,
            selection: selection)
        let compareGraph = try sides.graph(
            of: sides.compare, adding: compareConditions, measure: measure, by: by, pricer: comparePricer,
            pricingGiven: pricing.isGiven || comparePricing.isGiven, selection: selection)
        let diff: FlameDiff
        do {
            diff = try FlameDiff(base: baseGraph, compare: compareGraph, normalization: normalize)
        } catch {
            throw ValidationError(error.description)
        }
        let labels = FlameDiff.SideLabels(base: label(base, baseConditions), compare: label(compare ?? base, compareConditions))
        if let svg = drawing.svg {
            try drawing.write(svg: diff.svg(drawing.svgOptions, labels: labels).text, to: svg)
            return
        }
        switch format {
        case .text:
            let style = TextStyle.standardOutput(color: drawing.color, width: drawing.width)
            print(diff.text(style: style, labels: labels, minShare: minShare / 100, top: top), terminator: "")
        case .json:
            print(diff.json(labels: labels, top: top), terminator: "")
        }
    }

    /// How a side is named in the output: its conditions, else its source.
    private func label(_ source: String?, _ conditions: [String]) -> String {
        let parts = conditions.isEmpty ? (source.map { [$0] } ?? []) + selection.conditions : conditions
        return parts.isEmpty ? "all runs" : parts.joined(separator: " ")
    }

    /// Where each side's spans come from; a file or standard input is read once, whichever
    /// sides use it.
    private struct Sides {
        enum Source {
            case database(runID: String?)
            case trace(path: String, contents: TraceFileReader.Contents)
            case folded(path: String, FlameGraph)
        }

        var base: Source
        var compare: Source

        init(base: String?, compare: String?) throws {
            self.base = try Self.load(base)
            self.compare = base == compare ? self.base : try Self.load(compare)
        }

        static func load(_ source: String?) throws -> Source {
            guard let source else { return .database(runID: nil) }
            guard RunSelection.isFile(source) else { return .database(runID: source) }
            switch try FlameInput.read(path: source) {
            case .folded(let graph): return .folded(path: source, graph)
            case .trace(let contents): return .trace(path: source, contents: contents)
            }
        }

        func graph(
            of source: Source, adding conditions: [String], measure: FlameGraph.Measure, by: FlameGraph.Measure?, pricer: SpanPricer,
            pricingGiven: Bool, selection: RunSelection
        ) throws -> FlameGraph {
            let runs: [Run]
            switch source {
            case .folded(let path, let graph):
                try FlameInput.checkFoldedOptions(
                    path: path, measure: by, selecting: selection.isNarrowing || !conditions.isEmpty, pricing: pricingGiven)
                return graph
            case .trace(let path, let contents):
                runs = try selection.runs(of: contents, from: path, adding: conditions)
            case .database(let runID):
                runs = try selection.runs(file: nil, runID: runID, adding: conditions, pricer: pricer)
            }
            return FlameGraph(runs: CostedRun.price(runs, with: pricer), measure: measure)
        }
    }
}

import ArgumentParser
import CostFormats
import CostModel
import CostReports

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Writes spend in formats that other tools read.",
        subcommands: [ExportFOCUSCommand.self]
    )
}

struct ExportFOCUSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "focus",
        abstract:
            "Writes a FOCUS 1.2 CSV (with 1.3's ServiceProviderName and HostProviderName): a row per span and price line.",
        discussion: """
            BilledCost sums to the total of `costtrace report` over the same selection. Unpriced spans \
            have no row (BilledCost cannot be null and is not zero); their count is written to standard \
            error. See docs/focus-export.md.
            """
    )

    @Argument(
        help:
            "A trace file (CostTrace JSONL or OTLP/JSON, - for standard input), or a run id; the database when absent.")
    var source: String?

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Write the CSV to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("billing-account"), help: "BillingAccountId and BillingAccountName of every row.")
    var billingAccount = "default"

    @Option(
        name: .customLong("tag"),
        help: ArgumentHelp(
            "Also write this inherited attribute (or span field) to Tags; repeatable. Tags always has user, team, project, workflow, variant, deployment.environment and service.name.",
            valueName: "key"))
    var tags: [String] = []

    @OptionGroup var selection: RunSelection
    @OptionGroup var pricing: PricingOptions

    func validate() throws {
        if billingAccount.allSatisfy({ $0 == " " }) { throw ValidationError("--billing-account may not be empty") }
        for tag in tags where tag.isEmpty { throw ValidationError("--tag takes an attribute name") }
    }

    func run() throws {
        let pricer = try pricing.pricer()
        let runs = try selection.runs(source: source, pricer: pricer)
        var tagKeys = FOCUSExport.Options.defaultTagKeys
        for tag in tags where !tagKeys.contains(where: { $0.name == tag }) { tagKeys.append(AllocationKey(tag)) }
        let export = try FOCUSExport(
            runs: runs, pricer: pricer, options: FOCUSExport.Options(billingAccount: billingAccount, tagKeys: tagKeys))
        if export.unpricedSpans > 0 {
            warn(
                "\(export.unpricedSpans) unpriced span\(export.unpricedSpans == 1 ? " has" : "s have") no row: "
                    + "their cost is unknown (see `costtrace tree` for why); BilledCost sums to the priced \(export.billedTotal)"
            )
        }
        if let output, output != "-" {
            try FileOutput.writeFile(export.csv(), to: output)
        } else {
            print(export.csv(), terminator: "")
        }
    }
}

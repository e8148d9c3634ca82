import ArgumentParser

@main
struct CostTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costtrace",
        abstract: "Shows where the money of AI agent runs goes.",
        discussion: """
            Reads trace files written by the CostTrace library (one JSON span per line).
            See docs/trace-format.md.
            """,
        version: "0.1.0",
        subcommands: [
            IngestCommand.self, RunsCommand.self, TreeCommand.self, FlameCommand.self, DiffCommand.self,
            CompareCommand.self, ReportCommand.self, BudgetCommand.self, ForecastCommand.self, ExportCommand.self,
            PricesCommand.self,
        ]
    )
}

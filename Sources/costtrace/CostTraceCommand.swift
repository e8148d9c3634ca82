import ArgumentParser

@main
struct CostTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "costtrace",
        abstract: "Shows where the money of AI agent runs goes.",
        discussion: """
            Reads trace files (the CostTrace library's JSONL, or OpenTelemetry OTLP/JSON) or runs kept in its \
            SQLite database (costtrace ingest); a run id works wherever a file does. See docs/ for each command.
            """,
        version: "0.2.0",
        subcommands: [
            IngestCommand.self, RunsCommand.self, TreeCommand.self, FlameCommand.self, DiffCommand.self,
            CompareCommand.self, ReportCommand.self, BudgetCommand.self, ForecastCommand.self, ExportCommand.self,
            PricesCommand.self,
        ]
    )
}

import ArgumentParser
import CostReports
import CostStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Adds trace files to the database, each file in one transaction; re-ingesting changes nothing.",
        discussion: """
            A file that has a line that cannot be read is left out whole (the database is left as it was for it), \
            unless --skip-invalid is given. Files before it stay ingested.
            """
    )

    @Argument(help: "Trace files (CostTrace JSONL or OTLP/JSON, told apart by their content), or - for standard input.")
    var files: [String]

    @Flag(help: "Ingest the lines that can be read and write the others to --rejects.")
    var skipInvalid = false

    @Option(help: ArgumentHelp("Where --skip-invalid writes rejected lines (default: FILE.rejected).", valueName: "path"))
    var rejects: String?

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var pricing: PricingOptions

    func validate() throws {
        if rejects != nil && !skipInvalid { throw ValidationError("--rejects goes with --skip-invalid") }
        if rejects != nil && files.count > 1 { throw ValidationError("--rejects names one file; with several inputs each gets FILE.rejected") }
    }

    func run() throws {
        let store = try database.open(pricer: try pricing.pricer())
        let showProgress = isatty(STDERR_FILENO) != 0
        var added = 0
        var skipped = 0
        for file in files {
            var options = IngestOptions()
            if skipInvalid { options.rejectsPath = rejects ?? (file == "-" ? "stdin.rejected" : file + ".rejected") }
            if showProgress {
                options.progress = { spans in
                    var text = "\r\(file): \(Format.count(Int64(spans))) spans…"
                    text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
                }
            }
            let summary: IngestSummary
            do {
                summary = try store.ingest(path: file, options: options)
            } catch {
                if showProgress { clearProgressLine() }
                printError("\(error)")
                printError("\(file): nothing ingested from this file; the database is as it was before it")
                throw ExitCode.failure
            }
            if showProgress { clearProgressLine() }
            var line = "\(file): \(summary.added) spans added, \(summary.skipped) already stored"
            if summary.conflicting > 0 { line += ", \(summary.conflicting) conflicting (kept as stored)" }
            if let path = options.rejectsPath, summary.rejected > 0 { line += ", \(summary.rejected) lines rejected to \(path)" }
            print(line)
            for example in summary.conflictExamples { warn("conflicting span, kept as stored: \(example)") }
            if summary.droppedByExporter > 0 {
                warn("\(file): the exporter reported \(summary.droppedByExporter) dropped spans")
            }
            added += summary.added
            skipped += summary.skipped
        }
        let (spans, runs) = try store.counts()
        print("\(added) spans added, \(skipped) already stored; the database has \(Format.count(spans)) spans in \(Format.count(runs)) runs")
    }

    private func clearProgressLine() {
        var text = "\r\u{1B}[K"
        text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

import ArgumentParser
import CostFormats
import CostModel
import CostReports

struct TreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tree",
        abstract: "Shows the span tree of each run, with kind, duration and tokens per span."
    )

    @Argument(help: "A trace file (JSONL), or - for standard input.")
    var file: String

    @Option(name: .customLong("run"), help: "Only the run with this trace id.")
    var runID: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        var runs = Run.group(try TraceFileReader.read(path: file).spans)
        if let runID {
            guard let traceID = TraceID(hex: runID) else { throw ValidationError("--run takes a trace id of 32 hex digits") }
            runs = runs.filter { $0.traceID == traceID }
            guard !runs.isEmpty else { throw ValidationError("no run \(runID) in \(file)") }
        }
        let report = TreeReport(runs: runs)
        switch output.format {
        case .text: print(report.text(style: output.textStyle), terminator: "")
        case .json: print(report.json(), terminator: "")
        }
    }
}

import ArgumentParser
import CostReports

/// `--format text|json|csv`, `--color` and `--width`, shared by tabular reports.
struct TableOutputOptions: ParsableArguments {
    @Option(help: "Output format.")
    var format: TableFormat = .text

    @Option(help: "Colour text output: auto colours on a terminal unless NO_COLOR is set.")
    var color: ColorChoice = .auto

    @Option(help: "Width of text output in columns (default: the terminal's; to a file or pipe, as wide as needed).")
    var width: Int?

    var textStyle: TextStyle { .standardOutput(color: color, width: width) }
}

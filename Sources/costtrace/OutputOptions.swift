import ArgumentParser
import CostReports

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A `--format` choice: every report writes text.
protocol ReportFormat: ExpressibleByArgument, CaseIterable {
    static var text: Self { get }
}

enum OutputFormat: String, ReportFormat {
    case text
    case json
}

/// `--format` of tabular reports, which can also be CSV.
enum TableFormat: String, ReportFormat {
    case text
    case json
    case csv
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto
    case always
    case never
}

/// `--format`, `--color` and `--width`, shared by every report.
struct ReportOutputOptions<Format: ReportFormat>: ParsableArguments {
    @Option(help: "Output format.")
    var format: Format = .text

    @Option(help: "Colour text output: auto colours on a terminal unless NO_COLOR is set.")
    var color: ColorChoice = .auto

    @Option(help: "Width of text output in columns (default: the terminal's; to a file or pipe, as wide as needed).")
    var width: Int?

    var textStyle: TextStyle { .standardOutput(color: color, width: width) }
}

/// `--format text|json`, `--color` and `--width`.
typealias OutputOptions = ReportOutputOptions<OutputFormat>

/// `--format text|json|csv`, `--color` and `--width`, for tabular reports.
typealias TableOutputOptions = ReportOutputOptions<TableFormat>

extension TextStyle {
    /// The style for standard output under `--color` and `--width`.
    static func standardOutput(color: ColorChoice, width: Int?) -> TextStyle {
        let onTerminal = isatty(STDOUT_FILENO) != 0
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        let colored =
            switch color {
            case .always: true
            case .never: false
            case .auto: onTerminal && !noColor
            }
        return TextStyle(colored: colored, width: width ?? terminalWidth(onTerminal: onTerminal))
    }

    /// `COLUMNS`, else the terminal's width; `nil` (fit the content) when writing to a file or pipe.
    private static func terminalWidth(onTerminal: Bool) -> Int? {
        if let columns = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), columns > 0 { return columns }
        var size = winsize()
        if onTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return onTerminal ? 100 : nil
    }
}

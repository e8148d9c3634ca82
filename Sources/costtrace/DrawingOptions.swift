import ArgumentParser
import CostFormats
import CostReports

/// How `flame` and `diff` draw: `--color` and `--width` for text, `--svg` and its options.
struct DrawingOptions: ParsableArguments {
    @Option(help: "Colour text output: auto colours on a terminal unless NO_COLOR is set.")
    var color: ColorChoice = .auto

    @Option(help: "Width: of text output in columns (default: the terminal's, else 120); of --svg in pixels (default 1200).")
    var width: Int?

    @Option(help: ArgumentHelp("Write an interactive SVG to this file (- for standard output) instead of --format's output.", valueName: "file"))
    var svg: String?

    @Option(help: "The SVG's title.")
    var title: String?

    @Option(help: ArgumentHelp("Leave out SVG frames narrower than this many pixels (they are counted in the subtitle).", valueName: "px"))
    var minWidth: Double = 0.1

    @Flag(help: "Draw the SVG bottom-up (roots at the bottom), as the classic flame graph; top-down by default.")
    var inverted = false

    func validate() throws {
        if let width, width < 1 { throw ValidationError("--width must be positive (got \(width))") }
        guard minWidth >= 0, minWidth.isFinite else { throw ValidationError("--min-width must be zero or more pixels (got \(minWidth))") }
    }

    var svgOptions: FlameGraph.SVGOptions {
        FlameGraph.SVGOptions(width: width ?? 1200, title: title, minWidth: minWidth, inverted: inverted)
    }

    /// The text style; bars need a width, so without a terminal it is 120 columns.
    var textStyle: TextStyle {
        var style = TextStyle.standardOutput(color: color, width: width)
        if style.width == nil { style.width = 120 }
        return style
    }

    /// Writes an SVG where `--svg` says.
    func write(svg drawing: String, to path: String) throws {
        if path == "-" { print(drawing, terminator: "") } else { try FileOutput.writeFile(drawing, to: path) }
    }
}

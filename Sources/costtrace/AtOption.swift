import ArgumentParser
import CostFormats

/// `--at`, the instant that a budget check or a forecast is made at.
struct AtOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The instant to look from: YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM:SSZ (default: now).",
            valueName: "time"))
    var at: String?

    func validate() throws {
        if let at { _ = try parseTime(at) }
    }

    /// The instant in nanoseconds since the Unix epoch.
    func nanos() throws -> Int64 {
        try at.map(parseTime) ?? WallClock.nanosSinceEpoch()
    }
}

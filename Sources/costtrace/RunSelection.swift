import ArgumentParser
import CostFormats
import CostModel
import CostStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--db`, with `COSTTRACE_DB` and a default location.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("db"),
        help: ArgumentHelp(
            "The database (default: $COSTTRACE_DB, else $XDG_DATA_HOME/costtrace/costtrace.db, else ~/.local/share/costtrace/costtrace.db).",
            valueName: "path"))
    var path: String?

    /// The path to use, creating the default folder when needed.
    func resolvedPath() -> String {
        if let path { return path }
        if let fromEnvironment = environment("COSTTRACE_DB"), !fromEnvironment.isEmpty { return fromEnvironment }
        let dataHome = environment("XDG_DATA_HOME").flatMap { $0.isEmpty ? nil : $0 } ?? ((environment("HOME") ?? ".") + "/.local/share")
        let folder = dataHome + "/costtrace"
        mkdir(dataHome, 0o755)
        mkdir(folder, 0o755)
        return folder + "/costtrace.db"
    }

    func open(pricer: SpanPricer) throws -> SpanStore {
        try SpanStore(path: resolvedPath(), pricer: pricer)
    }
}

func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}

/// Which runs a report covers: a trace file, or runs of the database, narrowed by selectors.
struct RunSelection: ParsableArguments {
    @Option(
        name: .customLong("where"),
        help: ArgumentHelp("Only runs whose root has attribute KEY with VALUE (or inherits it from its resource); repeatable.", valueName: "key=value"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("Only runs that start on or after this day (YYYY-MM-DD, UTC) or time (YYYY-MM-DDTHH:MM:SSZ).", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("Only runs that start before this day or time.", valueName: "date"))
    var until: String?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        _ = try filter()
    }

    /// The selectors, with `extra` KEY=VALUE conditions (e.g. one side of a diff) added.
    func filter(adding extra: [String] = []) throws -> RunFilter {
        let attributes = try (conditions + extra).map { condition in
            guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
                throw ValidationError("--where takes KEY=VALUE, for example team=search (got '\(condition)')")
            }
            return (key: String(condition[..<equals]), value: String(condition[condition.index(after: equals)...]))
        }
        return RunFilter(attributes: attributes, sinceNanos: try since.map(parseTime), untilNanos: try until.map(parseTime))
    }

    /// Runs of a trace file at `path` (CostTrace JSONL or OTLP/JSON), or of the database when `path` is `nil`; `runID` picks one.
    func runs(file path: String?, runID: String? = nil, adding extra: [String] = [], pricer: SpanPricer) throws -> [Run] {
        let filter = try filter(adding: extra)
        var runs: [Run]
        if let path {
            runs = try self.runs(of: TraceInput.read(path: path).contents, from: path, adding: extra)
        } else {
            let store = try database.open(pricer: pricer)
            runs = Run.group(try store.spans(ofRuns: try store.runIDs(matching: filter)))
        }
        if let runID {
            guard let traceID = TraceID(hex: runID) else { throw ValidationError("a run is a trace id of 32 hex digits (got '\(runID)')") }
            runs = runs.filter { $0.traceID == traceID }
            guard !runs.isEmpty else { throw ValidationError("no run \(runID) in \(path ?? database.resolvedPath())") }
        }
        return runs
    }
}

extension RunSelection {
    /// The runs of a trace file's contents that the selectors pick.
    func runs(of contents: TraceFileReader.Contents, from path: String, adding extra: [String] = []) throws -> [Run] {
        for notice in contents.dropped {
            warn("\(path): the exporter dropped \(notice.count) spans; totals miss them")
        }
        let filter = try filter(adding: extra)
        return Run.group(contents.spans).filter { filter.matches($0) }
    }

    /// Whether a SOURCE argument names a file to read (`-`: standard input) rather than a run id
    /// of the database: a run id is read from a file only when a file has that name.
    static func isFile(_ source: String) -> Bool {
        source == "-" || access(source, F_OK) == 0 || TraceID(hex: source) == nil
    }

    /// Runs of `source`: a trace file, or — when it is a run id and no file has that name — that
    /// run in the database; every run of the database when `source` is `nil`.
    func runs(source: String?, runID: String? = nil, adding extra: [String] = [], pricer: SpanPricer) throws -> [Run] {
        if let source, !Self.isFile(source) {
            return try runs(file: nil, runID: source, adding: extra, pricer: pricer)
        }
        return try runs(file: source, runID: runID, adding: extra, pricer: pricer)
    }

    /// Runs of `source`, as ``runs(source:runID:adding:pricer:)``, priced with `pricing`'s book.
    func costedRuns(source: String?, runID: String? = nil, pricing: PricingOptions) throws -> [CostedRun] {
        try costedRuns(source: source, runID: runID, pricer: pricing.pricer())
    }

    /// Runs of `source`, as ``runs(source:runID:adding:pricer:)``, priced with `pricer`.
    func costedRuns(source: String?, runID: String? = nil, pricer: SpanPricer) throws -> [CostedRun] {
        CostedRun.price(try runs(source: source, runID: runID, pricer: pricer), with: pricer)
    }
}

/// `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ`, as nanoseconds since the Unix epoch.
func parseTime(_ text: String) throws -> Int64 {
    let day = text.prefix(10)
    guard let date = CalendarDate(iso: day) else {
        throw ValidationError("expected a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM:SSZ (got '\(text)')")
    }
    guard text.count > 10 else { return date.startNanos }
    let time = Array(text.dropFirst(10).utf8)
    func number(_ range: Range<Int>) -> Int64? { Int64(String(decoding: time[range], as: UTF8.self)) }
    guard time.count == 10, time[0] == UInt8(ascii: "T"), time[3] == UInt8(ascii: ":"), time[6] == UInt8(ascii: ":"),
        time[9] == UInt8(ascii: "Z"), let hours = number(1..<3), let minutes = number(4..<6), let seconds = number(7..<9),
        hours < 24, minutes < 60, seconds < 60
    else { throw ValidationError("expected a time YYYY-MM-DDTHH:MM:SSZ in UTC (got '\(text)')") }
    return date.startNanos + ((hours * 60 + minutes) * 60 + seconds) * 1_000_000_000
}

extension RunFilter {
    /// Whether a run read from a file matches, by its roots' attributes or resource.
    func matches(_ run: Run) -> Bool {
        if let since = sinceNanos, run.startNanos < since { return false }
        if let until = untilNanos, run.startNanos >= until { return false }
        return attributes.allSatisfy { condition in
            run.tree.roots.contains { index in
                let record = run.tree.nodes[index].record
                return (record.attributes[condition.key] ?? record.resource[condition.key])?.text == condition.value
            }
        }
    }
}

import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a built executable of this package, as a person would from the repository's root.
struct CommandRunner {
    struct Output {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The repository's root, where `traces/` is.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder of the built products (`.build/debug`), beside the test bundle.
    static var products: URL {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("costtrace").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    /// Runs the executable with `input`, when given, as its standard input.
    static func run(
        _ arguments: [String], executable: String = "costtrace", environment: [String: String] = [:], input: String? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = products.appendingPathComponent(executable)
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        // Output goes to files, not pipes: Foundation's pipe reading crashes on EINTR.
        let outputPath = temporaryPath("stdout")
        let errorPath = temporaryPath("stderr")
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer {
            unlink(outputPath)
            unlink(errorPath)
        }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        if let input {
            let inputPath = temporaryPath("stdin")
            FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8))
            defer { unlink(inputPath) }
            process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: inputPath))
        }
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: try String(contentsOfFile: outputPath, encoding: .utf8),
            standardError: try String(contentsOfFile: errorPath, encoding: .utf8)
        )
    }

    /// Compares `actual` with the golden file `name`; `COSTTRACE_UPDATE_GOLDEN=1` rewrites it.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = root.appendingPathComponent("Tests/CostTraceCLITests/Golden/\(name)")
        if ProcessInfo.processInfo.environment["COSTTRACE_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}

/// Writes `text` to a new temporary file with `suffix` and returns its path.
func temporaryFile(_ text: String, suffix: String) throws -> String {
    let path = temporaryPath("input") + suffix
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Trace lines for `runs` runs of a root and `children` calls each, with ids from `seed`.
func syntheticTrace(runs: Int, children: Int = 9, seed: Int = 1) -> String {
    var text = ""
    text.reserveCapacity(runs * (children + 1) * 330)
    for run in 0..<runs {
        let trace = String(format: "%016llx%016llx", UInt64(seed), UInt64(run + 1))
        let root = String(format: "%016llx", UInt64(run + 1) << 8)
        let start = 1_793_610_000_000_000_000 + Int64(run) * 60_000_000_000
        for child in 0..<children {
            let span = String(format: "%016llx", (UInt64(run + 1) << 8) | UInt64(child + 1))
            text += #"{"v":1,"trace_id":"\#(trace)","span_id":"\#(span)","parent_span_id":"\#(root)","kind":"llm","name":"call \#(child)","start_ns":\#(start + Int64(child) * 1000),"end_ns":\#(start + Int64(child) * 1000 + 900),"model":"gpt-4.1-mini","provider":"openai","usage":{"input":1200,"cache_read":300,"output":150}}"# + "\n"
        }
        text += #"{"v":1,"trace_id":"\#(trace)","span_id":"\#(root)","kind":"workflow","name":"run \#(run)","start_ns":\#(start),"end_ns":\#(start + 50_000),"attributes":{"team":"\#(run % 2 == 0 ? "search" : "support")"}}"# + "\n"
    }
    return text
}

func temporaryPath(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "costtrace-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(name)"
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    return path
}

func sqlite(_ database: String, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = ["-cmd", ".timeout 10000", database, sql]
    let outputPath = temporaryPath("sqlite-out")
    FileManager.default.createFile(atPath: outputPath, contents: nil)
    defer { unlink(outputPath) }
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    try process.run()
    process.waitUntilExit()
    return try String(contentsOfFile: outputPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
}

struct StoreCommandTests {
    @Test func ingestThenRunsAndTreeReadTheDatabase() throws {
        let database = temporaryPath("db")
        let ingest = try CommandRunner.run(["ingest", "--db", database, "traces/research-agent.jsonl", "traces/support-workflow.jsonl"])
        #expect(ingest.status == 0)
        #expect(ingest.standardOutput.contains("traces/research-agent.jsonl: 78 spans added, 0 already stored"))
        #expect(ingest.standardOutput.contains("the database has 675 spans in 67 runs"))
        let fromDatabase = try CommandRunner.run(["runs", "--db", database, "--where", "team=research", "--format", "json"])
        let fromFile = try CommandRunner.run(["runs", "traces/research-agent.jsonl", "--format", "json"])
        #expect(fromDatabase.standardOutput == fromFile.standardOutput)
        let tree = try CommandRunner.run(["tree", "910a2dec89025cc1beeb8da1658eec67", "--db", database, "--format", "json"])
        let treeFromFile = try CommandRunner.run(
            ["tree", "traces/research-agent.jsonl", "--run", "910a2dec89025cc1beeb8da1658eec67", "--format", "json"])
        #expect(tree.status == 0)
        #expect(tree.standardOutput == treeFromFile.standardOutput)
    }

    @Test func otlpFilesAreRecognisedAssembledAndIngestedOnce() throws {
        let database = temporaryPath("db")
        let fixtures = "Tests/CostFormatsTests/Fixtures/otlp/"
        let first = try CommandRunner.run(["ingest", "--db", database, fixtures + "split-gateway.jsonl", fixtures + "split-worker.jsonl"])
        #expect(first.status == 0)
        let again = try CommandRunner.run(["ingest", "--db", database, fixtures + "split-worker.jsonl"])
        #expect(again.standardOutput.contains("0 spans added"))
        // The trace split across the two files is one run in the database.
        let runs = try CommandRunner.run(["runs", "--db", database, "--format", "json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(runs.standardOutput.utf8)) as? [[String: Any]])
        #expect(parsed.count == 1)
        #expect(try sqlite(database, "SELECT format FROM ingests ORDER BY id LIMIT 1") == "otlp")
        let tree = try CommandRunner.run(["tree", "--db", database, parsed[0]["run"] as! String])
        #expect(!tree.standardOutput.contains("parent missing"))
    }

    @Test func theDatabaseComesFromTheEnvironmentWhenNotGiven() throws {
        let database = temporaryPath("env.db")
        let ingest = try CommandRunner.run(["ingest", "traces/coding-agent-gpu.jsonl"], environment: ["COSTTRACE_DB": database])
        #expect(ingest.status == 0)
        #expect(try sqlite(database, "SELECT count(*) FROM spans") == "44")
    }

    @Test func aBadFileIsRejectedWholeWithFileLineAndField() throws {
        let database = temporaryPath("db")
        let file = temporaryPath("bad.jsonl")
        var lines = syntheticTrace(runs: 20).split(separator: "\n").map(String.init)
        lines[57] = lines[57].replacingOccurrences(of: #""input":1200"#, with: #""input":-5"#)
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        _ = try CommandRunner.run(["ingest", "--db", database, "traces/coding-agent-gpu.jsonl"])
        let result = try CommandRunner.run(["ingest", "--db", database, file])
        #expect(result.status != 0)
        #expect(result.standardError.contains("\(file):58: field 'usage.input': is negative (-5)"))
        #expect(try sqlite(database, "SELECT count(*) FROM spans") == "44")
        let skipping = try CommandRunner.run(["ingest", "--db", database, "--skip-invalid", file])
        #expect(skipping.status == 0)
        #expect(skipping.standardOutput.contains("199 spans added, 0 already stored, 1 lines rejected to \(file).rejected"))
        unlink(file + ".rejected")
    }

    @Test func severalIngestProcessesAtOnceStoreEverySpanExactlyOnce() throws {
        let database = temporaryPath("db")
        var files: [String] = []
        for seed in 1...3 {
            let file = temporaryPath("part\(seed).jsonl")
            try syntheticTrace(runs: 2_000, seed: seed).write(toFile: file, atomically: true, encoding: .utf8)
            files.append(file)
        }
        // Six processes: each file ingested twice, all at the same time.
        let processes = try (files + files).map { file in
            let process = Process()
            process.executableURL = CommandRunner.products.appendingPathComponent("costtrace")
            process.arguments = ["ingest", "--db", database, file]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try sqlite(database, "SELECT count(*), count(DISTINCT trace_id) FROM spans") == "60000|6000")
        #expect(try sqlite(database, "SELECT sum(span_count) FROM runs") == "60000")
        #expect(try sqlite(database, "SELECT sum(spans_added), sum(spans_skipped) FROM ingests") == "60000|60000")
        for file in files { unlink(file) }
    }

    @Test func anIngestKilledAtAnyPointLeavesAConsistentDatabaseAndARerunCompletesIt() throws {
        let database = temporaryPath("db")
        let file = temporaryPath("big.jsonl")
        try syntheticTrace(runs: 10_000).write(toFile: file, atomically: true, encoding: .utf8)
        defer { unlink(file) }
        // Create the schema first: a kill before the first migration commits leaves no tables to count.
        #expect(try CommandRunner.run(["runs", "--db", database]).status == 0)
        var generator = SystemRandomNumberGenerator()
        var killedMidway = 0
        for trial in 0..<6 {
            let process = Process()
            process.executableURL = CommandRunner.products.appendingPathComponent("costtrace")
            process.arguments = ["ingest", "--db", database, file]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...(trial < 3 ? 300_000 : 1_500_000), using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            #expect(try sqlite(database, "PRAGMA integrity_check") == "ok")
            // All of the file or none of it: one transaction per file.
            let count = try sqlite(database, "SELECT count(*) FROM spans")
            #expect(count == "0" || count == "100000", "trial \(trial): \(count) spans")
            #expect(try sqlite(database, "SELECT count(*) FROM spans") == (try sqlite(database, "SELECT coalesce(sum(span_count), 0) FROM runs")))
        }
        #expect(killedMidway > 0)
        let rerun = try CommandRunner.run(["ingest", "--db", database, file])
        #expect(rerun.status == 0)
        #expect(try sqlite(database, "SELECT count(*) FROM spans") == "100000")
        #expect(try sqlite(database, "SELECT count(*) FROM runs") == "10000")
    }
}

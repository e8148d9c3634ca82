import CostTrace
import Tracing

#if canImport(Glibc)
    import Glibc
#endif

// Writes the sample traces in traces/ by running simulated agents through the CostTrace library.
// Usage: swift run CostTraceExamples [OUTPUT-FOLDER]

let folder = CommandLine.arguments.dropFirst().first ?? "traces"

func tracer(writing name: String, clock: VirtualClock, seed: UInt64, resource: Attributes) throws -> CostTracer {
    let path = "\(folder)/\(name)"
    unlink(path)
    return CostTracer(
        exporter: try JSONLFileExporter(path: path),
        resource: resource,
        now: { clock.nanos },
        idSeed: seed
    )
}

do {
    let clock = VirtualClock(startingAt: examplesEpochNanos)
    let research = try tracer(
        writing: "research-agent.jsonl", clock: clock, seed: 1,
        resource: ["service.name": "research-agent", "deployment.environment": "production"])
    var agent = ResearchAgent(tracer: research, clock: clock, random: SeededRandom(seed: 11))
    for (index, (question, subtopics)) in ResearchAgent.topics.enumerated() {
        clock.jump(toEpochNanos: examplesEpochNanos + Int64(index) * 26 * 3_600 * 1_000_000_000)
        try await agent.run(question: question, subtopics: subtopics, user: "u-\(100 + index)")
    }
    research.shutdown()
}

do {
    let clock = VirtualClock(startingAt: examplesEpochNanos)
    let coding = try tracer(
        writing: "coding-agent-gpu.jsonl", clock: clock, seed: 2,
        resource: ["service.name": "coding-agent", "deployment.environment": "staging"])
    var agent = CodingAgent(tracer: coding, clock: clock, random: SeededRandom(seed: 22))
    for (index, task) in ["flaky auth test", "date parsing bug", "slow query"].enumerated() {
        clock.jump(toEpochNanos: examplesEpochNanos + Int64(index) * 30 * 3_600 * 1_000_000_000)
        try await agent.run(task: task, user: "u-\(200 + index)")
    }
    coding.shutdown()
}

do {
    let clock = VirtualClock(startingAt: examplesEpochNanos)
    let support = try tracer(
        writing: "support-workflow.jsonl", clock: clock, seed: 3,
        resource: ["service.name": "support-bot", "deployment.environment": "production"])
    var workflow = SupportWorkflow(tracer: support, clock: clock, random: SeededRandom(seed: 33))
    try await withTracer(support.tracingBackend) {
        // 32 tickets per variant, alternating, about four hours apart.
        for ticket in 0..<64 {
            clock.jump(toEpochNanos: examplesEpochNanos + Int64(ticket) * 4 * 3_600 * 1_000_000_000)
            let variant = ticket % 2 == 0 ? "baseline" : "cached-context"
            try await workflow.run(
                variant: variant, ticket: 1_000 + ticket, user: "u-\(String(ticket % 20 + 1))", isFirstOfVariant: ticket < 2)
        }
    }
    support.shutdown()
}
print("wrote \(folder)/research-agent.jsonl, \(folder)/coding-agent-gpu.jsonl, \(folder)/support-workflow.jsonl")

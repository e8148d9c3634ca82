import CostTrace

/// A coding agent that proposes patches with a self-hosted model on two H100s, runs the tests,
/// and asks a hosted reasoning model for review; the GPU time is measured on the simulated clock.
struct CodingAgent {
    let tracer: CostTracer
    let clock: VirtualClock
    var random: SeededRandom

    mutating func run(task: String, user: String) async throws {
        var random = self.random
        defer { self.random = random }
        let tracer = self.tracer
        let clock = self.clock
        try await tracer.withSpan(
            "fix failing test",
            kind: .workflow,
            attributes: ["user.id": .string(user), "team": "platform", "project": "devtools", "workflow": "coding-agent", "task": .string(task)]
        ) { _ in
            try await tracer.withSpan("coder", kind: .agent) { _ in
                let iterations = Int.random(in: 2...4, using: &random)
                for iteration in 1...iterations {
                    try await tracer.withSpan("iteration \(iteration)", kind: .step) { _ in
                        let prompt = random.tokens(9_000...20_000)
                        let completion = random.tokens(600...1_600)
                        let inference = modelLatency(outputTokens: completion, random: &random)
                        try await tracer.withSpan("propose patch", kind: .llm) { call in
                            call.setModel("qwen2.5-coder-32b-instruct", provider: "self-hosted")
                            call.setAttribute("server", "vllm-h100-pool")
                            try call.recordUsage(TokenUsage(input: prompt, output: completion))
                            try await tracer.withSpan("vllm inference", kind: .gpu) { gpu in
                                try await gpu.measureGPU(device: "H100", count: 2, clock: clock) {
                                    try await clock.sleep(for: inference)
                                }
                            }
                        }
                        let passed = iteration == iterations
                        try await tracer.withSpan("run tests", kind: .tool) { tool in
                            tool.recordToolCall("ci_runner")
                            try await clock.sleep(for: .seconds(Int64.random(in: 20...90, using: &random)))
                            tool.setAttribute("tests.passed", .bool(passed))
                            if !passed { tool.setStatus(.error, message: "2 tests failed") }
                        }
                    }
                }
            }
            let reviewPrompt = random.tokens(5_000...9_000)
            let reviewOutput = random.tokens(2_000...6_000)
            let reasoning = reviewOutput - random.tokens(300...900)
            let latency = modelLatency(outputTokens: reviewOutput, random: &random)
            try await tracer.withSpan("review patch", kind: .llm) { call in
                call.setModel("o4-mini", provider: "openai")
                try await clock.sleep(for: latency)
                try call.recordUsage(
                    OpenAIResponsesUsage(
                        inputTokens: reviewPrompt, outputTokens: reviewOutput, cachedTokens: reviewPrompt / 3, reasoningTokens: reasoning))
            }
            try await tracer.withSpan("reindex repository", kind: .gpu) { gpu in
                try await gpu.measureGPU(device: "L4", count: 1, clock: clock) {
                    try await clock.sleep(for: .seconds(Int64.random(in: 30...120, using: &random)))
                }
            }
        }
    }
}

import CostTrace

/// A research agent: a planner, three researcher sub-agents that search the web, retrieve and
/// summarise (with a retry after a rate limit), and a writer that drafts, critiques and finalises.
struct ResearchAgent {
    let tracer: CostTracer
    let clock: VirtualClock
    var random: SeededRandom

    static let topics = [
        ("GPU cloud pricing", ["spot vs on-demand", "H100 supply", "inference-optimised chips"]),
        ("EU AI Act readiness", ["high-risk systems", "transparency duties", "fines"]),
        ("Vector databases", ["benchmarks", "managed offerings", "hybrid search"]),
    ]

    mutating func run(question: String, subtopics: [String], user: String) async throws {
        try await tracer.withSpan(
            "research report",
            kind: .workflow,
            attributes: ["user.id": .string(user), "team": "research", "project": "market-intel", "workflow": "research-report"]
        ) { _ in
            try await plan(question)
            for subtopic in subtopics { try await research(subtopic) }
            try await write(question)
        }
    }

    private mutating func plan(_ question: String) async throws {
        let output = random.tokens(300...700)
        let latency = modelLatency(outputTokens: output, random: &random)
        let cacheWrite = random.tokens(2_000...3_000)
        let input = random.tokens(300...600)
        try await tracer.withSpan("planner", kind: .agent) { _ in
            try await tracer.withSpan("plan", kind: .llm) { call in
                call.setModel("claude-sonnet-4-5-20250929", provider: "anthropic")
                try await clock.sleep(for: latency)
                try call.recordUsage(AnthropicUsage(inputTokens: input, outputTokens: output, cacheCreationInputTokens: cacheWrite))
            }
        }
    }

    private mutating func research(_ subtopic: String) async throws {
        var random = self.random
        defer { self.random = random }
        let tracer = self.tracer
        let clock = self.clock
        try await tracer.withSpan("researcher: \(subtopic)", kind: .agent) { _ in
            for query in 1...2 {
                try await tracer.withSpan("web_search", kind: .tool) { tool in
                    tool.recordToolCall("web_search")
                    tool.setAttribute("query.index", .int(Int64(query)))
                    try await clock.sleep(for: .milliseconds(Int64.random(in: 400...1_500, using: &random)))
                }
            }
            try await tracer.withSpan("retrieve notes", kind: .retrieval) { _ in
                try await tracer.withSpan("embed query", kind: .embedding) { call in
                    call.setModel("text-embedding-3-small", provider: "openai")
                    try await clock.sleep(for: .milliseconds(80))
                    try call.recordUsage(TokenUsage(input: random.tokens(12...40)))
                }
                try await clock.sleep(for: .milliseconds(35))
            }
            // The first attempt is rate-limited now and then; the retry succeeds.
            let attempts = random.chance(0.4) ? 2 : 1
            for attempt in 1...attempts {
                let prompt = random.tokens(6_000...14_000)
                let cached = attempt == 2 ? prompt / 2 : 0
                let completion = random.tokens(400...900)
                let latency = modelLatency(outputTokens: completion, random: &random)
                do {
                    try await tracer.withSpan("summarize", kind: .llm, attributes: ["attempt": .int(Int64(attempt))]) { call in
                        call.setModel("gpt-4.1-mini-2025-04-14", provider: "openai")
                        if attempt < attempts {
                            try await clock.sleep(for: .milliseconds(120))
                            throw ExampleFailure(description: "429 rate_limit_exceeded")
                        }
                        try await clock.sleep(for: latency)
                        try call.recordUsage(OpenAIChatUsage(promptTokens: prompt, completionTokens: completion, cachedTokens: cached))
                    }
                } catch let failure as ExampleFailure where attempt < attempts {
                    _ = failure
                    try await clock.sleep(for: .seconds(2))
                }
            }
        }
    }

    private mutating func write(_ question: String) async throws {
        var random = self.random
        defer { self.random = random }
        let tracer = self.tracer
        let clock = self.clock
        try await tracer.withSpan("writer", kind: .agent) { _ in
            let notes = random.tokens(4_000...7_000)
            let system = random.tokens(2_000...3_000)
            for (name, output) in [("draft", random.tokens(1_500...2_500)), ("final", random.tokens(1_800...2_800))] {
                let latency = modelLatency(outputTokens: output, random: &random)
                try await tracer.withSpan(name, kind: .llm) { call in
                    call.setModel("claude-sonnet-4-5", provider: "anthropic")
                    try await clock.sleep(for: latency)
                    try call.recordUsage(
                        AnthropicUsage(inputTokens: notes, outputTokens: output, cacheReadInputTokens: system))
                }
                if name == "draft" {
                    let thoughts = random.tokens(800...2_000)
                    let candidates = random.tokens(300...600)
                    let critiqueLatency = modelLatency(outputTokens: thoughts + candidates, random: &random)
                    try await tracer.withSpan("critique", kind: .llm) { call in
                        call.setModel("gemini-2.5-flash", provider: "google")
                        try await clock.sleep(for: critiqueLatency)
                        try call.recordUsage(
                            GeminiUsageMetadata(
                                promptTokenCount: notes + output, candidatesTokenCount: candidates, thoughtsTokenCount: thoughts))
                    }
                }
            }
        }
    }
}

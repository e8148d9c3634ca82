import CostTrace
import Tracing

/// A support workflow in two variants: `baseline` sends the whole help-centre context with every
/// answer; `cached-context` puts it in Anthropic's prompt cache. The review step is written with
/// swift-distributed-tracing's `withSpan` and OpenTelemetry GenAI attributes, as instrumented
/// libraries do.
struct SupportWorkflow {
    let tracer: CostTracer
    let clock: VirtualClock
    var random: SeededRandom

    mutating func run(variant: String, ticket: Int, user: String, isFirstOfVariant: Bool) async throws {
        var random = self.random
        defer { self.random = random }
        let tracer = self.tracer
        let clock = self.clock
        try await tracer.withSpan(
            "support ticket",
            kind: .workflow,
            attributes: [
                "user.id": .string(user), "team": "support", "project": "helpdesk",
                "workflow": "support-ticket", "variant": .string(variant), "ticket": .int(Int64(ticket)),
            ]
        ) { _ in
            try await tracer.withSpan("classify", kind: .step) { _ in
                let prompt = random.tokens(400...900)
                try await tracer.withSpan("classify intent", kind: .llm) { call in
                    call.setModel("gpt-4.1-nano", provider: "openai")
                    try await clock.sleep(for: .milliseconds(Int64.random(in: 200...500, using: &random)))
                    try call.recordUsage(OpenAIChatUsage(promptTokens: prompt, completionTokens: random.tokens(5...20)))
                }
            }
            try await tracer.withSpan("retrieve", kind: .step) { _ in
                try await tracer.withSpan("search help centre", kind: .retrieval) { _ in
                    try await tracer.withSpan("embed ticket", kind: .embedding) { call in
                        call.setModel("text-embedding-3-small", provider: "openai")
                        try await clock.sleep(for: .milliseconds(60))
                        try call.recordUsage(TokenUsage(input: random.tokens(80...400)))
                    }
                    try await clock.sleep(for: .milliseconds(40))
                }
            }
            let context: Int64 = 24_000  // help-centre articles and policies, the same for every ticket
            let question = random.tokens(800...2_500)
            let answer = random.tokens(250...700)
            let latency = modelLatency(outputTokens: answer, random: &random)
            try await tracer.withSpan("answer", kind: .step) { _ in
                try await tracer.withSpan("draft answer", kind: .llm) { call in
                    call.setModel("claude-sonnet-4-5", provider: "anthropic")
                    try await clock.sleep(for: variant == "cached-context" ? latency * 0.7 : latency)
                    let usage: AnthropicUsage =
                        switch variant {
                        case "cached-context" where isFirstOfVariant:
                            AnthropicUsage(
                                inputTokens: question, outputTokens: answer, cacheCreationInputTokens: context,
                                ephemeral5mInputTokens: 0, ephemeral1hInputTokens: context)
                        case "cached-context":
                            AnthropicUsage(inputTokens: question, outputTokens: answer, cacheReadInputTokens: context)
                        default:
                            AnthropicUsage(inputTokens: question + context, outputTokens: answer)
                        }
                    try call.recordUsage(usage)
                }
            }
            if random.chance(0.5) {
                let prompt = question + answer + random.tokens(300...600)
                let output = random.tokens(40...150)
                try await withSpan("review answer") { span in
                    span.attributes["gen_ai.operation.name"] = "chat"
                    span.attributes["gen_ai.provider.name"] = "anthropic"
                    span.attributes["gen_ai.request.model"] = "claude-haiku-4-5"
                    try await clock.sleep(for: .milliseconds(Int64.random(in: 300...900, using: &random)))
                    span.attributes["gen_ai.usage.input_tokens"] = prompt
                    span.attributes["gen_ai.usage.output_tokens"] = output
                }
            }
            try await tracer.withSpan("send reply", kind: .tool) { tool in
                tool.recordToolCall("helpdesk_api")
                try await clock.sleep(for: .milliseconds(Int64.random(in: 100...300, using: &random)))
            }
        }
    }
}

import CostModel
import Testing

struct TokenUsageTests {
    @Test(arguments: TokenKind.allCases)
    func theSubscriptReadsAndWritesExactlyTheBucketOfItsKind(kind: TokenKind) {
        var usage = TokenUsage.zero
        usage[kind] = 77
        #expect(usage[kind] == 77)
        for other in TokenKind.allCases where other != kind { #expect(usage[other] == 0) }
        #expect(usage.rawFields == [kind.rawValue: 77])
    }

    @Test func promptAndCompletionTotalsCountEveryBucketOnceAndReasoningNotAgain() {
        let usage = TokenUsage(
            input: 1, cacheRead: 2, cacheWrite5m: 4, cacheWrite1h: 8, output: 16, reasoning: 10,
            inputAudio: 32, outputAudio: 64, inputImage: 128, outputImage: 256)
        #expect(usage.promptTokens == 1 + 2 + 4 + 8 + 32 + 128)
        #expect(usage.completionTokens == 16 + 64 + 256)
        #expect(usage.totalTokens == 511)
        #expect(!usage.isZero)
        #expect(TokenUsage.zero.isZero)
    }

    @Test func additionAddsBucketByBucket() {
        let a = TokenUsage(input: 1, cacheRead: 2, cacheWrite5m: 3, cacheWrite1h: 4, output: 5, reasoning: 1, inputAudio: 6, outputAudio: 7, inputImage: 8, outputImage: 9)
        let b = TokenUsage(input: 10, cacheRead: 20, cacheWrite5m: 30, cacheWrite1h: 40, output: 50, reasoning: 10, inputAudio: 60, outputAudio: 70, inputImage: 80, outputImage: 90)
        let sum = a + b
        for kind in TokenKind.allCases { #expect(sum[kind] == a[kind] + b[kind]) }
        var accumulated = a
        accumulated += b
        #expect(accumulated == sum)
    }

    @Test func normalisingOwnBucketsChecksThemAndChangesNothing() throws {
        let usage = TokenUsage(input: 1_216, cacheRead: 10_240, output: 812, reasoning: 512)
        #expect(try usage.normalized() == usage)
        #expect(usage.convention == .costtrace)
    }

    @Test(arguments: TokenKind.allCases)
    func aNegativeBucketFailsValidationNamingTheKind(kind: TokenKind) {
        var usage = TokenUsage(output: 10)
        usage[kind] = -3
        let error = #expect(throws: UsageError.self) { try usage.validate() }
        #expect(error?.convention == .costtrace)
        #expect(error?.field == kind.rawValue)
        #expect(error?.message == "is negative (-3)")
    }

    @Test func reasoningAboveOutputFailsValidation() {
        let error = #expect(throws: UsageError.self) { try TokenUsage(output: 10, reasoning: 11).validate() }
        #expect(error?.field == "reasoning")
        #expect(error?.description == "costtrace usage: reasoning (11) is more than output (10), which includes it")
    }

    @Test func rawUsageOfTheSameConventionAccumulatesFieldByField() {
        var raw = RawUsage(convention: .anthropic, fields: ["input_tokens": 10, "output_tokens": 5])
        raw.accumulate(RawUsage(convention: .anthropic, fields: ["input_tokens": 7, "cache_read_input_tokens": 100]))
        #expect(raw == RawUsage(convention: .anthropic, fields: ["input_tokens": 17, "output_tokens": 5, "cache_read_input_tokens": 100]))
    }

    @Test func rawUsageOfAnotherConventionIsKeptUnderItsNameNotAdded() {
        var raw = RawUsage(convention: .anthropic, fields: ["input_tokens": 10])
        raw.accumulate(RawUsage(convention: .openAIResponses, fields: ["input_tokens": 7]))
        #expect(raw == RawUsage(convention: .anthropic, fields: ["input_tokens": 10, "openai_responses.input_tokens": 7]))
    }
}

import CostModel
import CostReports
import Testing

struct AllocationInheritanceTests {
    func span(
        _ id: UInt64, parent: UInt64?, kind: SpanKind = .step, attributes: Attributes = [:], resource: Attributes = [:],
        model: String? = nil, provider: String? = nil
    ) -> SpanRecord {
        SpanRecord(
            traceID: TraceID(high: 7, low: 7), spanID: SpanID(id), parentSpanID: parent.map(SpanID.init), kind: kind,
            name: "span \(id)", startNanos: Int64(id), endNanos: Int64(id) + 10, attributes: attributes,
            resource: resource, model: model, provider: provider)
    }

    /// Values by span id, so tests do not depend on the tree's node order.
    func values(_ spans: [SpanRecord], _ key: String) -> [UInt64: AttributeValue?] {
        let tree = SpanTree(spans: spans)
        let values = tree.inheritedValues(of: AllocationKey(key))
        var byID: [UInt64: AttributeValue?] = [:]
        for (index, node) in tree.nodes.enumerated() { byID[node.record.spanID.value] = values[index] }
        return byID
    }

    @Test func aRootAttributeReachesEveryDescendant() {
        let spans = [
            span(1, parent: nil, attributes: ["team": "search"]),
            span(2, parent: 1), span(3, parent: 2), span(4, parent: 3), span(5, parent: 1), span(6, parent: 5),
        ]
        let teams = values(spans, "team")
        #expect(teams.count == spans.count)
        for span in spans { #expect(teams[span.spanID.value] == .some("search")) }
    }

    @Test func aNearerValueWinsForItsSubtreeOnly() {
        let spans = [
            span(1, parent: nil, attributes: ["team": "search"]),
            span(2, parent: 1, attributes: ["team": "ranking"]), span(3, parent: 2), span(4, parent: 3),
            span(5, parent: 1), span(6, parent: 5),
        ]
        let teams = values(spans, "team")
        #expect(teams[1] == .some("search"))
        #expect(teams[2] == .some("ranking"))
        #expect(teams[3] == .some("ranking"))
        #expect(teams[4] == .some("ranking"))
        #expect(teams[5] == .some("search"))
        #expect(teams[6] == .some("search"))
    }

    @Test func theResourceIsTheFallbackAndAnyAttributeOnThePathWinsOverIt() {
        let spans = [
            span(1, parent: nil, resource: ["team": "platform", "project": "bot"]),
            span(2, parent: 1, attributes: ["team": "search"]),
            span(3, parent: 2, resource: ["team": "ingest", "project": "crawler"]),
            span(4, parent: 3),
            span(5, parent: 1),
        ]
        let teams = values(spans, "team")
        #expect(teams[1] == .some("platform"))
        #expect(teams[2] == .some("search"))
        #expect(teams[3] == .some("search"), "an ancestor's attribute wins over the span's own resource")
        #expect(teams[4] == .some("search"))
        #expect(teams[5] == .some("platform"))
        let projects = values(spans, "project")
        #expect(projects[2] == .some("bot"))
        #expect(projects[3] == .some("crawler"), "the nearest resource wins among resources")
        #expect(projects[4] == .some("crawler"))
        #expect(projects[5] == .some("bot"))
    }

    @Test func aKeyNoSpanOnThePathHasIsNil() {
        let spans = [span(1, parent: nil), span(2, parent: 1, attributes: ["team": "search"]), span(3, parent: 1)]
        let teams = values(spans, "team")
        #expect(teams[1] == .some(nil))
        #expect(teams[2] == .some("search"))
        #expect(teams[3] == .some(nil))
    }

    @Test func aSpanWhoseParentIsMissingInheritsNothing() {
        let spans = [span(1, parent: nil, attributes: ["team": "search"]), span(2, parent: 99), span(3, parent: 2)]
        let teams = values(spans, "team")
        #expect(teams[2] == .some(nil))
        #expect(teams[3] == .some(nil))
    }

    @Test func userIsUserIdElseEnduserIdAtTheNearestSpan() {
        let spans = [
            span(1, parent: nil, attributes: ["user.id": "u-1"]),
            span(2, parent: 1, attributes: ["enduser.id": "u-2"]),
            span(3, parent: 2),
            span(4, parent: 1, attributes: ["user.id": "u-4", "enduser.id": "u-other"]),
        ]
        let users = values(spans, "user")
        #expect(users[1] == .some("u-1"))
        #expect(users[2] == .some("u-2"))
        #expect(users[3] == .some("u-2"))
        #expect(users[4] == .some("u-4"))
        #expect(values(spans, "user.id")[3] == .some("u-1"), "user.id as written is the attribute itself")
    }

    @Test func fieldKeysAreTheSpansOwnAndNotInherited() {
        let spans = [
            span(1, parent: nil, kind: .workflow, attributes: ["model": "attribute model"], model: nil),
            span(2, parent: 1, kind: .llm, model: "gpt-4.1", provider: "openai"),
            span(3, parent: 2, kind: .tool),
        ]
        let models = values(spans, "model")
        #expect(models[1] == .some(nil), "a field key does not read an attribute of the same name")
        #expect(models[2] == .some("gpt-4.1"))
        #expect(models[3] == .some(nil))
        #expect(values(spans, "provider")[2] == .some("openai"))
        #expect(values(spans, "provider")[3] == .some(nil))
        #expect(values(spans, "kind")[3] == .some("tool"))
        #expect(values(spans, "name")[2] == .some("span 2"))
    }

    @Test func aKeyListKeepsTheNamesAsWrittenAndRejectsEmptyOrRepeatedKeys() throws {
        let keys = try AllocationKey.list("team, user,model")
        #expect(keys.map(\.name) == ["team", "user", "model"])
        #expect(keys[0].source == .attributes(["team"]))
        #expect(keys[1].source == .attributes(["user.id", "enduser.id"]))
        #expect(keys[2].source == .field(.model))
        #expect(throws: AllocationKeyError.emptyKey(list: "team,")) { try AllocationKey.list("team,") }
        #expect(throws: AllocationKeyError.repeatedKey("team")) { try AllocationKey.list("team,team") }
    }
}

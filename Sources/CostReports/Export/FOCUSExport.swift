import CostModel

/// Priced runs as a FOCUS dataset (FinOps Open Cost and Usage Specification 1.2, with 1.3's
/// ServiceProviderName and HostProviderName): one ``FOCUSCharge`` per span and price line.
///
/// A span with a computed cost gives one row per line of ``SpanPricer/itemizedCost(of:)`` (token
/// kind at its tier, request units, tool calls, GPU time), so that BilledCost sums to the span's
/// cost exactly. A provider-reported cost is one row of one request. An unpriced span has no
/// row, because BilledCost may not be null and is not zero: ``unpricedSpans`` counts them, and
/// ``billedTotal`` is then the priced part, as in every other report. Spans with nothing
/// billable (workflows, steps) have no row either. See docs/focus-export.md.
///
/// ```swift
/// let export = try FOCUSExport(runs: Run.group(spans), pricer: pricer)
/// print(export.csv())
/// ```
public struct FOCUSExport: Sendable {
    /// How rows are labelled.
    public struct Options: Sendable {
        /// BillingAccountId and BillingAccountName.
        public var billingAccount: String
        /// The inherited attributes written to Tags, each under its key's name.
        public var tagKeys: [AllocationKey]

        /// `user` (user.id, else enduser.id), `team`, `project`, `workflow`, `variant`,
        /// `deployment.environment` and `service.name`.
        public static let defaultTagKeys = [
            "user", "team", "project", "workflow", "variant", "deployment.environment", "service.name",
        ].map(AllocationKey.init)

        public init(billingAccount: String = "default", tagKeys: [AllocationKey] = defaultTagKeys) {
            self.billingAccount = billingAccount
            self.tagKeys = tagKeys
        }
    }

    public private(set) var charges: [FOCUSCharge] = []
    /// The sum of BilledCost over ``charges``: the runs' total.
    public private(set) var billedTotal = Money.zero
    /// Spans left out because they are unpriced.
    public private(set) var unpricedSpans = 0

    /// The rows of `runs`, in run order and depth-first span order.
    ///
    /// - Parameters:
    ///   - runs: The runs to export.
    ///   - pricer: Prices and itemizes each span, as ``CostedRun`` prices it for the reports.
    /// - Throws: ``FOCUSExportError`` when a price × quantity does not fit in 128 bits.
    public init(runs: [Run], pricer: SpanPricer, options: Options = Options()) throws(FOCUSExportError) {
        let hostKey = AllocationKey("cloud.provider")
        let models = ModelNaming(book: pricer.book)
        for run in runs {
            let tree = run.tree
            let tagValues = options.tagKeys.map { tree.inheritedValues(of: $0, models: models) }
            let hosts = tree.inheritedValues(of: hostKey)
            for index in tree.depthFirstOrder {
                let span = tree.nodes[index].record
                let itemized = pricer.itemizedCost(of: span)
                guard itemized.cost.isPriced else {
                    unpricedSpans += 1
                    continue
                }
                let builder = FOCUSChargeBuilder(
                    span: span, billingAccount: options.billingAccount,
                    tags: Self.tagsJSON(zip(options.tagKeys, tagValues).map { ($0.name, $1[index]) }),
                    host: hosts[index]?.text)
                var spanCharges: [FOCUSCharge] = []
                if itemized.cost.isReported {
                    spanCharges.append(try builder.reportedCharge(itemized.cost.total, book: pricer.book))
                } else {
                    for line in itemized.lines {
                        spanCharges.append(try builder.charge(for: line, entry: itemized.modelPrice))
                    }
                }
                for charge in spanCharges { billedTotal += charge.billedCost }
                charges += spanCharges
            }
        }
    }

    /// The dataset as RFC 4180 CSV, with a header of ``FOCUSCharge/columns``; null is an empty field.
    public func csv() -> String {
        var writer = CSVWriter(header: FOCUSCharge.columns.map(\.name))
        for charge in charges { writer.record(charge.fields) }
        return writer.text
    }

    /// A flat JSON object of the values present, in the order given; `nil` when none is.
    static func tagsJSON(_ tags: [(key: String, value: AttributeValue?)]) -> String? {
        let members = tags.compactMap { key, value -> String? in
            guard let value else { return nil }
            let json: String
            switch value {
            case .string(let text): json = JSONWriter.quoted(text)
            case .int(let number): json = String(number)
            case .bool(let flag): json = flag ? "true" : "false"
            case .double(let number): json = number.isFinite ? String(number) : JSONWriter.quoted(String(number))
            }
            return JSONWriter.quoted(key) + ":" + json
        }
        return members.isEmpty ? nil : "{" + members.joined(separator: ",") + "}"
    }
}

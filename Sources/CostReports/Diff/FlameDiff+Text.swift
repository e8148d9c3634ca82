import CostModel

extension FlameDiff {
    /// Describes each side in the header, e.g. `variant=baseline`.
    public struct SideLabels: Sendable {
        public var base: String
        public var compare: String

        public init(base: String = "base", compare: String = "compare") {
            self.base = base
            self.compare = compare
        }
    }

    private static let valueWidth = 13

    /// The union tree as text: each frame's base, compare and change of inclusive value, red when
    /// dearer and blue when cheaper (on a terminal), then the largest changes, inclusive and self.
    ///
    /// Frames whose inclusive value is below `minShare` of the larger total on both sides are
    /// left out (with their subtrees) and counted.
    public func text(style: TextStyle = TextStyle(), labels: SideLabels = SideLabels(), minShare: Double = 0.001, top: Int = 10)
        -> String
    {
        let total = self.total
        var output = style.bold(headline(labels: labels)) + "\n"
        let threshold = Double(max(total.base.magnitude, total.compare.magnitude)) * minShare
        var rows: [(index: Int, label: String)] = []
        var pruned = 0
        var stack: [(index: Int, lead: String, branch: String)] = roots.reversed().map { ($0, "", "") }
        while let (index, lead, branch) = stack.popLast() {
            let values = inclusive(of: index)
            guard Double(max(values.base.magnitude, values.compare.magnitude)) >= threshold else {
                pruned += subtreeSize(index)
                continue
            }
            rows.append((index, lead + branch + Format.singleLine(name(of: index)) + marker(index)))
            let children = self.children(of: index)
            let childLead = lead + (branch == "├─ " ? "│  " : branch.isEmpty ? "" : "   ")
            for (position, child) in children.enumerated().reversed() {
                stack.append((child, childLead, position == children.count - 1 ? "└─ " : "├─ "))
            }
        }
        let fixed = 3 * (Self.valueWidth + 1) + 8
        let nameWidth = style.width.map { max(16, $0 - fixed) } ?? max(5, rows.map(\.label.count).max() ?? 0)
        var header = "FRAME".fitted(to: nameWidth)
        for title in ["BASE", "COMPARE", "CHANGE"] { header += " " + title.leftPadded(to: Self.valueWidth) }
        output += style.dim(header + "       %".leftPadded(to: 8)) + "\n"
        for (index, label) in rows {
            let values = inclusive(of: index)
            output += label.fitted(to: nameWidth) + " " + cells(values, of: index, style: style) + "\n"
        }
        if pruned > 0 {
            output += style.dim("(\(Format.count(Int64(pruned))) frames under \(Format.percent(minShare)) of the total left out)") + "\n"
        }
        for inclusive in [true, false] {
            let largest = largestChanges(inclusive: inclusive, limit: top)
            guard !largest.isEmpty else { continue }
            output += "\n" + style.dim("largest changes, \(inclusive ? "inclusive" : "self"):") + "\n"
            for index in largest {
                let values = inclusive ? self.inclusive(of: index) : selfValues(of: index)
                output += "  " + cells(values, of: index, style: style) + "  " + Format.singleLine(path(of: index).joined(separator: " › ")) + marker(index) + "\n"
            }
        }
        return output
    }

    /// The first line: what is compared, both totals and the change.
    func headline(labels: SideLabels) -> String {
        let total = self.total
        let unit = measure == .cost ? "cost" : measure == .value ? "value" : measure.rawValue
        var line = "\(unit) diff" + (normalization == .perRun ? " per run" : "")
        if measure == .value {
            line += " · base \(formatted(total.base)) · compare \(formatted(total.compare))"
        } else {
            line += " · base \(labels.base): \(baseRuns) run\(baseRuns == 1 ? "" : "s"), \(formatted(total.base))"
            line += " · compare \(labels.compare): \(compareRuns) run\(compareRuns == 1 ? "" : "s"), \(formatted(total.compare))"
        }
        line += " · change \(formattedChange(total.change))"
        if let relative = Self.relativeChange(base: total.base, change: total.change) { line += " (\(Self.signedPercent(relative)))" }
        let unpriced = baseUnpricedSpans + compareUnpricedSpans
        if measure == .cost && unpriced > 0 {
            line += " · unpriced spans: \(baseUnpricedSpans) base, \(compareUnpricedSpans) compare"
        }
        return line
    }

    /// Base, compare, change and relative change; `+?` marks a side whose cost misses
    /// unpriced spans, and then no relative change is claimed.
    private func cells(_ values: (base: Int64, compare: Int64, change: Int64), of index: Int, style: TextStyle) -> String {
        let baseUnpriced = measure == .cost && base[index].unpricedSpans > 0
        let compareUnpriced = measure == .cost && compare[index].unpricedSpans > 0
        var line = (formatted(values.base) + (baseUnpriced ? "+?" : "")).leftPadded(to: Self.valueWidth)
        line += " " + (formatted(values.compare) + (compareUnpriced ? "+?" : "")).leftPadded(to: Self.valueWidth)
        var relative = Self.relativeChange(base: values.base, change: values.change).map(Self.signedPercent) ?? (values.change == 0 ? "" : "new")
        if baseUnpriced || compareUnpriced { relative = "?" }
        let change = formattedChange(values.change).leftPadded(to: Self.valueWidth) + " " + relative.leftPadded(to: 7)
        return line + " " + style.change(values.change, change)
    }

    /// ` (only in base)` or ` (only in compare)` for a frame on one side.
    func marker(_ index: Int) -> String {
        switch presence(of: index) {
        case .both: ""
        case .baseOnly: " (only in base)"
        case .compareOnly: " (only in compare)"
        }
    }

    static func signedPercent(_ share: Double) -> String {
        (share > 0 ? "+" : "") + Format.percent(share)
    }

    func subtreeSize(_ index: Int) -> Int {
        var count = 0
        var stack = [index]
        while let next = stack.popLast() {
            count += 1
            stack.append(contentsOf: children(of: next))
        }
        return count
    }
}

extension TextStyle {
    /// Red when dearer, blue when cheaper, when colour is on.
    func change(_ change: Int64, _ text: String) -> String {
        guard colored, change != 0 else { return text }
        return "\u{1B}[\(change > 0 ? "31" : "34")m\(text)\u{1B}[0m"
    }
}

import CostModel

extension FlameGraph {
    /// Folded stacks, one line a frame with a self value: `a;b;c VALUE`, as flamegraph.pl,
    /// inferno and speedscope read them.
    ///
    /// Cost is written in dollars as an exact decimal (`0.000123`), never rounded to an integer;
    /// semicolons in names become `:` so that they cannot split a frame.
    public func folded() -> String {
        var output = ""
        var stack = roots.reversed().map { $0 }
        while let index = stack.popLast() {
            if selfValues[index] != 0 {
                let names = path(of: index).map { $0.map { $0 == ";" ? ":" : ($0 == "\n" ? " " : $0) } }.map { String($0) }
                output += names.joined(separator: ";") + " " + plain(selfValues[index]) + "\n"
            }
            stack.append(contentsOf: children(of: index).reversed())
        }
        return output
    }
}

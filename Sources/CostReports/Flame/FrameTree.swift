import CostModel

/// The shape of a flame graph: frames with interned names, each after its parent, children in
/// order of first appearance. ``FlameGraph`` and ``FlameDiff`` keep their values beside it.
struct FrameTree: Sendable {
    let names: [String]
    let nameIDs: [Int32]
    let kinds: [SpanKind]
    /// -1 for a root.
    let parents: [Int32]
    /// The first child and the next sibling, -1 for none.
    let firstChildren: [Int32]
    let nextSiblings: [Int32]
    /// The top frames, in order of first appearance.
    let roots: [Int]

    /// The tree of a builder's frames. `visit` sees each (child, parent) pair, a child after all
    /// of its own children, so that values can be added up the tree in the same pass.
    init(_ builder: FlameGraph.Builder, names: [String], visit: (_ child: Int, _ parent: Int) -> Void = { _, _ in }) {
        self.names = names
        nameIDs = builder.nameIDs
        kinds = builder.kinds
        parents = builder.parents
        var firstChildren = [Int32](repeating: -1, count: parents.count)
        var nextSiblings = [Int32](repeating: -1, count: parents.count)
        var firstRoot: Int32 = -1
        // Backwards, prepending: each list ends up ascending.
        for index in parents.indices.reversed() {
            let parent = Int(parents[index])
            if parent < 0 {
                nextSiblings[index] = firstRoot
                firstRoot = Int32(index)
            } else {
                nextSiblings[index] = firstChildren[parent]
                firstChildren[parent] = Int32(index)
                visit(index, parent)
            }
        }
        var roots: [Int] = []
        var root = firstRoot
        while root >= 0 {
            roots.append(Int(root))
            root = nextSiblings[Int(root)]
        }
        self.firstChildren = firstChildren
        self.nextSiblings = nextSiblings
        self.roots = roots
    }

    var count: Int { parents.count }

    func name(of index: Int) -> String { names[Int(nameIDs[index])] }

    func parent(of index: Int) -> Int? { parents[index] < 0 ? nil : Int(parents[index]) }

    func depth(of index: Int) -> Int {
        var depth = 0
        var parent = parents[index]
        while parent >= 0 {
            depth += 1
            parent = parents[Int(parent)]
        }
        return depth
    }

    /// Appends the children of a frame to `children`, in order of first appearance.
    func appendChildren(of index: Int, to children: inout [Int]) {
        var child = firstChildren[index]
        while child >= 0 {
            children.append(Int(child))
            child = nextSiblings[Int(child)]
        }
    }

    func children(of index: Int) -> [Int] {
        var children: [Int] = []
        appendChildren(of: index, to: &children)
        return children
    }

    /// The names from the root down to the frame.
    func path(of index: Int) -> [String] {
        var path: [String] = []
        var current = index
        while current >= 0 {
            path.append(name(of: current))
            current = Int(parents[current])
        }
        return path.reversed()
    }
}

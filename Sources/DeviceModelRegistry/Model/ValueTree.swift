/// Rows of values over the same positions, stored as one shared tree in which equal rows are
/// one node: the expansions of a model's versions, each costing only what it changes.
///
/// Each row is a complete binary tree over its positions; every node is made once (hash-consed),
/// so a row that differs from another in one position shares all but the path to that position
/// (about log₂ of the width nodes), and two rows are equal exactly when their nodes are.
/// Comparing two rows descends only where their nodes differ: the cost is the differences found,
/// times that logarithm, not the width.
public struct ValueTree<Leaf: Hashable> {
    /// A row, or part of one, in this tree.
    public struct Node: Hashable, Sendable {
        fileprivate let id: Int32

        /// A number for the node: equal rows, and only they, have the same.
        public var number: Int { Int(id) }
    }

    /// The number of positions of a row.
    public let width: Int
    /// Levels of nodes above the leaves.
    private let height: Int
    /// Whether a leaf is one that ``count(in:)`` and ``counted(in:limit:)`` find.
    private let counting: (Leaf) -> Bool
    /// By node id: for a leaf, `left` is -1 and `right` the index in `leaves`; padding (past `width`) is leaf -1.
    private var nodes: [(left: Int32, right: Int32)] = []
    /// By node id: the counted leaves below it.
    private var counts: [Int32] = []
    private var leaves: [Leaf] = []
    private var leafNodes: [Leaf: Int32] = [:]
    private var pairs: [UInt64: Int32] = [:]
    private var padding: Int32 = -1

    /// - Parameters:
    ///   - width: the positions of every row.
    ///   - counting: the leaves to count (say, values that are missing).
    public init(width: Int, counting: @escaping (Leaf) -> Bool = { _ in false }) {
        self.width = width
        self.counting = counting
        var height = 0
        while 1 << height < width { height += 1 }
        self.height = height
        padding = add(left: -1, right: -1, count: 0)
    }

    /// The row of these values, one for each position.
    public mutating func row(_ values: [Leaf]) -> Node {
        precondition(values.count == width, "a row of \(values.count) values in a tree of width \(width)")
        var level = values.map { leaf($0) }
        for _ in 0..<height {
            if level.count % 2 == 1 { level.append(padding) }
            level = stride(from: 0, to: level.count, by: 2).map { pair(level[$0], level[$0 + 1]) }
        }
        return Node(id: level.first ?? padding)
    }

    /// The row with the value at `position` replaced.
    public mutating func replacing(_ position: Int, with value: Leaf, in row: Node) -> Node {
        precondition(position >= 0 && position < width)
        var path: [(sibling: Int32, isLeft: Bool)] = []
        path.reserveCapacity(height)
        var node = row.id
        for level in stride(from: height - 1, through: 0, by: -1) {
            let (left, right) = nodes[Int(node)]
            let goesRight = (position >> level) & 1 == 1
            path.append(goesRight ? (left, false) : (right, true))
            node = goesRight ? right : left
        }
        node = leaf(value)
        for (sibling, isLeft) in path.reversed() {
            node = isLeft ? pair(node, sibling) : pair(sibling, node)
        }
        return Node(id: node)
    }

    /// The value at `position` of a row.
    public func value(at position: Int, in row: Node) -> Leaf {
        precondition(position >= 0 && position < width)
        var node = row.id
        for level in stride(from: height - 1, through: 0, by: -1) {
            let (left, right) = nodes[Int(node)]
            node = (position >> level) & 1 == 1 ? right : left
        }
        return leaves[Int(nodes[Int(node)].right)]
    }

    /// How many leaves of a row are counted.
    public func count(in row: Node) -> Int {
        Int(counts[Int(row.id)])
    }

    /// The first positions of a row whose leaves are counted, at most `limit`, in order.
    public func counted(in row: Node, limit: Int) -> [Int] {
        var found: [Int] = []
        // (node, its level, the first position below it)
        var stack: [(Int32, Int, Int)] = [(row.id, height, 0)]
        while found.count < limit, let (node, level, first) = stack.popLast() {
            guard counts[Int(node)] > 0 else { continue }
            if level == 0 {
                found.append(first)
                continue
            }
            let (left, right) = nodes[Int(node)]
            stack.append((right, level - 1, first + 1 << (level - 1)))
            stack.append((left, level - 1, first))
        }
        return found
    }

    /// The positions at which two rows differ, in order.
    public func differences(_ a: Node, _ b: Node) -> [Int] {
        var found: [Int] = []
        var stack: [(Int32, Int32, Int, Int)] = [(a.id, b.id, height, 0)]
        while let (x, y, level, first) = stack.popLast() {
            guard x != y else { continue }
            if level == 0 {
                found.append(first)
                continue
            }
            let (xLeft, xRight) = nodes[Int(x)]
            let (yLeft, yRight) = nodes[Int(y)]
            stack.append((xRight, yRight, level - 1, first + 1 << (level - 1)))
            stack.append((xLeft, yLeft, level - 1, first))
        }
        return found
    }

    private mutating func leaf(_ value: Leaf) -> Int32 {
        if let known = leafNodes[value] { return known }
        leaves.append(value)
        let node = add(left: -1, right: Int32(leaves.count - 1), count: counting(value) ? 1 : 0)
        leafNodes[value] = node
        return node
    }

    private mutating func pair(_ left: Int32, _ right: Int32) -> Int32 {
        let key = UInt64(UInt32(bitPattern: left)) << 32 | UInt64(UInt32(bitPattern: right))
        if let known = pairs[key] { return known }
        let node = add(left: left, right: right, count: counts[Int(left)] + counts[Int(right)])
        pairs[key] = node
        return node
    }

    private mutating func add(left: Int32, right: Int32, count: Int32) -> Int32 {
        nodes.append((left, right))
        counts.append(count)
        return Int32(nodes.count - 1)
    }
}

import DeviceModelRegistry
import Testing

@Suite("Rows of values in one shared tree: equal rows are one node")
struct ValueTreeTests {
    @Test("a replaced value reads back; the others are kept", arguments: [1, 2, 5, 8, 33])
    func replacing(width: Int) {
        var tree = ValueTree<Int>(width: width)
        let start = tree.row(Array(0..<width))
        for position in 0..<width {
            let changed = tree.replacing(position, with: -1, in: start)
            #expect((0..<width).map { tree.value(at: $0, in: changed) } == (0..<width).map { $0 == position ? -1 : $0 })
            #expect((0..<width).map { tree.value(at: $0, in: start) } == Array(0..<width))
        }
    }

    @Test("rows reached by different changes are one node exactly when their values are equal")
    func identity() {
        var tree = ValueTree<String>(width: 7)
        let start = tree.row(Array(repeating: "a", count: 7))
        let there = tree.replacing(5, with: "b", in: tree.replacing(2, with: "b", in: start))
        let back = tree.replacing(2, with: "b", in: tree.replacing(5, with: "b", in: start))
        #expect(there == back)
        #expect(tree.row(["a", "a", "b", "a", "a", "b", "a"]) == there)
        #expect(tree.replacing(5, with: "a", in: there) != there)
        #expect(tree.replacing(2, with: "a", in: tree.replacing(5, with: "a", in: there)) == start)
    }

    @Test("differences are the positions that differ, in order")
    func differences() {
        var tree = ValueTree<Int>(width: 100)
        let zeros = tree.row(Array(repeating: 0, count: 100))
        var row = zeros
        for position in [97, 3, 64, 4] { row = tree.replacing(position, with: 1, in: row) }
        #expect(tree.differences(zeros, row) == [3, 4, 64, 97])
        #expect(tree.differences(row, zeros) == [3, 4, 64, 97])
        #expect(tree.differences(row, row).isEmpty)
    }

    @Test("counted leaves: how many, and the first ones in order")
    func counting() {
        var tree = ValueTree<Int?>(width: 10) { $0 == nil }
        var row = tree.row(Array(repeating: nil, count: 10))
        #expect(tree.count(in: row) == 10)
        #expect(tree.counted(in: row, limit: 3) == [0, 1, 2])
        for position in [0, 2, 3, 9] { row = tree.replacing(position, with: position, in: row) }
        #expect(tree.count(in: row) == 6)
        #expect(tree.counted(in: row, limit: 5) == [1, 4, 5, 6, 7])
        #expect(tree.counted(in: row, limit: 10) == [1, 4, 5, 6, 7, 8])
    }

    @Test("a row of no positions")
    func empty() {
        var tree = ValueTree<Int>(width: 0)
        let row = tree.row([])
        #expect(tree.count(in: row) == 0)
        #expect(tree.differences(row, tree.row([])).isEmpty)
    }
}

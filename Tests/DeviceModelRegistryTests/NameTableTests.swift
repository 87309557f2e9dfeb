@testable import DeviceModelRegistry
import Testing

@Suite("Names' positions by hash (a model's parameters and versions)")
struct NameTableTests {
    @Test("every name at its first position; a name not listed, nowhere", arguments: [0, 1, 2, 3, 17, 1000])
    func positions(count: Int) {
        // Every fifth name repeats an earlier one: the first is found.
        let names = (0..<count).map { $0 % 5 == 4 ? "n\($0 / 2)" : "n\($0)" }
        let table = NameTable(names)
        for name in Set(names) {
            #expect(table.position(of: name) { names[$0] == name } == names.firstIndex(of: name), "\(name)")
        }
        #expect(table.position(of: "absent") { names[$0] == "absent" } == nil)
        #expect(table.position(of: "") { names[$0] == "" } == nil)
        #expect(table.hasRepeats == (count >= 5))
        #expect(!NameTable(["a", "b", "c"]).hasRepeats)
    }
}

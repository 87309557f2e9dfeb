import DeviceModelRegistry
import Foundation
import Testing

/// An implementation's `allowed` lists are read before the models they narrow
/// are known, in a compact form, and typed later; a model's are typed at once.
/// Both must report the same problems at the same places.
@Suite("'allowed' lists: the same problems in models and in implementations (SPEC 2.4, 2.7)")
struct AllowedListTests {
    /// (the parameter's definition without `allowed`, the list written after `allowed: `).
    static let lists: [(String, String)] = [
        ("type: int", "[1, {min: 5, max: 4}, x, 1, {min: 1}, {min: 1, max: 2, step: 1}, ~, [1], {min: a, max: 2}, 0x1, {max: 9, min: 8}]"),
        ("type: int", "[{min: 0, max: 10}, {min: 0, max: 10}, {min: 0x0, max: 10}, '3', \"4\", -0, 0]"),
        ("type: int", "5"),
        ("type: int", "[]"),
        ("type: int", "{min: 0, max: 1}"),
        ("type: int", "[{min: 9223372036854775808, max: 1}, {min: '', max: 2}, {min: 0, max: ~}]"),
        ("type: bool", "[on, {min: 0, max: 1}, yes, off, true, \"\"]"),
        ("type: enum, values: [x, y]", "[x, 'y', {min: 0, max: 1}, 'two words', x]"),
        ("type: string", "[\"a\", a, '', {min: 0, max: 1}, \"line\\nbreak\"]"),
    ]

    /// The problems reported about the list: rule, column from the list's start, the message up to " for ".
    private func problems(_ registry: MarkedRegistry, listAt column: Int) -> [String] {
        registry.diagnostics.map { diagnostic in
            let message = diagnostic.message.replacingOccurrences(of: " in implementation 'example.com/vmm/1'", with: "")
                .components(separatedBy: " for ").first ?? ""
            let subject = message.components(separatedBy: " in 'allowed'").first ?? message
            return "\(diagnostic.rule) +\(diagnostic.location.column - column) \(subject)"
        }
    }

    @Test("the same findings at the same columns", arguments: lists)
    func sameFindings(_ definition: String, _ list: String) throws {
        let modelLine = "  p: {\(definition), allowed: \(list)}"
        let model = MarkedRegistry("model: example.com/nic\nparameters:\n\(modelLine)\n")
        let implementationLine = "      p: {allowed: \(list)}"
        let implementation = MarkedRegistry([
            ("m.yaml", "model: example.com/nic\nparameters:\n  p: {\(definition)}\n"),
            ("i.yaml", "implementation: example.com/vmm/1\nmodels:\n  example.com/nic:\n    parameters:\n\(implementationLine)\n"),
        ])
        let inModel = problems(model, listAt: modelLine.count - list.count)
        let inImplementation = problems(implementation, listAt: implementationLine.count - list.count)
        #expect(!inModel.isEmpty || list.hasPrefix("[{min: 0, max: 10}"))
        #expect(inImplementation == inModel)
        #expect(implementation.diagnostics.allSatisfy { $0.location.file == "i.yaml" })
    }

    @Test("a well-formed list narrows the implementation to exactly its items")
    func wellFormedList() throws {
        let registry = MarkedRegistry([
            ("m.yaml", "model: example.com/nic\nparameters:\n  rx: {type: int, default: 0}\n  mode: {type: enum, values: [a, b, c], default: a}\n"),
            ("i.yaml", """
                implementation: example.com/vmm/1
                models:
                  example.com/nic:
                    parameters:
                      rx: {allowed: [0, {max: 20, min: 16}, '0x40']}
                      mode: {allowed: [a, "c"]}
                """),
        ])
        #expect(registry.diagnostics.map(\.message) == [])
        let support = try #require(registry.loaded.registry.implementation("example.com/vmm/1")?.support(for: "example.com/nic"))
        #expect(support.parameter(named: "rx")?.allowed.description == "[0, {min: 16, max: 20}, 64]")
        #expect(support.parameter(named: "mode")?.allowed.description == #"["a", "c"]"#)
        #expect(support.parameters.map(\.location.line) == [5, 6])
        #expect(support.parameters.map(\.location.column) == [7, 7])
    }
}

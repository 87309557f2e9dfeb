@testable import DeviceModelRegistry
import Testing

/// Implementations' `models` typed from libyaml's events (``ImplementationEntries/Reader``)
/// must give exactly what the tree readers give: the same drafts, at the same locations,
/// and for anything the event reader does not take, the tree readers' own findings.
@Suite("Implementations' entries typed from the events (issue 13)")
struct ImplementationEntriesTests {
    /// A file read both ways: what each gives, written out in full, and whether the events were typed.
    private struct Reading: Equatable {
        var text: String
        var typed: Bool
    }

    private func read(_ text: String, typing: Bool) -> Reading {
        let file = YAMLReader.read(Array(text.utf8), file: "entries.yaml", lines: nil, typingEntries: typing)
        let typed = file.documents.contains { document in
            document.pairs.contains { $0.key.hasText("models") && $0.value.capturedEntries != nil }
        }
        let decoded = DecodedFile(file, budget: SuggestionBudget())
        var lines: [String] = []
        for document in decoded.documents {
            switch document {
            case .model(let model, _): lines.append("model \(model.model.id)")
            case .machine(let machine): lines.append("machine \(machine.id)")
            case .implementation(let draft): lines += describe(draft)
            case .linked(let implementation, _): lines.append("linked \(implementation.id)")
            }
        }
        for finding in decoded.diagnostics {
            lines.append("\(finding.location) \(finding.rule) \(finding.message) model=\(finding.model ?? "-") parameter=\(finding.parameter ?? "-")")
            lines += finding.notes.map { "  note \($0.location) \($0.message)" }
        }
        return Reading(text: lines.joined(separator: "\n"), typed: typed)
    }

    private func describe(_ draft: ImplementationDraft) -> [String] {
        var lines = ["implementation \(draft.id) at \(draft.location)"]
        for model in draft.models {
            lines.append("  model \(model.model) at \(model.location)")
            for entry in draft.parameters[model.parameters] {
                var line = "    \(draft.name(of: entry)) at \(draft.location(of: entry))"
                if entry.allowed >= 0 {
                    let list = draft.allowedLists[Int(entry.allowed)]
                    line += " allowed at \(list.line):\(list.column)"
                    if list.count < 0 {
                        line += " node \(YAMLNode(draft.unread, Int(list.first)).location)"
                    } else {
                        for item in draft.allowedItems[Int(list.first)..<Int(list.first + list.count)] {
                            switch item {
                            case .scalar(let text, let location): line += " [\(text) at \(location)]"
                            case .range(let range, let location): line += " [\(range) at \(location)]"
                            case .node(let index): line += " [node at \(YAMLNode(draft.unread, Int(index)).location)]"
                            }
                        }
                    }
                }
                lines.append(line)
            }
        }
        return lines
    }

    /// Whether the events were typed, and that either way the result is the tree readers'.
    private func check(_ text: String, typed: Bool, sourceLocation: SourceLocation_ = #_sourceLocation) {
        let events = read(text, typing: true)
        let tree = read(text, typing: false)
        #expect(events.text == tree.text, sourceLocation: sourceLocation)
        #expect(events.typed == typed, "\(text)", sourceLocation: sourceLocation)
    }

    typealias SourceLocation_ = Testing.SourceLocation

    @Test("well-formed entries, block and flow, quoted and plain, are typed from the events, as the tree reads them")
    func wellFormed() {
        check("""
            implementation: vmm.example.com/v/1
            description: a release
            models:
              a.example.com/dev/nic:
                parameters:
                  mq: {}
                  "vectors": {allowed: [{min: 0, max: 8}], description: how many}
                  mode: {allowed: [fast, 'slow', "x"]}
                  size: {allowed: [0x10, {max: 0x20, min: 0x18}, -3]}
              'a.example.com/dev/blk': {}
              a.example.com/dev/gpu: {parameters: {}}
              a.example.com/dev/rng:
                parameters:
                  rate:
                    allowed:
                      - min: 1
                        max: 1024
                    description: >
                      folded text
            machines: [m.example.com/machine/pc]
            """, typed: true)
        check("implementation: vmm.example.com/v/1\nmodels: {}\n---\nimplementation: vmm.example.com/v/2\nmodels: {a.example.com/dev/x: {parameters: {p: {}}}}\n", typed: true)
    }

    @Test("entries written before the implementation's id, or in a model document, are read as a tree")
    func notTyped() {
        check("models: {a.example.com/dev/x: {}}\nimplementation: vmm.example.com/v/1\n", typed: false)
        check("model: a.example.com/dev/x\nmodels: {a.example.com/dev/x: {}}\nparameters: {}\n", typed: false)
        check("implementation: vmm.example.com/v/1\nmodels: &entries {a.example.com/dev/x: {}}\n", typed: false)
        check("implementation: vmm.example.com/v/1\nmodels: !!map {a.example.com/dev/x: {}}\n", typed: false)
        check("implementation: vmm.example.com/v/1\nmodels: [a.example.com/dev/x]\n", typed: false)
    }

    @Test("anything the event reader does not take is read again as a tree, which reports it", arguments: [
        "a.example.com/dev/x: {}\n  a.example.com/dev/x: {}",  // a model twice
        "a.example.com/dev/x: {parameters: {p: {}, p: {}}}",  // a parameter twice
        "a.example.com/dev/x: {parameters: {p: {allowed: [1], allowed: [2]}}}",
        "a.example.com/dev/x: {parameters: {p: {description: a, description: b}}}",
        "a.example.com/dev/x: {parameters: {}, parameters: {}}",
        "a.example.com/dev/x: {parmeters: {}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [1], default: 2}}}",
        "a.example.com/dev/x: {parameters: {p: }}",
        "a.example.com/dev/x: {parameters: {p: [1]}}",
        "a.example.com/dev/x: {parameters: }",
        "a.example.com/dev/x: {parameters: [p]}",
        "a.example.com/dev/x: ",
        "a.example.com/dev/x: [parameters]",
        "a.example.com/dev/x: {parameters: {p: {allowed: []}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: 1}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [~]}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [[1]]}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [{min: 2, max: 1}]}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [{min: 1}]}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [{min: 1, max: 2, step: 1}]}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [{min: one, max: 2}]}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [{min: 1, min: 2}]}}}",
        "a.example.com/dev/x: {parameters: {p: {allowed: [{min: 007, max: 8}]}}}",
        "a.example.com/dev/x: {parameters: {p: {description: {a: b}}}}",
        "a.example.com/dev/x: {parameters: {p: {description: }}}",
        "a.example.com/dev/x: {parameters: {~: {}}}",
        "? [a.example.com/dev/x]\n  : {}",
        "https://a.example.com/dev/x: {}",
        "nodomain/x: {}",
        "a.example.com/dev/x: {parameters: {p: &a {}}}",
        "a.example.com/dev/x: {parameters: {p: *a}}",
        "a.example.com/dev/x: {parameters: {p: !!map {}}}",
        "a.example.com/dev/x: {parameters: {<<: {}}}",
    ])
    func refused(entry: String) {
        check("implementation: vmm.example.com/v/1\nmodels:\n  \(entry)\nmachines: [m.example.com/machine/pc]\n", typed: false)
    }

    @Test("a syntax error inside the entries ends the file as the tree reader ends it")
    func syntaxError() {
        check("implementation: vmm.example.com/v/0\nmodels: {}\n---\nimplementation: vmm.example.com/v/1\nmodels:\n  a.example.com/dev/x: {parameters: {p: {allowed: [1}}}\n", typed: true)
    }

    @Test("the shipped registry read from its files' bytes types its implementations from the events, as the tree reads them")
    func shippedRegistry() throws {
        let files = try RegistryLoader.load(directory: ShippedRegistryTests.directory).files
        let contents = try files.map { name in (name: name, bytes: try FileReader.read(name)) }
        let typed = contents.filter { file in
            YAMLReader.read(file.bytes, file: file.name, lines: nil, typingEntries: true).documents.contains { document in
                document.pairs.contains { $0.value.capturedEntries != nil }
            }
        }
        #expect(typed.count >= 2)
        let events = RegistryLoader.load(contents: contents)
        let tree = RegistryLoader.load(contents.map { YAMLReader.read($0.bytes, file: $0.name) })
        #expect(events.isValid && tree.isValid)
        #expect(events.registry.implementations.map(\.id) == tree.registry.implementations.map(\.id))
        for (left, right) in zip(events.registry.implementations, tree.registry.implementations) {
            #expect(left.models.map(\.model) == right.models.map(\.model))
            #expect(left.models.map(\.location) == right.models.map(\.location))
            #expect(left.models.map(\.parameters) == right.models.map(\.parameters), "\(left.id)")
        }
    }

    @Test("linking: a required parameter whose list allows nothing usable is reported once, not also as omitted")
    func requiredWithUnusableList() {
        let model = "model: e.x/m\nparameters:\n  p: {type: int, allowed: [{min: 0, max: 10}]}\n  q: {type: int}\n"
        let implementation = "implementation: e.x/i\nmodels:\n  e.x/m:\n    parameters:\n      p: {allowed: [{min: 20, max: 30}]}\n"
        let loaded = RegistryLoader.load(contents: [("m.yaml", Array(model.utf8)), ("i.yaml", Array(implementation.utf8))])
        #expect(loaded.diagnostics.map { "\($0.location) \($0.rule) \($0.parameter ?? "-")" } == [
            "i.yaml:3:3 missing-required-parameter q",
            "i.yaml:5:21 allowed-outside-domain p",
        ])
    }

    /// Seeded edits of a well-formed implementation: every mutant reads the same both ways.
    @Test("three hundred mutants of an implementation read the same typed from the events as from the tree")
    func mutants() {
        let base = """
            implementation: vmm.example.com/v/1
            models:
              a.example.com/dev/nic:
                parameters:
                  mq: {}
                  vectors: {allowed: [{min: 0, max: 8}], description: how many}
                  mode: {allowed: [fast, 'slow']}
              a.example.com/dev/blk: {parameters: {size: {allowed: [0x10, {min: 1, max: 2}]}}}
            machines: [m.example.com/machine/pc]
            """
        let pieces = [
            ":", " ", "\n", "{", "}", "[", "]", ",", "-", "~", "'", "\"", "&a ", "*a", "!!str ", "? ", "#",
            "min", "max", "allowed", "parameters", "description", "a.example.com/dev/nic", "mq", "0x", "9", "\t", "<<",
        ]
        var random = SplitMix(seed: 13)
        var typed = 0
        for _ in 0..<300 {
            var bytes = Array(base.utf8)
            for _ in 0..<1 + random.next(2) {
                let at = random.next(bytes.count)
                switch random.next(3) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(contentsOf: pieces[random.next(pieces.count)].utf8, at: at)
                default: bytes.replaceSubrange(at..<at + 1, with: pieces[random.next(pieces.count)].utf8)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let events = read(text, typing: true)
            #expect(events.text == read(text, typing: false).text, "\(text)")
            if events.typed { typed += 1 }
        }
        // The edits leave many mutants well formed: the event reader is exercised, not only its refusals.
        #expect(typed > 30)
    }
}

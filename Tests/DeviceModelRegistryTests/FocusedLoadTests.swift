@testable import DeviceModelRegistry
import Foundation
import Testing

@Suite("A large registry read in part for a question (issue 13)")
struct FocusedLoadTests {
    /// The reduced text of `text` for a focus, or nil when the file is to be read whole.
    private func reduce(_ text: String, _ ids: String...) -> (text: String, lines: LineMap)? {
        let bytes = Array(text.utf8)
        guard let part = bytes.withUnsafeBufferPointer({ FocusedText.reduce($0, focus: RegistryFocus(ids)) }) else { return nil }
        return (String(decoding: part.bytes, as: UTF8.self), part.lines)
    }

    @Test("documents that name no id of the focus are dropped; machines and documents of no known kind are kept")
    func documents() throws {
        let text = """
            model: a.com/x
            parameters: {p: {type: bool, default: off}}
            ---
            model: a.com/y
            description: names a.com/x-not, a.com/xx and x/a.com/x, none of them the focus id
            ---
            machine: a.com/m
            versions: {a.com/y: "1"}
            ---
            - a list
            ---
            implementation: a.com/i
            models: {a.com/y: {}}

            """
        let part = try #require(reduce(text, "a.com/x"))
        #expect(part.text == """
            model: a.com/x
            parameters: {p: {type: bool, default: off}}
            ---
            machine: a.com/m
            versions: {a.com/y: "1"}
            ---
            - a list

            """)
        #expect((1...7).map(part.lines.original) == [1, 2, 6, 7, 8, 9, 10])
        // An id quoted, in a flow collection or as a key is still seen.
        for spelling in ["model: 'a.com/x'", "model: \"a.com/x\"", "{model: a.com/x}", "implementation: a.com/i\nmodels: [a.com/x]"] {
            #expect(try #require(reduce(spelling + "\n", "a.com/x")).text == spelling + "\n")
            #expect(try #require(reduce(spelling + "\n", "a.com/q")).text == (spelling.hasPrefix("{") ? spelling + "\n" : ""))
        }
    }

    @Test("an implementation keeps its header, the entries of focus models and what follows them, at their lines")
    func entries() throws {
        let text = """
            implementation: a.com/i
            machines: [a.com/m]
            models:
              a.com/x:
                parameters:
                  p: {}
              # a comment
              a.com/y:
                parameters: {q: {allowed: [1, 2]}}

              a.com/z: {}
            description: after
            """
        let part = try #require(reduce(text, "a.com/y"))
        #expect(part.text == """
            implementation: a.com/i
            machines: [a.com/m]
            models:
              a.com/y:
                parameters: {q: {allowed: [1, 2]}}

            description: after
            """)
        #expect((1...7).map(part.lines.original) == [1, 2, 3, 8, 9, 10, 12])
        // No focus entry: the first is kept, so that `models` stays a mapping.
        let none = try #require(reduce(text, "a.com/i"))
        #expect(none.text.components(separatedBy: "\n").prefix(6) == [
            "implementation: a.com/i", "machines: [a.com/m]", "models:", "  a.com/x:", "    parameters:", "      p: {}",
        ])
        #expect(none.text.hasSuffix("  # a comment\ndescription: after"))
    }

    @Test("an implementation whose entries' ends are not sure from its lines is kept whole")
    func unsureLayouts() throws {
        let layouts = [
            // a quote can run over lines
            "implementation: a.com/i\nmodels:\n  a.com/x: {}\n  a.com/y: {description: 'it''s'}\n",
            // a flow collection open at the end of a line
            "implementation: a.com/i\nmodels:\n  a.com/x: {parameters: {p: {allowed: [1,\n  a.com/y: 2]}}}\n",
            // a line less indented than the entries
            "implementation: a.com/i\nmodels:\n    a.com/x: {}\n  a.com/y: {}\n",
            // an entry whose key is not a plain id
            "implementation: a.com/i\nmodels:\n  a.com/x: {}\n  ? a.com/y\n  : {}\n",
            // a header collection that runs into models
            "implementation: a.com/i\nmachines: [a.com/m,\nmodels:\n  a.com/x: {}\n  a.com/y: {}]\n",
        ]
        for text in layouts {
            #expect(try #require(reduce(text, "a.com/x")).text == text)
        }
    }

    @Test("a file that may spell lines or ids otherwise than its bytes show is read whole")
    func wholeFiles() {
        for text in [
            "model: \"a.com/\\x78\"\n", "model: a.com/x\n\tdescription: t\n", "model: a.com/x\r\n",
            "model: a.com/y\n...\nmodel: a.com/x\n", "%YAML 1.1\n---\nmodel: a.com/y\n", "\u{FEFF}model: a.com/y\n",
            "model: a.com/y\ndescription: a\u{2028}b\n", "model: a.com/y\ndescription: a\u{85}b\n",
        ] {
            #expect(reduce(text, "a.com/x") == nil, "\(text.debugDescription)")
        }
    }

    @Test("a registry read in part: what it names is validated, at the locations a whole read gives; the rest is not read")
    func loadInPart() throws {
        let dir = NSTemporaryDirectory() + "migcheck-focus-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func write(_ name: String, _ text: String) throws {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        try write("a.yaml", "model: a.com/x\nparameters:\n  p: {type: int, default: 0}\nversions:\n  - version: \"1\"\n    set: {p: 1}\n")
        try write("b.yaml", "model: a.com/broken\nbogus: 1\n")
        try write("c.yaml", """
            implementation: a.com/i
            models:
              a.com/broken: {}
              a.com/x:
                parameters:
                  p: {allowed: [0, 1]}
                  q: {}
              a.com/gone: {}

            """)
        let whole = try RegistryLoader.load(directory: dir)
        #expect(whole.diagnostics.map(\.rule) == ["unknown-key", "unknown-parameter", "unknown-model"])

        let part = try RegistryLoader.load(directory: dir, focus: RegistryFocus(["a.com/x"]), above: 0)
        #expect(part.isPartial)
        #expect(part.registry.models.map(\.id) == ["a.com/x"])
        #expect(part.registry.implementations.map(\.id) == ["a.com/i"])
        // The finding in what was read is the whole read's, to the column; the others were not read.
        #expect(part.diagnostics.map(\.rule) == ["unknown-parameter"])
        #expect(part.diagnostics.first?.location == whole.diagnostics[1].location)
        #expect(part.diagnostics.first?.location == SourceLocation(file: dir + "/c.yaml", line: 7, column: 7))

        // At most the threshold, the registry is read whole.
        let small = try RegistryLoader.load(directory: dir, focus: RegistryFocus(["a.com/x"]))
        #expect(!small.isPartial)
        #expect(small.diagnostics.map(\.location) == whole.diagnostics.map(\.location))
    }

    @Test("every shipped model read in part is valid, and is the model the whole registry has")
    func shippedModels() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../registry").standardized.path
        let whole = try RegistryLoader.load(directory: directory)
        #expect(whole.isValid)
        for model in whole.registry.models {
            let part = try RegistryLoader.load(directory: directory, focus: RegistryFocus([model.id]), above: 0)
            #expect(part.isValid, "\(model.id): \(part.diagnostics.first.map { "\($0.location) \($0.message)" } ?? "")")
            let read = try #require(part.registry.model(model.id))
            #expect(read.parameters.map(\.name) == model.parameters.map(\.name))
            #expect(read.versions.map(\.name) == model.versions.map(\.name))
            let implementing = { (registry: Registry) in registry.implementations.filter { $0.support(for: model.id) != nil }.map(\.id) }
            #expect(implementing(part.registry) == implementing(whole.registry))
            #expect(part.registry.machines.map(\.id) == whole.registry.machines.map(\.id))
        }
    }
}

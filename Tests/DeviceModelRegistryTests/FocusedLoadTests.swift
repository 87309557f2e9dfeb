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

    /// Registries of many layouts, read in part for random questions: what is read of each named
    /// model and of its implementations is what a whole read gives, locations included.
    @Test("random registries in many layouts: a partial read agrees with the whole one on what it reads", arguments: 0..<12)
    func differential(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed))
        let dir = NSTemporaryDirectory() + "migcheck-focus-random-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let models = (0..<12).map { "m\($0).example.com/dev/d\($0)" }
        let parameters = (0..<5).map { "p\($0)" }
        // An id as a person might write it: plain or quoted.
        func id(_ text: String) -> String {
            switch random.next(3) {
            case 0: "\"\(text)\""
            case 1: "'\(text)'"
            default: text
            }
        }
        var documents: [String] = []
        for model in models {
            var text = "model: \(id(model))\n"
            if random.next(2) == 0 { text += "# a comment naming nothing\n" }
            text += "parameters:\n"
            for parameter in parameters {
                text += random.next(2) == 0
                    ? "  \(parameter): {type: int, default: 0, allowed: [{min: 0, max: 64}]}\n"
                    : "  \(parameter):\n    type: int\n    default: 0\n"
            }
            text += "versions:\n  - version: \"1\"\n    set: {p0: \(random.next(64))}\n  - {version: \"2\", extends: \"1\", set: {p1: 8}}\n"
            documents.append(text)
        }
        for index in 0..<5 {
            var text = "implementation: \(id("vmm.example.com/v/\(index)"))\n"
            if random.next(2) == 0 { text += "description: \"release \(index), with a quote\"\n" }
            if random.next(3) == 0 {
                // A flow mapping over several lines: the document is kept whole.
                text += "models: {\n  \(models[index]): {parameters: {p0: {}}},\n  \(models[index + 1]): {}}\n"
            } else {
                text += "models:\n"
                for model in models where random.next(3) > 0 {
                    if random.next(4) == 0 { text += "  # \(model) follows\n" }
                    switch random.next(3) {
                    case 0: text += "  \(model): {parameters: {p0: {allowed: [0, 1, 8]}, p1: {}}}\n"
                    case 1: text += "  \(model):\n    parameters:\n      p0: {}\n      p2: {allowed: [{min: 0, max: 8}]}\n\n"
                    default: text += "  \(id(model)): {}\n"
                    }
                }
            }
            if random.next(2) == 0 { text += "machines: [\(id("m.example.com/machine/\(index)"))]\n" }
            documents.append(text)
        }
        for index in 0..<5 {
            documents.append("machine: m.example.com/machine/\(index)\nversions: {\(models[index * 2]): \"2\"}\n")
        }
        // Into files of one to three documents, in shuffled order.
        documents.shuffle(using: &random)
        var file = 0
        var rest = documents[...]
        while !rest.isEmpty {
            let count = min(rest.count, 1 + random.next(3))
            let text = rest.prefix(count).enumerated().map { $0 == 0 && random.next(2) == 0 ? $1 : "---\n" + $1 }.joined()
            try text.write(toFile: dir + "/f\(file).yaml", atomically: true, encoding: .utf8)
            rest = rest.dropFirst(count)
            file += 1
        }

        let whole = try RegistryLoader.load(directory: dir)
        #expect(whole.isValid, "\(whole.diagnostics.first.map { "\($0.location) \($0.message)" } ?? "")")
        for _ in 0..<4 {
            let asked = (0..<1 + random.next(3)).map { _ in models[random.next(models.count)] }
            let part = try RegistryLoader.load(directory: dir, focus: RegistryFocus(asked), above: 0)
            #expect(part.isValid, "\(part.diagnostics.first.map { "\($0.location) \($0.message)" } ?? "")")
            #expect(part.registry.machines.map(\.id) == whole.registry.machines.map(\.id))
            for model in asked {
                let read = try #require(part.registry.model(model))
                let all = try #require(whole.registry.model(model))
                #expect(read.parameters.map(\.location) == all.parameters.map(\.location))
                #expect(read.versions.map(\.location) == all.versions.map(\.location))
                let supports = { (registry: Registry) in
                    registry.implementers(of: model).map { [$0.implementation.id: $0.support.parameters] }
                }
                #expect(supports(part.registry) == supports(whole.registry), "seed \(seed), \(model)")
            }
        }
    }
}

/// A small seeded generator, so that each case is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var word = state
        word = (word ^ (word >> 30)) &* 0xBF58_476D_1CE4_E5B9
        word = (word ^ (word >> 27)) &* 0x94D0_49BB_1331_11EB
        return word ^ (word >> 31)
    }

    mutating func next(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

import Foundation
import Testing

@testable import DeviceModelRegistry

/// A registry directory is read in two rounds, implementations linked as their files are read
/// (``RegistryLoader/load(directory:retaining:)``): what it finds must be what reading every file
/// first finds (``RegistryLoader/load(contents:)``), whatever the layout and the mistakes.
struct StreamedLoadTests {
    @Test("a file stops where an implementation's entries start; one without such entries is read whole")
    func readUnlessEntries() throws {
        func read(_ text: String) -> YAMLFile? {
            YAMLReader.readUnlessEntries(Array(text.utf8), file: "f.yaml")
        }
        #expect(read("implementation: a.example/v/1\nmodels:\n  m.example/d: {}\n") == nil)
        #expect(read("model: m.example/d\n---\nimplementation: a.example/v/1\nmodels: {m.example/d: {}}\n") == nil)
        // Entries the reader would not type are read into the tree, here and now.
        let tagged = try #require(read("implementation: a.example/v/1\nmodels: !!map {m.example/d: {}}\n"))
        #expect(tagged.documents.count == 1)
        let modelsFirst = try #require(read("models: {m.example/d: {}}\nimplementation: a.example/v/1\n"))
        #expect(modelsFirst.documents.count == 1)
        let model = try #require(read("model: m.example/d\nparameters: {p: {type: bool, default: off}}\n"))
        #expect(model.documents.count == 1)
        // A syntax error before any entry is the file's finding, as a whole read gives it.
        let broken = try #require(read("implementation: [\n"))
        #expect(broken.diagnostics.map(\.rule) == [Rule.yamlSyntax.id])
    }

    @Test("a file that holds entries and a model is not linked before every model is known")
    func mixedFile() throws {
        let text = "implementation: a.example/v/1\nmodels: {m.example/d: {}}\n---\nmodel: m.example/d\n"
        var file = DecodedFile(YAMLReader.read(Array(text.utf8), file: "f.yaml", lines: nil, typingEntries: true), budget: SuggestionBudget())
        let base = LinkBase([DecodedFile](), retention: .registry, budget: SuggestionBudget())
        let linked = file.link(against: base)
        #expect(!linked)
        guard case .implementation = file.documents[0] else {
            Issue.record("the draft was linked against models that lack the file's own")
            return
        }
        // Through a directory: the implementation finds the model defined after it in its own file.
        let dir = try TemporaryDirectory()
        try dir.write("a.yaml", text)
        let loaded = try RegistryLoader.load(directory: dir.path)
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.registry.implementations.first?.support(for: "m.example/d") != nil)
    }

    @Test("an implementation file read before the models it names is linked against them")
    func implementationsFirst() throws {
        let dir = try TemporaryDirectory()
        try dir.write("a.yaml", "implementation: a.example/v/1\nmodels:\n  m.example/d:\n    parameters: {p: {allowed: [0, 8]}}\n  m.example/missing: {}\n")
        try dir.write("b.yaml", "model: m.example/d\nparameters: {p: {type: int, default: 0}, q: {type: int, description: no default}}\n")
        let loaded = try RegistryLoader.load(directory: dir.path)
        #expect(loaded.diagnostics.map { "\($0.location) \($0.rule)" } == [
            "\(dir.path)/a.yaml:3:3 missing-required-parameter", "\(dir.path)/a.yaml:5:3 unknown-model",
        ])
        let support = try #require(loaded.registry.implementations.first?.support(for: "m.example/d"))
        #expect(support.parameters.map(\.name) == ["p"])
        #expect(loaded.registry.model("m.example/d")?.parameters[1].description == "no default")
    }

    @Test("files longer than the first round's prefix: entries past it, a model past it, an error past it")
    func longFiles() throws {
        let padding = String(repeating: "x", count: RegistryLoader.firstRoundPrefix + 100)
        let dir = try TemporaryDirectory()
        // Entries that start past the prefix: the prefix proves nothing, and the whole file is read.
        try dir.write("a.yaml", "implementation: a.example/v/1\ndescription: \(padding)\nmodels:\n  m.example/d:\n    parameters: {p: {allowed: [0, 9]}}\n  m.example/nope: {}\n")
        // Entries within the prefix, a mistake past it: found in the second round.
        try dir.write("b.yaml", "implementation: b.example/v/1\nmodels:\n  m.example/d:\n    parameters: {p: {allowed: [0]}}\n# \(padding)\n  m.example/missing: {}\n")
        // A model past the prefix, after a long document: read whole in the first round.
        try dir.write("c.yaml", "model: m.example/c\ndescription: \(padding)\n---\nmodel: m.example/d\nparameters: {p: {type: int, default: 0}}\n")
        // A file that ends in a syntax error past the prefix.
        try dir.write("d.yaml", "model: m.example/e\ndescription: \(padding)\nparameters: [\n")

        let streamed = try RegistryLoader.load(directory: dir.path)
        let contents = try streamed.files.map { name in (name: name, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: name)))) }
        #expect(Self.summary(streamed, supports: true) == Self.summary(RegistryLoader.load(contents: contents), supports: true))
        #expect(streamed.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.rule)" } == [
            "6:3 unknown-model", "6:3 unknown-model", "4:1 yaml-syntax",
        ])
        let a = try #require(streamed.registry.implementations.first { $0.id == "a.example/v/1" })
        #expect(a.support(for: "m.example/d")?.parameters.map(\.name) == ["p"])
    }

    @Test("random registries, with mistakes, in files of one or several documents: the same as reading every file first", arguments: 0..<40)
    func differential(seed: Int) throws {
        var random = SplitMix(seed: UInt64(seed) &+ 1000)
        let dir = try TemporaryDirectory()
        for (index, text) in Self.registry(&random, documentsPerFile: seed % 2 == 0 ? 1 : 3).enumerated() {
            try dir.write("f\(String(index, radix: 7)).yaml", text)
        }

        let streamed = try RegistryLoader.load(directory: dir.path)
        let contents = try streamed.files.map { name in (name: name, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: name)))) }
        let allFirst = RegistryLoader.load(contents: contents)
        #expect(!streamed.diagnostics.isEmpty || seed % 4 == 0)
        #expect(Self.summary(streamed, supports: true) == Self.summary(allFirst, supports: true), "seed \(seed)")

        let findings = try RegistryLoader.load(directory: dir.path, retaining: .findings)
        #expect(findings.retention == .findings)
        #expect(Self.summary(findings, supports: false) == Self.summary(allFirst, supports: false), "seed \(seed)")
        #expect(findings.registry.implementations.allSatisfy { $0.models.isEmpty })
        #expect(findings.registry.models.allSatisfy { $0.parameters.allSatisfy { $0.description == nil } })
        #expect(streamed.registry.models.contains { $0.parameters.contains { $0.description != nil } })
    }

    /// Documents of a small registry, into files of up to `documentsPerFile` documents each.
    /// Seeds that are multiples of 4 make no mistake; the others make some of each kind.
    private static func registry(_ random: inout SplitMix, documentsPerFile: Int) -> [String] {
        let mistakes = random.next(4) != 0
        let models = (0..<8).map { "m\($0).example.com/dev/d\($0)" }
        var documents: [String] = []
        for (index, model) in models.enumerated() {
            var text = "model: \(model)\nparameters:\n"
            text += "  p0: {type: int, default: 0, allowed: [{min: 0, max: 64}], description: the zeroth of \(index)}\n"
            text += "  p1: {type: bool, default: off}\n"
            if index % 3 == 0 { text += "  size: {type: int, allowed: [64, 128]}\n" }
            text += "versions:\n  - {version: \"1\", set: {p0: \(random.next(64))\(index % 3 == 0 ? ", size: 64" : "")}}\n"
            documents.append(text)
        }
        if mistakes {
            documents.append("model: \(models[random.next(models.count)])\nparameters: {p9: {type: bool}}\n")
            documents.append("model: m9.example.com/dev/bad\nparameters: {p0: {type: int, default: 99, allowed: [0]}}\n")
        }
        let implementations = (0..<5).map { "vmm.example.com/v/\($0)" } + (mistakes ? ["vmm.example.com/v/1"] : [])
        for (index, implementation) in implementations.enumerated() {
            var entries = ""
            for (position, model) in models.enumerated() where random.next(3) > 0 {
                switch random.next(4) {
                case 0: entries += "  \(model): {parameters: {p0: {allowed: [0, 1, 8]}, p1: {}\(position % 3 == 0 ? ", size: {}" : "")}}\n"
                case 1: entries += "  \(model):\n    parameters:\n      p0: {}\n      p1: {allowed: [true]}\n"
                case 2:
                    // One range, the usual list: with a mistake, it may leave out the default (0).
                    let low = mistakes ? random.next(2) : 0
                    entries += "  \(model): {parameters: {p0: {allowed: [{min: \(low), max: 8}]}, p1: {}\(position % 3 == 0 ? ", size: {}" : "")}}\n"
                default: entries += "  \(model): {}\n"
                }
            }
            if mistakes && random.next(2) == 0 { entries += "  m7.example.com/dev/d77: {}\n" }
            if mistakes && random.next(2) == 0 { entries += "  \(models[1]): {parameters: {p0: {allowed: [99]}, px: {}}}\n" }
            if entries.isEmpty { entries = "  \(models[0]): {}\n" }
            let machines = index < 3 ? "machines: [m.example.com/machine/\(index)]\n" : ""
            switch random.next(4) {
            case 0:
                // `models` before `implementation`: read into the tree in the first round, linked at the end.
                documents.append("models:\n\(entries)implementation: \(implementation)\n\(machines)")
            default:
                documents.append("implementation: \(implementation)\ndescription: release \(index)\n\(machines)models:\n\(entries)")
            }
        }
        for index in 0..<(mistakes ? 4 : 3) {
            documents.append("machine: m.example.com/machine/\(index)\nversions: {\(models[index * 2]): \"1\"}\n")
        }
        if mistakes {
            // Entries that stop the first round, then a syntax error, an alias and a tag further on.
            documents.append("implementation: vmm.example.com/broken/1\nmodels:\n  \(models[2]): {}\n  \(models[3]): [\n")
            documents.append("implementation: vmm.example.com/broken/2\nmodels:\n  \(models[2]): {parameters: {p0: *a}}\n")
            documents.append("implementation: vmm.example.com/broken/3\nmodels: !!map\n  \(models[2]): {}\n")
        }
        documents.shuffle(using: &random)
        var files: [String] = []
        var rest = documents[...]
        while !rest.isEmpty {
            let count = min(rest.count, 1 + random.next(documentsPerFile))
            files.append(rest.prefix(count).map { "---\n" + $0 }.joined())
            rest = rest.dropFirst(count)
        }
        return files
    }

    /// What a load found, line by line: findings with their notes, models, machines, implementations
    /// and, with `supports`, what each implementation supports of each model.
    private static func summary(_ loaded: LoadedRegistry, supports: Bool) -> [String] {
        var lines = loaded.diagnostics.map { finding in
            "\(finding.location) \(finding.rule) \(finding.message) model=\(finding.model ?? "-") parameter=\(finding.parameter ?? "-")"
                + finding.notes.map { " note \($0.location) \($0.message)" }.joined()
        }
        lines += loaded.registry.models.map { "model \($0.id) at \($0.location), \($0.parameters.count) parameters, \($0.versions.count) versions" }
        lines += loaded.registry.machines.map { "machine \($0.id)" }
        for implementation in loaded.registry.implementations {
            lines.append("implementation \(implementation.id) at \(implementation.location) machines \(implementation.machines)")
            guard supports else { continue }
            for support in implementation.models {
                lines.append("  \(support.model) at \(support.location): " + support.parameters.map { "\($0.name) \($0.allowed)" }.joined(separator: ", "))
            }
        }
        return lines
    }
}

import Testing

@testable import DeviceModelRegistry

/// Model documents are typed straight from libyaml's events (``ModelEventReader``), falling back
/// to the tree at the first thing the tree's reading would report: a file must decode to the same
/// models and findings either way.
struct ModelEventReaderTests {
    /// The file decoded with models read both ways: as `summary` lines.
    private static func both(_ text: String, keepingDescriptions: Bool = true) -> (tree: [String], events: [String]) {
        let bytes = Array(text.utf8)
        func decoded(_ models: YAMLReader.ModelTyping) -> [String] {
            let file = YAMLReader.read(bytes, file: "m.yaml", lines: nil, typingEntries: true, models: models)
            return summary(DecodedFile(file, budget: SuggestionBudget(), retention: keepingDescriptions ? .registry : .findings))
        }
        return (decoded(.tree), decoded(.events(keepingDescriptions: keepingDescriptions)))
    }

    /// Whether the file's models were typed from the events, with no fall back to the tree.
    private static func typedFromEvents(_ text: String) -> Bool {
        let file = YAMLReader.read(Array(text.utf8), file: "m.yaml", lines: nil, typingEntries: true, models: .events(keepingDescriptions: true))
        return !file.documents.isEmpty && file.documents.allSatisfy { $0.capturedModel != nil }
    }

    private static func summary(_ file: DecodedFile) -> [String] {
        var lines = file.diagnostics.map { "\($0.location) \($0.rule) \($0.message)" + $0.notes.map { " / \($0.location) \($0.message)" }.joined() }
        for document in file.documents {
            switch document {
            case .model(let decoded, let findings):
                let model = decoded.model
                lines.append("model \(model.id) at \(model.location) \(model.description ?? "-") host-side \(model.hostSide)")
                lines.append("  broken \(decoded.brokenParameters.sorted()) \(decoded.brokenVersions.sorted())")
                for parameter in model.parameters {
                    lines.append(
                        "  parameter \(parameter.name) \(parameter.type) at \(parameter.location) default \(parameter.defaultValue.map { "\($0)" } ?? "-") "
                            + "values \(parameter.enumValues) allowed \(parameter.allowed) \(parameter.description ?? "-") \(parameter.decidedAtStart)")
                }
                for version in model.versions {
                    let settings = version.settings.map { $0.map { "\($0.parameter)=\($0.value)@\($0.location)" } }
                    lines.append("  version \(version.name) at \(version.location) extends \(version.extends ?? "-") set \(settings.map { "\($0)" } ?? "none") \(version.description ?? "-")")
                }
                lines += findings.map { "  \($0.location) \($0.rule) \($0.message)" }
            case .implementation(let draft): lines.append("implementation \(draft.id)")
            case .linked(let implementation, _): lines.append("linked \(implementation.id)")
            case .machine(let machine): lines.append("machine \(machine.id)")
            }
        }
        return lines
    }

    @Test("a model of every kind of parameter, keys in any order, is typed from the events as the tree types it")
    func wellFormed() {
        let text = """
            model: example.com/dev/nic
            description: "A NIC"
            versions:
              - {version: "1", set: {rx: 16, mode: multi}, description: first}
              - version: "2"
                extends: "1"
                set: {name: 'x y', fast: on}
              - {version: "3", extends: "2"}
            host-side: [netdev, mac]
            parameters:
              rx: {default: 0, type: int, allowed: [0, 16, {min: 32, max: 64}, {max: 100, min: 99}], description: queues}
              mode: {type: enum, values: [single, multi, "x-y"], allowed: [single, multi], default: single}
              name: {type: string, default: "", decided-at-start: true}
              "fast": {type: bool, default: off}
              bare: {type: int}
            ---
            model: example.com/dev/other
            """
        #expect(Self.typedFromEvents(text))
        let (tree, events) = Self.both(text)
        #expect(events == tree)
        #expect(tree.count > 10)
        let (treeFindings, eventsFindings) = Self.both(text, keepingDescriptions: false)
        #expect(eventsFindings == treeFindings)
    }

    @Test("what the tree would report makes the reader give up, and the file is read into the tree", arguments: [
        "model: example.com/dev/a\nunknown: 1\n",
        "model: example.com/dev/a\nmodel: example.com/dev/b\n",
        "model: example.com/dev/a\ndescription: a\ndescription: b\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, type: int}}\n",
        "model: example.com/dev/a\nversions: [{version: \"1\", version: \"2\"}]\n",
        "model: example.com/dev/a\nimplementation: example.com/vmm/1\n",
        "model: not an id\n",
        "model: ~\n",
        "model: example.com/dev/a\ndescription: ~\n",
        "model: example.com/dev/a\nparameters: [a]\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, default: off}, p: {type: int}}\n",
        "model: example.com/dev/a\nparameters: {.p: {type: bool}}\n",
        "model: example.com/dev/a\nparameters: {p: {default: off}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: boolean}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, default: maybe}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, default: ~}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, default: 5, allowed: [1, 2]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, values: [a]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: enum}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: enum, values: []}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: enum, values: [a, a]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: enum, values: [a b]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: enum, values: [a], allowed: [b]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, allowed: []}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, allowed: [1, 1]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, allowed: [{min: 2, max: 1}]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, allowed: [{min: 1}]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, allowed: [{min: 1, max: 2, step: 1}]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, allowed: [{min: 1, max: 2}]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, allowed: [~]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, allowed: [[1]]}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, decided-at-start: yes}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, description: ~}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, typo: 1}}\n",
        "model: example.com/dev/a\nparameters: {p: &x {type: bool}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: !!str bool}}\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool}, q: *x}\n",
        "model: example.com/dev/a\nparameters: {p: {type: string, default: \"a\\u0007b\"}}\n",
        "model: example.com/dev/a\nversions: {v: 1}\n",
        "model: example.com/dev/a\nversions: [{extends: \"1\"}]\n",
        "model: example.com/dev/a\nversions: [{description: no name}]\n",
        "model: example.com/dev/a\nversions: [{version: \"1\"}, {version: \"1\"}]\n",
        "model: example.com/dev/a\nversions: [{version: \"a b\"}]\n",
        "model: example.com/dev/a\nversions: [{version: \"2\", extends: \"1\"}, {version: \"1\"}]\n",
        "model: example.com/dev/a\nversions: [{version: \"1\", set: {p: 1}}]\n",
        "model: example.com/dev/a\nparameters: {p: {type: int}}\nversions: [{version: \"1\", set: {p: x}}]\n",
        "model: example.com/dev/a\nparameters: {p: {type: int, allowed: [1]}}\nversions: [{version: \"1\", set: {p: 2}}]\n",
        "model: example.com/dev/a\nparameters: {p: {type: int}}\nversions: [{version: \"1\", set: {p: 1, p: 2}}]\n",
        "model: example.com/dev/a\nparameters: {p: {type: int}}\nversions: [{version: \"1\", set: ~}]\n",
        "model: example.com/dev/a\nversions: [{version: \"1\", description: ~}]\n",
        "model: example.com/dev/a\nversions: [{version: \"1\", typo: 1}]\n",
        "model: example.com/dev/a\nhost-side: [a, a]\n",
        "model: example.com/dev/a\nhost-side: [-a]\n",
        "model: example.com/dev/a\nparameters: {a: {type: bool}}\nhost-side: [a]\n",
        "model: example.com/dev/a\nparameters: {p: {type: bool, default: off}\n",
        "model: example.com/dev/a\nparameters:\n  p: {type: int, default: 0}\nversions:\n  - version: \"1\"\n  - version: \"2\"\n    extends: \"1\"\n",
    ])
    func givesUp(_ text: String) {
        let (tree, events) = Self.both(text)
        #expect(events == tree)
        let (treeFindings, eventsFindings) = Self.both(text, keepingDescriptions: false)
        #expect(eventsFindings == treeFindings)
    }

    @Test("a model whose first key is not `model`, or whose root has a tag, is read into the tree alone")
    func notTyped() {
        for text in ["description: d\nmodel: example.com/dev/a\n", "--- !!map\nmodel: example.com/dev/a\n", "model:\n  example.com/dev/a\n"] {
            let (tree, events) = Self.both(text)
            #expect(events == tree, "\(text)")
        }
        #expect(!Self.typedFromEvents("description: d\nmodel: example.com/dev/a\n"))
        #expect(!Self.typedFromEvents("model: example.com/dev/a\nparameters: {p: {type: bool, default: maybe}}\n"))
        #expect(Self.typedFromEvents("model: example.com/dev/a\nparameters: {p: {type: bool, default: on}}\n"))
    }

    @Test("a model of many enum parameters and ranges keeps each parameter's own values and domain, shared or not", arguments: [
        YAMLReader.ModelTyping.tree, .events(keepingDescriptions: true),
    ])
    func sharedLists(_ typing: YAMLReader.ModelTyping) throws {
        // 40 parameters over 20 distinct value lists and 20 distinct domains: past the 16 compared one by one.
        let lists = (0..<40).map { ["a\($0 % 20)", "b", "c\($0 % 20)"] }
        let text = "model: example.com/dev/many\nparameters:\n" + lists.enumerated().map { index, values in
            "  e\(index): {type: enum, values: [\(values.joined(separator: ", "))], default: b}\n"
                + "  r\(index): {type: int, default: 0, allowed: [{min: 0, max: \(index % 20)}]}\n"
        }.joined()
        let file = YAMLReader.read(Array(text.utf8), file: "m.yaml", lines: nil, typingEntries: true, models: typing)
        let decoded = DecodedFile(file, budget: SuggestionBudget())
        #expect(decoded.diagnostics.isEmpty)
        guard case .model(let model, _)? = decoded.documents.first else {
            Issue.record("no model")
            return
        }
        for (index, values) in lists.enumerated() {
            #expect(model.model.parameter(named: "e\(index)")?.enumValues == values)
            #expect(model.model.parameter(named: "r\(index)")?.allowed == Domain([.range(0...Int64(index % 20))]))
        }
    }

    @Test("random models, with and without mistakes, in files of several documents: the same either way", arguments: 0..<60)
    func differential(seed: Int) {
        var random = SplitMix(seed: UInt64(seed) &+ 7000)
        var documents: [String] = []
        for index in 0..<(1 + random.next(3)) {
            documents.append(Self.randomModel(index, &random, mistakes: seed % 3 != 0))
        }
        if random.next(3) == 0 { documents.append("implementation: example.com/vmm/1\nmodels: {example.com/dev/d0: {}}\n") }
        if random.next(3) == 0 { documents.append("machine: example.com/machine/1\n") }
        let text = documents.map { "---\n" + $0 }.joined()
        let (tree, events) = Self.both(text)
        #expect(events == tree, "\(text)")
        let (treeFindings, eventsFindings) = Self.both(text, keepingDescriptions: false)
        #expect(eventsFindings == treeFindings, "\(text)")
        if seed % 3 == 0 { #expect(Self.typedFromEvents(documents[0]), "\(documents[0])") }
    }

    /// A model document; with `mistakes`, some of its parts are broken in one of many ways.
    private static func randomModel(_ index: Int, _ random: inout SplitMix, mistakes: Bool) -> String {
        func pick(_ good: String, _ bad: [String]) -> String {
            mistakes && random.next(6) == 0 ? bad[random.next(bad.count)] : good
        }
        var parameters: [String] = []
        var names: [(String, String)] = []
        for position in 0..<(1 + random.next(5)) {
            let name = pick("p\(position)", ["p0", ".p", "p p", "\"\""])
            var fields: [String]
            var value: String
            switch random.next(4) {
            case 0:
                fields = [pick("type: int", ["type: integer", "type: ~"]), pick("default: \(random.next(3))", ["default: x", "default: 7", "default: ~"])]
                if random.next(2) == 0 {
                    fields.append(pick("allowed: [0, 1, 2, {min: 10, max: 20}]", ["allowed: []", "allowed: [0, 0]", "allowed: [{min: 3, max: 1}]", "allowed: [{min: 1}]", "allowed: [x]"]))
                }
                value = "\(10 + random.next(11))"
            case 1:
                fields = ["type: bool", pick("default: \(random.next(2) == 0 ? "off" : "on")", ["default: no", "default: 1"])]
                if random.next(3) == 0 { fields.append(pick("allowed: [on, off]", ["allowed: [{min: 0, max: 1}]", "allowed: [yes]"])) }
                value = random.next(2) == 0 ? "on" : "off"
            case 2:
                fields = ["type: enum", pick("values: [a, b, c]", ["values: []", "values: [a, a]", "values: [a b]", "values: ~"]), pick("default: a", ["default: z"])]
                if random.next(2) == 0 { fields.append(pick("allowed: [a, b]", ["allowed: [z]", "allowed: [a, a]"])) }
                value = random.next(2) == 0 ? "b" : "'a'"
            default:
                fields = ["type: string", pick("default: \"\"", ["default: ~", "values: [a]"])]
                value = "\"v\(random.next(9))\""
            }
            if random.next(2) == 0 { fields.append(pick("description: \"parameter \(position)\"", ["description: ~", "description: [x]"])) }
            if random.next(4) == 0 { fields.append(pick("decided-at-start: true", ["decided-at-start: maybe"])) }
            if mistakes && random.next(8) == 0 { fields.append("typo: 1") }
            fields.shuffle(using: &random)
            parameters.append("  \(name): {\(fields.joined(separator: ", "))}")
            names.append((name, value))
        }
        var versions: [String] = []
        for number in 1...(1 + random.next(4)) {
            var fields = [pick("version: \"\(number)\"", ["version: \"1\"", "version: \"a b\"", "extends: \"1\""])]
            if number > 1 && random.next(3) > 0 { fields.append(pick("extends: \"\(number - 1)\"", ["extends: \"9\""])) }
            if random.next(4) > 0 {
                let (name, value) = names[random.next(names.count)]
                fields.append(pick("set: {\(name): \(value)}", ["set: {zz: 1}", "set: {\(name): [1]}", "set: ~", "set: {\(name): \(value), \(name): \(value)}"]))
            }
            if random.next(3) == 0 { fields.append("description: version \(number)") }
            fields.shuffle(using: &random)
            versions.append("  - {\(fields.joined(separator: ", "))}")
        }
        var sections = [
            "parameters:\n" + parameters.joined(separator: "\n"),
            "versions:\n" + versions.joined(separator: "\n"),
        ]
        if random.next(3) == 0 { sections.append("description: model \(index)") }
        if random.next(4) == 0 { sections.append(pick("host-side: [netdev]", ["host-side: [p0]", "host-side: [x, x]"])) }
        if mistakes && random.next(10) == 0 { sections.append("extra: 1") }
        sections.shuffle(using: &random)
        return pick("model: example.com/dev/d\(index)", ["model: bad", "model: example.com/dev/d0"]) + "\n" + sections.joined(separator: "\n") + "\n"
    }
}

import DeviceModelRegistry
import Testing

@Suite("Walking a model's versions along extends with one row of values")
struct VersionWalkTests {
    private func model(_ text: String) throws -> DeviceModel {
        let loaded = RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "m.yaml")])
        return try #require(loaded.registry.models.first)
    }

    /// A version's values the slow way: its chain from the root, applied in turn.
    private func expansion(_ model: DeviceModel, _ name: String) -> [ParameterValue?]? {
        guard let chain = model.versionChain(name) else { return nil }
        var values = model.parameters.map(\.defaultValue)
        for link in chain {
            for setting in link.settings ?? [] { values[model.parameterPosition(named: setting.parameter)!] = setting.value }
        }
        return values
    }

    /// The version that last set each parameter along a version's chain.
    private func setters(_ model: DeviceModel, _ name: String) -> [String?] {
        var setters = [String?](repeating: nil, count: model.parameters.count)
        for link in model.versionChain(name) ?? [] {
            for setting in link.settings ?? [] { setters[model.parameterPosition(named: setting.parameter)!] = link.name }
        }
        return setters
    }

    @Test("each version is visited once, after its parent, holding its chain's values and who set each")
    func branches() throws {
        var text = "model: example.com/m\nparameters:\n"
        for index in 0..<5 { text += "  p\(index): {type: int\(index == 4 ? "" : ", default: 0")}\n" }
        text += "versions:\n"
        // A forest: versions extend one of several earlier versions, or none; some set nothing.
        for index in 0..<40 {
            let extends = index % 9 == 0 ? "" : ", extends: v\((index * 7) % index)"
            let set = index % 5 == 3 ? "" : ", set: {p\(index % 5): \(index % 3), p\((index + 2) % 5): \(index % 4)}"
            text += "  - {version: v\(index)\(extends)\(set)}\n"
        }
        let model = try model(text)
        var row = model.parameters.map(\.defaultValue)
        var order: [Int] = []
        var setBy = [String?](repeating: nil, count: row.count)
        model.walkVersions(from: row) { position, from, to, setter in
            #expect(row[position] == from)
            row[position] = to
            setBy[position] = setter.map { model.versions[$0].name }
        } visit: { version in
            #expect(row == expansion(model, model.versions[version].name))
            #expect(setBy == setters(model, model.versions[version].name))
            if let parent = model.versions[version].extends { #expect(order.contains(model.versionPosition(parent)!)) }
            order.append(version)
        }
        #expect(order.sorted() == Array(0..<40))
        #expect(row == model.parameters.map(\.defaultValue))
    }

    @Test("not visited: a version skipped, one extending no earlier version, a repeated name, and what extends them")
    func skipped() throws {
        // Built by hand: the loader reports such versions and drops their `extends`.
        let here = SourceLocation.start(of: "m.yaml")
        func version(_ name: String, extends: String? = nil, _ value: Int64? = nil) -> ModelVersion {
            ModelVersion(
                name: name, extends: extends, settings: value.map { [.init(parameter: "p", value: .int($0), location: here)] },
                location: here)
        }
        let model = DeviceModel(
            id: "example.com/m", parameters: [Parameter(name: "p", type: .int, defaultValue: .int(0), location: here)],
            versions: [
                version("a", 1), version("b", extends: "a"), version("c", extends: "b"), version("d", extends: "e"),
                version("e"), version("a", 2), version("f", extends: "d"), version("g", extends: "zz"),
            ],
            location: here)
        var visited: [String] = []
        model.walkVersions(from: [.int(0)], skipping: { model.versions[$0].name == "b" }, change: { _, _, _, _ in }) { version in
            visited.append(model.versions[version].name)
        }
        #expect(visited == ["a", "e"])
    }

    @Test("a chain of 20,000 versions is walked without recursion")
    func longChain() throws {
        var text = "model: example.com/m\nparameters: {p: {type: int, default: 0}}\nversions:\n"
        for index in 0..<20_000 { text += "  - {version: v\(index)\(index == 0 ? "" : ", extends: v\(index - 1)"), set: {p: \(index)}}\n" }
        let model = try model(text)
        var visits = 0
        var last: ParameterValue?
        model.walkVersions(from: [.int(0)], change: { _, _, to, _ in last = to }) { _ in visits += 1 }
        #expect(visits == 20_000)
        // The walk ends with the last visit: nothing is changed back after it.
        #expect(last == .int(19_999))
    }
}

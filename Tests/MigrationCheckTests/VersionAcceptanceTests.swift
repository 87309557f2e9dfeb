import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck
import Testing

/// `baseline`, `expand --for` and the fixes' version judge versions without expanding them
/// (walking them along `extends`); here every answer is held to the one that expanding every
/// version and checking each gives, on a model whose versions branch.
@Suite("Versions judged without being expanded agree with every version expanded")
struct VersionAcceptanceTests {
    static let registry: Registry = {
        var text = "model: example.com/m\nparameters:\n"
        for index in 0..<6 { text += "  p\(index): {type: int, default: 0, allowed: [{min: 0, max: 3}]}\n" }
        text += "versions:\n"
        for index in 0..<30 {
            let extends = index % 7 == 0 ? "" : ", extends: v\((index * 5) % index)"
            let set = index % 4 == 3 ? "" : ", set: {p\(index % 6): \(index % 4)}"
            text += "  - {version: v\(index)\(extends)\(set)}\n"
        }
        // Implementations that each leave out some parameters (run at the default) and narrow others.
        for index in 0..<5 {
            text += "---\nimplementation: example.com/i/\(index)\nmodels:\n  example.com/m:\n    parameters:\n"
            for parameter in 0..<6 where (parameter + index) % 5 != 0 {
                let allowed = (0..<4).filter { $0 != (parameter * index + index) % 4 }.map(String.init)
                text += "      p\(parameter): {allowed: [\(allowed.joined(separator: ", "))]}\n"
            }
        }
        // One that implements another model only.
        text += "---\nmodel: example.com/other\n---\nimplementation: example.com/i/5\nmodels: {example.com/other: {}}\n"
        let loaded = RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "m.yaml")])
        precondition(loaded.diagnostics.allSatisfy { $0.severity != .error }, "\(loaded.diagnostics)")
        return loaded.registry
    }()

    static let destinations: [[String]] = [["0"], ["1"], ["2", "3"], ["4"], ["0", "1", "2", "3", "4"], ["1", "4"]]

    private static func destination(_ ids: [String], narrowing: Bool) throws -> Destination {
        let resolved = try Destination.resolve(argument: ids.map { "example.com/i/\($0)" }.joined(separator: ","), in: registry)
        guard narrowing else { return resolved }
        return Destination(
            name: resolved.name, implementations: resolved.implementations,
            narrowing: ["example.com/m": ["p1": Domain([.value(.int(0))])]])
    }

    /// Sets of destinations for baseline, each destination a list of implementations.
    static let fleets: [[[String]]] = [
        [["0", "1", "2", "3", "4"]], [["0", "1", "2"], ["2", "3", "4"]], [["0", "1"], ["2", "3"], ["4", "0"]], [["1"]], [["3"], ["4"]], [["5"], ["0", "5"]],
    ]

    @Test("baseline: the chosen version and every refusal", arguments: [[], ["p2=0"], ["p0=0", "p5=2"]], [false, true])
    func baseline(overrides: [String], narrowing: Bool) throws {
        let checker = Checker(registry: Self.registry)
        let model = try #require(Self.registry.model("example.com/m"))
        let set = overrides.compactMap(Override.init(assignment:))
        let all = try Expander.expandEveryVersion(model, overrides: set).reversed()
        var answers: Set<String?> = []
        for fleet in Self.fleets {
            let destinations = try fleet.map { try Self.destination($0, narrowing: narrowing) }
            let entry = try checker.baseline(model, overrides: set, destinations: destinations)
            var refused: [String] = []
            var findings: [[CheckFinding]] = []
            var chosen: ExpandedDevice?
            for candidate in all {
                let refusing = destinations.filter { !checker.accepts(candidate, on: $0) }
                if refusing.isEmpty { chosen = candidate; break }
                refused += refusing.map { "\(candidate.version!) \($0.name)" }
                findings += refusing.map { checker.check(candidate, id: model.id, on: $0, explain: false).findings }
            }
            #expect(entry.chosen?.version == chosen?.version)
            #expect(entry.chosen?.parameters == chosen?.parameters)
            #expect(entry.refused.map { "\($0.version!) \($0.destination)" } == refused)
            #expect(entry.refused.map(\.findings) == findings)
            answers.insert(chosen?.version)
        }
        // Not one answer for every fleet: the model and implementations tell versions apart.
        if overrides.isEmpty { #expect(answers.count > 1 && answers.contains(nil)) }
    }

    @Test("expand --for: the newest version the implementation accepts", arguments: 0..<5)
    func expandFor(index: Int) throws {
        let checker = Checker(registry: Self.registry)
        let model = try #require(Self.registry.model("example.com/m"))
        let implementation = try #require(Self.registry.implementation("example.com/i/\(index)"))
        let newest = try Expander.expandEveryVersion(model).last { checker.accepts($0, on: implementation) }
        let report = try checker.expansion(model: model.id, overrides: [], for: implementation.id)
        #expect(report.refusal.isEmpty == (newest != nil))
        #expect(report.device.version == (newest?.version ?? model.versions.last?.name))
    }

    @Test("a fix names the newest version one of the destination's implementations accepts")
    func fixVersion() throws {
        let checker = Checker(registry: Self.registry)
        let model = try #require(Self.registry.model("example.com/m"))
        let all = try Expander.expandEveryVersion(model)
        for ids in Self.destinations {
            let destination = try Self.destination(ids, narrowing: false)
            let newest = all.last { device in destination.implementations.contains { checker.accepts(device, on: $0) } }
            for device in all where !checker.accepts(device, on: destination) {
                let result = checker.check(device, id: "d", on: destination)
                #expect(!result.findings.isEmpty)
                #expect(result.findings.allSatisfy { $0.fix?.version == newest?.version })
            }
        }
    }
}

import DeviceModelRegistry
import Foundation
import Testing

@Suite("Validation rules (SPEC 2.7)")
struct RuleTests {
    @Test("each rule fires where the fixture marks it, and nothing else fires", arguments: RuleFixtures.all)
    func triggers(_ fixture: RuleCase) throws {
        let registry = MarkedRegistry(fixture.triggering)
        let expected = registry.markers.keys.sorted().compactMap { registry.markers[$0] }
        try #require(!expected.isEmpty, "the fixture marks no location")
        #expect(registry.diagnostics.map(\.rule) == Array(repeating: fixture.rule, count: expected.count),
                "\(registry.diagnostics.map { "\($0.location): \($0.message) [\($0.rule)]" })")
        #expect(registry.diagnostics.map(\.location) == expected)
        let severity = try #require(Rule.registryRules.first { $0.id == fixture.rule }).severity
        #expect(registry.diagnostics.allSatisfy { $0.severity == severity })
        for (diagnostic, text) in zip(registry.diagnostics, fixture.messages) {
            #expect(diagnostic.message.contains(text), "\(diagnostic.message)")
        }
    }

    @Test("the near miss of each rule is clean", arguments: RuleFixtures.all)
    func nearMiss(_ fixture: RuleCase) {
        let registry = MarkedRegistry(fixture.clean)
        #expect(registry.diagnostics.map { "\($0.location): \($0.message) [\($0.rule)]" } == [])
    }

    @Test("validate's load of a directory (two rounds, findings alone kept) finds what the whole load finds", arguments: RuleFixtures.all)
    func findingsLoad(_ fixture: RuleCase) throws {
        for files in [fixture.triggering, fixture.clean] {
            let dir = try TemporaryDirectory()
            for (name, marked) in files {
                let url = URL(fileURLWithPath: dir.path + "/" + name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(MarkedRegistry.bytes(MarkedSource(marked).text)).write(to: url)
            }
            func lines(_ diagnostics: [Diagnostic], below prefix: String) -> [String] {
                diagnostics.map { "\($0.location.file.dropFirst(prefix.count)):\($0.location.line):\($0.location.column) \($0.rule) \($0.message)" }
            }
            let findings = try RegistryLoader.load(directory: dir.path, retaining: .findings)
            // Sorted: a directory is read in path order, the fixture's files in the order written.
            #expect(lines(findings.diagnostics, below: dir.path + "/").sorted() == lines(MarkedRegistry(files).diagnostics, below: "").sorted())
        }
    }

    @Test("every rule of SPEC 2.7 but unreadable-file has an in-memory fixture")
    func everyRuleCovered() {
        let covered = Set(RuleFixtures.all.map(\.rule))
        let rules = Set(Rule.registryRules.map(\.id)).subtracting(["unreadable-file"])
        #expect(rules.subtracting(covered) == [])
    }

    @Test("duplicates point at the first definition in a note")
    func duplicateNotes() throws {
        let registry = MarkedRegistry([
            ("a.yaml", "model: 1️⃣example.com/nic\nparameters:\n  2️⃣rss: {type: bool, default: off}\n"),
            ("b.yaml", "model: 3️⃣example.com/nic\nparameters:\n  rss: {type: bool, default: off}\n  4️⃣rss: {type: bool}\n"),
        ])
        let byRule = Dictionary(grouping: registry.diagnostics, by: \.rule)
        let duplicateModel = try #require(byRule["duplicate-model"]?.first)
        #expect(duplicateModel.location == registry.markers["3"])
        #expect(duplicateModel.notes.map(\.location) == registry.locations("1"))
        let duplicateKey = try #require(byRule["duplicate-key"]?.first)
        #expect(duplicateKey.location == registry.markers["4"])
        #expect(duplicateKey.notes.first?.location.line == 3)
        #expect(duplicateKey.notes.first?.location.file == "b.yaml")
    }

    @Test("findings name the model, version and parameter they are about")
    func findingContext() throws {
        let registry = MarkedRegistry("""
            model: example.com/nic
            parameters:
              rx: {type: int, default: 0, allowed: [0, 16]}
            versions:
              - version: "2"
                set: {rx: 17}
            """)
        let finding = try #require(registry.diagnostics.first)
        #expect(finding.rule == "value-not-allowed")
        #expect(finding.model == "example.com/nic")
        #expect(finding.version == "2")
        #expect(finding.parameter == "rx")
    }

    @Test("a registry with many problems reports them all, in file and line order")
    func allProblemsInOneRun() {
        let registry = MarkedRegistry([
            ("a.yaml", "model: example.com/a\nparameters:\n  x: {type: bool, default: 1️⃣maybe}\n  y: {type: int, 2️⃣defualt: 0}\n"),
            ("b.yaml", "model: 3️⃣example.com/a\n"),
            ("c.yaml", "implementation: example.com/v/1\nmodels:\n  4️⃣example.com/zzz: {}\n"),
        ])
        #expect(registry.diagnostics.map(\.rule) == ["wrong-type", "unknown-key", "duplicate-model", "unknown-model"])
        #expect(registry.diagnostics.map(\.location) == registry.locations("1", "2", "3", "4"))
    }

    @Test("a mistake in a parameter's definition is reported once, not again by the versions and implementations")
    func noCascade() {
        let registry = MarkedRegistry("""
            model: example.com/nic
            parameters:
              rss: {type: bool, 1️⃣defualt: off}
            versions:
              - version: "1"
            ---
            implementation: example.com/vmm/1
            models:
              example.com/nic: {}
            """)
        #expect(registry.diagnostics.map(\.rule) == ["unknown-key"])
        #expect(registry.diagnostics.map(\.location) == registry.locations("1"))
    }

    @Test("an implementation listing a parameter whose type could not be read is not told it is unknown")
    func noCascadeFromUntyped() {
        let registry = MarkedRegistry("""
            model: example.com/nic
            parameters:
              rate: {type: 1️⃣float, default: 1}
            ---
            implementation: example.com/vmm/1
            models:
              example.com/nic:
                parameters: {rate: {allowed: [1]}}
            """)
        #expect(registry.diagnostics.map(\.rule) == ["wrong-type"])
        #expect(registry.diagnostics.map(\.location) == registry.locations("1"))
    }

    @Test("a version that leaves several parameters unset gets one finding naming them")
    func missingValuesTogether() throws {
        let registry = MarkedRegistry("""
            model: example.com/nic
            parameters:
              a: {type: int}
              b: {type: int}
              c: {type: bool}
            versions:
              - version: 1️⃣"1"
                set: {b: 2}
            """)
        let finding = try #require(registry.diagnostics.first)
        #expect(registry.diagnostics.map(\.rule) == ["version-missing-value"])
        #expect(finding.location == registry.markers["1"])
        #expect(finding.message == "version '1' leaves 'a', 'c' unset, and they have no default")
        #expect(finding.parameter == "a")
    }
}

import DeviceModelRegistry
import Testing

/// Regressions for SPEC 9 ("no input may hang"), found while stress-testing the
/// loader next to the fuzzer (fuzz/README.md). The inputs are a few hundred
/// kilobytes of valid-looking YAML, so they are generated here rather than written out.
///
/// Measured on the 2-core dev machine at cf86d75 (debug build):
/// - `identicalVersionsSearch` — 1000 parameters × 1000 chained versions (100 KB):
///   25 s (release 0.7 s; 4000 × 4000, a 410 KB file, takes 34 s and 400 MB in release).
///   `identical-versions` compares each version's full expansion with every earlier
///   one, O(versions² × parameters), and keeps every expansion, O(versions × parameters).
/// - `longExtendsChain` — 8000 versions, each extending the one before (250 KB): 24 s
///   (release 5.7 s; 20 000 versions, a 700 KB file, 27 s in release). The chain of
///   every version is rebuilt from the root, O(versions²) copies of `ModelVersion`.
///
/// Version rules are now linear in the model's size: the versions are walked along
/// `extends` with one row of values, and each expansion is a node of a shared tree
/// (equal expansions are one node), never a copy of every value. Speed is not asserted here — that
/// is the benchmark's job — but these inputs keep the findings right on models
/// this large, and a return of the quadratic behaviour makes the suite visibly slow.
@Suite("Version rules on very large models (SPEC 9: no hang)")
struct VersionRulesScalingTests {
    private func load(_ text: String) -> [Diagnostic] {
        RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "big.yaml")]).diagnostics
    }

    @Test("identical-versions on 1000 parameters × 1000 chained versions")
    func identicalVersionsSearch() {
        let count = 1000
        var text = "model: example.com/big\nparameters:\n"
        for index in 0..<count {
            text += "  p\(index): {type: int, default: 0}\n"
        }
        text += "versions:\n"
        for index in 0..<count {
            let extends = index == 0 ? "" : ", extends: \"\(index - 1)\""
            text += "  - {version: \"\(index)\"\(extends), set: {p\(index): 1}}\n"
        }
        // The same values as the last version, reached from the one before it.
        text += "  - {version: dup, extends: \"\(count - 2)\", set: {p\(count - 1): 1}}\n"

        let diagnostics = load(text)
        #expect(diagnostics.map(\.rule) == ["identical-versions"])
        #expect(diagnostics.first?.version == "dup")
        #expect(diagnostics.first?.message.contains("'\(count - 1)'") == true)
    }

    @Test("a chain of 8000 versions, each extending the one before")
    func longExtendsChain() {
        let count = 8000
        var text = "model: example.com/chain\nparameters:\n  p: {type: bool, default: off}\nversions:\n"
        for index in 0..<count {
            let extends = index == 0 ? "" : ", extends: \"\(index - 1)\""
            text += "  - {version: \"\(index)\"\(extends)}\n"
        }
        // Sets what it inherits already: identical to the versions before it.
        text += "  - {version: last, extends: \"\(count - 1)\", set: {p: off}}\n"

        let diagnostics = load(text)
        #expect(diagnostics.map(\.rule) == ["identical-versions"])
        #expect(diagnostics.first?.version == "last")
    }

    @Test("200 parameters × 200 versions, each setting its own value: rows of value numbers, hashed")
    func manyValuesInRows() {
        // 40,000 values: small enough for rows; 400 values set and defaults, enough to number them
        // by hash; 200 versions, enough to find rows by hash too.
        let count = 200
        var text = "model: example.com/wide\nparameters:\n  needed: {type: string}\n"
        for index in 0..<count {
            text += "  p\(index): {type: string, default: none}\n"
        }
        text += "versions:\n  - {version: \"0\", set: {needed: x}}\n"
        for index in 1..<count {
            text += "  - {version: \"\(index)\", extends: \"\(index - 1)\", set: {p\(index): v\(index)}}\n"
        }
        // The same values as the last version, set in another order from an earlier one.
        text += "  - {version: dup, extends: \"\(count - 3)\", set: {p\(count - 1): v\(count - 1), p\(count - 2): v\(count - 2)}}\n"
        // Leaves `needed` unset.
        text += "  - {version: bare, set: {p1: v1}}\n"

        let diagnostics = load(text)
        #expect(diagnostics.map(\.rule).sorted() == ["identical-versions", "version-missing-value"])
        #expect(diagnostics.first { $0.rule == "identical-versions" }?.version == "dup")
        #expect(diagnostics.first { $0.rule == "identical-versions" }?.message.contains("'\(count - 1)'") == true)
        #expect(diagnostics.first { $0.rule == "version-missing-value" }?.version == "bare")
        #expect(diagnostics.first { $0.rule == "version-missing-value" }?.parameter == "needed")
    }
}

@Suite("Version rules at the edges")
struct VersionRulesEdgeTests {
    private func load(_ text: String) -> [Diagnostic] {
        RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "edge.yaml")]).diagnostics
    }

    @Test("a model with no parameter: its versions' rows are empty, and all equal")
    func noParameters() {
        let text = """
            model: example.com/empty
            parameters: {}
            versions:
              - version: "1"
              - {version: "2", extends: "1"}
              - {version: "3", extends: "2", set: {}}
            """
        let diagnostics = load(text)
        #expect(diagnostics.map(\.rule) == ["identical-versions"])
        #expect(diagnostics.first?.version == "3")
    }
}

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
}

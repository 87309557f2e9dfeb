import DeviceModelRegistry
import Testing

/// Regressions for SPEC 9 ("no input may hang"): loader paths that are quadratic in
/// the size of one registry file, found by the stress inputs of `fuzz/large-inputs`
/// (see fuzz/README.md). The inputs are generated: a few hundred kilobytes each.
///
/// Measured on the 2-core dev machine at 2a4473d, release build, `migcheck validate`:
/// - versions whose `extends` names no earlier version: each one's suggestion is
///   searched among all earlier version names — 16 000 versions (670 KB): 29 s;
/// - versions that `set` parameters the model lacks: each suggestion is searched among
///   all parameters — 5000 × 5000 (360 KB): 5.4 s;
/// - implementations naming models the registry lacks: each suggestion is searched
///   among all models — 5000 × 5000 (920 KB): 10 s;
/// - (in `VersionRulesScalingTests.longExtendsChain`) `ModelDecoder.decodeVersion`
///   scans every earlier version for a duplicate name and for its `extends` —
///   64 000 chained versions (2.6 MB): 17 s.
/// A 64 MiB file, the largest read, multiplies these by about 10⁴.
///
/// Speed is not asserted (the debug build is slow and machines vary); the sizes here
/// take 3–6 s each in a debug build while the behaviour is quadratic, and well under
/// a second once it is linear.
@Suite("Loader findings on very large files (SPEC 9: no hang)")
struct LargeInputTests {
    private func rules(_ text: String) -> [String] {
        RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "big.yaml")]).diagnostics.map(\.rule)
    }

    @Test("1500 versions, each extending a version that does not exist")
    func unknownExtends() {
        let count = 1500
        var text = "model: example.com/m\nparameters:\n  p: {type: bool, default: off}\nversions:\n"
        for index in 0..<count {
            text += "  - {version: v\(index), extends: w\(index)}\n"
        }
        #expect(rules(text) == Array(repeating: "unknown-extends", count: count))
    }

    @Test("1000 versions of a 1000-parameter model, each setting a parameter it lacks")
    func unknownParameterInSet() {
        let count = 1000
        var text = "model: example.com/m\nparameters:\n"
        for index in 0..<count {
            text += "  p\(index): {type: int, default: 0}\n"
        }
        text += "versions:\n"
        for index in 0..<count {
            text += "  - {version: \"\(index)\", set: {q\(index): 1}}\n"
        }
        #expect(rules(text) == Array(repeating: "unknown-parameter", count: count))
    }

    @Test("800 implementations, each naming one of 800 models with a typo")
    func unknownModel() {
        let count = 800
        var text = ""
        for index in 0..<count {
            text += "---\nmodel: example.com/m\(index)\nparameters: {p: {type: bool, default: off}}\nversions: [{version: \"1\"}]\n"
        }
        for index in 0..<count {
            text += "---\nimplementation: example.com/i/\(index)\nmodels: {example.com/n\(index): {parameters: {}}}\n"
        }
        #expect(rules(text) == Array(repeating: "unknown-model", count: count))
    }
}

import ConfigExpansion
import DeviceModelRegistry
import Testing

@Suite("Expansion (SPEC 4)")
struct ExpanderTests {
    static let registry: Registry = {
        let text = """
            model: vendor-a.com/my-nic
            parameters:
              rss: {type: bool, default: off}
              rx-filter-size: {type: int, default: 0, allowed: [0, 16, 32, {min: 48, max: 64}]}
              num-resources: {type: int, allowed: [64]}
              queue-mode: {type: enum, values: [single, multi], default: single}
            versions:
              - version: "1"
                set: {num-resources: 64}
              - version: "2"
                extends: "1"
                set: {rss: on, rx-filter-size: 32}
              - version: "2.1"
                extends: "2"
              - version: "3"
                extends: "2.1"
                set: {queue-mode: multi}
            """
        let loaded = RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "nic.yaml")])
        precondition(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        return loaded.registry
    }()

    private func expand(_ version: String?, _ overrides: [String] = []) throws -> [String: String] {
        let device = try Expander.expand(
            model: "vendor-a.com/my-nic", version: version, overrides: overrides.compactMap(Override.init(assignment:)),
            in: Self.registry)
        return Dictionary(uniqueKeysWithValues: device.parameters.map { ($0.name, "\($0.value) from \($0.provenance)") })
    }

    @Test("defaults, then the extends chain root first, each value from the version that last set it")
    func chain() throws {
        #expect(try expand("3") == [
            "rss": "true from version 2",
            "rx-filter-size": "32 from version 2",
            "num-resources": "64 from version 1",
            "queue-mode": "multi from version 3",
        ])
        #expect(try expand("2.1") == expand("2").mapValues { $0 })
    }

    @Test("overrides apply in order, the later winning; values are canonical")
    func overrides() throws {
        let result = try expand("2", ["rx-filter-size=16", "rss=off", "rx-filter-size=0x30"])
        #expect(result["rx-filter-size"] == "48 from override")
        #expect(result["rss"] == "false from override")
        #expect(result["queue-mode"] == "single from default")
        #expect(Override(assignment: "name=a=b") == Override(parameter: "name", text: "a=b"))
        #expect(Override(assignment: "=x") == nil)
    }

    @Test("the parameters come in the model's order")
    func order() throws {
        let device = try Expander.expand(model: "vendor-a.com/my-nic", version: "1", in: Self.registry)
        #expect(device.parameters.map(\.name) == ["rss", "rx-filter-size", "num-resources", "queue-mode"])
    }

    @Test("errors name what was asked and suggest the closest name", arguments: [
        ("vendor-a.com/my-nik", "1", [], "unknown model 'vendor-a.com/my-nik'; did you mean 'vendor-a.com/my-nic'?"),
        ("vendor-a.com/my-nic", "2.2", [], "has no version '2.2'; the closest older version is '2.1'; the versions are '1', '2', '2.1'"),
        // Never a newer version first: '1.5' is answered with '1', not with the nearer spelling '2'.
        ("vendor-a.com/my-nic", "1.5", [], "has no version '1.5'; the closest older version is '1'; the versions are '1', '2', '2.1'"),
        ("vendor-a.com/my-nic", "0", [], "has no version '0'; no version is older than '0'; the versions are '1', '2', '2.1'"),
        ("vendor-a.com/my-nic", "1", ["rx-filter-sise=16"], "has no parameter 'rx-filter-sise'; did you mean 'rx-filter-size'?"),
        // Nothing close: the model's parameters, so that the answer is at hand.
        ("vendor-a.com/my-nic", "1", ["mtu=1500"],
         "has no parameter 'mtu'; its parameters are 'rss', 'rx-filter-size', 'num-resources', 'queue-mode'"),
        ("vendor-a.com/my-nic", "1", ["rx-filter-size=sixteen"], "'sixteen' is not an int"),
        ("vendor-a.com/my-nic", "1", ["rx-filter-size=17"], "17 is outside the domain of parameter 'rx-filter-size'"),
        ("vendor-a.com/my-nic", "1", ["queue-mode=triple"], "\"triple\" is outside the domain"),
        ("vendor-a.com/my-nic", nil, [], "parameter 'num-resources' of model 'vendor-a.com/my-nic' has no value"),
    ] as [(String, String?, [String], String)])
    func errors(_ model: String, _ version: String?, _ overrides: [String], _ message: String) {
        #expect {
            try Expander.expand(
                model: model, version: version, overrides: overrides.compactMap(Override.init(assignment:)), in: Self.registry)
        } throws: { error in
            (error as? InputError)?.message.contains(message) == true
        }
    }

    @Test("an override can supply a value no version gives")
    func overrideWithoutVersion() throws {
        #expect(try expand(nil, ["num-resources=64"])["num-resources"] == "64 from override")
    }

    @Test("every version at once gives what each version alone gives, overrides on top")
    func everyVersion() throws {
        let model = try #require(Self.registry.model("vendor-a.com/my-nic"))
        let overrides = [Override(parameter: "queue-mode", text: "multi")]
        let all = try Expander.expandEveryVersion(model, overrides: overrides)
        #expect(all.map(\.version) == model.versions.map(\.name))
        for device in all {
            let alone = try Expander.expand(model, version: device.version, overrides: overrides)
            #expect(device.parameters == alone.parameters, "version \(device.version ?? "-")")
        }
    }
}

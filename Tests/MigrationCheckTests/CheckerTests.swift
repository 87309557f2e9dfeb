import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck
import Testing

@Suite("The check (SPEC 5)")
struct CheckerTests {
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
                extends: "2"
                set: {rx-filter-size: 48}
            ---
            implementation: example.com/old/1
            models:
              vendor-a.com/my-nic:
                parameters: {num-resources: {}}
            ---
            implementation: example.com/rss/2
            models:
              vendor-a.com/my-nic:
                parameters: {num-resources: {}, rss: {}, rx-filter-size: {allowed: [0, 32]}}
            ---
            implementation: example.com/wide/3
            models:
              vendor-a.com/my-nic:
                parameters: {num-resources: {}, rss: {}, rx-filter-size: {}, queue-mode: {}}
            ---
            implementation: example.com/none/1
            models: {}
            """
        let loaded = RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "r.yaml")])
        precondition(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        return loaded.registry
    }()

    static let checker = Checker(registry: registry)

    private func device(_ version: String?, _ overrides: String...) throws -> ExpandedDevice {
        try Expander.expand(
            model: "vendor-a.com/my-nic", version: version, overrides: overrides.compactMap(Override.init(assignment:)),
            in: Self.registry)
    }

    private func destination(_ ids: String...) throws -> Destination {
        try Destination.resolve(argument: ids.joined(separator: ","), in: Self.registry)
    }

    private func check(_ device: ExpandedDevice, _ ids: String...) throws -> DeviceResult {
        Self.checker.check(device, id: "net0", on: try Destination.resolve(argument: ids.joined(separator: ","), in: Self.registry))
    }

    @Test("the RSS table: off goes anywhere; on needs a destination that recognises rss", arguments: [
        ("rss=off", "example.com/old/1", Verdict.compatible),
        ("rss=on", "example.com/old/1", .incompatible),
        ("rss=on", "example.com/rss/2", .compatible),
        ("rss=off", "example.com/rss/2", .compatible),
    ])
    func rssTable(_ setting: String, _ implementation: String, _ verdict: Verdict) throws {
        let result = try check(device("1", setting), implementation)
        #expect(result.verdict == verdict)
        if verdict == .incompatible {
            #expect(result.findings.map(\.rule) == ["parameter-not-supported"])
            #expect(result.findings.first?.parameter == "rss")
        }
    }

    @Test("an unrecognised parameter is fine only at its default; one without default never")
    func unrecognised() throws {
        #expect(try check(device("1"), "example.com/old/1").verdict == .compatible)
        #expect(try check(device("1", "rx-filter-size=16"), "example.com/old/1").findings.map(\.parameter) == ["rx-filter-size"])
        // An implementation that does not list num-resources cannot take it, whatever the value.
        let text = """
            model: example.com/gpu
            parameters:
              memory: {type: int}
            versions:
              - version: "1"
                set: {memory: 4}
            ---
            implementation: example.com/v/1
            models:
              example.com/gpu: {}
            """
        let loaded = RegistryLoader.load([YAMLReader.read(Array(text.utf8), file: "g.yaml")])
        let registry = loaded.registry
        let gpu = try Expander.expand(model: "example.com/gpu", version: "1", in: registry)
        let implementation = try #require(registry.implementation("example.com/v/1"))
        let findings = Checker(registry: registry).findings(gpu, on: implementation)
        #expect(findings.map(\.rule) == ["parameter-not-supported"])
        #expect(findings.first?.message.contains("which has no default") == true)
    }

    @Test("no translation: 16 needs a destination that supports 16, not 16 or more")
    func noTranslation() throws {
        let result = try check(device("1", "rx-filter-size=16"), "example.com/rss/2")
        #expect(result.verdict == .incompatible)
        let finding = try #require(result.findings.first)
        #expect(finding.rule == "value-not-supported")
        #expect(finding.value == .int(16))
        #expect(finding.supported == .domain(Domain([.value(.int(0)), .value(.int(32))])))
        #expect(finding.implementation == "example.com/rss/2")
    }

    @Test("values compare in canonical form: on = true, 0x20 = 32")
    func canonical() throws {
        #expect(try check(device("1", "rss=true", "rx-filter-size=0x20"), "example.com/rss/2").verdict == .compatible)
        #expect(try device("1", "rss=on").value(of: "rss") == device("1", "rss=true").value(of: "rss"))
    }

    @Test("the version plays no part: versions that expand alike are interchangeable")
    func versionIrrelevant() throws {
        let two = try check(device("2"), "example.com/rss/2")
        let synonym = try check(device("2.1"), "example.com/rss/2")
        let spelled = try check(device("1", "rss=on", "rx-filter-size=32"), "example.com/rss/2")
        #expect(two.verdict == .compatible)
        #expect(synonym.verdict == two.verdict && spelled.verdict == two.verdict)
        #expect(synonym.implementation == two.implementation && spelled.implementation == two.implementation)
    }

    @Test("a destination with two implementations picks the first that works and names it")
    func picksWorkingImplementation() throws {
        let result = try check(device("2"), "example.com/old/1", "example.com/rss/2", "example.com/wide/3")
        #expect(result.verdict == .compatible)
        #expect(result.implementation == "example.com/rss/2")
        #expect(result.findings.isEmpty)
    }

    @Test("when no implementation works, each one's findings are shown, naming it")
    func allFindings() throws {
        let result = try check(device("3"), "example.com/old/1", "example.com/rss/2")
        #expect(result.verdict == .incompatible)
        #expect(result.findings.map(\.implementation) == ["example.com/old/1", "example.com/old/1", "example.com/rss/2"])
        #expect(result.findings.map(\.rule) == ["parameter-not-supported", "parameter-not-supported", "value-not-supported"])
    }

    @Test("model-not-implemented is reported once, when no implementation implements the model")
    func notImplemented() throws {
        let result = try check(device("1"), "example.com/none/1")
        #expect(result.findings.map(\.rule) == ["model-not-implemented"])
        #expect(result.findings.first?.implementation == nil)
        // An implementation that does implement the model speaks for itself instead.
        #expect(try check(device("2"), "example.com/none/1", "example.com/old/1").findings.map(\.rule)
            == ["parameter-not-supported", "parameter-not-supported"])
    }

    @Test("findings carry the value's provenance: override, the version that last set it, default")
    func provenance() throws {
        let findings = try check(device("3", "queue-mode=multi"), "example.com/old/1").findings
        let byParameter = Dictionary(uniqueKeysWithValues: findings.map { ($0.parameter ?? "", $0) })
        #expect(byParameter["rss"]?.provenance == .version("2"))
        #expect(byParameter["rx-filter-size"]?.provenance == .version("3"))
        #expect(byParameter["queue-mode"]?.provenance == .override)
        #expect(byParameter["queue-mode"]?.value == .string("multi"))
        let defaults = try Expander.expand(model: "vendor-a.com/my-nic", version: "1", in: Self.registry)
        #expect(defaults.parameters.first { $0.name == "rss" }?.provenance == .default)
    }

    @Test("the fix: the value to run, the newest version the destination accepts, implementations that accept as configured")
    func fixes() throws {
        let result = try check(device("3"), "example.com/rss/2")
        let fix = try #require(result.findings.first?.fix)
        #expect(fix.parameter == "rx-filter-size")
        #expect(fix.values == .domain(Domain([.value(.int(0)), .value(.int(32))])))
        #expect(fix.version == "2.1")
        #expect(fix.implementations == ["example.com/wide/3"])
        #expect(fix.description.contains("guest-visible"))
        let none = try #require(try check(device("1"), "example.com/none/1").findings.first?.fix)
        #expect(none.version == nil)
        #expect(none.implementations == ["example.com/old/1", "example.com/rss/2", "example.com/wide/3"])
    }

    @Test("a VM is compatible when every device is; --require any fails only when every destination refuses")
    func vmAndRequirement() throws {
        let vm = ExpandedVM(name: "web", devices: [("a", try device("1")), ("b", try device("2"))])
        let old = Self.checker.check(vm, on: try destination("example.com/old/1"))
        let rss = Self.checker.check(vm, on: try destination("example.com/rss/2"))
        #expect(old.verdict == .incompatible)
        #expect(old.devices.map(\.verdict) == [.compatible, .incompatible])
        #expect(rss.verdict == .compatible)
        #expect(CheckReport(results: [old, rss]).status == .fail)
        #expect(CheckReport(results: [old, rss], requireAny: true).status == .ok)
        #expect(CheckReport(results: [old, old], requireAny: true).status == .fail)
        #expect(CheckReport(results: [rss, rss]).status == .ok)
    }

    /// `RULE[:MODEL[:PARAMETER]]` each.
    private static func waivers(_ arguments: [String]) -> Waivers {
        Waivers(arguments.map { argument in
            let parts = argument.split(separator: ":").map(String.init)
            return Waiver(rule: parts[0], model: parts.count > 1 ? parts[1] : nil, parameter: parts.count > 2 ? parts[2] : nil)
        })
    }

    /// The same VM against destinations that share implementations, repeat them, and narrow.
    private func manyDestinations() throws -> (ExpandedVM, [Destination]) {
        let vm = ExpandedVM(name: "web", devices: [
            ("a", try device("1")), ("b", try device("3")), ("c", try device("2", "queue-mode=multi")), ("d", try device(nil, "num-resources=64", "rss=on")),
        ])
        var narrowed = try destination("example.com/wide/3", "example.com/rss/2")
        narrowed.name = "narrowed"
        narrowed.narrowing = ["vendor-a.com/my-nic": ["rss": Domain([.value(.bool(false))])]]
        return (vm, [
            try destination("example.com/old/1", "example.com/rss/2"), try destination("example.com/rss/2", "example.com/old/1"),
            try destination("example.com/none/1"), try destination("example.com/wide/3"),
            try destination("example.com/old/1", "example.com/old/1", "example.com/rss/2"), narrowed,
        ])
    }

    @Test("a VM against many destinations: what they share is worked out once, and each result is as if checked alone",
          arguments: [[], ["parameter-not-supported"], ["value-not-supported:vendor-a.com/my-nic", "model-not-implemented"]])
    func sharedWork(waived: [String]) throws {
        let waivers = Self.waivers(waived)
        let checker = Checker(registry: Self.registry, waivers: waivers)
        let (vm, destinations) = try manyDestinations()
        let together = checker.check(vm, on: destinations)
        for (result, destination) in zip(together, destinations) {
            let alone = Checker(registry: Self.registry, waivers: waivers).check(vm, on: destination)
            #expect(CheckTextReporter().render(result) == CheckTextReporter().render(alone))
            #expect(CheckJSONReporter.render(CheckReport(results: [result])) == CheckJSONReporter.render(CheckReport(results: [alone])))
        }
        #expect(together.count == destinations.count)
    }

    @Test("the answer written in pieces, a result at a time, is the whole answer byte for byte",
          arguments: [0, 1, 6], [[], ["machine-not-supported", "parameter-not-supported:vendor-a.com/my-nic:rss"]])
    func pieces(count: Int, waived: [String]) throws {
        let waivers = Self.waivers(waived)
        let (vm, all) = try manyDestinations()
        let destinations = Array(all.prefix(count))
        let run = VMCheck(Checker(registry: Self.registry, waivers: waivers), vm)
        let report = CheckReport(results: destinations.map { run.check(on: $0) }, waivers: waivers, strict: true)
        let summed = CheckReport(summing: destinations.map { run.check(on: $0, explain: false) }, waivers: waivers, strict: true)
        #expect(summed.status == report.status)
        #expect(summed.unusedWaivers == report.unusedWaivers)

        var json: [UInt8] = []
        CheckJSONReporter.write(summed, results: destinations.lazy.map { run.check(on: $0) }) { json += $0 }
        #expect(String(decoding: json, as: UTF8.self) == CheckJSONReporter.render(report))

        let reporter = CheckTextReporter()
        let text = destinations.map { reporter.render(run.check(on: $0)) }.joined() + reporter.closing(summed)
        #expect(text == reporter.render(report))
    }

    @Test("an implementation the registry lacks is an input error with a suggestion")
    func unknownImplementation() {
        #expect {
            try Destination.resolve(argument: "example.com/rss/2,example.com/rss/3", in: Self.registry)
        } throws: { error in
            (error as? InputError)?.message == "unknown implementation 'example.com/rss/3'; did you mean 'example.com/rss/2'?"
        }
    }

    @Test("JSON of a check: SPEC 8 fields, values typed")
    func json() throws {
        let result = Self.checker.check(
            ExpandedVM(name: "web", devices: [("net0", try device("3"))]), on: try destination("example.com/rss/2"))
        var writer = JSONWriter(pretty: false)
        CheckJSONReporter.write(CheckReport(results: [result]), to: &writer)
        let document = String(decoding: writer.bytes, as: UTF8.self)
        #expect(document.hasPrefix(#"{"status":"fail","results":[{"vm":"web","destination":"example.com/rss/2","verdict":"incompatible","devices":[{"id":"net0","model":"vendor-a.com/my-nic","version":"3","version_from":"device","verdict":"incompatible","findings":[{"rule":"value-not-supported","severity":"error","implementation":"example.com/rss/2","parameter":"rx-filter-size","value":48,"from":"version 3","supported":{"values":[0,32],"ranges":[]},"message":"#))
    }

    @Test("check JSON written destination by destination is byte for byte the whole document", arguments: [false, true])
    func streamedJSON(_ waived: Bool) throws {
        let waivers = waived ? Waivers([Waiver(rule: "value-not-supported"), Waiver(rule: "model-not-implemented")]) : Waivers()
        let checker = Checker(registry: Self.registry, waivers: waivers)
        let vm = ExpandedVM(name: "web", devices: [("net0", try device("3")), ("net1", try device("1"))])
        let destinations = [
            try destination("example.com/old/1"), try destination("example.com/rss/2"), try destination("example.com/wide/3"),
        ]
        let results = destinations.map { checker.check(vm, on: $0) }
        let whole = CheckJSONReporter.render(CheckReport(results: results, waivers: waivers))
        var streamed: [UInt8] = []
        CheckJSONReporter.write(CheckReport(summing: results, waivers: waivers), results: results) { streamed += $0 }
        #expect(String(decoding: streamed, as: UTF8.self) == whole)
        var empty: [UInt8] = []
        CheckJSONReporter.write(CheckReport(summing: []), results: []) { empty += $0 }
        #expect(String(decoding: empty, as: UTF8.self) == CheckJSONReporter.render(CheckReport(results: [])))
    }
}

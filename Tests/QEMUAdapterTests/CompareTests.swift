import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck
import Testing

@Suite("compare: two instances of a guest (SPEC 10.3)")
struct CompareTests {
    static let registry = SemanticsRegistry.registry

    /// The guest as read on the source: every field compare looks at is stated.
    static func guest() -> VMConfiguration {
        VMConfiguration(
            name: "guest", machine: "example.com/machines/m1", origin: .qemuArgs, memory: 512, cpus: 2, cpu: "qemu64",
            globals: [
                VMConfiguration.Global(driver: "kvm-pit", property: "lost_tick_policy", value: "delay"),
                VMConfiguration.Global(driver: "ICH9-LPC", property: "disable_s3", value: "1"),
            ],
            devices: [
                VMConfiguration.Device(
                    id: "n0", model: "example.com/nic", overrides: overrides("queues=2", "netdev=hostnet0"),
                    placement: VMConfiguration.Placement(bus: "pcie.0", address: "03.0")),
                VMConfiguration.Device(
                    id: "n1", model: "example.com/nic", overrides: overrides("queues=2"),
                    placement: VMConfiguration.Placement(bus: "default", address: "auto:0")),
            ])
    }

    /// One change to the source, the destination or both, and what compare must say.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var source: @Sendable (inout VMConfiguration) -> Void = { _ in }
        var destination: @Sendable (inout VMConfiguration) -> Void = { _ in }
        /// The rule of every finding, in order.
        var rules: [String]
        var verdict: CompareVerdict
        var testDescription: String { name }
    }

    static func compare(_ source: VMConfiguration, _ destination: VMConfiguration) throws -> VMComparison {
        VMComparison.compare(try Expander.expand(source, in: registry), try Expander.expand(destination, in: registry))
    }

    static func run(_ change: Case) throws -> VMComparison {
        var source = guest()
        var destination = guest()
        change.source(&source)
        change.destination(&destination)
        return try compare(source, destination)
    }

    static let cases: [Case] = [
        Case(name: "identical", rules: [], verdict: .same),
        // device-missing, both ways
        Case(
            name: "a device on the source only",
            destination: { $0.devices.removeLast() },
            rules: ["device-missing"], verdict: .different),
        Case(
            name: "a device on the destination only",
            destination: { $0.devices.append(VMConfiguration.Device(id: "n2", model: "example.com/nic", overrides: overrides("queues=2"))) },
            rules: ["device-missing"], verdict: .different),
        Case(
            name: "a renamed id: one missing, one extra",
            destination: { $0.devices[1].id = "n9" },
            rules: ["device-missing", "device-missing"], verdict: .different),
        Case(name: "the same devices in another order", destination: { $0.devices.reverse() }, rules: [], verdict: .same),
        // machine-differs
        Case(
            name: "another machine with the same map",
            destination: { $0.machine = "example.com/machines/m1b" },
            rules: ["machine-differs"], verdict: .different),
        Case(
            name: "no machine named on one side",
            destination: { $0.machine = nil },
            rules: ["machine-differs"], verdict: .different),
        // vm-differs
        Case(name: "memory", destination: { $0.memory = 1024 }, rules: ["vm-differs"], verdict: .different),
        Case(name: "memory not stated on one side", destination: { $0.memory = nil }, rules: [], verdict: .same),
        Case(name: "cpus", destination: { $0.cpus = 1 }, rules: ["vm-differs"], verdict: .different),
        Case(name: "cpus not stated on one side", source: { $0.cpus = nil }, rules: [], verdict: .same),
        Case(name: "cpu", destination: { $0.cpu = "host" }, rules: ["vm-differs"], verdict: .different),
        Case(name: "cpu not stated on one side", destination: { $0.cpu = nil }, rules: [], verdict: .same),
        Case(
            name: "a global's value",
            destination: { $0.globals[0].value = "discard" },
            rules: ["vm-differs"], verdict: .different),
        Case(
            name: "a global on one side only",
            destination: { $0.globals.removeLast() },
            rules: ["vm-differs"], verdict: .different),
        Case(name: "the same globals in another order", destination: { $0.globals.reverse() }, rules: [], verdict: .same),
        // model-differs
        Case(
            name: "another model under the same id",
            destination: { $0.devices[0].model = "example.com/nic2" },
            rules: ["model-differs"], verdict: .different),
        // placement-differs
        Case(
            name: "another explicit address",
            destination: { $0.devices[0].placement?.address = "04.0" },
            rules: ["placement-differs"], verdict: .different),
        Case(
            name: "another named bus",
            destination: { $0.devices[0].placement?.bus = "pci.1" },
            rules: ["placement-differs"], verdict: .different),
        Case(
            name: "auto:0 against auto:1",
            destination: { $0.devices[1].placement?.address = "auto:1" },
            rules: ["placement-differs"], verdict: .different),
        Case(
            name: "auto:k against an explicit address: not compared",
            destination: { $0.devices[0].placement?.address = "auto:0" },
            rules: [], verdict: .same),
        Case(
            name: "an explicit address against auto:k: not compared",
            destination: { $0.devices[1].placement?.address = "05.0" },
            rules: [], verdict: .same),
        Case(
            name: "the default bus against a named bus: not compared",
            destination: { $0.devices[1].placement?.bus = "pcie.0" },
            rules: [], verdict: .same),
        Case(
            name: "a named bus against the default bus, same address: not compared",
            destination: { $0.devices[0].placement?.bus = "default" },
            rules: [], verdict: .same),
        // value-differs
        Case(
            name: "a parameter's value",
            destination: { $0.devices[0].overrides += overrides("rss=true") },
            rules: ["value-differs"], verdict: .different),
        Case(
            name: "the same value in another spelling",
            destination: { $0.devices[0].overrides += overrides("rss=off", "mode=single"); $0.devices[0].overrides[0].text = "0x2" },
            rules: [], verdict: .same),
        Case(
            name: "host-side wiring only",
            destination: { $0.devices[0].overrides = overrides("netdev=hostnet7", "queues=2", "bootindex=3") },
            rules: [], verdict: .same),
        Case(
            name: "observed on one side, override on the other, same values",
            source: { $0.origin = .qmp },
            rules: [], verdict: .same),
        // value-undetermined
        Case(
            name: "a decided-at-start value left to QEMU on the destination",
            destination: { $0.devices[0].overrides = overrides("netdev=x") },
            rules: ["value-undetermined"], verdict: .same),
        Case(
            name: "left to QEMU on both sides",
            source: { $0.devices[1].overrides = [] },
            destination: { $0.devices[1].overrides = [] },
            rules: ["value-undetermined"], verdict: .same),
        // the registry lacks something: unknown
        Case(
            name: "a model the registry lacks",
            source: { $0.devices[0].model = "example.com/ghost" },
            destination: { $0.devices[0].model = "example.com/ghost" },
            rules: ["model-unknown"], verdict: .unknown),
        Case(
            name: "a property the model lacks",
            destination: { $0.devices[0].overrides += overrides("frobnicate=1") },
            rules: ["parameter-unknown"], verdict: .unknown),
        Case(
            name: "a machine the registry lacks",
            source: { $0.machine = "example.com/machines/nope" },
            destination: { $0.machine = "example.com/machines/nope" },
            rules: ["machine-unknown", "machine-unknown"], verdict: .unknown),
        // a difference outranks unknown
        Case(
            name: "unknown machine and another memory",
            source: { $0.machine = "example.com/machines/nope" },
            destination: { $0.machine = "example.com/machines/nope"; $0.memory = 256 },
            rules: ["machine-unknown", "machine-unknown", "vm-differs"], verdict: .different),
        Case(
            name: "unknown property and another value",
            destination: { $0.devices[0].overrides += overrides("frobnicate=1", "rss=on") },
            rules: ["parameter-unknown", "value-differs"], verdict: .different),
        Case(
            name: "unknown model and a missing device",
            source: { $0.devices[0].model = "example.com/ghost" },
            destination: { $0.devices[0].model = "example.com/ghost"; $0.devices.removeLast() },
            rules: ["model-unknown", "device-missing"], verdict: .different),
    ]

    @Test("each rule triggers on its fixture, and not on the near miss", arguments: cases)
    func rule(_ change: Case) throws {
        let comparison = try Self.run(change)
        #expect(comparison.findings.map(\.rule) == change.rules, "\(comparison.findings.map(\.message))")
        #expect(comparison.verdict == change.verdict)
        #expect(comparison.status == (change.verdict == .same ? .ok : .fail))
    }

    @Test("device-missing names the device and the side it is on")
    func deviceMissing() throws {
        let comparison = try Self.run(Case(name: "", destination: { $0.devices[1].id = "n9" }, rules: [], verdict: .different))
        #expect(comparison.findings.map(\.device) == ["n1", "n9"])
        #expect(comparison.findings[0].message.contains("on the source, not on the destination"))
        #expect(comparison.findings[1].message.contains("on the destination, not on the source"))
        #expect(comparison.findings.allSatisfy { $0.severity == .error })
    }

    @Test("vm-differs names memory, cpus or cpu in parameter, with both values typed")
    func vmDiffers() throws {
        let comparison = try Self.run(Case(name: "", destination: { $0.memory = 1024; $0.cpus = 4; $0.cpu = "host" }, rules: [], verdict: .different))
        #expect(comparison.findings.map(\.parameter) == ["memory", "cpus", "cpu"])
        #expect(comparison.findings.map(\.source) == [.int(512), .int(2), .string("qemu64")])
        #expect(comparison.findings.map(\.destination) == [.int(1024), .int(4), .string("host")])
        let global = try Self.run(Case(name: "", destination: { $0.globals[0].value = "discard" }, rules: [], verdict: .different))
        #expect(global.findings.first?.parameter == "kvm-pit.lost_tick_policy")
        #expect(global.findings.first?.source == .string("delay"))
        #expect(global.findings.first?.destination == .string("discard"))
    }

    @Test("value-differs names the device, the parameter, both typed values and where each came from")
    func valueDiffers() throws {
        var source = Self.guest()
        source.origin = .qmp
        source.devices[0].overrides += overrides("mode=multi")
        var destination = Self.guest()
        destination.machine = "example.com/machines/m1"
        let comparison = try Self.compare(source, destination)
        let finding = try #require(comparison.findings.first)
        #expect(comparison.findings.count == 1)
        #expect(finding.rule == "value-differs")
        #expect(finding.severity == .error)
        #expect(finding.device == "n0")
        #expect(finding.parameter == "mode")
        #expect(finding.source == .string("multi"))
        #expect(finding.destination == .string("single"))
        #expect(finding.message.contains("multi") && finding.message.contains("single"))
        #expect(finding.message.contains("observed") && finding.message.contains("default"))
    }

    @Test("value-undetermined is a warning naming the side QEMU decides on, with the other side's value")
    func valueUndetermined() throws {
        let comparison = try Self.run(Case(name: "", destination: { $0.devices[0].overrides = [] }, rules: [], verdict: .same))
        let finding = try #require(comparison.findings.first)
        #expect(finding.rule == "value-undetermined")
        #expect(finding.severity == .warning)
        #expect(finding.device == "n0")
        #expect(finding.parameter == "queues")
        #expect(finding.source == .int(2))
        #expect(finding.destination == nil)
        #expect(finding.message.contains("destination"))
    }

    @Test("the guests of one command line read twice are the same; a machine version difference is a value difference")
    func machineVersions() throws {
        // m2 maps the nic to version 2 (rss on): a different machine, and different values.
        let comparison = try Self.run(Case(name: "", destination: { $0.machine = "example.com/machines/m2" }, rules: [], verdict: .different))
        #expect(comparison.findings.map(\.rule) == ["machine-differs", "value-differs", "value-differs"])
        #expect(comparison.findings.dropFirst().allSatisfy { $0.parameter == "rss" })
    }
}

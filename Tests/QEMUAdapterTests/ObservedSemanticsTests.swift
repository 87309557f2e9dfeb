import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck
import Testing

@Suite("VMs read from real ones: expansion and check fail closed (SPEC 10.1, 10.2)")
struct ObservedSemanticsTests {
    static let registry = SemanticsRegistry.registry
    static let checker = Checker(registry: registry)

    private func vm(
        origin: VMConfiguration.Origin? = .qemuArgs, machine: String? = nil, _ devices: VMConfiguration.Device...
    ) -> VMConfiguration {
        VMConfiguration(name: "guest", machine: machine, origin: origin, devices: devices)
    }

    private func nic(model: String = "example.com/nic", _ set: [Override] = [], id: String = "n0")
        -> VMConfiguration.Device
    {
        VMConfiguration.Device(id: id, model: model, overrides: set)
    }

    private func check(_ configuration: VMConfiguration, on implementations: String) throws -> CheckResult {
        let expanded = try Expander.expand(configuration, in: Self.registry)
        return Self.checker.check(expanded, on: try Destination.resolve(argument: implementations, in: Self.registry))
    }

    // MARK: Devices

    @Test("a model the registry lacks: verdict unknown, with model-unknown alone", arguments: [VMConfiguration.Origin.qemuArgs, .qmp])
    func unknownModel(_ origin: VMConfiguration.Origin) throws {
        let result = try check(vm(origin: origin, nic(model: "example.com/ghost", overrides("x=1", "rss=maybe"))), on: "example.com/hv/2")
        let device = try #require(result.devices.first)
        #expect(device.verdict == .unknown)
        #expect(device.findings.map(\.rule) == ["model-unknown"])
        #expect(device.findings.first?.message.contains("example.com/ghost") == true)
        #expect(result.verdict == .unknown)
    }

    @Test("a property neither a parameter nor host-side: parameter-unknown, verdict unknown, even where all else is accepted")
    func unknownProperty() throws {
        let result = try check(vm(nic(overrides("rss=true", "frobnicate=7"))), on: "example.com/hv/2")
        let device = try #require(result.devices.first)
        #expect(device.verdict == .unknown)
        #expect(device.findings.map(\.rule) == ["parameter-unknown"])
        #expect(device.findings.first?.parameter == "frobnicate")
        #expect(device.implementation == nil, "an unknown device is never said to be compatible with an implementation")
        #expect(result.verdict == .unknown)
        // The near miss: without the property, the device is compatible.
        #expect(try check(vm(nic(overrides("rss=true"))), on: "example.com/hv/2").verdict == .compatible)
    }

    @Test("a value not of the parameter's type is a parameter the registry cannot judge")
    func valueOfWrongType() throws {
        let result = try check(vm(nic(overrides("rss=maybe", "queues=many"))), on: "example.com/hv/2")
        #expect(result.devices.first?.verdict == .unknown)
        #expect(result.devices.first?.findings.map(\.rule) == ["parameter-unknown", "parameter-unknown"])
        #expect(result.devices.first?.findings.compactMap(\.parameter) == ["rss", "queues"])
    }

    @Test("a definite refusal outranks unknown: incompatible, with both findings")
    func refusalAndUnknown() throws {
        // hv/1 does not recognise rss: rss=true is refused there.
        let result = try check(vm(nic(overrides("rss=true", "frobnicate=7"))), on: "example.com/hv/1")
        let device = try #require(result.devices.first)
        #expect(device.verdict == .incompatible)
        #expect(Set(device.findings.map(\.rule)) == ["parameter-not-supported", "parameter-unknown"])
        #expect(result.verdict == .incompatible)
    }

    @Test("a VM with an unknown device and a compatible one is unknown; with an incompatible one, incompatible")
    func vmVerdicts() throws {
        let unknown = try check(vm(nic(id: "a"), nic(model: "example.com/ghost", id: "b")), on: "example.com/hv/2")
        #expect(unknown.devices.map(\.verdict) == [.compatible, .unknown])
        #expect(unknown.verdict == .unknown)
        let refused = try check(vm(nic(overrides("rss=on"), id: "a"), nic(model: "example.com/ghost", id: "b")), on: "example.com/hv/1")
        #expect(refused.devices.map(\.verdict) == [.incompatible, .unknown])
        #expect(refused.verdict == .incompatible)
    }

    @Test("host-side properties are dropped: no finding, no parameter", arguments: [VMConfiguration.Origin.qemuArgs, .qmp])
    func hostSideDropped(_ origin: VMConfiguration.Origin) throws {
        let configuration = vm(origin: origin, nic(overrides("netdev=hostnet0", "bootindex=1", "rss=on")))
        let expanded = try Expander.expand(configuration, in: Self.registry)
        let device = try #require(expanded.devices.first?.device)
        #expect(device.unjudged.isEmpty)
        #expect(device.parameters.map(\.name) == ["rss", "queues", "mode"])
        let result = try check(configuration, on: "example.com/hv/2")
        #expect(result.verdict == .compatible)
        #expect(result.devices.first?.findings.isEmpty == true)
        // Host-side for one model is not host-side for another: nic2 does not list bootindex.
        let other = try check(vm(origin: origin, nic(model: "example.com/nic2", overrides("netdev=x", "bootindex=1"))), on: "example.com/hv/2")
        #expect(other.devices.first?.findings.map(\.rule) == ["parameter-unknown"])
        #expect(other.devices.first?.findings.first?.parameter == "bootindex")
    }

    @Test("the values of a qemu-args VM are overrides, those of a qmp VM observed")
    func provenance() throws {
        for (origin, provenance) in [(VMConfiguration.Origin.qemuArgs, Provenance.override), (.qmp, .observed)] {
            let device = try #require(try Expander.expand(vm(origin: origin, nic(overrides("rss=on"))), in: Self.registry).devices.first?.device)
            #expect(device.parameters.first { $0.name == "rss" }?.provenance == provenance)
            #expect(device.parameters.first { $0.name == "mode" }?.provenance == .default)
        }
    }

    // MARK: decided-at-start

    @Test("a decided-at-start parameter a command line leaves out is undetermined, and check does not judge it")
    func decidedAtStartUndetermined() throws {
        let configuration = vm(nic(overrides("mode=multi")))
        let device = try #require(try Expander.expand(configuration, in: Self.registry).devices.first?.device)
        let queues = try #require(device.parameters.first { $0.name == "queues" })
        #expect(queues.undetermined)
        #expect(device.parameters.filter(\.undetermined).map(\.name) == ["queues"])
        // hv/3 takes only queues=4: judged, the default 1 would be refused; undetermined, it is not judged.
        let result = try check(configuration, on: "example.com/hv/3")
        #expect(result.verdict == .compatible)
        #expect(result.devices.first?.findings.isEmpty == true)
        // The near miss: the command line states queues=1, which is judged and refused.
        let stated = try check(vm(nic(overrides("mode=multi", "queues=1"))), on: "example.com/hv/3")
        #expect(stated.verdict == .incompatible)
        #expect(stated.devices.first?.findings.map(\.rule) == ["value-not-supported"])
        #expect(stated.devices.first?.findings.first?.parameter == "queues")
    }

    @Test("over qmp a decided-at-start parameter is observed as QEMU resolved it, and judged")
    func decidedAtStartObserved() throws {
        let refused = vm(origin: .qmp, nic(overrides("queues=1")))
        let device = try #require(try Expander.expand(refused, in: Self.registry).devices.first?.device)
        let queues = try #require(device.parameters.first { $0.name == "queues" })
        #expect(!queues.undetermined)
        #expect(queues.provenance == .observed)
        #expect(queues.value == .int(1))
        #expect(try check(refused, on: "example.com/hv/3").verdict == .incompatible)
        #expect(try check(vm(origin: .qmp, nic(overrides("queues=4"))), on: "example.com/hv/3").verdict == .compatible)
    }

    @Test("a decided-at-start parameter a command line leaves out is undetermined, even where the machine's version sets it")
    func decidedAtStartFromMachine() throws {
        // The version says what QEMU is asked (a compat value); what it decides at start-up is not in the registry.
        let configuration = vm(machine: "example.com/machines/m3", nic())
        let device = try #require(try Expander.expand(configuration, in: Self.registry).devices.first?.device)
        #expect(device.version == "3")
        #expect(device.versionFrom == .machine)
        let queues = try #require(device.parameters.first { $0.name == "queues" })
        #expect(queues.undetermined)
        #expect(queues.value == .int(4))
        #expect(queues.provenance == .version("3"))
    }

    // MARK: Machines

    @Test("an unknown machine: VM-level machine-unknown, no machine-not-supported, devices without a version")
    func unknownMachine() throws {
        let configuration = vm(machine: "example.com/machines/nope", nic())
        let expanded = try Expander.expand(configuration, in: Self.registry)
        #expect(expanded.machineUnknown)
        #expect(expanded.devices.first?.device.version == nil)
        let result = Self.checker.check(expanded, on: try Destination.resolve(argument: "example.com/hv/1", in: Self.registry))
        #expect(result.findings.map(\.rule) == ["machine-unknown"])
        #expect(result.devices.map(\.verdict) == [.compatible])
        #expect(result.verdict == .unknown)
    }

    @Test("a known machine no implementation of the destination provides: machine-not-supported refuses the VM")
    func machineNotSupported() throws {
        let configuration = vm(machine: "example.com/machines/m1b", nic())
        let result = try check(configuration, on: "example.com/hv/1")
        #expect(result.findings.map(\.rule) == ["machine-not-supported"])
        #expect(result.devices.map(\.verdict) == [.compatible])
        #expect(result.verdict == .incompatible)
        #expect(result.findings.first?.fix?.implementations == ["example.com/hv/2"])
        // Providing a machine does not provide the ones it extends, nor the other way round; m1 is hv/1's.
        #expect(try check(vm(machine: "example.com/machines/m1", nic()), on: "example.com/hv/1").findings.isEmpty)
        #expect(try check(vm(machine: "example.com/machines/m1", nic()), on: "example.com/hv/1").verdict == .compatible)
        // A destination of several implementations needs one that provides it.
        #expect(try check(configuration, on: "example.com/hv/1,example.com/hv/2").findings.isEmpty)
        // A machine no implementation of the registry provides.
        let orphan = try check(vm(machine: "example.com/machines/m-orphan", nic()), on: "example.com/hv/2")
        #expect(orphan.findings.map(\.rule) == ["machine-not-supported"])
        #expect(orphan.findings.first?.fix?.implementations == [])
    }

    @Test("a device without a version gets its machine's version", arguments: [
        ("example.com/machines/m1", "1", false), ("example.com/machines/m1b", "1", false), ("example.com/machines/m2", "2", true),
    ])
    func machineVersion(_ machine: String, _ version: String, _ rss: Bool) throws {
        let device = try #require(try Expander.expand(vm(machine: machine, nic()), in: Self.registry).devices.first?.device)
        #expect(device.version == version)
        #expect(device.versionFrom == .machine)
        #expect(device.value(of: "rss") == .bool(rss))
    }

    // MARK: Written by hand

    @Test("a VM written by hand keeps section 4: an unknown machine, model or parameter is an input error")
    func handWritten() throws {
        #expect(throws: InputError.self) {
            try Expander.expand(vm(origin: nil, machine: "example.com/machines/nope", nic()), in: Self.registry)
        }
        #expect(throws: InputError.self) { try Expander.expand(vm(origin: nil, nic(model: "example.com/ghost")), in: Self.registry) }
        #expect(throws: InputError.self) { try Expander.expand(vm(origin: nil, nic(overrides("frobnicate=1"))), in: Self.registry) }
        // The near miss: a hand-written VM on a known machine, with known parameters, expands, and nothing is undetermined.
        let expanded = try Expander.expand(vm(origin: nil, machine: "example.com/machines/m2", nic(overrides("mode=multi"))), in: Self.registry)
        #expect(!expanded.machineUnknown)
        #expect(expanded.devices.first?.device.parameters.contains(where: \.undetermined) == false)
        #expect(expanded.devices.first?.device.version == "2")
    }
}

import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck
import Testing

@testable import QEMUAdapter

@Suite("migcheck vm: the VM read, written and read back gives the same verdicts (SPEC 10.2)")
struct RoundTripTests {
    enum Format: String, CaseIterable, Sendable {
        case yaml, json
    }

    static func written(_ vm: VMConfiguration, as format: Format) -> String {
        switch format {
        case .yaml: VMConfigurationReporter.yaml(vm)
        case .json: VMConfigurationReporter.json(vm).serialized() + "\n"
        }
    }

    /// Every verdict and finding of a check, as text to compare.
    static func verdicts(_ result: CheckResult) -> [String] {
        ["vm \(result.vm): \(result.verdict.rawValue) " + result.findings.map(\.rule).joined(separator: ",")]
            + result.devices.map { device in
                "\(device.id) \(device.model) \(device.version ?? "-") \(device.verdict.rawValue) "
                    + device.findings.map { "\($0.rule):\($0.parameter ?? "")" }.joined(separator: ",")
            }
    }

    @Test("a libvirt log's VM, written and read back, is the same VM and gets the same verdicts against qemu.org/qemu/7.2",
          arguments: ["q35guest", "pcguest"], Format.allCases)
    func libvirtGuest(_ name: String, _ format: Format) throws {
        let registry = try Fixtures.shippedRegistry()
        let original = try QEMUCommandLineReader.read(text: try Fixtures.text("libvirt/\(name).log"), name: "x", registry: registry)
        let directory = try TemporaryDirectory()
        let file = try directory.write("\(name).\(format.rawValue)", Self.written(original, as: format))
        let read = try InputDecoder.vmConfiguration(file: file)

        #expect(read.name == original.name)
        #expect(read.origin == .qemuArgs)
        #expect(read.machine == original.machine)
        #expect(read.memory == original.memory)
        #expect(read.cpus == original.cpus)
        #expect(read.cpu == original.cpu)
        #expect(read.globals == original.globals)
        #expect(read.devices.map(\.id) == original.devices.map(\.id))
        #expect(read.devices.map(\.model) == original.devices.map(\.model))
        #expect(read.devices.map(\.version) == original.devices.map(\.version))
        #expect(read.devices.map(\.placement) == original.devices.map(\.placement))
        #expect(read.devices.map { $0.overrides.map { "\($0.parameter)=\($0.text)" } }
            == original.devices.map { $0.overrides.map { "\($0.parameter)=\($0.text)" } })

        let destination = try Destination.resolve(argument: "qemu.org/qemu/7.2", in: registry)
        let checker = Checker(registry: registry)
        let before = checker.check(try Expander.expand(original, in: registry), on: destination)
        let after = checker.check(try Expander.expand(read, in: registry), on: destination)
        #expect(Self.verdicts(after) == Self.verdicts(before))
        #expect(before.devices.count == original.devices.count)
        // Read from a real VM, it is never compatible by default: what the registry lacks is unknown, not accepted.
        for device in before.devices where !device.findings.isEmpty {
            #expect(device.verdict != .compatible, "\(device.id)")
        }
    }

    @Test("a value that needs quoting survives: commas, quotes, colons, a leading dash, YAML words")
    func awkwardValues() throws {
        let registry = try Fixtures.registry("""
            model: qemu.org/devices/e1000e
            parameters:
              init-vet: {type: bool, default: false}
            """)
        let original = try QEMUCommandLineReader.read(
            arguments: [
                "-name", "guest=we\"ird: name",
                "-device", #"{"driver":"e1000e","id":"n: 0","serial":"a,b \"c\" #d","x":"-1","y":"null","z":"yes","w":"","init-vet":"on"}"#,
                "-global", "ICH9-LPC.disable_s3=~",
            ],
            name: "x", registry: registry)
        for format in Format.allCases {
            let directory = try TemporaryDirectory()
            let file = try directory.write("vm.\(format.rawValue)", Self.written(original, as: format))
            let read = try InputDecoder.vmConfiguration(file: file)
            #expect(read.name == "we\"ird: name")
            #expect(read.devices.map(\.id) == ["n: 0"])
            #expect(read.devices.first?.overrides.map { "\($0.parameter)=\($0.text)" } == [
                #"serial=a,b "c" #d"#, "x=-1", "y=null", "z=yes", "w=", "init-vet=true",
            ])
            #expect(read.globals == original.globals)
        }
    }

    @Test("a command line without a -device is a VM that can be written and read back")
    func noDevices() throws {
        let original = try QEMUCommandLineReader.read(
            arguments: ["-machine", "pc-q35-7.2", "-m", "512"], name: "empty", registry: Registry(models: [], implementations: []))
        #expect(original.devices.isEmpty)
        let directory = try TemporaryDirectory()
        for format in [Format.yaml, .json] {
            let file = try directory.write("empty.\(format == .yaml ? "yaml" : "json")", Self.written(original, as: format))
            let read = try InputDecoder.vmConfiguration(file: file)
            #expect(read.devices.isEmpty)
            #expect(read.machine == original.machine)
        }
    }
}

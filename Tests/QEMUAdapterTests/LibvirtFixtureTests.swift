import DeviceModelRegistry
import Foundation
import Testing

@testable import QEMUAdapter

/// The real libvirt 9.0 logs of Fixtures/libvirt (see its README).
@Suite("Real libvirt 9.0 logs read as VMs (SPEC 10.2)")
struct LibvirtFixtureTests {
    struct Guest: Sendable, CustomTestStringConvertible {
        var name: String
        var machine: String
        var globals: [String]
        /// As the fixtures' README counts them.
        var deviceCount: Int
        var driverCount: Int
        var testDescription: String { name }
    }

    static let guests = [
        Guest(
            name: "q35guest", machine: "qemu.org/machines/pc-q35-7.2",
            globals: ["kvm-pit.lost_tick_policy=delay", "ICH9-LPC.disable_s3=1", "ICH9-LPC.disable_s4=1"],
            deviceCount: 38, driverCount: 22),
        Guest(
            name: "pcguest", machine: "qemu.org/machines/pc-i440fx-7.2",
            globals: ["kvm-pit.lost_tick_policy=delay", "PIIX4_PM.disable_s3=1", "PIIX4_PM.disable_s4=1"],
            deviceCount: 18, driverCount: 17),
    ]

    /// The `-device` lines of a log, counted from its raw text (libvirt writes one option per line).
    static func loggedDevices(_ log: String) -> [String] {
        log.split(separator: "\n").filter { $0.hasPrefix("-device '") }.map { line in
            var value = line.dropFirst("-device '".count)
            if value.hasSuffix(" \\") { value = value.dropLast(2) }
            if value.hasSuffix("'") { value = value.dropLast() }
            return String(value)
        }
    }

    /// The ids the SPEC gives a list of -device values: `id`, else DRIVER[k] in QEMU's creation order.
    static func expectedIDs(_ options: [String]) -> [String] {
        // libvirt writes every -device as JSON here, so creation order is command-line order.
        var counts: [String: Int] = [:]
        return options.map { option in
            if let id = Fixtures.deviceID(option) { return id }
            let driver = Fixtures.deviceDriver(option) ?? "?"
            defer { counts[driver, default: 0] += 1 }
            return "\(driver)[\(counts[driver, default: 0])]"
        }
    }

    @Test("the log's VM: name, machine, size, CPU model, every -device, globals kept", arguments: guests)
    func logVM(_ guest: Guest) throws {
        let log = try Fixtures.text("libvirt/\(guest.name).log")
        let vm = try QEMUCommandLineReader.read(text: log, name: "fallback", registry: try Fixtures.shippedRegistry())
        #expect(vm.name == guest.name)
        #expect(vm.origin == .qemuArgs)
        #expect(vm.machine == guest.machine)
        #expect(vm.memory == 512)
        #expect(vm.cpus == 2)
        #expect(vm.cpu == "qemu64")

        let logged = Self.loggedDevices(log)
        #expect(logged.count == guest.deviceCount)
        #expect(vm.devices.count == logged.count)
        #expect(vm.devices.map(\.id) == Self.expectedIDs(logged))
        #expect(vm.devices.map(\.model) == logged.map { "qemu.org/devices/" + (Fixtures.deviceDriver($0) ?? "?") })
        #expect(Set(vm.devices.map(\.model)).count == guest.driverCount)
        #expect(Set(vm.devices.map(\.id)).count == vm.devices.count, "ids are unique")
        #expect(vm.globals.map { "\($0.key)=\($0.value)" } == guest.globals)
    }

    @Test("q35guest: the ISA pvpanic has no id and is pvpanic[0]; placements as libvirt wrote them")
    func q35Details() throws {
        let vm = try QEMUCommandLineReader.read(
            text: try Fixtures.text("libvirt/q35guest.log"), name: "x", registry: try Fixtures.shippedRegistry())
        let anonymous = vm.devices.filter { $0.id.hasSuffix("]") }
        #expect(anonymous.map(\.id) == ["pvpanic[0]"])
        #expect(anonymous.first?.model == "qemu.org/devices/pvpanic")
        func placement(_ id: String) -> String? { vm.device(id)?.placement.map { "\($0.bus) \($0.address)" } }
        #expect(placement("pci.1") == "pcie.0 02.0")
        #expect(placement("pci.2") == "pcie.0 02.1")
        #expect(placement("pci.15") == "pcie.0 03.6")
        #expect(placement("net0") == "pci.2 00.0")
        #expect(placement("video0") == "pcie.0 01.0")
        #expect(placement("sound0") == "pcie.0 1b.0")
        #expect(placement("input0") == "usb.0 1")
        #expect(placement("redir1") == "usb.0 3")
        #expect(placement("scsi0-0-0-0") == "scsi0.0 0:0:0")
        #expect(placement("channel0") == "virtio-serial0.0 1")
        #expect(placement("channel1") == "virtio-serial0.0 2")
        #expect(placement("sata0-0-1") == "ide.1 auto:0")
        // Bus-less and address-less, in command-line order on the bus written 'default'.
        #expect(placement("iommu0") == "default auto:0")
        #expect(placement("console0") == "default auto:1")
        #expect(placement("tpm0") == "default auto:2")
        #expect(placement("pvpanic[0]") == "default auto:3")
        // Values as written; host wiring and guest-visible values are overrides until a model says otherwise.
        #expect(vm.device("net0")?.override("mac") == "52:54:00:30:1f:0d")
        #expect(vm.device("pci.1")?.override("port") == "16")
        #expect(vm.device("pci.1")?.override("multifunction") == "true")
        #expect(vm.device("usb")?.override("p2") == "15")
        #expect(vm.device("virtio-disk0")?.override("bootindex") == "1")
    }

    @Test("the ids read from a log are the ids QEMU reported over QMP (NAME.qmp.json), peripheral and anonymous", arguments: guests)
    func idsMatchQMP(_ guest: Guest) throws {
        let vm = try QEMUCommandLineReader.read(
            text: try Fixtures.text("libvirt/\(guest.name).log"), name: "x", registry: try Fixtures.shippedRegistry())
        let json = try Fixtures.text("libvirt/\(guest.name).qmp.json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        func children(_ container: String) throws -> [(name: String, type: String)] {
            let answer = try #require(root[container] as? [String: Any])
            let list = try #require(answer["return"] as? [[String: String]])
            return list.compactMap { entry in
                guard let name = entry["name"], let type = entry["type"], type.hasPrefix("child<") else { return nil }
                return (name, String(type.dropFirst("child<".count).dropLast()))
            }
        }
        let peripheral = try children("peripheral")
        let named = vm.devices.filter { !$0.id.hasSuffix("]") }
        #expect(Set(peripheral.map(\.name)) == Set(named.map(\.id)))
        for (name, type) in peripheral {
            #expect(vm.device(name)?.model == "qemu.org/devices/" + type, "\(name)")
        }
        // peripheral-anon's device[N], sorted by N, named DRIVER[k] as the command line names them.
        var counts: [String: Int] = [:]
        let anonymous = try children("peripheral-anon").sorted { $0.name.count == $1.name.count ? $0.name < $1.name : $0.name.count < $1.name.count }
        let qmpIDs = anonymous.map { entry -> String in
            defer { counts[entry.type, default: 0] += 1 }
            return "\(entry.type)[\(counts[entry.type, default: 0])]"
        }
        #expect(qmpIDs == vm.devices.filter { $0.id.hasSuffix("]") }.map(\.id))
    }

    @Test("runnable/NAME.args gives the log's device ids (q35guest without tpm0, as its README says)", arguments: guests)
    func runnableMatchesLog(_ guest: Guest) throws {
        let registry = try Fixtures.shippedRegistry()
        let log = try QEMUCommandLineReader.read(text: try Fixtures.text("libvirt/\(guest.name).log"), name: "x", registry: registry)
        let runnable = try QEMUCommandLineReader.read(
            text: try Fixtures.text("libvirt/runnable/\(guest.name).args"), name: "x", registry: registry)
        let expected = log.devices.map(\.id).filter { guest.name != "q35guest" || $0 != "tpm0" }
        #expect(runnable.devices.map(\.id) == expected)
        #expect(log.devices.map(\.id).contains("tpm0") == (guest.name == "q35guest"))
        // The rest of the guest is the same: machine, size, globals, and each device's model, placement and values.
        #expect(runnable.machine == log.machine)
        #expect(runnable.memory == log.memory)
        #expect(runnable.cpus == log.cpus)
        #expect(runnable.cpu == log.cpu)
        #expect(runnable.globals == log.globals)
        for device in runnable.devices {
            let logged = try #require(log.device(device.id))
            #expect(device.model == logged.model)
            if guest.name == "q35guest" && device.id == "pvpanic[0]" {
                // tpm0, bus-less and address-less before it in the log, is not in the runnable file:
                // on the bus written 'default', auto:k counts one fewer (SPEC 10.2).
                #expect(logged.placement == VMConfiguration.Placement(bus: "default", address: "auto:3"))
                #expect(device.placement == VMConfiguration.Placement(bus: "default", address: "auto:2"))
            } else {
                #expect(device.placement == logged.placement, "\(device.id)")
            }
            #expect(device.overrides.map(\.parameter) == logged.overrides.map(\.parameter), "\(device.id)")
        }
    }
}

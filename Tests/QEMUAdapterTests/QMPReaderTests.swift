import ConfigExpansion
import DeviceModelRegistry
import Dispatch
import Foundation
import Testing

@testable import QEMUAdapter

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A QMP peer on one end of a socket pair that answers from a script, as a running QEMU would,
/// and records every command it is sent. No QEMU is started.
final class FakeQMP: @unchecked Sendable {
    /// The end to hand to ``QMPConnection``.
    let clientDescriptor: Int32
    private let serverDescriptor: Int32
    private let lock = NSLock()
    private var received: [String] = []
    private let finished = DispatchSemaphore(value: 0)

    /// The commands received, in order.
    var commands: [String] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    init() throws {
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else { throw POSIXError(.EIO) }
        clientDescriptor = pair[0]
        serverDescriptor = pair[1]
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Waits until the client closed its end and the peer stopped.
    func waitUntilClosed() -> Bool {
        finished.wait(timeout: .now() + 5) == .success
    }

    private func send(_ object: [String: Any]) {
        var data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        data.append(0x0A)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(serverDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    private func serve() {
        defer {
            close(serverDescriptor)
            finished.signal()
        }
        send(["QMP": ["version": ["qemu": ["major": 7, "minor": 2, "micro": 22]], "capabilities": []]])
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(serverDescriptor, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            buffer += chunk[..<count]
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = Data(buffer[..<newline])
                buffer.removeSubrange(...newline)
                guard let message = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                    let command = message["execute"] as? String
                else { continue }
                lock.lock()
                received.append(command)
                lock.unlock()
                let arguments = message["arguments"] as? [String: Any] ?? [:]
                if command == "query-name" {
                    // An event may come before any answer: it is no answer.
                    send(["event": "RESUME", "timestamp": ["seconds": 1, "microseconds": 0]])
                }
                switch Self.answer(command, arguments) {
                case .success(let value): send(["return": value, "id": message["id"] ?? NSNull()])
                case .failure(let error): send(["error": ["class": "GenericError", "desc": error.text], "id": message["id"] ?? NSNull()])
                }
            }
        }
    }

    struct Failure: Error {
        var text: String
    }

    /// A q35 guest: three named devices, three anonymous ones (device[0], device[2], device[10]).
    static func answer(_ command: String, _ arguments: [String: Any]) -> Result<Any, Failure> {
        let path = arguments["path"] as? String ?? ""
        let property = arguments["property"] as? String ?? ""
        switch command {
        case "qmp_capabilities": return .success([String: Any]())
        case "query-name": return .success(["name": "q35guest"])
        case "query-memory-size-summary": return .success(["base-memory": 536_870_912, "plugged-memory": 0])
        case "query-cpus-fast":
            return .success([
                ["cpu-index": 0, "qom-path": "/machine/unattached/device[0]", "thread-id": 1, "target": "x86_64"],
                ["cpu-index": 1, "qom-path": "/machine/unattached/device[1]", "thread-id": 2, "target": "x86_64"],
            ])
        case "qom-list" where path == "/machine/peripheral":
            return .success([
                ["name": "type", "type": "string"], ["name": "usb", "type": "child<qemu-xhci>"],
                ["name": "net0", "type": "child<virtio-net-pci>"], ["name": "input0", "type": "child<usb-tablet>"],
            ])
        case "qom-list" where path == "/machine/peripheral-anon":
            return .success([
                ["name": "type", "type": "string"], ["name": "device[10]", "type": "child<virtio-rng-pci>"],
                ["name": "device[2]", "type": "child<virtio-rng-pci>"], ["name": "device[0]", "type": "child<pvpanic>"],
            ])
        case "device-list-properties":
            let common: [[String: Any]] = [
                ["name": "addr", "type": "int32"], ["name": "legacy-addr", "type": "str"], ["name": "x-broken", "type": "bool"],
            ]
            switch arguments["typename"] as? String {
            case "virtio-net-pci":
                return .success(common + [
                    ["name": "mac", "type": "str"], ["name": "mq", "type": "bool"], ["name": "vectors", "type": "uint32"],
                    ["name": "netdev", "type": "str"], ["name": "bus-link", "type": "link<PCIBus>"],
                ])
            case "virtio-rng-pci": return .success(common + [["name": "rng", "type": "link<rng-backend>"], ["name": "period", "type": "uint32"]])
            case "qemu-xhci": return .success(common + [["name": "p2", "type": "uint32"]])
            case "usb-tablet": return .success([["name": "port", "type": "str"], ["name": "usb_version", "type": "uint32"]])
            case "pvpanic": return .success([["name": "ioport", "type": "uint16"], ["name": "child-x", "type": "child<thing>"]])
            default: return .failure(Failure(text: "unknown type"))
            }
        case "qom-get":
            if path == "/machine" && property == "type" { return .success("pc-q35-7.2-machine") }
            if path == "/machine/unattached/device[0]" && property == "type" { return .success("qemu64-x86_64-cpu") }
            let values: [String: [String: Any]] = [
                "/machine/peripheral/net0": [
                    "parent_bus": "/machine/q35/pcie.0", "addr": 32, "mac": "52:54:00:12:34:56", "mq": true, "vectors": 6,
                    "netdev": "hostnet0",
                ],
                "/machine/peripheral/usb": ["parent_bus": "/machine/q35/pcie.0", "addr": 17, "p2": 15],
                "/machine/peripheral/input0": ["parent_bus": "/machine/peripheral/usb/usb-bus.0", "port": "1", "usb_version": 2],
                "/machine/peripheral-anon/device[0]": ["parent_bus": "/machine/unattached/device[20]/isa.0", "ioport": 1285],
                "/machine/peripheral-anon/device[2]": ["parent_bus": "/machine/q35/pcie.0", "addr": 40, "period": 65536],
                "/machine/peripheral-anon/device[10]": ["parent_bus": "/machine/q35/pcie.0", "addr": 48, "period": 100],
            ]
            if let value = values[path]?[property] { return .success(value) }
            return .failure(Failure(text: "Property '\(property)' not found"))
        default:
            return .failure(Failure(text: "The command \(command) has not been found"))
        }
    }
}

@Suite("Reading a running VM over QMP, against a scripted peer (SPEC 10.2, qmp:)")
struct QMPReaderTests {
    static let registry: Registry = try! Fixtures.registry("""
        model: qemu.org/devices/virtio-net-pci
        parameters:
          mq: {type: bool, default: false}
          vectors: {type: int, default: 3, decided-at-start: true}
        host-side: [netdev]
        """)

    @Test("machine, name, size, CPU model, devices in peripheral then peripheral-anon by N, values as QEMU holds them")
    func read() throws {
        let peer = try FakeQMP()
        let vm: VMConfiguration
        do {
            let connection = try QMPConnection(input: peer.clientDescriptor, output: peer.clientDescriptor, owns: true, peer: "fake", timeout: 5)
            vm = try QMPVMReader.read(connection, name: "fallback", registry: Self.registry)
        }
        #expect(peer.waitUntilClosed(), "the connection is closed when reading ends")

        #expect(vm.origin == .qmp)
        #expect(vm.machine == "qemu.org/machines/pc-q35-7.2")
        #expect(vm.name == "q35guest")
        #expect(vm.memory == 512)
        #expect(vm.cpus == 2)
        #expect(vm.cpu == "qemu64")
        // Named devices, then device[N] by N as a number: device[10] after device[2].
        #expect(vm.devices.map(\.id) == ["input0", "net0", "usb", "pvpanic[0]", "virtio-rng-pci[0]", "virtio-rng-pci[1]"])
        #expect(vm.device("virtio-rng-pci[0]")?.override("period") == "65536")
        #expect(vm.device("virtio-rng-pci[1]")?.override("period") == "100")
        #expect(vm.devices.map(\.model) == [
            "qemu.org/devices/usb-tablet", "qemu.org/devices/virtio-net-pci", "qemu.org/devices/qemu-xhci",
            "qemu.org/devices/pvpanic", "qemu.org/devices/virtio-rng-pci", "qemu.org/devices/virtio-rng-pci",
        ])
        func placement(_ id: String) -> String? { vm.device(id)?.placement.map { "\($0.bus) \($0.address)" } }
        #expect(placement("net0") == "pcie.0 04.0")
        #expect(placement("usb") == "pcie.0 02.1")
        #expect(placement("input0") == "usb-bus.0 1")
        #expect(placement("pvpanic[0]") == "isa.0 auto:0")
        #expect(placement("virtio-rng-pci[1]") == "pcie.0 06.0")
        // Every property device-list-properties lists, less legacy-*, links and children; a property
        // QEMU cannot read is left out; bools as bools; numbers as their digits.
        let net = try #require(vm.device("net0"))
        #expect(net.overrides.map { "\($0.parameter)=\($0.text)" } == ["mac=52:54:00:12:34:56", "mq=true", "vectors=6", "netdev=hostnet0"])
        #expect(vm.device("pvpanic[0]")?.overrides.map(\.parameter) == ["ioport"])
        #expect(vm.device("virtio-rng-pci[0]")?.overrides.map(\.parameter) == ["period"])
    }

    @Test("migcheck only reads: every command it sends is a query")
    func readOnly() throws {
        let peer = try FakeQMP()
        do {
            let connection = try QMPConnection(input: peer.clientDescriptor, output: peer.clientDescriptor, owns: true, peer: "fake", timeout: 5)
            _ = try QMPVMReader.read(connection, name: "x", registry: Self.registry)
        }
        #expect(peer.waitUntilClosed())
        let allowed: Set<String> = [
            "qmp_capabilities", "qom-list", "qom-get", "device-list-properties", "query-name", "query-memory-size-summary",
            "query-cpus-fast",
        ]
        #expect(!peer.commands.isEmpty)
        #expect(Set(peer.commands).isSubset(of: allowed), "\(peer.commands)")
        #expect(peer.commands.first == "qmp_capabilities")
    }

    @Test("the VM read over QMP expands with observed values, nothing undetermined")
    func observed() throws {
        let peer = try FakeQMP()
        let vm: VMConfiguration
        do {
            let connection = try QMPConnection(input: peer.clientDescriptor, output: peer.clientDescriptor, owns: true, peer: "fake", timeout: 5)
            vm = try QMPVMReader.read(connection, name: "x", registry: Self.registry)
        }
        _ = peer.waitUntilClosed()
        let expanded = try Expander.expand(vm, in: Self.registry)
        let net = try #require(expanded.devices.first { $0.id == "net0" }?.device)
        #expect(net.parameters.map(\.name) == ["mq", "vectors"])
        #expect(net.parameters.map(\.value) == [.bool(true), .int(6)])
        #expect(net.parameters.allSatisfy { $0.provenance == .observed && !$0.undetermined })
        // mac is neither a parameter nor host-side in this registry: read from a real VM, it cannot be judged.
        let unjudged = net.unjudged.map { item -> String in
            if case .property(let name, let value, _) = item { "\(name)=\(value)" } else { "model" }
        }
        #expect(unjudged == ["mac=52:54:00:12:34:56"])
    }

    @Test("the CPU model of a QOM CPU type", arguments: [
        ("qemu64-x86_64-cpu", "x86_64", "qemu64"), ("Skylake-Client-v4-x86_64-cpu", "x86_64", "Skylake-Client-v4"),
        ("host-x86_64-cpu", nil, "host"), ("cortex-a57-arm-cpu", "aarch64", "cortex-a57"),
    ] as [(String, String?, String)])
    func cpuModel(_ type: String, _ target: String?, _ model: String) {
        #expect(QMPVMReader.cpuModel(type, target: target) == model)
    }
}


import ConfigExpansion
import DeviceModelRegistry
import Foundation
import MigrationCheck
import Testing

@testable import QEMUAdapter

/// The 25 real QEMU 7.2 migrations of Fixtures/migrations (see its README), compared by migcheck.
@Suite("compare on real QEMU 7.2 migration pairs: never 'same' where QEMU refused (SPEC 10.3)")
struct MigrationFixtureTests {
    /// What the pairs use, typed as QEMU 7.2 types it; values QEMU decides at start-up marked so.
    static let registry: Registry = try! Fixtures.registry("""
        model: qemu.org/devices/virtio-net-pci
        parameters:
          mac: {type: string, decided-at-start: true}
          mq: {type: bool, default: false}
          vectors: {type: int, default: 3, decided-at-start: true}
          disable-legacy: {type: enum, values: ["on", "off", "auto"], default: "auto", decided-at-start: true}
          disable-modern: {type: bool, default: false}
        host-side: [netdev, bootindex, romfile]
        ---
        model: qemu.org/devices/virtio-blk-pci
        parameters:
          queue-size: {type: int, default: 256}
          num-queues: {type: int, default: 1, decided-at-start: true}
          vectors: {type: int, default: 2, decided-at-start: true}
        host-side: [drive, bootindex]
        ---
        model: qemu.org/devices/e1000e
        parameters:
          mac: {type: string, decided-at-start: true}
          init-vet: {type: bool, default: true}
          x-pcie-extcap-init: {type: bool, default: true}
        host-side: [netdev, bootindex, romfile]
        ---
        model: qemu.org/devices/virtio-rng-pci
        parameters:
          period: {type: int, default: 65536}
        host-side: [rng]
        ---
        machine: qemu.org/machines/pc-q35-7.2
        ---
        machine: qemu.org/machines/pc-q35-7.1
        """)

    /// Pair → the error rules compare must give (none: `same`).
    static let expected: [String: [String]] = [
        "01-identical": [],
        "02-host-wiring-only": [],
        "03-blk-queue-size-128-vs-256": ["value-differs"],
        "04-machine-q35-7.2-vs-7.1": ["machine-differs"],
        "05-device-missing-on-destination": ["device-missing"],
        "06-extra-device-on-destination": ["device-missing"],
        "07-e1000e-vs-virtio-net-same-slot": ["model-differs"],
        "08-virtio-net-different-pci-addr": ["placement-differs"],
        "09-virtio-net-mac-differs": ["value-differs"],
        "10-memory-128-vs-256": ["vm-differs"],
        "11-virtio-net-mq-vectors6-vs-mq-off": ["value-differs"],
        "12-virtio-net-disable-legacy-off-vs-on": ["value-differs"],
        "13-blk-num-queues-1-vs-2": ["value-differs"],
        "14-e1000e-pcie-extcap-init-on-vs-off": ["value-differs"],
        "15-id-less-devices": [],
        "16-smp-1-vs-2": ["vm-differs"],
        "17-e1000e-init-vet-on-vs-off": ["value-differs"],
        "18-virtio-net-disable-modern-off-vs-on": ["value-differs"],
        "19-smp-2-vs-1": ["vm-differs"],
        "20-memory-256-vs-128": ["vm-differs"],
        "21-virtio-net-mq-2-queues-vs-single-queue-netdev": ["value-differs"],
        "22-virtio-net-vectors-6-vs-3": ["value-differs"],
        "23-smp-1-vs-2-blk-num-queues-pinned": ["vm-differs"],
        "24-blk-num-queues-1-vs-2-vectors-pinned": ["value-differs"],
        "25-virtio-net-mq-2-queues-vs-single-queue-vectors-pinned": ["value-differs"],
    ]

    static let pairs: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.migrations)) ?? []
        return names.filter { $0.first?.isNumber == true }.sorted()
    }()

    @Test("the fixture has the 25 pairs of its README")
    func allPairs() {
        #expect(Self.pairs.count == 25)
        #expect(Set(Self.pairs) == Set(Self.expected.keys))
    }

    @Test("each pair: the differences a guest would see, and 'different' wherever QEMU refused", arguments: pairs)
    func pair(_ name: String) throws {
        let directory = Fixtures.migrations + "/" + name
        let source = try VMReference.read("qemu-args:\(directory)/source.args", registry: Self.registry)
        let destination = try VMReference.read("qemu-args:\(directory)/destination.args", registry: Self.registry)
        #expect(source.name == "source")
        #expect(destination.name == "destination")
        let comparison = VMComparison.compare(
            try Expander.expand(source, in: Self.registry), try Expander.expand(destination, in: Self.registry))
        let errors = comparison.findings.filter { $0.severity == .error }
        #expect(Array(Set(errors.map(\.rule))).sorted() == Self.expected[name], "\(comparison.findings.map(\.message))")
        #expect(comparison.verdict == (Self.expected[name]?.isEmpty == true ? .same : .different))

        let outcome = try Fixtures.text("migrations/\(name)/outcome.txt")
        let refused = outcome.hasPrefix("refused")
        #expect(refused || outcome.hasPrefix("accepted"))
        if refused {
            #expect(comparison.verdict == .different, "QEMU refused \(name): migcheck must not say '\(comparison.verdict)'")
        }
    }

    @Test("pair 15: id-less devices get the same DRIVER[k] on both sides, JSON ones counted after key=value ones")
    func idLess() throws {
        let source = try VMReference.read("qemu-args:\(Fixtures.migrations)/15-id-less-devices/source.args", registry: Self.registry)
        #expect(source.devices.map(\.id) == ["virtio-blk-pci[0]", "virtio-net-pci[0]", "virtio-rng-pci[0]"])
        #expect(source.devices.map { $0.placement.map { "\($0.bus) \($0.address)" } ?? "" } == [
            "pcie.0 03.0", "pcie.0 04.0", "default auto:0",
        ])
    }

    @Test("pair 16: virtio-blk's num-queues follows the vCPUs when left to QEMU: undetermined, a warning beside vm-differs")
    func undeterminedBesideDifference() throws {
        let directory = Fixtures.migrations + "/16-smp-1-vs-2"
        let source = try VMReference.read("qemu-args:\(directory)/source.args", registry: Self.registry)
        let destination = try VMReference.read("qemu-args:\(directory)/destination.args", registry: Self.registry)
        #expect(source.cpus == 1)
        #expect(destination.cpus == 2)
        let comparison = VMComparison.compare(
            try Expander.expand(source, in: Self.registry), try Expander.expand(destination, in: Self.registry))
        let undetermined = comparison.findings.filter { $0.rule == "value-undetermined" }
        #expect(undetermined.contains { $0.device == "virtio-disk0" && $0.parameter == "num-queues" })
        #expect(undetermined.allSatisfy { $0.severity == .warning })
    }
}

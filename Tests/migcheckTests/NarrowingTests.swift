import Foundation
import Testing

/// Hosts that narrow what their releases support (SPEC 3.2 `narrow`).
@Suite("Host inventories that narrow: the host, not the release, refuses")
struct NarrowingTests {
    static let usoVM = """
        vm: web-uso
        machine: qemu.org/machines/pc-q35-9.2
        devices:
          - id: net0
            model: qemu.org/devices/virtio-net-pci
            set: {host_uso: on, guest_uso4: on, guest_uso6: on}
        """
    static let usoHosts = """
        hosts:
          host-a: [qemu.org/qemu/9.2]
          host-b:
            implementations: [qemu.org/qemu/9.2]
            narrow:
              qemu.org/devices/virtio-net-pci:
                host_uso: [false]
                guest_uso4: [false]
                guest_uso6: [false]
        """

    @Test("the USO case: a TAP without USO on host-b refuses the guest, naming the host; host-a takes it")
    func uso() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("vm.yaml", Self.usoVM)
        try directory.write("hosts.yaml", Self.usoHosts)
        let text = try MigcheckProcess.run(["check", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml")])
        #expect(text.status == 1)
        #expect(text.stdout.contains("web-uso → host-a: compatible"))
        #expect(text.stdout.contains("web-uso → host-b: incompatible"))
        #expect(text.stdout.contains("'host_uso' is true (override), but host 'host-b' supports only [false]: narrowed by the inventory"))
        let json = try jsonObject(try MigcheckProcess.run(
            ["check", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml"), "--format", "json"]).stdout)
        let results = try #require(json["results"] as? [[String: Any]])
        #expect(results.map { $0["verdict"] as? String } == ["compatible", "incompatible"])
        let findings = try #require(((results[1]["devices"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])
        #expect(findings.map { $0["parameter"] as? String } == ["guest_uso4", "guest_uso6", "host_uso"])
        #expect(findings.allSatisfy { $0["rule"] as? String == "value-not-supported" && $0["narrowed_by"] as? String == "host-b" })
        // With --require any, one host taking it is enough.
        let any = try MigcheckProcess.run(
            ["check", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml"), "--require", "any"])
        #expect(any.status == 0)
        // The matrix sees the same.
        let matrix = try MigcheckProcess.run(["matrix", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml"), "--format", "csv"])
        #expect(matrix.stdout.contains("web-uso,host-a,compatible,\r\nweb-uso,host-b,incompatible,value-not-supported\r\n"), "\(matrix.stdout)")
    }

    @Test("a narrowing that would widen, or names what the registry lacks, is an input error at its line and column", arguments: [
        ("host_uso: [true]", "hosts.yaml:6:20:", "to true, but none of its implementations supports it"),
        ("host_usoo: [false]", "hosts.yaml:6:9:", "which model 'qemu.org/devices/virtio-net-pci' does not have; did you mean 'host_uso'?"),
        ("disable-legacy: [\"on\", maybe]", "hosts.yaml:6:32:", "to \"maybe\", but none of its implementations supports it"),
    ])
    func widening(_ line: String, _ location: String, _ message: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("vm.yaml", Self.usoVM)
        try directory.write("hosts.yaml", """
            hosts:
              host-b:
                implementations: [qemu.org/qemu/7.2]
                narrow:
                  qemu.org/devices/virtio-net-pci:
                    \(line)
            """)
        let run = try MigcheckProcess.run(["check", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml")])
        #expect(run.status == 2)
        #expect(run.stderr.contains(location) && run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("an unknown model in narrow is an input error at its key")
    func unknownModel() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("vm.yaml", Self.usoVM)
        try directory.write("hosts.yaml", """
            hosts:
              host-b:
                implementations: [qemu.org/qemu/7.2]
                narrow:
                  qemu.org/devices/virtio-net-pcj: {mq: [false]}
            """)
        let run = try MigcheckProcess.run(["check", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("hosts.yaml:5:7:") && run.stderr.contains("which the registry lacks"), "\(run.stderr)")
    }

    @Test("baseline and batch honour a narrowing: the newest version the narrowed host takes, and narrowed_by in batch")
    func baselineAndBatch() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("hosts.yaml", """
            hosts:
              h:
                implementations: [qemu.org/qemu/7.2]
                narrow:
                  qemu.org/devices/e1000e:
                    init-vet: [false]
            """)
        // init-vet is true from version 6.1 on: 2.9 is the newest this host takes.
        let baseline = try MigcheckProcess.run(["baseline", "--model", "qemu.org/devices/e1000e", "--hosts", directory.path("hosts.yaml")])
        #expect(baseline.stdout.hasPrefix("qemu.org/devices/e1000e  version '2.9'\n"), "\(baseline.stdout)")
        let request = #"{"id":1,"command":"check","vm":{"devices":[{"model":"qemu.org/devices/e1000e","version":"6.1"}]},"hosts":{"h":{"implementations":["qemu.org/qemu/7.2"],"narrow":{"qemu.org/devices/e1000e":{"init-vet":[false]}}}}}"#
        let batch = try MigcheckProcess.run(["batch"], stdin: Data((request + "\n").utf8))
        #expect(batch.stdout.contains(#""narrowed_by":"h""#), "\(batch.stdout)")
    }
}

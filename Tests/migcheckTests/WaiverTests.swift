import Foundation
import Testing

/// `--waive RULE[:MODEL[:PARAMETER]]` (SPEC 5): kept, marked waived, not counted; stale waivers noticed.
@Suite("Waivers: loud, precise, and never on what the registry cannot judge")
struct WaiverTests {
    private func files() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("vm.yaml", NarrowingTests.usoVM)
        try directory.write("hosts.yaml", NarrowingTests.usoHosts)
        return directory
    }

    private func check(_ directory: TemporaryDirectory, _ extra: [String]) throws -> (MigcheckRun, [String: Any]) {
        let arguments = ["check", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml")] + extra
        let text = try MigcheckProcess.run(arguments)
        let json = try jsonObject(try MigcheckProcess.run(arguments + ["--format", "json"]).stdout)
        return (text, json)
    }

    private func hostB(_ json: [String: Any]) throws -> (verdict: String?, findings: [[String: Any]]) {
        let result = try #require((json["results"] as? [[String: Any]])?.last)
        let device = try #require((result["devices"] as? [[String: Any]])?.first)
        return (device["verdict"] as? String, device["findings"] as? [[String: Any]] ?? [])
    }

    @Test("a waiver that matches one of the findings: that one is marked waived, the others still refuse")
    func one() throws {
        let directory = try files()
        defer { directory.remove() }
        let (text, json) = try check(directory, ["--waive", "value-not-supported:qemu.org/devices/virtio-net-pci:host_uso"])
        #expect(text.status == 1)
        #expect(text.stdout.contains("    waived error: 'host_uso' is true"))
        let (verdict, findings) = try hostB(json)
        #expect(verdict == "incompatible")
        #expect(findings.map { $0["waived"] as? Bool ?? false } == [false, false, true])
    }

    @Test("waivers that match every finding: compatible, the waived findings kept; exit 0")
    func all() throws {
        let directory = try files()
        defer { directory.remove() }
        let (text, json) = try check(directory, ["--waive", "value-not-supported:qemu.org/devices/virtio-net-pci"])
        #expect(text.status == 0, "\(text.stdout)")
        #expect(text.stdout.contains("web-uso → host-b: compatible"))
        let (verdict, findings) = try hostB(json)
        #expect(verdict == "compatible")
        #expect(findings.count == 3 && findings.allSatisfy { $0["waived"] as? Bool == true })
        #expect(json["findings"] == nil)
    }

    @Test("a waiver that matches nothing is a waiver-unused warning; it fails only with --strict")
    func unused() throws {
        let directory = try files()
        defer { directory.remove() }
        let waivers = ["--waive", "value-not-supported", "--waive", "parameter-not-supported:qemu.org/devices/e1000e"]
        let (text, json) = try check(directory, waivers)
        #expect(text.status == 0)
        #expect(text.stdout.contains("warning: waiver 'parameter-not-supported:qemu.org/devices/e1000e' matches no finding: it may be stale [waiver-unused]"))
        let top = try #require(json["findings"] as? [[String: Any]])
        #expect(top.map { $0["rule"] as? String } == ["waiver-unused"])
        #expect(top.first?["severity"] as? String == "warning")
        let (strict, _) = try check(directory, waivers + ["--strict"])
        #expect(strict.status == 1)
    }

    @Test("an unknown finding cannot be waived: asking to is a usage error", arguments: ["model-unknown", "parameter-unknown:x.org/y", "machine-unknown", "no-such-rule", "value-not-supported::x"])
    func unwaivable(_ waiver: String) throws {
        let directory = try files()
        defer { directory.remove() }
        let (text, _) = try check(directory, ["--waive", waiver])
        #expect(text.status == 2)
        #expect(text.stderr.contains("waiver '\(waiver)'"), "\(text.stderr)")
    }

    @Test("waivers apply before an implementation is chosen: the first one left with no unwaived finding is named")
    func implementationChoice() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("vm.yaml", """
            vm: v
            devices:
              - {id: nic1, model: qemu.org/devices/e1000e, version: "8.0"}
            """)
        let run = try MigcheckProcess.run([
            "check", directory.path("vm.yaml"), "--to", "qemu.org/qemu/6.2,qemu.org/qemu/7.2",
            "--waive", "parameter-not-supported:qemu.org/devices/e1000e",
        ])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains("compatible with qemu.org/qemu/6.2"), "\(run.stdout)")
    }

    @Test("compare, matrix and batch take waivers too")
    func otherCommands() throws {
        let pairs = MigcheckProcess.packageRoot.appendingPathComponent("Tests/QEMUAdapterTests/Fixtures/migrations/03-blk-queue-size-128-vs-256")
        let compare = try MigcheckProcess.run([
            "compare", "qemu-args:" + pairs.appendingPathComponent("source.args").path,
            "qemu-args:" + pairs.appendingPathComponent("destination.args").path,
            "--waive", "value-differs:qemu.org/devices/virtio-blk-pci:queue-size", "--format", "json",
        ])
        let document = try jsonObject(compare.stdout)
        #expect(document["verdict"] as? String == "same" && compare.status == 0, "\(compare.stdout.prefix(2000))")
        let waived = (document["findings"] as? [[String: Any]] ?? []).filter { $0["waived"] as? Bool == true }
        #expect(waived.map { $0["parameter"] as? String } == ["queue-size"])

        let directory = try files()
        defer { directory.remove() }
        let matrix = try MigcheckProcess.run([
            "matrix", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml"), "--format", "csv",
            "--waive", "value-not-supported:qemu.org/devices/virtio-net-pci",
        ])
        #expect(matrix.stdout.contains("web-uso,host-b,compatible,\r\n"), "\(matrix.stdout)")

        let request = #"{"id":7,"command":"check","vm":{"devices":[{"model":"qemu.org/devices/e1000e","version":"8.0"}]},"to":[["qemu.org/qemu/6.2"]],"waive":["parameter-not-supported"]}"#
        let batch = try MigcheckProcess.run(["batch"], stdin: Data((request + "\n").utf8))
        let answer = try jsonObject(batch.stdout)
        #expect(answer["status"] as? String == "ok", "\(batch.stdout)")
        #expect(batch.stdout.contains(#""waived":true"#))
    }
}

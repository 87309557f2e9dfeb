import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A QEMU 7.2 guest started for a test from a runnable argument file (TCG, -S, -nodefaults), with a
/// QMP socket; quit and waited for by `stop()`, which every test calls in a `defer`.
final class QEMUGuest {
    let process = Process()
    let socket: String
    private let directory: TemporaryDirectory

    /// - Parameter arguments: QEMU's arguments, one a line (no -qmp).
    init(argumentsFile: URL) throws {
        directory = try TemporaryDirectory()
        socket = directory.path("qmp.sock")
        let arguments = try String(contentsOf: argumentsFile, encoding: .utf8).split(separator: "\n").map(String.init)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/qemu-system-x86_64")
        process.arguments = arguments + ["-qmp", "unix:\(socket),server=on,wait=off"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The socket is there once QEMU listens.
        let deadline = ContinuousClock.now + .seconds(20)
        while !FileManager.default.fileExists(atPath: socket) {
            guard process.isRunning, ContinuousClock.now < deadline else {
                stop()
                throw GuestFailure(description: "QEMU did not start from \(argumentsFile.lastPathComponent)")
            }
            usleep(20_000)
        }
    }

    struct GuestFailure: Error, CustomStringConvertible { var description: String }

    /// Ends QEMU (SIGTERM, then SIGKILL) and waits for it; removes the socket's folder.
    func stop() {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        directory.remove()
    }
}

@Suite("Real QEMU 7.2: guests read both ways, compare, probe (SPEC 10)", .serialized)
struct RealQEMUTests {
    static let fixtures = MigcheckProcess.packageRoot.appendingPathComponent("Tests/QEMUAdapterTests/Fixtures/libvirt")

    /// `{id: (model, verdict)}` of a check's JSON, and the VM's verdict.
    private func verdicts(_ run: MigcheckRun) throws -> (vm: String, devices: [String: String]) {
        let document = try jsonObject(run.stdout)
        let result = try #require((document["results"] as? [[String: Any]])?.first)
        var devices: [String: String] = [:]
        for device in result["devices"] as? [[String: Any]] ?? [] {
            devices[device["id"] as? String ?? ""] = device["verdict"] as? String
        }
        return (result["verdict"] as? String ?? "", devices)
    }

    private func deviceIDs(_ run: MigcheckRun) throws -> [String: String] {
        let document = try jsonObject(run.stdout)
        var ids: [String: String] = [:]
        for device in document["devices"] as? [[String: Any]] ?? [] {
            ids[device["id"] as? String ?? ""] = device["model"] as? String
        }
        return ids
    }

    @Test("a libvirt guest read from its command line and over QMP: the same devices, every one compatible with 7.2", arguments: [
        "q35guest", "pcguest",
    ])
    func bothWays(_ guest: String) throws {
        let arguments = Self.fixtures.appendingPathComponent("runnable/\(guest).args")
        let running = try QEMUGuest(argumentsFile: arguments)
        defer { running.stop() }
        let fromQMP = try MigcheckProcess.run(["vm", "qmp:\(running.socket)", "--format", "json"])
        let fromArguments = try MigcheckProcess.run(["vm", "qemu-args:\(arguments.path)", "--format", "json"])
        let fromLog = try MigcheckProcess.run(["vm", "qemu-args:" + Self.fixtures.appendingPathComponent("\(guest).log").path, "--format", "json"])
        #expect(fromQMP.status == 0, "\(fromQMP.stderr)")
        #expect(try deviceIDs(fromQMP) == deviceIDs(fromArguments))
        // The log's guest also has a TPM, which the runnable file leaves out (it needs swtpm; see the fixtures' README).
        #expect(try deviceIDs(fromLog).filter { $0.key != "tpm0" } == deviceIDs(fromArguments))
        #expect(try deviceIDs(fromQMP).count >= 17)

        let checkQMP = try MigcheckProcess.run(["check", "qmp:\(running.socket)", "--to", "qemu.org/qemu/7.2", "--format", "json"])
        let checkArguments = try MigcheckProcess.run(["check", "qemu-args:\(arguments.path)", "--to", "qemu.org/qemu/7.2", "--format", "json"])
        let checkLog = try MigcheckProcess.run([
            "check", "qemu-args:" + Self.fixtures.appendingPathComponent("\(guest).log").path, "--to", "qemu.org/qemu/7.2", "--format", "json",
        ])
        let qmp = try verdicts(checkQMP)
        #expect(qmp == (try verdicts(checkArguments)), "\(checkQMP.stdout.prefix(3000))")
        #expect(qmp.vm == "compatible" && checkQMP.status == 0, "\(checkQMP.stdout.prefix(3000))")
        #expect(qmp.devices.values.allSatisfy { $0 == "compatible" })
        #expect(try verdicts(checkLog).devices.values.allSatisfy { $0 == "compatible" }, "\(checkLog.stdout.prefix(3000))")
    }

    @Test("compare accepts a running guest against its own command line", arguments: ["q35guest", "pcguest"])
    func compareSelf(_ guest: String) throws {
        let arguments = Self.fixtures.appendingPathComponent("runnable/\(guest).args")
        let running = try QEMUGuest(argumentsFile: arguments)
        defer { running.stop() }
        let run = try MigcheckProcess.run(["compare", "qmp:\(running.socket)", "qemu-args:\(arguments.path)", "--format", "json"])
        let document = try jsonObject(run.stdout)
        #expect(document["verdict"] as? String == "same", "\(run.stdout.prefix(3000))")
        #expect(run.status == 0)
        let findings = document["findings"] as? [[String: Any]] ?? []
        #expect(findings.allSatisfy { $0["severity"] as? String == "warning" && $0["rule"] as? String == "value-undetermined" })
    }

    @Test("probe --verify of the shipped 7.2 implementation is clean on the real binary, values on every machine type included")
    func verifyShipped() throws {
        let run = try MigcheckProcess.run(["probe", "--verify", "qemu.org/qemu/7.2", "--format", "json"], timeout: .seconds(300))
        #expect(run.status == 0, "\(run.stdout.prefix(3000))")
        #expect(try jsonFindings(try jsonObject(run.stdout)).isEmpty)
    }

    @Test("probe --verify names a parameter the registry claims and the binary lacks, and exits 1")
    func verifyAbsent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("registry/nic.yaml", """
            model: qemu.org/devices/e1000e
            parameters:
              init-vet: {type: bool, default: false}
              x-imaginary: {type: bool, default: false}
            ---
            machine: qemu.org/machines/pc-q35-7.2
            versions: {}
            ---
            implementation: qemu.org/qemu/7.2
            machines: [qemu.org/machines/pc-q35-7.2, qemu.org/machines/pc-q35-99.0]
            models:
              qemu.org/devices/e1000e:
                parameters:
                  init-vet: {}
                  x-imaginary: {}
            ---
            machine: qemu.org/machines/pc-q35-99.0
            versions: {}
            """)
        let run = try MigcheckProcess.run(["probe", "--verify", "qemu.org/qemu/7.2", "--registry", directory.path("registry")])
        #expect(run.status == 1)
        #expect(run.stdout.contains("nic.yaml:15:7: error:") && run.stdout.contains("'x-imaginary'") && run.stdout.contains("[probe-parameter-absent]"), "\(run.stdout)")
        #expect(run.stdout.contains("[probe-machine-absent]"))
        // init-vet is true on pc-q35-7.2 (hw_compat_6_0 no longer applies), but the machine here maps no version.
        #expect(run.stdout.contains("'init-vet' = true") && run.stdout.contains("[probe-value-differs]"), "\(run.stdout)")
    }

    @Test("probe prints the binary as an implementation document of the registry, which validates")
    func probeDocument() throws {
        let run = try MigcheckProcess.run(["probe", "--id", "example.com/qemu/probed"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("implementation: \"example.com/qemu/probed\"\n"))
        #expect(run.stdout.contains("  - \"qemu.org/machines/pc-q35-7.2\"\n"))
        #expect(run.stdout.contains("  \"qemu.org/devices/virtio-net-pci\":\n"))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.copyItem(atPath: MigcheckProcess.shippedRegistry.path, toPath: directory.path("registry"))
        try directory.write("registry/implementations/probed.yaml", run.stdout)
        let validate = try MigcheckProcess.run(["validate", directory.path("registry")])
        #expect(validate.status == 0, "\(validate.stdout.prefix(2000))")
    }

    @Test("a guest on pc-q35-6.2 that sets nothing newer is compatible with 6.2 and 7.2; a property 6.2 lacks is refused by 6.2")
    func olderRelease() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("old.yaml", """
            vm: old
            machine: qemu.org/machines/pc-q35-6.2
            devices:
              - {id: net0, model: qemu.org/devices/virtio-net-pci}
              - {id: disk0, model: qemu.org/devices/virtio-blk-pci}
              - {id: nic1, model: qemu.org/devices/e1000e}
            """)
        let fine = try MigcheckProcess.run(["check", directory.path("old.yaml"), "--to", "qemu.org/qemu/6.2", "--to", "qemu.org/qemu/7.2"])
        #expect(fine.status == 0, "\(fine.stdout)")
        try directory.write("newer.yaml", """
            vm: newer
            machine: qemu.org/machines/pc-q35-6.2
            devices:
              - {id: nic1, model: qemu.org/devices/e1000e, set: {x-pcie-err-unc-mask: true}}
            """)
        let refused = try MigcheckProcess.run(["check", directory.path("newer.yaml"), "--to", "qemu.org/qemu/6.2"])
        #expect(refused.status == 1)
        #expect(refused.stdout.contains("'x-pcie-err-unc-mask' is true (override); 'qemu.org/qemu/6.2' runs it only at its default false"), "\(refused.stdout)")
        #expect(refused.stdout.contains("    fix: run 'x-pcie-err-unc-mask' at its default false — a guest-visible change"), "\(refused.stdout)")
    }

    @Test("the examples of probe --verify's rules print the finding lines 'migcheck rules RULE' shows",
          arguments: ["probe-parameter-absent", "probe-parameter-unclaimed", "probe-model-absent", "probe-machine-absent", "probe-value-differs"])
    func ruleExample(_ rule: String) throws {
        // The lines name the binary's release (recorded with QEMU 7.2.22): any 7.2.x will do.
        try RulesCommandTests.expectExampleRuns(
            rule, normalizing: { $0.replacing(#/QEMU 7\.2\.\d+/#, with: "QEMU 7.2.x") }, timeout: .seconds(120))
    }
}

import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Bad VM references and binaries: a clear error, exit 2, no hang, nothing left behind (SPEC 9, 10).
@Suite("Bad real-VM input is trouble: exit 2 with a clear error")
struct BadReferenceTests {
    private func trouble(_ arguments: [String], environment: [String: String] = [:], says text: String) throws {
        let run = try MigcheckProcess.run(arguments, environment: environment, timeout: .seconds(30))
        #expect(run.status == 2, "\(arguments): \(run.stdout) \(run.stderr)")
        #expect(run.stderr.contains(text), "\(arguments): \(run.stderr)")
        #expect(!looksLikeCrash(run.stderr))
    }

    @Test("a QMP socket that does not exist, a file that is no socket")
    func notASocket() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("plain", "{}\n")
        try trouble(["vm", "qmp:" + directory.path("missing.sock")], says: "No such file or directory")
        try trouble(["vm", "qmp:" + directory.path("plain")], says: "not a socket")
    }

    @Test("a socket that never answers: the timeout is stated; one that answers with something else: not QMP")
    func silentSocket() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("silent.sock")
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(listen(listener, 4) == 0)
        try trouble(["vm", "qmp:\(path)"], environment: ["MIGCHECK_QMP_TIMEOUT": "1"], says: "no answer from QEMU within 1 s")
    }

    @Test("probe of a binary that is no QEMU, or missing", arguments: [
        (["--qemu", "/bin/true"], "closed the connection"), (["--qemu", "/bin/cat"], "did not start as a QEMU with QMP"),
        (["--qemu", "/nonexistent/qemu"], "cannot start '/nonexistent/qemu'"),
    ])
    func notQEMU(_ options: [String], _ text: String) throws {
        try trouble(["probe"] + options, says: text)
    }

    @Test("command lines QEMU would not take, or none at all", arguments: [
        ("qemu-system-x86_64 -machine pc-q35-7.2 \\\n-device 'virtio-net-pci,id=a\n", "unclosed quote"),
        ("/usr/bin/qemu-system-x86_64 -machine pc-q35-7.2 -device '{\"driver\":\"e1000e\",'\n", "not valid JSON"),
        ("2026-11-30 16:58:21.961+0000: starting up libvirt version: 9.0.0\n2026-11-30 16:58:22.000+0000: shutting down\n",
         "no QEMU command line found"),
        ("qemu-system-x86_64 -M q35 -device e1000e\n", "machine type 'q35' is an alias"),
        ("qemu-system-x86_64 -M pc-q35-7.2 -device e1000e,id=a -device '{\"driver\":\"e1000\",\"id\":\"a\"}'\n",
         "two -device options have the id 'a'"),
    ])
    func badCommandLine(_ text: String, _ message: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("vm.args", text)
        try trouble(["vm", "qemu-args:" + directory.path("vm.args")], says: message)
    }

    @Test("a qemu-args: file over 64 MiB")
    func huge() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.writeSparse("huge.args", size: 65 << 20)
        try trouble(["vm", "qemu-args:" + directory.path("huge.args")], says: "larger than 64 MiB")
    }
}

@Suite("A lost answer is trouble")
struct LostOutputTests {
    @Test("an answer written to a full disk (/dev/full) exits 2 with a message, never with the verdict's status")
    func fullDisk() throws {
        let process = Process()
        process.executableURL = try MigcheckProcess.executable()
        process.arguments = ["check", "--model", "qemu.org/devices/e1000e", "--to", "qemu.org/qemu/7.2", "--registry", MigcheckProcess.shippedRegistry.path]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message == "migcheck: error: cannot write the output: No space left on device\n")
    }
}

@Suite("Open, then look: a FIFO or a device given as an input file is refused at once")
struct NotRegularFileTests {
    @Test("a FIFO as the VM file, as the hosts file, as a qemu-args: file; a device", arguments: [0, 1, 2, 3])
    func notRegular(_ which: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.fifo("pipe.yaml")
        let fifo = directory.path("pipe.yaml")
        let example = MigcheckProcess.packageRoot.appendingPathComponent("examples")
        let arguments: [[String]] = [
            ["check", fifo, "--to", "qemu.org/qemu/7.2"],
            ["check", example.appendingPathComponent("web-42.yaml").path, "--hosts", fifo],
            ["vm", "qemu-args:\(fifo)"],
            ["check", "/dev/zero", "--to", "qemu.org/qemu/7.2"],
        ]
        let run = try MigcheckProcess.run(arguments[which], timeout: .seconds(10))
        #expect(run.status == 2)
        #expect(run.stderr.contains(which == 3 ? "/dev/zero: is a device, expected a regular file" : "pipe.yaml: is a FIFO, expected a regular file"), "\(run.stderr)")
    }

    @Test("qemu-args:- reads standard input as a stream")
    func standardInput() throws {
        let run = try MigcheckProcess.run(["vm", "qemu-args:-"], stdin: Data("qemu-system-x86_64 -machine pc-q35-7.2 -device e1000e,id=n\n".utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  - id: \"n\"\n"))
    }
}

@Suite("'-' is standard input wherever a file is taken")
struct StandardInputTests {
    static let registry = ["--registry", MigcheckProcess.shippedRegistry.path]
    static let vm = "devices:\n  - id: net0\n    model: vendor-a.com/my-nic\n    version: \"1\"\n"

    @Test("a VM file, a hosts file, and a broken one located at <stdin>:line:column")
    func dash() throws {
        let check = try MigcheckProcess.run(["check", "-", "--to", "vendor-a.com/my-nic-driver/3.1"] + Self.registry, stdin: Data(Self.vm.utf8))
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasPrefix("stdin → vendor-a.com/my-nic-driver/3.1: compatible\n"))
        let hosts = try MigcheckProcess.run(
            ["check", "--model", "vendor-a.com/my-nic", "--version", "1", "--hosts", "-"] + Self.registry,
            stdin: Data("hosts:\n  a: [vendor-a.com/my-nic-driver/3.1]\n".utf8))
        #expect(hosts.status == 0, "\(hosts.stderr)")
        let broken = try MigcheckProcess.run(["check", "-", "--to", "vendor-a.com/my-nic-driver/3.1"] + Self.registry, stdin: Data("devices: [\n".utf8))
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("migcheck: error: <stdin>:2:1: "), "\(broken.stderr)")
    }

    @Test("standard input for two inputs is an error, not an empty second read")
    func twice() throws {
        let run = try MigcheckProcess.run(["check", "-", "--hosts", "-"] + Self.registry, stdin: Data(Self.vm.utf8))
        #expect(run.status == 2)
        #expect(run.stderr.contains("standard input ('-') is given for two inputs"), "\(run.stderr)")
    }
}


import DeviceModelRegistry
import Foundation
import Testing

@testable import QEMUAdapter

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// QEMUProcess with a stand-in binary (a shell script that speaks just enough QMP): no QEMU is started.
@Suite("A QEMU process is quit, waited for, and its descriptors closed once")
struct QEMUProcessTests {
    static let script = """
        #!/bin/sh
        echo "qemu-system-x86_64: warning: nothing to see" >&2
        echo "fake: ready" >&2
        printf '%s\\n' '{"QMP": {"version": {"qemu": {"major": 7, "minor": 2, "micro": 0}}, "capabilities": []}}'
        while IFS= read -r line; do
          id=$(printf '%s' "$line" | sed -n 's/.*"id": *\\([0-9]*\\).*/\\1/p')
          printf '{"return": {}, "id": %s}\\n' "$id"
          case "$line" in *'"quit"'*) exit 0;; esac
        done

        """

    /// `/bin/sh SCRIPT -qmp stdio`: the script is read by the shell, never executed itself, so that a
    /// child another test spawns while it is written cannot make exec fail (ETXTBSY).
    static func fakeQEMU(_ script: String, in directory: TemporaryDirectory) throws -> QEMUProcess {
        try QEMUProcess(binary: "/bin/sh", arguments: [try directory.write("fake-qemu.sh", script)], timeout: 5)
    }

    @Test("finish quits the peer and returns what it said on standard error, warnings left out")
    func finish() throws {
        let directory = try TemporaryDirectory()
        let process = try Self.fakeQEMU(Self.script, in: directory)
        #expect(process.finish() == "fake: ready")
        #expect(process.finish() == "")
    }

    @Test("a second finish (deinit's) closes no descriptor: descriptors opened in between stay open")
    func noDoubleClose() throws {
        let directory = try TemporaryDirectory()
        var process: QEMUProcess? = try Self.fakeQEMU(Self.script, in: directory)
        process?.finish()
        // The lowest free descriptors, the one finish closed among them, are taken again now.
        var pipes: [Int32] = []
        for _ in 0..<8 {
            var pair: [Int32] = [0, 0]
            try #require(pipe(&pair) == 0)
            pipes += pair
        }
        defer { pipes.forEach { close($0) } }
        process = nil  // deinit: finish again
        for descriptor in pipes {
            #expect(fcntl(descriptor, F_GETFD) != -1, "descriptor \(descriptor) was closed by a second finish")
        }
    }

    @Test("a binary that does not speak QMP is an input error that says so")
    func notQMP() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: InputError.self) {
            try Self.fakeQEMU("echo 'usage: not-qemu' >&2\necho 'hello'\n", in: directory)
        }
        #expect(error?.message.contains("did not start as a QEMU with QMP") == true, "\(String(describing: error))")
        #expect(error?.message.contains("usage: not-qemu") == true, "\(String(describing: error))")
    }
}

import Foundation
import Testing

/// Paths are bytes from end to end: a path argument that is not UTF-8 names its file, and is
/// shown with its invalid bytes escaped.
@Suite("Paths that are not UTF-8")
struct RawPathTests {
    /// Runs migcheck through the shell, whose `printf` makes arguments of any bytes.
    private func shell(_ script: String, in directory: TemporaryDirectory) throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try MigcheckProcess.shell(script, in: directory.url)
        return (run.status, String(decoding: run.stdout, as: UTF8.self), run.stderr)
    }

    @Test("a VM file and a registry directory named with bytes that are not UTF-8 are read; a missing one is named with \\xFF")
    func rawPaths() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try FileManager.default.copyItem(atPath: MigcheckProcess.shippedRegistry.path, toPath: directory.path("registry"))
        try directory.write("vm.yaml", "vm: web\ndevices:\n  - id: net0\n    model: vendor-a.com/my-nic\n    version: \"1\"\n")
        // Renamed by the shell: Foundation would not make these names.
        let made = try shell(#"mv vm.yaml "$(printf 'vm\377.yaml')" && mv registry "$(printf 'reg\376')""#, in: directory)
        #expect(made.status == 0, "\(made.stderr)")
        let check = try shell(
            #"exec "$0" check "$(printf 'vm\377.yaml')" --to vendor-a.com/my-nic-driver/3.1 --registry "$(printf 'reg\376')""#, in: directory)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.hasSuffix("web: 1 of 1 destination can take it: vendor-a.com/my-nic-driver/3.1\n"))

        let missing = try shell(
            #"exec "$0" check "$(printf 'gone\377.yaml')" --to vendor-a.com/my-nic-driver/3.1 --registry "$(printf 'reg\376')""#, in: directory)
        #expect(missing.status == 2)
        #expect(missing.stderr == "migcheck: error: gone\\xFF.yaml: no such file or directory\n")
        let json = try shell(
            #"exec "$0" check "$(printf 'gone\377.yaml')" --to x.com/y --registry "$(printf 'reg\376')" --format json"#, in: directory)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((document["error"] as? [String: Any])?["file"] as? String == "gone\\xFF.yaml")

        let validate = try shell(#"exec "$0" validate "$(printf 'reg\376')""#, in: directory)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stderr.hasPrefix("reg\\xFE: ") && validate.stderr.hasSuffix(": no problems\n"), "\(validate.stderr)")
    }
}

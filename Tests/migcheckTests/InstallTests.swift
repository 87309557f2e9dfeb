import Foundation
import Testing

/// `make install` lays out a prefix from which the installed binary finds its registry.
@Suite("Installation")
struct InstallTests {
    @Test("make install-files puts the binary, man page, completions and registry under PREFIX; the binary finds the registry from anywhere")
    func install() throws {
        let prefix = try TemporaryDirectory()
        defer { prefix.remove() }
        let elsewhere = try TemporaryDirectory()
        defer { elsewhere.remove() }
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/usr/bin/make")
        make.arguments = ["-C", MigcheckProcess.packageRoot.path, "install-files", "PREFIX=\(prefix.path)",
                          "BIN=\(try MigcheckProcess.executable().path)"]
        make.standardOutput = FileHandle.nullDevice
        try make.run()
        make.waitUntilExit()
        #expect(make.terminationStatus == 0)
        for file in [
            "bin/migcheck", "share/man/man1/migcheck.1", "share/man/man5/migcheck-registry.5", "share/bash-completion/completions/migcheck",
            "share/zsh/site-functions/_migcheck", "share/fish/vendor_completions.d/migcheck.fish",
            "share/migcheck/registry/models/vendor-a.com/my-nic.yaml", "share/migcheck/schemas/migcheck-vm.schema.json",
        ] {
            #expect(FileManager.default.fileExists(atPath: prefix.path(file)), "\(file) is not installed")
        }
        let completion = try String(contentsOfFile: prefix.path("share/bash-completion/completions/migcheck"), encoding: .utf8)
        #expect(completion.contains("validate"))

        let installed = Process()
        installed.executableURL = URL(fileURLWithPath: prefix.path("bin/migcheck"))
        installed.arguments = ["validate", "--format", "json"]
        installed.currentDirectoryURL = elsewhere.url
        installed.environment = ProcessInfo.processInfo.environment.filter { $0.key != "MIGCHECK_REGISTRY" }
        let output = Pipe()
        installed.standardOutput = output
        installed.standardError = FileHandle.nullDevice
        try installed.run()
        let data = readToEnd(output.fileHandleForReading)
        installed.waitUntilExit()
        #expect(installed.terminationStatus == 0)
        #expect(try jsonObject(String(decoding: data, as: UTF8.self))["status"] as? String == "ok")

        let show = Process()
        show.executableURL = URL(fileURLWithPath: prefix.path("bin/migcheck"))
        show.arguments = ["show", "vendor-a.com/my-nic"]
        show.currentDirectoryURL = elsewhere.url
        show.environment = installed.environment
        let shown = Pipe()
        show.standardOutput = shown
        try show.run()
        let text = String(decoding: readToEnd(shown.fileHandleForReading), as: UTF8.self)
        show.waitUntilExit()
        #expect(text.contains("defined at \(prefix.path)/share/migcheck/registry/models/vendor-a.com/my-nic.yaml:2:8"), "\(text)")
    }
}

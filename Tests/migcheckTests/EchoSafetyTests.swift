import Foundation
import Testing

/// Nothing a registry, VM or inventory file says, nor a command-line argument, can forge output:
/// names full of CR, LF, `%`, `::`, ESC and U+202E go through every command that echoes them, and
/// each output line stays exactly one record of its format (issue: "nothing a registry file says
/// can forge output").
@Suite("Echoed names cannot forge output")
struct EchoSafetyTests {
    /// Everything an attacker would put in a name.
    static let nasty = "k\r\n::error file=README.md,line=1::pwned %0A\u{1B}[2J\u{202E}\u{85}\u{7F}"
    /// The same, as a YAML double-quoted scalar.
    static let quoted = #""k\r\n::error file=README.md,line=1::pwned %0A\e[2J\u202e\x85\x7f""#

    /// The lines of an output, split at LF only (CR LF is one `Character` in Swift).
    private func lines(_ text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    /// No raw control character (but CR before LF) and no bidirectional override anywhere.
    private func expectClean(_ text: String, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            let allowed = value == 0x0A || (value == 0x0D && index + 1 < scalars.count && scalars[index + 1] == "\n")
            let control = value < 0x20 || (0x7F..<0xA0).contains(value) || (0x202A...0x202E).contains(value)
                || (0x2066...0x2069).contains(value)
            #expect(allowed || !control, "\(context): raw U+\(String(value, radix: 16)) at \(index)", sourceLocation: sourceLocation)
        }
    }

    private func fixture() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("registry/models/a.yaml", "model: example.com/nic\nparameters:\n  \(Self.quoted): {type: bool, default: off}\n")
        try directory.write("clean/models/nic.yaml", "model: example.com/nic\nparameters:\n  rss: {type: bool, default: off}\n")
        try directory.write(
            "clean/implementations/d.yaml", "implementation: example.com/d/1\nmodels:\n  example.com/nic:\n    parameters: {}\n")
        try directory.write(
            "vm.yaml", "vm: \(Self.quoted)\ndevices:\n  - id: \(Self.quoted)\n    model: example.com/nic\n    set: {rss: on}\n")
        try directory.write("hosts.yaml", "hosts:\n  \(Self.quoted): [example.com/d/1]\n")
        return directory
    }

    @Test("validate: text, GitHub and JSON keep one finding a line")
    func validate() throws {
        let directory = try fixture()
        defer { directory.remove() }
        let registry = directory.path("registry")
        let text = try MigcheckProcess.run(["validate", registry])
        expectClean(text.stdout, "validate text")
        let findings = lines(text.stdout)  // the summary goes to standard error
        #expect(findings.count == 1)
        #expect(findings.allSatisfy { $0.hasPrefix(registry + "/models/a.yaml:3:3: error: ") && $0.hasSuffix(" [invalid-id]") })
        #expect(text.stdout.contains(#"'k\r\n::error file=README.md,line=1::pwned %0A\e[2J\u202e\u0085\u007f'"#))

        let github = try MigcheckProcess.run(["validate", registry, "--format", "github"])
        expectClean(github.stdout, "validate github")
        #expect(lines(github.stdout).count == 1)
        #expect(lines(github.stdout).allSatisfy { $0.hasPrefix("::error file=") })
        #expect(github.stdout.contains("k%0D%0A::error file=README.md,line=1::pwned %250A"))
        #expect(!github.stdout.contains("\n::error file=README.md"))

        let json = try MigcheckProcess.run(["validate", registry, "--format", "json"])
        expectClean(json.stdout, "validate json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let message = try #require((document["findings"] as? [[String: Any]])?.first?["message"] as? String)
        #expect(message.contains(Self.nasty))  // the exact name, once decoded
    }

    @Test("check, matrix and expand: names from VM files, inventories and arguments are escaped in text, CSV and errors")
    func check() throws {
        let directory = try fixture()
        defer { directory.remove() }
        let registry = ["--registry", directory.path("clean")]
        let text = try MigcheckProcess.run(["check", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml")] + registry)
        #expect(text.status == 1)
        expectClean(text.stdout, "check text")
        let output = lines(text.stdout)
        #expect(output.count == 5, "\(output)")
        #expect(output.first?.hasPrefix(#"k\r\n::error file=README.md,line=1::pwned %0A\e[2J\u202e"#) == true)
        #expect(output.last?.hasSuffix("0 of 1 destination can take it") == true)

        let csv = try MigcheckProcess.run(
            ["matrix", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml"), "--format", "csv"] + registry)
        expectClean(csv.stdout, "matrix csv")
        #expect(lines(csv.stdout).count == 2)
        #expect(lines(csv.stdout).allSatisfy { $0.hasSuffix("\r") })

        let matrix = try MigcheckProcess.run(["matrix", directory.path("vm.yaml"), "--hosts", directory.path("hosts.yaml")] + registry)
        expectClean(matrix.stdout, "matrix text")
        #expect(lines(matrix.stdout).prefix(2).allSatisfy { $0.hasPrefix("VM ") || $0.hasPrefix(#"k\r\n::error"#) || $0.hasPrefix("h1") })
        // The host's long name is numbered; the legend names it, escaped, on one line.
        #expect(lines(matrix.stdout).last?.hasPrefix(#"h1  k\r\n::error file=README.md"#) == true)

        let expand = try MigcheckProcess.run(["expand", "inj.org/m" + Self.nasty] + registry)
        #expect(expand.status == 2)
        expectClean(expand.stderr, "expand error")
        #expect(lines(expand.stderr).count == 1)
        #expect(expand.stderr.hasPrefix(#"migcheck: error: unknown model 'inj.org/mk\r\n::error"#))
    }
}

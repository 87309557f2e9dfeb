import Foundation
import Testing

/// SPEC 9: no input crashes migcheck, hangs it or prints a stack trace; each is a `validate`
/// finding naming the file, line and column.
@Suite("migcheck validate: bad input (SPEC 9)")
struct BadInputTests {
    /// Runs `migcheck validate reg` (plus `extra`) from `directory`, and checks it ended normally.
    private func validate(
        _ directory: TemporaryDirectory, _ extra: [String] = [], timeout: Duration = .seconds(20),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> MigcheckRun {
        let run = try MigcheckProcess.run(["validate", "reg"] + extra, currentDirectory: directory.url, timeout: timeout)
        #expect((0...2).contains(run.status), "ended with status \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(!looksLikeCrash(run.stderr), "\(run.stderr)", sourceLocation: sourceLocation)
        return run
    }

    // MARK: Syntax

    static let malformedCases: [String] = [
        "model: example.com/devices/x\ndescription: a1️⃣: b\n",
        "model: example.com/devices/x\nparameters:\n1️⃣\tqueues: {type: int}\n",
        "model: example.com/devices/x\nversions:\n  - version: \"1\"\n   1️⃣- version: \"2\"\n",
        "model: example.com/devices/x\ndescription: caf\u{E9} \u{20AC}1️⃣: b\n",
    ]

    @Test("malformed YAML is a yaml-syntax finding at libyaml's line and column", arguments: malformedCases)
    func malformedYAML(marked: String) throws {
        let source = MarkedSource(marked)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", source.text)
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["yaml-syntax"], "\(run.stdout)")
        #expect(findings.first?.file == "reg/models/x.yaml")
        #expect(findings.first?.position == source.location("1"), "\(run.stdout)")
    }

    @Test("a binary file (pseudo-random bytes with a NUL) is a yaml-syntax finding with a location")
    func binaryFile() throws {
        var generator = SplitMix64(seed: 0x6D69_6763_6865_636B)
        var bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        bytes[0] = 0x89  // not a byte order mark: read as UTF-8
        bytes[2048] = 0
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/blob.yaml", bytes: bytes)
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["yaml-syntax"], "\(run.stdout)")
        #expect(findings.first?.file == "reg/blob.yaml")
        #expect((findings.first?.line ?? 0) >= 1 && (findings.first?.column ?? 0) >= 1)
    }

    @Test("a NUL byte in text is a yaml-syntax finding at its line and column")
    func nulByte() throws {
        let source = MarkedSource("model: example.com/devices/x\ndescription: caf\u{E9} 1️⃣\u{0}tail\n")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", source.text)
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["yaml-syntax"])
        #expect(findings.first?.position == source.location("1"), "\(run.stdout)")
    }

    /// The bad byte goes where the U+FFFD is; the marker sits just before it.
    static let invalidUTF8Cases: [(String, UInt8)] = [
        ("model: example.com/devices/x\ndescription: \"\u{E9}t\u{E9} 1️⃣\u{FFFD} tail\"\n", 0xFF),
        ("model: example.com/devices/x\ndescription: \"\u{E9}\u{20AC}\u{1F642} x1️⃣\u{FFFD}y\"\n", 0xFE),
        ("model: example.com/devices/x\r\ndescription: \"\u{E9}\"\r\n# caf\u{E9} \u{1F642} \u{20AC} 1️⃣\u{FFFD}\r\n", 0x80),
        ("# \u{E9}\u{E9}\u{E9}\nmodel: example.com/devices/x\ndescription: \u{E9}\u{E9}\u{E9}\u{E9}\u{E9}1️⃣\u{FFFD}\u{E9}\n", 0xFF),
    ]

    @Test("invalid UTF-8 mid-line is a yaml-syntax finding at the bad byte's line and column, counted in characters",
          arguments: invalidUTF8Cases)
    func invalidUTF8(marked: String, byte: UInt8) throws {
        let source = MarkedSource(marked)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", bytes: source.bytes(invalid: byte))
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["yaml-syntax"], "\(run.stdout)")
        #expect(findings.first?.file == "reg/models/x.yaml")
        #expect(findings.first?.position == source.location("1"), "\(run.stdout)")
    }

    @Test("an error in a UTF-16 file (libyaml decodes it) is still located in characters, or the file is refused at 1:1")
    func utf16() throws {
        let source = MarkedSource("model: example.com/devices/x\ndescription: caf\u{E9} 1️⃣\u{7} bell\n")
        var bytes: [UInt8] = [0xFF, 0xFE]  // UTF-16LE byte order mark
        for unit in source.text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", bytes: bytes)
        let run = try validate(directory)
        #expect(run.status == 1)
        let finding = try #require(TextFinding.findings(run).first, "\(run.stdout)")
        #expect(finding.rule == "yaml-syntax")
        #expect([source.location("1"), "1:1"].contains(finding.position), "\(run.stdout)")
    }

    // MARK: Files without documents

    @Test("an empty file and a comments-only file are skipped: exit 0, no finding",
          arguments: ["", "# only a comment\n", "# one\n# two\n", "\n\n   \n", "# no line break at the end"])
    func noDocument(text: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.cleanModel)
        try directory.write("reg/models/empty.yaml", text)
        let run = try validate(directory, ["--strict", "--format", "json"])
        #expect(run.status == 0, "\(run.stdout)")
        let document = try jsonObject(run.stdout)
        #expect(document["status"] as? String == "ok")
        #expect(try jsonFindings(document).isEmpty)
    }

    // MARK: Size

    @Test("a file of 64 MiB + 1 byte is unsupported-yaml at 1:1, refused without reading it")
    func tooLarge() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.writeSparse("reg/big.yaml", size: 64 << 20 + 1)
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["unsupported-yaml"], "\(run.stdout)")
        #expect(findings.first?.file == "reg/big.yaml")
        #expect(findings.first?.position == "1:1")
    }

    @Test("a file of exactly 64 MiB is not too large (it is read, and its NULs are a syntax error)")
    func exactlyTheLimit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.writeSparse("reg/big.yaml", size: 64 << 20)
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(!findings.contains { $0.rule == "unsupported-yaml" }, "\(run.stdout)")
        #expect(findings.map(\.rule) == ["yaml-syntax"])
    }

    @Test("one line of 60 MiB in a valid model's description is fine: exit 0")
    func longLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/long.yaml", "model: example.com/devices/long\ndescription: ")
        let handle = try FileHandle(forWritingTo: directory.url.appendingPathComponent("reg/models/long.yaml"))
        try handle.seekToEnd()
        let mebibyte = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<60 { try handle.write(contentsOf: mebibyte) }
        try handle.write(contentsOf: Data("\n".utf8))
        try handle.close()
        let run = try validate(directory)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout == "")
    }

    // MARK: Things that are not regular files

    @Test("a FIFO named f.yaml is unreadable-file and does not hang; a folder named x.yaml is just a folder")
    func fifo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/x.yaml/model.yaml", Sample.cleanModel)
        try directory.fifo("reg/f.yaml")
        let run = try validate(directory, timeout: .seconds(10))
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["unreadable-file"], "\(run.stdout)")
        #expect(findings.first?.file == "reg/f.yaml")
        #expect(findings.first?.position == "1:1")
    }

    @Test("a dangling symlink d.yaml is unreadable-file, naming it")
    func danglingLink() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.cleanModel)
        try directory.symlink("reg/d.yaml", to: "nowhere.yaml")
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["unreadable-file"], "\(run.stdout)")
        #expect(findings.first?.file == "reg/d.yaml")
        #expect(findings.first?.position == "1:1")
    }

    @Test("a symlink loop is unreadable-file and the walk ends",
          arguments: [("sub/loop", ".."), ("sub/self", "."), ("l.yaml", "l.yaml")])
    func symlinkLoop(link: String, target: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.cleanModel)
        try directory.symlink("reg/" + link, to: target)
        let run = try validate(directory, timeout: .seconds(10))
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["unreadable-file"], "\(run.stdout)")
        #expect(findings.first?.file == "reg/" + link)
    }

    @Test("a file without read permission is unreadable-file",
          .enabled(if: geteuid() != 0, "root reads any file"))
    func permissionDenied() throws {
        let directory = try TemporaryDirectory()
        defer {
            try? directory.setPermissions("reg/secret.yaml", 0o644)
            directory.remove()
        }
        try directory.write("reg/secret.yaml", Sample.cleanModel)
        try directory.setPermissions("reg/secret.yaml", 0)
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["unreadable-file"])
        #expect(findings.first?.file == "reg/secret.yaml")
    }

    // MARK: Structure

    @Test("nesting 10,000 deep is unsupported-yaml at the first node deeper than 64 levels")
    func deepNesting() throws {
        let depth = 10_000
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/deep.yaml", String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["unsupported-yaml"], "\(run.stdout)")
        // The 65th `[` opens the 65th level.
        #expect(findings.first?.position == "1:65")
    }

    @Test("nesting 10,000 deep inside a model, in flow mappings and block sequences, is unsupported-yaml",
          arguments: ["flow", "block"])
    func deepNestingInModel(style: String) throws {
        let depth = 10_000
        var text = "model: example.com/devices/x\ndescription:\n"
        if style == "flow" {
            text += "  " + String(repeating: "{a: ", count: depth) + "b" + String(repeating: "}", count: depth) + "\n"
        } else {
            // Compact block sequences: `- - - …` nests one level per dash.
            text += "  " + String(repeating: "- ", count: depth) + "b\n"
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", text)
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.contains { $0.rule == "unsupported-yaml" && $0.file == "reg/models/x.yaml" }, "\(run.stdout)")
        #expect(findings.allSatisfy { $0.rule == "unsupported-yaml" || $0.rule == "wrong-type" }, "\(run.stdout)")
    }

    @Test("nesting exactly 64 levels is allowed (no unsupported-yaml)")
    func sixtyFourLevels() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/deep.yaml", String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n")
        let run = try validate(directory)
        #expect(!TextFinding.findings(run).contains { $0.rule == "unsupported-yaml" }, "\(run.stdout)")
    }

    @Test("a billion-laughs alias bomb is unsupported-yaml, quickly and with bounded output")
    func billionLaughs() throws {
        var text = "model: example.com/devices/lol\ndescription: &a0 \"lol\"\nparameters:\n"
        for level in 1...12 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "  p\(level): &a\(level) [\(aliases)]\n"
        }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/lol.yaml", text)
        let run = try validate(directory, timeout: .seconds(10))
        #expect(run.status == 1)
        #expect(run.duration < .seconds(5))
        #expect(run.stdout.utf8.count < 1 << 20)
        let findings = TextFinding.findings(run)
        #expect(findings.contains { $0.rule == "unsupported-yaml" && $0.line == 2 }, "\(run.stdout.prefix(2000))")
        #expect(findings.allSatisfy { $0.file == "reg/models/lol.yaml" })
    }

    // MARK: Which files are read

    @Test("names starting with '.' are skipped, files and folders; .yml files are read; other files ignored")
    func selection() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let broken = "model: [unclosed\n"
        try directory.write("reg/.hidden.yaml", broken)
        try directory.write("reg/.git/config.yaml", broken)
        try directory.write("reg/models/.swap.yml", broken)
        try directory.write("reg/notes.txt", broken)
        try directory.write("reg/README.md", broken)
        try directory.write("reg/models/x.yaml.orig", broken)
        try directory.write("reg/models/m.yml", Sample.duplicateKey.text)
        try directory.write("reg/models/ok.yaml", Sample.cleanModel.replacingOccurrences(of: "nic", with: "nic2"))
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.file) == ["reg/models/m.yml"], "\(run.stdout)")
        #expect(findings.map(\.rule) == ["duplicate-key"])
    }

    @Test("a .yaml file whose name is not UTF-8 is still read")
    func nonUTF8Name() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(inFolder: "reg", rawName: Array("caf".utf8) + [0xE9] + Array(".yaml".utf8), "model: [unclosed\n")
        let run = try validate(directory)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["yaml-syntax"], "\(run.stdout)")
        #expect(findings.first?.position == "2:1")
    }

    @Test("validate writes nothing: the registry folder is unchanged")
    func readsOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.duplicateKey.text)
        try directory.write("reg/models/y.yaml", Sample.cleanModel.replacingOccurrences(of: "nic", with: "nic2"))
        let before = try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
        _ = try validate(directory)
        _ = try validate(directory, ["--format", "json"])
        let after = try FileManager.default.subpathsOfDirectory(atPath: directory.path).sorted()
        #expect(before == after)
    }
}

/// A small deterministic generator, so the "random" binary fixture is the same on every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
import Testing

/// How a test names the registry directory on the command line.
enum RegistrySpelling: String, CaseIterable, CustomTestStringConvertible {
    case relative, relativeWithSlash, dotRelative, absolute, absoluteWithSlash

    /// The argument, for a registry at `<directory>/reg`, run from `directory`.
    func argument(in directory: TemporaryDirectory) -> String {
        switch self {
        case .relative: "reg"
        case .relativeWithSlash: "reg/"
        case .dotRelative: "./reg"
        case .absolute: directory.path + "/reg"
        case .absoluteWithSlash: directory.path + "/reg/"
        }
    }

    /// The name SPEC 8 expects for `<registry>/<relative>`: the directory as given, joined with the path below it.
    func file(_ relative: String, in directory: TemporaryDirectory) -> String {
        switch self {
        case .relative, .relativeWithSlash: "reg/" + relative
        case .dotRelative: "./reg/" + relative
        case .absolute, .absoluteWithSlash: directory.path + "/reg/" + relative
        }
    }

    var testDescription: String { rawValue }
}

@Suite("migcheck validate: findings in text, JSON and GitHub formats (SPEC 2.7, 8)")
struct ValidateOutputTests {
    @Test("a duplicate key is one line `FILE:L:C: error: MESSAGE [rule]`, then a note at the first key; exit 1",
          arguments: RegistrySpelling.allCases)
    func duplicateKeyText(spelling: RegistrySpelling) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.duplicateKey.text)
        let run = try MigcheckProcess.run(["validate", spelling.argument(in: directory)], currentDirectory: directory.url)
        #expect(run.status == 1, "\(run.stderr)")
        let file = spelling.file("models/x.yaml", in: directory)
        try #require(run.lines.count == 2, "\(run.stdout)")
        #expect(run.lines[0] == "\(file):\(Sample.duplicateKey.location("1")): error: duplicate key 'description' [duplicate-key]")
        #expect(run.lines[1].hasPrefix("\(file):\(Sample.duplicateKey.location("2")): note: "))
        #expect(!run.stdout.contains("//"))
    }

    @Test("a YAML syntax error is one line carrying libyaml's problem, at libyaml's line and column")
    func syntaxErrorText() throws {
        let source = MarkedSource("""
            model: example.com/devices/nic
            description: a1️⃣: b

            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", source.text)
        let run = try MigcheckProcess.run(["validate", "reg"], currentDirectory: directory.url)
        #expect(run.status == 1)
        #expect(run.lines == [
            "reg/models/x.yaml:\(source.location("1")): error: mapping values are not allowed in this context [yaml-syntax]",
        ])
    }

    @Test("JSON: status fail; each finding has rule, severity, message, file, line and column as numbers, model and parameter")
    func json() throws {
        let source = MarkedSource("""
            model: example.com/devices/x
            parameters:
              size: {type: int, 3️⃣default: 1️⃣5, allowed: [0, 16]}
            versions:
              - version: "1"
                set: {4️⃣size: 2️⃣17}

            """)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", source.text)
        let run = try MigcheckProcess.run(["validate", "reg/", "--format", "json"], currentDirectory: directory.url)
        #expect(run.status == 1, "\(run.stderr)")
        let document = try jsonObject(run.stdout)
        #expect(document["status"] as? String == "fail")
        let findings = try jsonFindings(document)
        #expect(findings.compactMap { $0["rule"] as? String } == ["default-not-allowed", "value-not-allowed"])
        for (finding, places) in zip(findings, [["1", "3"], ["2", "4"]]) {
            #expect(finding["severity"] as? String == "error")
            #expect((finding["message"] as? String)?.isEmpty == false)
            #expect(finding["file"] as? String == "reg/models/x.yaml")
            #expect(finding["model"] as? String == "example.com/devices/x")
            #expect(finding["parameter"] as? String == "size")
            let line = try #require(jsonInt(finding["line"]), "line is not an integer: \(finding)")
            let column = try #require(jsonInt(finding["column"]), "column is not an integer: \(finding)")
            // SPEC 2.7: "the offending key or value".
            #expect(places.map(source.location).contains("\(line):\(column)"), "\(finding)")
        }
        #expect(findings.last?["version"] as? String == "1")
    }

    @Test("JSON: a duplicate key is a duplicate-key finding at the repeated key")
    func jsonDuplicateKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.duplicateKey.text)
        let run = try MigcheckProcess.run(["validate", "reg", "--format", "json"], currentDirectory: directory.url)
        #expect(run.status == 1)
        let document = try jsonObject(run.stdout)
        #expect(document["status"] as? String == "fail")
        let finding = try #require(try jsonFindings(document).first)
        #expect(finding["rule"] as? String == "duplicate-key")
        #expect(finding["severity"] as? String == "error")
        #expect(finding["file"] as? String == "reg/models/x.yaml")
        #expect("\(jsonInt(finding["line"]) ?? 0):\(jsonInt(finding["column"]) ?? 0)" == Sample.duplicateKey.location("1"))
    }

    @Test("GitHub: `::error file=F,line=L,col=C,title=RULE::message` lines; exit 1")
    func github() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.duplicateKey.text)
        let run = try MigcheckProcess.run(["validate", "reg", "--format", "github"], currentDirectory: directory.url)
        #expect(run.status == 1)
        let marker = try #require(Sample.duplicateKey.markers["1"])
        try #require(run.lines.count == 1, "\(run.stdout)")
        let prefix = "::error file=reg/models/x.yaml,line=\(marker.line),col=\(marker.column),title=duplicate-key::"
        #expect(run.lines[0].hasPrefix(prefix), "\(run.lines[0])")
        #expect(run.lines[0].count > prefix.count)
    }

    @Test("GitHub: a warning is a `::warning` line")
    func githubWarning() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/w.yaml", Sample.identicalVersions.text)
        let run = try MigcheckProcess.run(["validate", "reg", "--format", "github"], currentDirectory: directory.url)
        #expect(run.status == 0)
        let marker = try #require(Sample.identicalVersions.markers["1"])
        #expect(run.lines.count == 1)
        #expect(run.lines.first?.hasPrefix(
            "::warning file=reg/models/w.yaml,line=\(marker.line),col=\(marker.column),title=identical-versions::") == true,
            "\(run.stdout)")
    }

    @Test("every problem of every file is reported in one run, files in sorted path order")
    func everyProblem() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/c.yml", "model: [unclosed\n")
        try directory.write("reg/b.yaml", Sample.duplicateKey.text)
        try directory.write("reg/a/x.yaml", Sample.cleanModel
            .replacingOccurrences(of: "devices/nic", with: "devices/other")
            .replacingOccurrences(of: "description:", with: "descripton:"))
        let run = try MigcheckProcess.run(["validate", "reg"], currentDirectory: directory.url)
        #expect(run.status == 1)
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.file) == ["reg/a/x.yaml", "reg/b.yaml", "reg/c.yml"], "\(run.stdout)")
        #expect(findings.map(\.rule) == ["unknown-key", "duplicate-key", "yaml-syntax"])
        #expect(findings.allSatisfy { $0.severity == "error" })
    }
}

@Suite("migcheck validate: warnings and --strict (SPEC 2.7, 8)")
struct ValidateWarningTests {
    @Test("a version with `set: {}` that expands like the one before is an identical-versions warning; exit 0")
    func warningPasses() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/w.yaml", Sample.identicalVersions.text)
        let run = try MigcheckProcess.run(["validate", "reg"], currentDirectory: directory.url)
        #expect(run.status == 0, "\(run.stdout)")
        let findings = TextFinding.findings(run)
        #expect(findings.map(\.rule) == ["identical-versions"])
        #expect(findings.first?.severity == "warning")
        #expect(findings.first?.file == "reg/models/w.yaml")
        #expect(findings.first?.position == Sample.identicalVersions.location("1"))
    }

    @Test("--strict fails on a warning: exit 1, JSON status fail", arguments: ["text", "json", "github"])
    func strict(format: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/w.yaml", Sample.identicalVersions.text)
        let plain = try MigcheckProcess.run(["validate", "reg", "--format", format], currentDirectory: directory.url)
        let strict = try MigcheckProcess.run(["validate", "reg", "--strict", "--format", format], currentDirectory: directory.url)
        #expect(plain.status == 0)
        #expect(strict.status == 1)
        if format == "json" {
            #expect(try jsonObject(plain.stdout)["status"] as? String == "ok")
            let document = try jsonObject(strict.stdout)
            #expect(document["status"] as? String == "fail")
            let finding = try #require(try jsonFindings(document).first)
            #expect(finding["rule"] as? String == "identical-versions")
            #expect(finding["severity"] as? String == "warning")
            #expect(finding["model"] as? String == "example.com/devices/w")
        }
    }

    @Test("a version without a `set` key is a deliberate synonym: no finding, even with --strict")
    func synonym() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/w.yaml", """
            model: example.com/devices/w
            parameters:
              p: {type: bool, default: off}
            versions:
              - version: "1"
              - version: "1.1"
                extends: "1"

            """)
        let run = try MigcheckProcess.run(["validate", "reg", "--strict"], currentDirectory: directory.url)
        #expect(run.status == 0)
        #expect(run.stdout == "")
    }
}

import Foundation
import Testing

/// `validate` and `diff` with `--format sarif`: a SARIF 2.1.0 log that the official schema
/// accepts, for code-scanning dashboards.
@Suite("--format sarif: SARIF 2.1.0 for validate and diff")
struct SARIFOutputTests {
    static let schema = MigcheckProcess.packageRoot.appendingPathComponent(
        "Tests/migcheckTests/Fixtures/sarif-schema-2.1.0.json")

    /// Parses the output and checks it against the official schema.
    private func sarif(_ run: MigcheckRun, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> JSONInstance {
        let log = try JSONInstance.json(run.stdout)
        let errors = try JSONSchemaValidator(file: Self.schema).validate(log)
        #expect(errors == [], "the SARIF schema refuses the log", sourceLocation: sourceLocation)
        return log
    }

    private static let oldModel = """
        model: example.com/devices/nic
        parameters:
          queues: {type: int, default: 1, allowed: [1, 2, 4]}
        versions:
          - version: "1"
          - version: "2"
            extends: "1"
            set: {queues: 4}

        """

    @Test("validate: the rule in rules[], the result at the finding's file, line and column, its note a related location")
    func validate() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.duplicateKey.text)
        let run = try MigcheckProcess.run(["validate", "reg", "--format", "sarif"], currentDirectory: directory.url)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr == "")
        let log = try sarif(run)
        #expect(log["version"] == .string("2.1.0"))
        try #require(log["runs"]?.items.count == 1)
        let runLog = try #require(log["runs"]?[0])
        let driver = try #require(runLog["tool"]?["driver"])
        #expect(driver["name"] == .string("migcheck"))
        let version = try MigcheckProcess.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(version.hasSuffix(driver["version"]?.string ?? "?"))
        #expect(runLog["columnKind"] == .string("unicodeCodePoints"))

        let rules = try #require(driver["rules"]?.items)
        #expect(rules.map { $0["id"] } == [.string("duplicate-key")])
        #expect(rules.first?["defaultConfiguration"]?["level"] == .string("error"))
        #expect(rules.first?["shortDescription"]?["text"]?.string?.contains("key repeated") == true)

        let results = try #require(runLog["results"]?.items)
        try #require(results.count == 1)
        let result = results[0]
        #expect(result["ruleId"] == .string("duplicate-key"))
        #expect(result["ruleIndex"] == .number(0))
        #expect(result["level"] == .string("error"))
        #expect(result["message"]?["text"] == .string("duplicate key 'description'"))
        let physical = try #require(result["locations"]?[0]?["physicalLocation"])
        #expect(physical["artifactLocation"]?["uri"] == .string("reg/models/x.yaml"))
        #expect(physical["artifactLocation"]?["uriBaseId"] == .string("%SRCROOT%"))
        #expect(Self.lineColumn(physical) == Sample.duplicateKey.location("1"))
        let related = try #require(result["relatedLocations"]?[0])
        #expect(Self.lineColumn(try #require(related["physicalLocation"])) == Sample.duplicateKey.location("2"))
        #expect(related["message"]?["text"]?.string?.contains("first defined here") == true)
    }

    @Test("validate: a warning is level warning and exits 0, 1 with --strict")
    func warning() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/w.yaml", Sample.identicalVersions.text)
        let run = try MigcheckProcess.run(["validate", "reg", "--format", "sarif"], currentDirectory: directory.url)
        #expect(run.status == 0, "\(run.stderr)")
        let result = try #require(try sarif(run)["runs"]?[0]?["results"]?[0])
        #expect(result["ruleId"] == .string("identical-versions"))
        #expect(result["level"] == .string("warning"))
        #expect(result["properties"]?["model"] == .string("example.com/devices/w"))
        let strict = try MigcheckProcess.run(["validate", "reg", "--format", "sarif", "--strict"], currentDirectory: directory.url)
        #expect(strict.status == 1)
        #expect(strict.stdout == run.stdout)
    }

    @Test("validate: a clean registry gives an empty results list and exit 0")
    func clean() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/n.yaml", Sample.cleanModel)
        let run = try MigcheckProcess.run(["validate", "reg", "--format", "sarif"], currentDirectory: directory.url)
        #expect(run.status == 0)
        let runLog = try #require(try sarif(run)["runs"]?[0])
        #expect(runLog["results"] == .array([]))
        #expect(runLog["tool"]?["driver"]?["rules"] == .array([]))
    }

    @Test("an absolute path is a file:// URI without a base; a space is percent-encoded")
    func absolutePath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("my reg/models/x.yaml", Sample.duplicateKey.text)
        let run = try MigcheckProcess.run(["validate", directory.path + "/my reg", "--format", "sarif"])
        let artifact = try #require(try sarif(run)["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]?["artifactLocation"])
        #expect(artifact["uri"] == .string("file://" + directory.path + "/my%20reg/models/x.yaml"))
        #expect(artifact["uriBaseId"] == nil)
    }

    @Test("diff: errors, warnings and info (note) with their rules in catalogue order, exit 1 on a breaking change; same bytes twice")
    func diff() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("old/models/nic.yaml", Self.oldModel)
        // Version "2" removed, a model added.
        try directory.write("new/models/nic.yaml", String(Self.oldModel.split(separator: "\n").prefix(5).joined(separator: "\n")) + "\n")
        try directory.write("new/models/extra.yaml", "model: example.com/devices/extra\n")
        let arguments = ["diff", "old", "new", "--format", "sarif"]
        let run = try MigcheckProcess.run(arguments, currentDirectory: directory.url)
        #expect(run.status == 1, "\(run.stderr)")
        let runLog = try #require(try sarif(run)["runs"]?[0])
        let rules = try #require(runLog["tool"]?["driver"]?["rules"]?.items)
        let results = try #require(runLog["results"]?.items)
        #expect(Set(results.compactMap { $0["ruleId"]?.string }) == ["version-removed", "model-added"])
        #expect(rules.compactMap { $0["id"]?.string } == ["version-removed", "model-added"])
        for result in results {
            let index = try #require(result["ruleIndex"]?.int)
            #expect(rules[index]["id"] == result["ruleId"])
            let expected = result["ruleId"] == .string("model-added") ? "note" : "error"
            #expect(result["level"] == .string(expected))
            #expect(rules[index]["defaultConfiguration"]?["level"] == .string(expected))
        }
        let removed = try #require(results.first { $0["ruleId"] == .string("version-removed") })
        let physical = try #require(removed["locations"]?[0]?["physicalLocation"])
        #expect(physical["artifactLocation"]?["uri"] == .string("old/models/nic.yaml"))
        #expect(Self.lineColumn(physical) == "6:14", "the name of the removed version, in the old file")
        #expect(try MigcheckProcess.run(arguments, currentDirectory: directory.url).stdout == run.stdout)
    }

    @Test("trouble (exit 2) is still a SARIF log: an unsuccessful invocation, no results")
    func trouble() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try MigcheckProcess.run(["validate", "missing", "--format", "sarif"], currentDirectory: directory.url)
        #expect(run.status == 2)
        let runLog = try #require(try sarif(run)["runs"]?[0])
        #expect(runLog["results"] == nil)
        let invocation = try #require(runLog["invocations"]?[0])
        #expect(invocation["executionSuccessful"] == .bool(false))
        #expect(invocation["toolExecutionNotifications"]?[0]?["message"]?["text"]?.string?.contains("missing") == true)
    }

    @Test("other commands refuse --format sarif: a usage error naming their formats",
          arguments: [["check", "--model", "vendor-a.com/my-nic", "--to", "qemu.org/qemu/7.2"], ["expand", "vendor-a.com/my-nic"],
                      ["rules"], ["list", "models"], ["matrix", "examples/web-42.yaml", "--hosts", "examples/hosts.yaml"]])
    func refused(arguments: [String]) throws {
        let run = try MigcheckProcess.run(arguments + ["--format", "sarif"], currentDirectory: MigcheckProcess.packageRoot)
        #expect(run.status == 2)
        #expect(run.stdout == "")
        let formats = arguments[0] == "matrix" ? "text, json or csv" : "text or json"
        #expect(run.stderr.contains("--format sarif is not an output of this command: use \(formats)"), "\(run.stderr)")
    }

    @Test("the validator is not vacuous: the schema refuses a wrong level, an unknown key and a missing version")
    func validatorRefuses() throws {
        let validator = try JSONSchemaValidator(file: Self.schema)
        let good = """
            {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "migcheck"}},
              "results": [{"ruleId": "x", "message": {"text": "m"}, "level": "error",
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.yaml"}, "region": {"startLine": 1}}}]}]}]}
            """
        #expect(validator.validate(try JSONInstance.json(good)) == [])
        let badLevel = good.replacingOccurrences(of: "\"error\"", with: "\"fatal\"")
        #expect(!validator.validate(try JSONInstance.json(badLevel)).isEmpty)
        let unknownKey = good.replacingOccurrences(of: "\"ruleId\"", with: "\"rule_id\"")
        let unknownKeyErrors = validator.validate(try JSONInstance.json(unknownKey))
        #expect(unknownKeyErrors.contains { $0.contains("unknown key 'rule_id'") }, "\(unknownKeyErrors)")
        let noVersion = good.replacingOccurrences(of: "\"version\": \"2.1.0\", ", with: "")
        #expect(validator.validate(try JSONInstance.json(noVersion)).contains { $0.contains("'version' is missing") })
        let lineZero = good.replacingOccurrences(of: "\"startLine\": 1", with: "\"startLine\": 0")
        #expect(!validator.validate(try JSONInstance.json(lineZero)).isEmpty)
    }

    /// `line:column` of a physical location's region.
    private static func lineColumn(_ physical: JSONInstance) -> String {
        let region = physical["region"]
        return "\(region?["startLine"]?.int ?? -1):\(region?["startColumn"]?.int ?? -1)"
    }
}

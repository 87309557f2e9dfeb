import Foundation
import Testing

/// Exit status 2 (SPEC 2.7, 8, 9): a registry that cannot be read at all, and usage errors.
@Suite("migcheck validate: trouble is exit 2")
struct TroubleTests {
    /// A registry argument that is not a readable directory.
    enum BadRegistry: String, CaseIterable, CustomTestStringConvertible {
        case missing, regularFile, danglingLink

        var argument: String {
            switch self {
            case .missing: "no-such-registry"
            case .regularFile: "registry.yaml"
            case .danglingLink: "gone"
            }
        }

        func create(in directory: TemporaryDirectory) throws {
            switch self {
            case .missing: break
            case .regularFile: try directory.write("registry.yaml", Sample.cleanModel)
            case .danglingLink: try directory.symlink("gone", to: "nowhere")
            }
        }

        var testDescription: String { rawValue }
    }

    @Test("text: a clear message on standard error naming the path; nothing on standard output",
          arguments: BadRegistry.allCases)
    func text(registry: BadRegistry) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try registry.create(in: directory)
        let run = try MigcheckProcess.run(["validate", registry.argument], currentDirectory: directory.url)
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains(registry.argument), "\(run.stderr)")
        #expect(occurrences(of: "error:", in: run.stderr) == 1, "\(run.stderr)")
        #expect(!looksLikeCrash(run.stderr))
    }

    @Test("JSON: one document on standard output with status error and error.message",
          arguments: BadRegistry.allCases)
    func json(registry: BadRegistry) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try registry.create(in: directory)
        let run = try MigcheckProcess.run(
            ["validate", registry.argument, "--format", "json"], currentDirectory: directory.url)
        #expect(run.status == 2)
        let document = try jsonObject(run.stdout)
        #expect(document["status"] as? String == "error")
        let error = try #require(document["error"] as? [String: Any], "\(run.stdout)")
        let message = try #require(error["message"] as? String)
        #expect(!message.isEmpty)
        #expect(message.contains(registry.argument) || error["file"] as? String == registry.argument, "\(error)")
        #expect(document["findings"] == nil || (document["findings"] as? [Any])?.isEmpty == true)
        #expect(run.stderr.contains(registry.argument))
    }

    @Test("the registry given by --registry and MIGCHECK_REGISTRY is checked the same way")
    func otherSpellings() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let option = try MigcheckProcess.run(["validate", "--registry", "missing-one"], currentDirectory: directory.url)
        #expect(option.status == 2)
        #expect(option.stderr.contains("missing-one"))
        let variable = try MigcheckProcess.run(
            ["validate"], environment: ["MIGCHECK_REGISTRY": "missing-two"], currentDirectory: directory.url)
        #expect(variable.status == 2)
        #expect(variable.stderr.contains("missing-two"))
    }

    static let usageErrors: [[String]] = [
        ["frobnicate"],
        ["validate", "--frobnicate"],
        ["validate", "--format", "yaml"],
        ["validate", "--color", "sometimes"],
        ["validate", "--format"],
        ["validate", "one", "two"],
    ]

    @Test("usage errors exit 2 with exactly one `error:` and no stack trace", arguments: usageErrors)
    func usage(arguments: [String]) throws {
        let run = try MigcheckProcess.run(arguments, currentDirectory: MigcheckProcess.packageRoot)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout == "")
        #expect(occurrences(of: "error:", in: run.stderr) == 1, "\(run.stderr)")
        #expect(!looksLikeCrash(run.stderr), "\(run.stderr)")
    }

    @Test("a usage error with --format json still prints one JSON document with status error",
          arguments: [["validate", "--frobnicate", "--format", "json"], ["validate", "--format", "json", "one", "two"]])
    func usageJSON(arguments: [String]) throws {
        let run = try MigcheckProcess.run(arguments, currentDirectory: MigcheckProcess.packageRoot)
        #expect(run.status == 2)
        let document = try jsonObject(run.stdout)
        #expect(document["status"] as? String == "error")
        let error = try #require(document["error"] as? [String: Any])
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect(occurrences(of: "error:", in: run.stderr) == 1, "\(run.stderr)")
    }
}

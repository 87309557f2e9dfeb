import Foundation
import Testing

/// Where `validate` looks for the registry (SPEC 8): positional DIR, `--registry`, `MIGCHECK_REGISTRY`, `./registry`.
///
/// The fixtures: `clean/` validates clean, `broken/` and `cwd/registry/` have one duplicate key each,
/// so the output tells which one was read.
@Suite("migcheck validate: finding the registry (SPEC 8)")
struct RegistryLocationTests {
    private static func fixture() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("clean/models/x.yaml", Sample.cleanModel)
        try directory.write("broken/models/x.yaml", Sample.duplicateKey.text)
        try directory.write("cwd/registry/models/x.yaml", Sample.duplicateKey.text)
        return directory
    }

    /// The files named by `run`'s findings.
    private func files(_ run: MigcheckRun) -> Set<String> {
        Set(TextFinding.findings(run).map(\.file))
    }

    @Test("a positional DIR")
    func positional() throws {
        let directory = try Self.fixture()
        defer { directory.remove() }
        let run = try MigcheckProcess.run(["validate", "broken"], currentDirectory: directory.url)
        #expect(run.status == 1)
        #expect(files(run) == ["broken/models/x.yaml"])
    }

    @Test("--registry DIR")
    func option() throws {
        let directory = try Self.fixture()
        defer { directory.remove() }
        let run = try MigcheckProcess.run(["validate", "--registry", "broken"], currentDirectory: directory.url)
        #expect(run.status == 1)
        #expect(files(run) == ["broken/models/x.yaml"])
    }

    @Test("MIGCHECK_REGISTRY, when no directory is given; it wins over ./registry")
    func environment() throws {
        let directory = try Self.fixture()
        defer { directory.remove() }
        let run = try MigcheckProcess.run(
            ["validate"], environment: ["MIGCHECK_REGISTRY": directory.path + "/broken"],
            currentDirectory: directory.url.appendingPathComponent("cwd"))
        #expect(run.status == 1)
        #expect(files(run) == [directory.path + "/broken/models/x.yaml"])
    }

    @Test("./registry in the current directory when nothing else names one")
    func currentDirectory() throws {
        let directory = try Self.fixture()
        defer { directory.remove() }
        let run = try MigcheckProcess.run(["validate"], currentDirectory: directory.url.appendingPathComponent("cwd"))
        #expect(run.status == 1)
        #expect(files(run) == ["registry/models/x.yaml"])
    }

    @Test("the positional DIR wins over --registry", arguments: [["validate", "clean", "--registry", "broken"],
                                                                 ["validate", "--registry", "broken", "clean"]])
    func positionalWins(arguments: [String]) throws {
        let directory = try Self.fixture()
        defer { directory.remove() }
        let run = try MigcheckProcess.run(arguments, currentDirectory: directory.url)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout == "")
        let reversed = try MigcheckProcess.run(["validate", "broken", "--registry", "clean"], currentDirectory: directory.url)
        #expect(reversed.status == 1)
        #expect(files(reversed) == ["broken/models/x.yaml"])
    }

    @Test("--registry wins over MIGCHECK_REGISTRY")
    func optionWinsOverEnvironment() throws {
        let directory = try Self.fixture()
        defer { directory.remove() }
        let run = try MigcheckProcess.run(
            ["validate", "--registry", "clean"], environment: ["MIGCHECK_REGISTRY": "broken"], currentDirectory: directory.url)
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout == "")
    }

    @Test("no registry anywhere is trouble: exit 2, naming the directory looked for")
    func none() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let run = try MigcheckProcess.run(["validate"], currentDirectory: directory.url)
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("registry"))
        #expect(occurrences(of: "error:", in: run.stderr) == 1, "\(run.stderr)")
    }
}

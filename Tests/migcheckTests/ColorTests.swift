import Foundation
import Testing

/// `--color auto|always|never` and `NO_COLOR` (SPEC 8: colour only on a terminal).
@Suite("migcheck validate: colour")
struct ColorTests {
    private static let escape = "\u{1B}["

    /// Runs `validate` on a registry with one error, in `reg/` below a fresh folder.
    private func run(
        _ extra: [String], environment: [String: String] = [:], terminal: Bool = false
    ) throws -> MigcheckRun {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("reg/models/x.yaml", Sample.duplicateKey.text)
        let run = try MigcheckProcess.run(
            ["validate", "reg"] + extra, environment: environment, currentDirectory: directory.url, terminal: terminal)
        #expect(run.status == 1)
        #expect(run.stdout.contains("duplicate-key"), "\(run.stdout)")
        return run
    }

    @Test("--color always puts ANSI escapes in text output, even on a pipe")
    func always() throws {
        let run = try run(["--color", "always"])
        #expect(run.stdout.contains(Self.escape), "\(run.stdout)")
    }

    @Test("no escapes with --color never, by default on a pipe, and with NO_COLOR",
          arguments: [(["--color", "never"], [:]), ([], [:]), ([], ["NO_COLOR": "1"]), (["--color", "auto"], ["NO_COLOR": "1"])]
            as [([String], [String: String])])
    func none(arguments: [String], environment: [String: String]) throws {
        let run = try run(arguments, environment: environment)
        #expect(!run.stdout.contains(Self.escape), "\(run.stdout)")
        #expect(!run.stderr.contains(Self.escape))
    }

    @Test("JSON and GitHub output never carry escapes, even with --color always", arguments: ["json", "github"])
    func machineFormats(format: String) throws {
        let run = try run(["--color", "always", "--format", format])
        #expect(!run.stdout.contains("\u{1B}"), "\(run.stdout)")
        if format == "json" {
            #expect(try jsonObject(run.stdout)["status"] as? String == "fail")
        }
    }

    @Test("on a terminal, auto colours the output", .enabled(if: MigcheckProcess.terminalIsAvailable))
    func terminal() throws {
        let run = try run([], terminal: true)
        #expect(run.stdout.contains(Self.escape), "\(run.stdout)")
    }

    @Test("on a terminal, NO_COLOR and --color never turn colour off",
          .enabled(if: MigcheckProcess.terminalIsAvailable),
          arguments: [([], ["NO_COLOR": "1"]), (["--color", "never"], [:])] as [([String], [String: String])])
    func terminalWithoutColor(arguments: [String], environment: [String: String]) throws {
        let run = try run(arguments, environment: environment, terminal: true)
        #expect(!run.stdout.contains(Self.escape), "\(run.stdout)")
    }
}

import Foundation
import Testing

/// `--help` and `--version` (SPEC 8): usage on standard output, exit 0.
@Suite("migcheck --help and --version")
struct HelpTests {
    @Test("migcheck --help prints usage naming the validate command", arguments: [["--help"], ["-h"]])
    func rootHelp(arguments: [String]) throws {
        let run = try MigcheckProcess.run(arguments)
        #expect(run.status == 0)
        #expect(run.stdout.contains("USAGE"), "\(run.stdout)")
        #expect(run.stdout.contains("validate"))
        #expect(occurrences(of: "error", in: run.stderr) == 0)
    }

    @Test("migcheck validate --help prints the validate usage and its options",
          arguments: [["validate", "--help"], ["validate", "-h"], ["help", "validate"]])
    func validateHelp(arguments: [String]) throws {
        let run = try MigcheckProcess.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("USAGE"), "\(run.stdout)")
        #expect(run.stdout.contains("validate"))
        for option in ["--strict", "--registry", "--format", "--color"] {
            #expect(run.stdout.contains(option), "no \(option) in the help")
        }
    }

    @Test("migcheck --version prints a version number")
    func version() throws {
        let run = try MigcheckProcess.run(["--version"])
        #expect(run.status == 0)
        let text = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.contains(#/^(migcheck )?v?\d+\.\d+(\.\d+)?([-+][0-9A-Za-z.-]+)?$/#), "\(run.stdout)")
    }

    @Test("--format lists, in --help, only the formats the command has", arguments: [
        ("check", "--format <text|json>"), ("matrix", "--format <text|json|csv>"),
        ("validate", "--format <text|json|github|sarif>"), ("diff", "--format <text|json|github|sarif>"),
    ])
    func formats(_ command: String, _ usage: String) throws {
        let run = try MigcheckProcess.run([command, "--help"])
        #expect(run.stdout.contains(usage), "\(run.stdout)")
        #expect(!run.stdout.contains("values: text"), "argument-parser's list of every format")
    }
}


import Foundation
import Testing

/// Keeps `man/migcheck.1` in step with the commands: every command and option
/// that `--help` knows is in the man page, and groff renders it without a warning.
@Suite("The man page")
struct ManPageTests {
    static let manPage = MigcheckProcess.packageRoot.appendingPathComponent("man/migcheck.1")

    /// (command path, long option names) of every command, from argument-parser's own description.
    private func commands() throws -> [(path: String, options: [String])] {
        let run = try MigcheckProcess.run(["--experimental-dump-help"])
        #expect(run.status == 0)
        let root = try #require(try jsonObject(run.stdout)["command"] as? [String: Any])
        var found: [(String, [String])] = []
        func walk(_ command: [String: Any], _ path: String) {
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let options = arguments.flatMap { argument in
                (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
            }
            found.append((path, options))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path.isEmpty ? name : path + " " + name)
            }
        }
        walk(root, "")
        return found
    }

    @Test("every command and long option of --help is in the man page")
    func inStep() throws {
        let page = try String(contentsOf: Self.manPage, encoding: .utf8)
        let commands = try commands()
        #expect(commands.count >= 12)
        for (path, options) in commands {
            let words = path.split(separator: " ")
            if let top = words.first {
                // Every command is in the synopsis; a subcommand (list models) among its parent's words.
                #expect(page.contains(".B migcheck \(top)"), "command '\(top)' is not in the synopsis")
                if words.count > 1, let name = words.last {
                    #expect(page.contains(String(name)), "command '\(path)' is not in the man page")
                }
            }
            for option in options where option != "help" {
                #expect(page.contains("\\-\\-\(option)"), "option --\(option) of '\(path)' is not in the man page")
            }
        }
        for format in ["text", "json", "github", "sarif", "csv"] {
            #expect(page.contains(format), "--format \(format) is not in the man page")
        }
    }

    @Test("groff renders both pages without a warning", arguments: ["migcheck.1", "migcheck-registry.5"])
    func renders(_ page: String) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") else {
            Issue.record("groff is not installed: .ci/run installs groff-base")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/groff")
        process.arguments = ["-mandoc", "-ww", "-z", Self.manPage.deletingLastPathComponent().appendingPathComponent(page).path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let warnings = String(decoding: readToEnd(errors.fileHandleForReading), as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(warnings == "")
    }

    @Test("SEE ALSO names installed pages only; the pages name no file outside the repository")
    func seeAlso() throws {
        let page = try String(contentsOf: Self.manPage, encoding: .utf8)
        let seeAlso = try #require(page.components(separatedBy: ".SH SEE ALSO\n").last)
        #expect(seeAlso.contains("migcheck\\-registry (5)") || seeAlso.contains(".BR migcheck\\-registry (5)"), "\(seeAlso)")
        for name in ["migcheck.1", "migcheck-registry.5"] {
            let text = try String(contentsOf: Self.manPage.deletingLastPathComponent().appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains("SPEC.md"), "\(name)")
            // A relative path names a folder of the repository (`../schemas`), never one beside it.
            for match in text.matches(of: /\.\.\/([A-Za-z0-9_-]+)/) {
                let folder = MigcheckProcess.packageRoot.appendingPathComponent(String(match.1)).path
                #expect(FileManager.default.fileExists(atPath: folder), "\(name) names '../\(match.1)', which is not in the repository")
            }
        }
    }

    @Test("the man page gives batch's request exactly as batch --help does, field by field")
    func batchRequest() throws {
        let help = try MigcheckProcess.run(["batch", "--help"], environment: ["COLUMNS": "1000"]).stdout
        let fields = help.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { line -> (String, String) in
            let name = line.dropFirst(3).prefix { $0 != "\"" }
            return (String(name), String(line.dropFirst(3 + name.count + 3)))
        }
        #expect(fields.map(\.0) == ["id", "command", "vm", "model", "version", "set", "to", "hosts", "for", "require", "waive"])
        let page = try String(contentsOf: Self.manPage, encoding: .utf8)
        for (name, meaning) in fields {
            let roff = meaning.replacingOccurrences(of: "\"", with: "\\(dq")
            #expect(page.contains(".B \"\(name)\"\n\(roff)\n"), "\(name): \(meaning)")
        }
    }

    @Test("the man page lists every format of every command, as each command's --help does")
    func formats() throws {
        let page = try String(contentsOf: Self.manPage, encoding: .utf8)
        let entry = try #require(page.components(separatedBy: ".BR \\-\\-format \" \" text | json | github | sarif | csv\n").dropFirst().first)
            .components(separatedBy: "\n.TP\n").first ?? ""
        // The page: github and sarif for validate and diff, csv for matrix, github for probe --verify.
        #expect(entry.contains("GitHub Actions workflow commands\n.RB ( validate \", \" diff ),"), "\(entry)")
        #expect(entry.contains("SARIF 2.1.0 log for code-scanning dashboards\n.RB ( validate \", \" diff ;"), "\(entry)")
        #expect(entry.contains("comma-separated values\n.RB ( matrix )."), "\(entry)")
        #expect(entry.contains(".B \"probe \\-\\-verify\"\nalso writes github."), "\(entry)")
        // --help: the same formats, command by command.
        let extra: [String: [String]] = ["validate": ["github", "sarif"], "diff": ["github", "sarif"], "matrix": ["csv"], "probe": ["github"]]
        for command in ["validate", "expand", "check", "baseline", "matrix", "batch", "diff", "show", "rules", "vm", "compare", "probe"] {
            let help = try MigcheckProcess.run([command, "--help"], environment: ["COLUMNS": "1000"]).stdout
            let formats = ["text", "json"] + (extra[command] ?? [])
            #expect(help.contains("--format <" + formats.joined(separator: "|") + ">"), "\(command)")
        }
    }
}

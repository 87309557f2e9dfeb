import Foundation
import Testing

/// `migcheck rules RULE`: each rule explained, its example run for real.
@Suite("migcheck rules RULE")
struct RulesCommandTests {
    /// Every rule id, in the catalogue's order, with the command that reports it.
    static func catalogue() throws -> [(rule: String, command: String)] {
        let run = try MigcheckProcess.run(["rules", "--format", "json"])
        let rules = try #require(try jsonObject(run.stdout)["rules"] as? [[String: Any]])
        return rules.compactMap { rule in
            guard let id = rule["rule"] as? String, let command = rule["command"] as? String else { return nil }
            return (id, command)
        }
    }

    /// What `migcheck rules ID --format json` gives as the example.
    struct Example {
        var files: [(path: String, text: String)]
        var links: [(path: String, target: String)]
        var arguments: [String]
        var finding: String
    }

    static func example(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Example {
        let run = try MigcheckProcess.run(["rules", id, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        let example = try #require(try jsonObject(run.stdout)["example"] as? [String: Any], sourceLocation: sourceLocation)
        let files = (example["files"] as? [[String: String]] ?? []).compactMap { file in
            file["path"].flatMap { path in file["text"].map { (path, $0) } }
        }
        let links = (example["links"] as? [[String: String]] ?? []).compactMap { link in
            link["path"].flatMap { path in link["target"].map { (path, $0) } }
        }
        return Example(
            files: files, links: links, arguments: example["arguments"] as? [String] ?? [],
            finding: example["finding"] as? String ?? "")
    }

    /// Writes the example of `id` to a fresh folder, runs it there, and expects its finding line
    /// among the lines printed (indentation aside), and an answer rather than trouble (exit 0 or 1).
    ///
    /// - Parameter normalizing: applied to the expected and the printed lines before comparing.
    static func expectExampleRuns(
        _ id: String, normalizing: (String) -> String = { $0 }, timeout: Duration = .seconds(20),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let example = try example(id, sourceLocation: sourceLocation)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for file in example.files { try directory.write(file.path, file.text) }
        for link in example.links { try directory.symlink(link.path, to: link.target) }
        let run = try MigcheckProcess.run(example.arguments, currentDirectory: directory.url, timeout: timeout)
        #expect(run.status == 0 || run.status == 1, "\(id): exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        let printed = run.lines.map { normalizing(String($0.drop { $0 == " " })) }
        #expect(printed.contains(normalizing(example.finding)),
                "\(id): the example's finding line\n  \(example.finding)\nis not among what migcheck printed:\n\(run.stdout)",
                sourceLocation: sourceLocation)
    }

    @Test("every rule's example prints the finding line it shows (probe --verify's: RealQEMUTests)")
    func examplesRun() throws {
        let rules = try Self.catalogue()
        #expect(rules.count >= 66)
        for (rule, command) in rules where command != "probe --verify" {
            try Self.expectExampleRuns(rule)
        }
    }

    @Test("text: id, severity, command, summary, then what triggers it, an example and how to fix it")
    func text() throws {
        let run = try MigcheckProcess.run(["rules", "parameter-not-supported"])
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.lines.prefix(4) == [
            "rule      parameter-not-supported",
            "severity  error",
            "command   migcheck check",
            "summary   the destination does not recognise the parameter, and the device's value is not its default",
        ])
        #expect(run.lines.filter { !$0.hasPrefix(" ") && !$0.isEmpty }.dropFirst(4) == ["What triggers it", "Example", "How to fix it"])
        #expect(run.stdout.contains("""

              $ migcheck check --model example.com/nic --version 2 --to example.com/vmm/1
              error: 'rss' is true (version 2); 'example.com/vmm/1' runs it only at its default false [parameter-not-supported]

            """))
    }

    @Test("JSON: {status, rule, severity, command, summary, triggers, example, fix, schema: 1}")
    func json() throws {
        let run = try MigcheckProcess.run(["rules", "waiver-unused", "--format", "json"])
        #expect(run.status == 0)
        let document = try jsonObject(run.stdout)
        #expect(Set(document.keys) == ["status", "rule", "severity", "command", "summary", "triggers", "example", "fix", "schema"])
        #expect(document["status"] as? String == "ok")
        #expect(document["rule"] as? String == "waiver-unused")
        #expect(document["severity"] as? String == "warning")
        #expect(document["command"] as? String == "check")
        #expect(jsonInt(document["schema"]) == 1)
        #expect(run.stdout.hasSuffix("  \"schema\": 1\n}\n"))
        for key in ["summary", "triggers", "fix"] {
            #expect((document[key] as? String)?.isEmpty == false, "\(key)")
        }
        let example = try #require(document["example"] as? [String: Any])
        #expect((example["command"] as? String)?.hasPrefix("migcheck check ") == true)
        #expect((example["finding"] as? String)?.hasSuffix(" [waiver-unused]") == true)
        #expect((example["files"] as? [[String: String]])?.first?["path"] == "registry/nic.yaml")
    }

    @Test("an unknown rule is a usage error: exit 2, the closest id, and where the list is")
    func unknown() throws {
        let run = try MigcheckProcess.run(["rules", "value-not-suported"])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix(
            "migcheck: error: unknown rule 'value-not-suported'; did you mean 'value-not-supported'? 'migcheck rules' lists every rule\n"),
            "\(run.stderr)")
        let json = try MigcheckProcess.run(["rules", "no-such-thing", "--format", "json"])
        #expect(json.status == 2)
        let document = try jsonObject(json.stdout)
        #expect(document["status"] as? String == "error")
        #expect((document["error"] as? [String: Any])?["message"] as? String == "unknown rule 'no-such-thing'; 'migcheck rules' lists every rule")
        #expect(jsonInt(document["schema"]) == 1)
    }

    @Test("without a rule: the catalogue, and in text a last line on how to explain one")
    func list() throws {
        let text = try MigcheckProcess.run(["rules"])
        #expect(text.status == 0)
        #expect(text.lines.last == "migcheck rules RULE explains one")
        let json = try MigcheckProcess.run(["rules", "--format", "json"])
        #expect(!json.stdout.contains("explains one"))
        #expect(try jsonObject(json.stdout)["rules"] is [[String: Any]])
    }
}

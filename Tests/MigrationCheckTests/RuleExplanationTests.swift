import DeviceModelRegistry
import MigrationCheck
import Testing

/// The explanations of `migcheck rules RULE`: one for every rule, complete, and rendered as documented.
/// (`migcheckTests/RulesCommandTests` runs each example and checks its finding line.)
@Suite("Rule explanations")
struct RuleExplanationTests {
    static let catalogue = RuleCatalogue.groups.flatMap { group in group.rules.map { (command: group.command, rule: $0) } }

    @Test("every rule of the catalogue has an explanation with what triggers it, an example and a fix",
          arguments: catalogue.map(\.rule.id))
    func complete(_ id: String) throws {
        let explanation = try #require(RuleExplanation.explanation(for: id), "no explanation for '\(id)'")
        #expect(!explanation.triggers.isEmpty)
        #expect(!explanation.fix.isEmpty)
        let example = explanation.example
        #expect(!example.files.isEmpty)
        #expect(!example.arguments.isEmpty)
        #expect(!example.finding.isEmpty)
        // The finding line is the rule's, at the rule's severity.
        let rule = try #require(RuleCatalogue.entry(for: id)).rule
        #expect(example.finding.hasSuffix(" [\(id)]"), "\(example.finding)")
        #expect(example.finding.contains("\(rule.severity.rawValue): "), "\(example.finding)")
        // Prose is paragraphs of single lines; the files are relative to the folder the example runs in.
        for text in [explanation.triggers, explanation.fix] {
            #expect(!text.contains("\n\n\n") && !text.hasPrefix(" ") && !text.hasSuffix("\n"))
        }
        for path in example.files.map(\.path) + example.links.map(\.path) {
            #expect(!path.hasPrefix("/") && !path.contains(".."))
        }
    }

    @Test("explanations are the catalogue's rules, each once, in its order")
    func sameRules() {
        #expect(RuleExplanation.all.map(\.rule) == Self.catalogue.map(\.rule.id))
    }

    @Test("the example of each command's rules runs that command")
    func exampleCommands() {
        for (command, rule) in Self.catalogue {
            guard let arguments = RuleExplanation.explanation(for: rule.id)?.example.arguments else { continue }
            #expect(arguments.starts(with: command.split(separator: " ").map(String.init)), "\(rule.id): \(arguments)")
        }
    }

    @Test("prose is re-flowed: a single line break is a space, a blank line a new paragraph")
    func unwrapping() {
        let explanation = RuleExplanation(
            rule: "x", triggers: "one\n  two\n\n\nthree  \n", example: RuleExample(files: [], arguments: [], finding: ""), fix: "a\nb")
        #expect(explanation.triggers == "one two\n\nthree")
        #expect(explanation.fix == "a b")
    }

    @Test("a command line is quoted for a shell only where it needs it")
    func commandLine() {
        let example = RuleExample(files: [.init("vm.yaml", "x")], arguments: ["check", "vm.yaml", "--to", "a b", "it's"], finding: "")
        #expect(example.commandLine == #"migcheck check vm.yaml --to 'a b' 'it'\''s'"#)
        #expect(example.files[0].text == "x\n")
    }

    @Test("JSON: status, rule, severity, command, summary, triggers, example, fix, then schema")
    func json() throws {
        let report = try #require(RuleReport(id: "value-not-supported"))
        guard case .object(let members) = report.json() else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["status", "rule", "severity", "command", "summary", "triggers", "example", "fix", "schema"])
        #expect(members.first { $0.key == "command" }?.value == .string("check"))
        #expect(members.last?.value == .int(1))
        guard case .object(let example)? = members.first(where: { $0.key == "example" })?.value else {
            Issue.record("no example object")
            return
        }
        // No links in this example: the key is left out.
        #expect(example.map(\.key) == ["files", "arguments", "command", "finding"])
        #expect(RuleReport(id: "unreadable-file").map { report in
            guard case .object(let members) = report.json(), case .object(let example)? = members.first(where: { $0.key == "example" })?.value
            else { return false }
            return example.map(\.key) == ["files", "links", "arguments", "command", "finding"]
        } == true)
    }

    @Test("text: the header, then the three sections; prose within 80 columns", arguments: catalogue.map(\.rule.id))
    func text(_ id: String) throws {
        let report = try #require(RuleReport(id: id))
        let text = report.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(4) == [
            "rule      \(id)",
            "severity  \(report.rule.severity.rawValue)",
            "command   migcheck \(report.command)",
            "summary   \(report.rule.summary)",
        ])
        let headings = lines.filter { ["What triggers it", "Example", "How to fix it"].contains($0) }
        #expect(headings == ["What triggers it", "Example", "How to fix it"])
        #expect(lines.contains("  $ " + report.explanation.example.commandLine))
        #expect(lines.contains("  " + report.explanation.example.finding))
        let example = try #require(lines.firstIndex(of: "Example"))
        let fix = try #require(lines.firstIndex(of: "How to fix it"))
        for line in lines[4..<example] + lines[fix...] {
            #expect(line.count <= 80 || !line.dropFirst(2).contains(" "), "too long: \(line)")
        }
    }

    @Test("an unknown rule's message suggests the closest id and points at the list")
    func unknown() {
        #expect(RuleReport(id: "value-not-suported") == nil)
        #expect(RuleCatalogue.unknownRuleMessage("value-not-suported")
            == "unknown rule 'value-not-suported'; did you mean 'value-not-supported'? 'migcheck rules' lists every rule")
        #expect(RuleCatalogue.unknownRuleMessage("nonsense") == "unknown rule 'nonsense'; 'migcheck rules' lists every rule")
    }
}

public import DeviceModelRegistry

/// What `migcheck rules RULE` prints: the rule, the command that reports it, and its explanation.
public struct RuleReport: Sendable {
    public let rule: Rule
    /// The command that reports it, as ``RuleCatalogue/groups`` names it (`check`, `probe --verify`).
    public let command: String
    public let explanation: RuleExplanation

    /// The report of the rule `id`; nil when the catalogue lacks it (or, a bug a test catches, its explanation).
    public init?(id: String) {
        guard let entry = RuleCatalogue.entry(for: id), let explanation = RuleExplanation.explanation(for: id) else {
            return nil
        }
        rule = entry.rule
        command = entry.command
        self.explanation = explanation
    }

    /// `{status, rule, severity, command, summary, triggers, example, fix, schema}`; `example` is
    /// `{files: [{path, text}], links?: [{path, target}], arguments: [..], command, finding}`.
    public func json() -> JSONValue {
        let example = explanation.example
        return .document([
            ("status", .string(ReportStatus.ok.rawValue)),
            ("rule", .string(rule.id)),
            ("severity", .string(rule.severity.rawValue)),
            ("command", .string(command)),
            ("summary", .string(rule.summary)),
            ("triggers", .string(explanation.triggers)),
            ("example", .object([
                ("files", .array(example.files.map { .object([("path", .string($0.path)), ("text", .string($0.text))]) })),
                ("links", example.links.isEmpty ? nil : .array(example.links.map {
                    .object([("path", .string($0.path)), ("target", .string($0.target))])
                })),
                ("arguments", .array(example.arguments.map(JSONValue.string))),
                ("command", .string(example.commandLine)),
                ("finding", .string(example.finding)),
            ])),
            ("fix", .string(explanation.fix)),
        ])
    }

    /// The rule's header lines, then "What triggers it", "Example" and "How to fix it", prose
    /// wrapped to `width` columns.
    public func text(style: TextStyle = .plain, width: Int = 80) -> String {
        var output = Table.render([
            ["rule", style.bold(rule.id)],
            ["severity", style.severity(rule.severity.rawValue)],
            ["command", "migcheck " + command],
            ["summary", rule.summary],
        ])
        output += "\n" + style.bold("What triggers it") + "\n"
        output += Self.wrapped(explanation.triggers, width: width, indent: 2)
        output += "\n" + style.bold("Example") + "\n"
        let example = explanation.example
        for file in example.files {
            output += "  " + file.path + ":\n"
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                output += line.isEmpty ? "\n" : "    " + line + "\n"
            }
        }
        for link in example.links {
            output += "  " + link.path + ": a symbolic link to " + link.target + "\n"
        }
        output += "\n  " + style.dim("$ " + example.commandLine) + "\n"
        output += "  " + example.finding + "\n"
        output += "\n" + style.bold("How to fix it") + "\n"
        output += Self.wrapped(explanation.fix, width: width, indent: 2)
        return output
    }

    /// `text`'s paragraphs wrapped at spaces to `width` columns (a longer word stands alone),
    /// each line indented, paragraphs separated by a blank line.
    static func wrapped(_ text: String, width: Int, indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        return text.split(separator: "\n\n", omittingEmptySubsequences: true).map { paragraph in
            var lines: [String] = []
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && margin.count + line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            if !line.isEmpty { lines.append(line) }
            return lines.map { margin + $0 + "\n" }.joined()
        }.joined(separator: "\n")
    }
}

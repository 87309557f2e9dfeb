public import DeviceModelRegistry

/// Every rule migcheck reports, for `migcheck rules`.
public enum RuleCatalogue {
    /// (command that reports them, rules), in the order of SPEC.
    public static let groups: [(command: String, rules: [Rule])] = [
        ("validate", Rule.registryRules),
        ("check", Rule.checkRules),
        ("diff", Rule.diffRules),
        ("compare", Rule.compareRules),
        ("probe --verify", Rule.probeRules),
    ]

    /// The rule `id` and the command that reports it, if the catalogue has it.
    public static func entry(for id: String) -> (command: String, rule: Rule)? {
        for group in groups {
            if let rule = group.rules.first(where: { $0.id == id }) { return (group.command, rule) }
        }
        return nil
    }

    /// The usage error for a rule the catalogue lacks: the closest id, and where the list is.
    public static func unknownRuleMessage(_ id: String) -> String {
        let hint = Suggestion.hint(for: id, among: groups.flatMap(\.rules).map(\.id))
        return "unknown rule '\(id.escapingControls())'" + hint + (hint.isEmpty ? "; " : " ") + "'migcheck rules' lists every rule"
    }

    public static func json() -> JSONValue {
        .document([
            ("status", .string(ReportStatus.ok.rawValue)),
            ("rules", .array(groups.flatMap { group in
                group.rules.map { rule in
                    .object([
                        ("rule", .string(rule.id)),
                        ("severity", .string(rule.severity.rawValue)),
                        ("command", .string(group.command)),
                        ("summary", .string(rule.summary)),
                    ])
                }
            })),
        ])
    }

    public static func text(style: TextStyle = .plain) -> String {
        var output = ""
        for (index, group) in groups.enumerated() {
            if index > 0 { output += "\n" }
            output += style.bold("\(group.command):") + "\n"
            output += Table.render(group.rules.map { ["  " + $0.id, $0.severity.rawValue, $0.summary] })
        }
        return output + "\n" + style.dim("migcheck rules RULE explains one") + "\n"
    }
}

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
        return output
    }
}

/// `compare` for a person and for programs.
public enum CompareReporter {
    /// `{status, verdict, findings[]: {rule, severity, device?, parameter?, source?, destination?, message}}`.
    public static func json(_ comparison: VMComparison) -> String {
        JSONValue.document([
            ("status", .string(comparison.status.rawValue)),
            ("verdict", .string(comparison.verdict.rawValue)),
            ("findings", .array(comparison.findings.map { finding in
                .object([
                    ("rule", .string(finding.rule)),
                    ("severity", .string(finding.severity.rawValue)),
                    ("device", .optional(finding.device)),
                    ("parameter", .optional(finding.parameter)),
                    ("source", finding.source.map(JSONValue.init)),
                    ("destination", finding.destination.map(JSONValue.init)),
                    ("message", .string(finding.message)),
                    ("waived", finding.waived ? .bool(true) : nil),
                ])
            } + comparison.unusedWaivers.map(CheckJSONReporter.json))),
        ]).serialized() + "\n"
    }

    /// One line a finding, then the verdict.
    public static func text(_ comparison: VMComparison, source: String, destination: String, style: TextStyle = .plain) -> String {
        var output = ""
        for finding in comparison.findings {
            let waived = finding.waived ? style.cyan("waived") + " " : ""
            output += waived + style.severity(finding.severity.rawValue) + ": \(finding.message) " + style.dim("[\(finding.rule)]") + "\n"
        }
        for unused in comparison.unusedWaivers {
            output += style.severity("warning") + ": \(unused.message) " + style.dim("[\(unused.rule)]") + "\n"
        }
        let verdict: String
        switch comparison.verdict {
        case .same: verdict = style.green("same")
        case .different: verdict = style.red("different")
        case .unknown: verdict = style.yellow("unknown")
        }
        output += style.bold("\(source) → \(destination):") + " " + verdict + "\n"
        return output
    }
}

/// `baseline` as JSON (SPEC 8's `baseline[]`) and as text.
public enum BaselineReporter {
    public static func json(_ report: BaselineReport) -> JSONValue {
        .document([
            ("status", .string(report.status.rawValue)),
            ("baseline", .array(report.entries.map { entry in
                .object([
                    ("device", .optional(entry.device)),
                    ("model", .string(entry.model)),
                    ("version", JSONValue.nullable(entry.chosen?.version)),
                    ("parameters", JSONValue.parameters(entry.chosen?.parameters ?? [])),
                    ("refused", .array(entry.refused.map { refusal in
                        .object([
                            ("version", JSONValue.nullable(refusal.version)),
                            ("destination", .string(refusal.destination)),
                            ("findings", .array(refusal.findings.map(CheckJSONReporter.json))),
                        ])
                    })),
                ])
            })),
            ("machines", report.machines.map { .array($0.map(JSONValue.string)) }),
        ])
    }

    public static func text(_ report: BaselineReport, style: TextStyle = .plain) -> String {
        var output = ""
        if let machines = report.machines {
            // The newest of each family (`pc-q35`, `pc-i440fx`): what a new VM should be created on.
            var newest: [String: String] = [:]
            var families: [String] = []
            for machine in machines {
                let name = machine.split(separator: "/").last.map(String.init) ?? machine
                let family = name.lastIndex(of: "-").map { String(name[..<$0]) } ?? name
                if newest[family] == nil { families.append(family) }
                newest[family] = name
            }
            output += style.bold("newest machines every destination provides:") + " "
                + (machines.isEmpty ? "none" : families.compactMap { newest[$0] }.joined(separator: ", ")
                    + " (\(machines.count) in all; --format json lists them)")
                + "\n\n"
        }
        for (index, entry) in report.entries.enumerated() {
            if index > 0 { output += "\n" }
            let subject = entry.device.map { "\($0) (\(entry.model))" } ?? entry.model
            if let chosen = entry.chosen {
                let version = chosen.version.map { "version '\($0)'" } ?? "its defaults (the model has no versions)"
                output += style.bold(subject) + ": " + style.green(version) + " fits every destination\n"
                output += Table.render(chosen.parameters.map { ["  " + $0.name, $0.value.description, $0.provenance.description] })
            } else {
                output += style.bold(subject) + ": " + style.red("no version fits every destination") + "\n"
            }
            for refusal in entry.refused {
                let version = refusal.version.map { "version '\($0)'" } ?? "the device"
                let rules = Set(refusal.findings.map(\.rule)).sorted().joined(separator: ", ")
                let parameters = refusal.findings.compactMap(\.parameter)
                output += "  \(version) is ruled out by '\(refusal.destination)' [\(rules)]"
                output += parameters.isEmpty ? "\n" : ": " + parameters.joined(separator: ", ") + "\n"
            }
        }
        return output
    }
}

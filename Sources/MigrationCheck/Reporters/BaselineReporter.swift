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

    /// Answer first: per device the version to create it with (or that none fits), then the
    /// machine; then, for a device no version fits, what rules out its oldest version. With
    /// `verbose`, what rules out each newer version, grouped by destination, and each expansion.
    public static func text(_ report: BaselineReport, style: TextStyle = .plain, verbose: Bool = false) -> String {
        var output = ""
        let subjects = report.entries.map { entry in (entry.device.map { "\($0) (\(entry.model))" } ?? entry.model).escapingControls() }
        let width = subjects.map(\.count).max() ?? 0
        for (subject, entry) in zip(subjects, report.entries) {
            let padded = subject + String(repeating: " ", count: width - subject.count)
            if let chosen = entry.chosen {
                let version = chosen.version.map { "version \(quoted($0))" } ?? "its defaults (the model has no versions)"
                output += style.bold(padded) + "  " + style.green(version) + "\n"
            } else {
                output += style.bold(padded) + "  " + style.red("no version fits every destination") + "\n"
            }
        }
        if let machines = report.machines {
            output += style.bold("machine:") + " " + machineAnswer(machines) + "\n"
        }
        for (subject, entry) in zip(subjects, report.entries) {
            let byDestination = grouped(entry.refused)
            if entry.chosen == nil, let oldest = entry.refused.last?.version {
                // Why even the oldest version cannot be used: what stands between the device and the fleet.
                output += "\n" + style.bold(subject) + ": even version \(quoted(oldest)), the oldest, is ruled out\n"
                for group in grouped(entry.refused.filter { $0.version == oldest }) {
                    output += "  " + line(group, showVersions: false)
                }
            } else if entry.chosen == nil && !entry.refused.isEmpty {
                output += "\n" + style.bold(subject) + ": ruled out\n"
                for group in byDestination { output += "  " + line(group) }
            }
            guard verbose else { continue }
            if entry.chosen != nil && !byDestination.isEmpty {
                output += "\n" + style.bold(subject) + ": newer versions are ruled out\n"
                for group in byDestination { output += "  " + line(group) }
            } else if entry.chosen == nil && entry.refused.count > 1 {
                output += "  every version:\n"
                for group in byDestination { output += "    " + line(group) }
            }
            if let chosen = entry.chosen {
                output += "\n" + style.bold(subject) + ": " + (chosen.version.map { "version \(quoted($0))" } ?? "its defaults") + " expands to\n"
                output += Table.render(chosen.parameters.map {
                    ["  " + $0.name, $0.value.shown().escapingControls(), $0.provenance.description]
                })
            }
        }
        if !verbose && report.entries.contains(where: { !$0.refused.isEmpty || $0.chosen != nil }) {
            output += style.dim("(--verbose: what rules out each newer version, and each expansion)") + "\n"
        }
        return output
    }

    /// What rules out versions of one entry, one line a destination: the versions it refuses
    /// (newest first), the rule ids and the parameters behind them.
    private struct Group {
        var destination: String
        var versions: [String]
        var rules: Set<String>
        var parameters: [String]
    }

    private static func grouped(_ refusals: [BaselineEntry.Refusal]) -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for refusal in refusals {
            let position = index[refusal.destination] ?? {
                groups.append(Group(destination: refusal.destination, versions: [], rules: [], parameters: []))
                index[refusal.destination] = groups.count - 1
                return groups.count - 1
            }()
            if let version = refusal.version { groups[position].versions.append(version) }
            for finding in refusal.findings {
                groups[position].rules.insert(finding.rule)
                if let parameter = finding.parameter, !groups[position].parameters.contains(parameter) {
                    groups[position].parameters.append(parameter)
                }
            }
        }
        return groups
    }

    /// `by 'host-a': 10.2, 9.2 [parameter-not-supported]: queue_reset, x-pcie-ext-tag`.
    private static func line(_ group: Group, showVersions: Bool = true) -> String {
        var text = "by \(quoted(group.destination))"
        if !group.versions.isEmpty && showVersions { text += ": " + group.versions.joined(separator: ", ") }
        text += " [" + group.rules.sorted().joined(separator: ", ") + "]"
        if !group.parameters.isEmpty { text += ": " + group.parameters.joined(separator: ", ") }
        return text.escapingControls() + "\n"
    }

    /// The newest machine of each family every destination provides (`pc-q35`, `pc-i440fx`): what a new VM is created on.
    private static func machineAnswer(_ machines: [String]) -> String {
        guard !machines.isEmpty else { return "none is provided by every destination" }
        var newest: [String: String] = [:]
        var families: [String] = []
        for machine in machines {
            let name = machine.split(separator: "/").last.map(String.init) ?? machine
            let family = name.lastIndex(of: "-").map { String(name[..<$0]) } ?? name
            if newest[family] == nil { families.append(family) }
            newest[family] = name
        }
        return families.compactMap { newest[$0] }.joined(separator: " or ")
            + ", the newest every destination provides (\(machines.count) in all; --format json lists them)"
    }

    private static func quoted(_ text: String) -> String {
        "'\(text)'"
    }
}

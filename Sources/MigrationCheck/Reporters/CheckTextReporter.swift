public import DeviceModelRegistry

/// `check` for a person, plan-style: per destination a line per device verdict, each refusal's
/// findings (a line each, with its rule id) and one fix per refused device — the whole change
/// that makes it compatible — then a closing summary of which destinations can take the VM.
public struct CheckTextReporter {
    public var style: TextStyle
    /// Also the fix of each finding, parameter by parameter.
    public var verbose: Bool

    public init(style: TextStyle = .plain, verbose: Bool = false) {
        self.style = style
        self.verbose = verbose
    }

    public func render(_ report: CheckReport) -> String {
        report.results.map(render).joined() + closing(report)
    }

    /// One destination's part: its verdict, each device's, the findings and fixes.
    public func render(_ result: CheckResult) -> String {
        var output = style.bold("\(shown(result.vm)) → \(shown(result.destination)):") + " " + verdict(result.verdict) + "\n"
        for finding in result.findings {
            output += line(finding, indent: "  ")
            if let fix = finding.fix, !finding.waived { output += fixLine(fix, indent: "    ") }
        }
        for device in result.devices {
            var title = "\(shown(device.id)) (\(shown(device.model))"
            if let version = device.version {
                title += " version \(shown(version))"
                if device.versionFrom == .machine { title += " from its machine" }
            }
            title += ")"
            output += "  \(title): " + verdict(device.verdict)
            if let implementation = device.implementation { output += " with \(shown(implementation))" }
            output += "\n"
            for finding in device.findings {
                output += line(finding, indent: "    ")
                if verbose, let fix = finding.fix, !finding.waived { output += fixLine(fix, indent: "      ") }
            }
            if !verbose, let fix = device.fix { output += fixLine(fix, indent: "    ") }
        }
        return output
    }

    /// `fix: the change`.
    private func fixLine(_ fix: Fix, indent: String) -> String {
        indent + style.cyan("fix") + ": " + shown(fix.description) + "\n"
    }

    /// The closing summary, and a warning for each waiver that matched nothing.
    public func closing(_ report: CheckReport) -> String {
        var output = ""
        if let vm = report.vm { output += summary(vm: vm, report.answers) }
        for unused in report.unusedWaivers {
            output += style.severity("warning") + ": \(shown(unused.message)) " + style.dim("[\(unused.rule)]") + "\n"
        }
        return output
    }

    /// `error: message [rule]`, or `waived error: ...`.
    private func line(_ finding: CheckFinding, indent: String) -> String {
        let waived = finding.waived ? style.cyan("waived") + " " : ""
        return indent + waived + style.severity(finding.severity.rawValue) + ": " + shown(compact(finding)) + " "
            + style.dim("[\(finding.rule)]") + "\n"
    }

    /// A parameter the destination does not recognise, in fewer words than the message
    /// (`'rss' is true (version 2); '…/1.0' runs it only at its default false`); the message under `--verbose`.
    private func compact(_ finding: CheckFinding) -> String {
        guard !verbose, finding.rule == Rule.parameterNotSupported.id, let parameter = finding.parameter,
            let value = finding.value, let provenance = finding.provenance, let implementation = finding.implementation
        else { return finding.message }
        let source = "'\(parameter)' is \(value.quoted) (\(provenance)); '\(implementation)'"
        switch finding.supported {
        case .onlyDefault(let defaultValue): return source + " runs it only at its default \(defaultValue.quoted)"
        case .nothing: return source + " does not recognise it, and it has no default"
        default: return finding.message
        }
    }

    /// `web-42: 1 of 5 destinations can take it: host-c`, with those that cannot be judged.
    private func summary(vm: String, _ answers: [(destination: String, verdict: Verdict)]) -> String {
        let taking = answers.filter { $0.verdict == .compatible }.map { shown($0.destination) }
        let unknown = answers.filter { $0.verdict == .unknown }.map { shown($0.destination) }
        let destinations = answers.count == 1 ? "destination" : "destinations"
        var text = "\(shown(vm)): \(taking.count) of \(answers.count) \(destinations) can take it"
        if !taking.isEmpty { text += ": " + taking.joined(separator: ", ") }
        if !unknown.isEmpty { text += "; \(unknown.count) cannot be judged: " + unknown.joined(separator: ", ") }
        return style.bold(text) + "\n"
    }

    private func shown(_ text: String) -> String {
        text.escapingControls()
    }

    private func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .compatible: style.green(verdict.rawValue)
        case .incompatible: style.red(verdict.rawValue)
        case .unknown: style.yellow(verdict.rawValue)
        }
    }
}

/// `check` for a person: a verdict per destination, devices under it, findings and fixes under each device.
public struct CheckTextReporter {
    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    public func render(_ report: CheckReport) -> String {
        report.results.map(render).joined() + render(unusedWaivers: report.unusedWaivers)
    }

    /// One destination's part of the answer: the VM's verdict there, its devices, their findings and fixes.
    public func render(_ result: CheckResult) -> String {
        var output = ""
        output += style.bold("\(result.vm) → \(result.destination):") + " " + verdict(result.verdict) + "\n"
        for finding in result.findings {
            let waived = finding.waived ? style.cyan("waived") + " " : ""
            output += "  " + waived + style.severity(finding.severity.rawValue) + ": \(finding.message) "
                + style.dim("[\(finding.rule)]") + "\n"
            if let fix = finding.fix {
                output += "    " + style.cyan("fix") + ": \(fix.description)\n"
            }
        }
        for device in result.devices {
            var title = "\(device.id) (\(device.model)"
            if let version = device.version {
                title += " version \(version)"
                if device.versionFrom == .machine { title += " from its machine" }
            }
            title += ")"
            output += "  \(title): " + verdict(device.verdict)
            if let implementation = device.implementation { output += " with \(implementation)" }
            output += "\n"
            for finding in device.findings {
                let waived = finding.waived ? style.cyan("waived") + " " : ""
                output += "    " + waived + style.severity(finding.severity.rawValue) + ": \(finding.message) "
                    + style.dim("[\(finding.rule)]") + "\n"
                if let fix = finding.fix, !finding.waived {
                    output += "      " + style.cyan("fix") + ": \(fix.description)\n"
                }
            }
        }
        return output
    }

    /// The answer's last lines: a `waiver-unused` warning for each waiver that matched nothing.
    public func render(unusedWaivers: [UnusedWaiver]) -> String {
        var output = ""
        for unused in unusedWaivers {
            output += style.severity("warning") + ": \(unused.message) " + style.dim("[\(unused.rule)]") + "\n"
        }
        return output
    }

    private func verdict(_ verdict: Verdict) -> String {
        switch verdict {
        case .compatible: style.green(verdict.rawValue)
        case .incompatible: style.red(verdict.rawValue)
        case .unknown: style.yellow(verdict.rawValue)
        }
    }
}

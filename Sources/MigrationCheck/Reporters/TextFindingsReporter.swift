import DeviceModelRegistry

/// `file:line:col: severity: message [rule]`, each note on a line of its own below.
public struct TextFindingsReporter: FindingsReporter {
    public var style: TextStyle

    public init(style: TextStyle = .plain) {
        self.style = style
    }

    public func render(_ report: FindingsReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            output += style.bold("\(diagnostic.location):") + " " + style.severity(diagnostic.severity.rawValue) + ": "
                + diagnostic.message.escapingControls() + " " + style.dim("[\(diagnostic.rule)]") + "\n"
            for note in diagnostic.notes {
                output += style.bold("\(note.location):") + " " + style.cyan("note") + ": " + note.message.escapingControls() + "\n"
            }
        }
        return output
    }
}

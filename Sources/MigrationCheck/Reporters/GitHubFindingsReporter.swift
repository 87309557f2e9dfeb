import DeviceModelRegistry

/// GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=RULE::message`.
///
/// Notes go into the message, since an annotation has one location. Infos
/// become `::notice`.
public struct GitHubFindingsReporter: FindingsReporter {
    public init() {}

    public func render(_ report: FindingsReport) -> String {
        var output = ""
        for diagnostic in report.diagnostics {
            let command = switch diagnostic.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
            var message = diagnostic.message
            for note in diagnostic.notes {
                message += " (\(note.message): \(note.location))"
            }
            let location = diagnostic.location
            output += "::\(command) file=\(Self.property(location.file)),line=\(location.line),col=\(location.column),"
                + "title=\(Self.property(diagnostic.rule))::\(Self.data(message) + " [" + diagnostic.rule + "]")\n"
        }
        return output
    }

    /// Escapes a message as the workflow-command syntax requires (`%`, CR and LF percent-encoded,
    /// by Unicode scalar: CR LF is one `Character`), other control characters as everywhere.
    static func data(_ text: String) -> String {
        escape(text, separators: false)
    }

    /// Escapes a property value (`file=`, `title=`), where `:` and `,` are separators too.
    static func property(_ text: String) -> String {
        escape(text, separators: true)
    }

    private static func escape(_ text: String, separators: Bool) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case ":" where separators: result += "%3A"
            case "," where separators: result += "%2C"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result.escapingControls()
    }
}

public import DeviceModelRegistry

/// The findings of `validate` (and of `diff`): what every findings reporter renders.
public struct FindingsReport: Sendable {
    /// In the order to print them.
    public var diagnostics: [Diagnostic]
    /// Whether warnings fail too (`--strict`).
    public var strict: Bool

    public init(diagnostics: [Diagnostic], strict: Bool = false) {
        self.diagnostics = diagnostics
        self.strict = strict
    }

    /// `fail` on any error, or on any warning when strict.
    public var status: ReportStatus {
        let failing = diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        return failing ? .fail : .ok
    }

    /// How many findings of a severity.
    public func count(_ severity: Severity) -> Int {
        diagnostics.count { $0.severity == severity }
    }
}

/// Renders a ``FindingsReport`` in one output format.
public protocol FindingsReporter {
    /// The whole output, ending with a line break when not empty.
    func render(_ report: FindingsReport) -> String
}

public import ConfigExpansion

/// What `expand` prints: a device's parameters with provenance, or, with
/// `--for`, why the newest version is refused when none fits.
public struct ExpansionReport: Sendable {
    public var device: ExpandedDevice
    /// The `--for` implementation, if any.
    public var implementation: String?
    /// Empty when a version fits; else the findings against the newest version.
    public var refusal: [CheckFinding]

    public init(device: ExpandedDevice, implementation: String?, refusal: [CheckFinding]) {
        self.device = device
        self.implementation = implementation
        self.refusal = refusal
    }

    public var status: ReportStatus { refusal.isEmpty ? .ok : .fail }

    /// `{status, model, version, for?, parameters{name: {value, from}}}`; when refused,
    /// `version` is null and `refused: {version, parameters, findings[]}` says why.
    public func json() -> JSONValue {
        let version = JSONValue.nullable(device.version)
        guard refusal.isEmpty else {
            return .document([
                ("status", .string(status.rawValue)),
                ("model", .string(device.model.id)),
                ("version", .null),
                ("for", .optional(implementation)),
                ("refused", .object([
                    ("version", version),
                    ("parameters", .parameters(device.parameters)),
                    ("findings", .array(refusal.map(CheckJSONReporter.json))),
                ])),
            ])
        }
        return .document([
            ("status", .string(status.rawValue)),
            ("model", .string(device.model.id)),
            ("version", version),
            ("for", .optional(implementation)),
            ("parameters", .parameters(device.parameters)),
        ])
    }

    /// The parameters as an aligned table; when refused, the findings.
    public func text(style: TextStyle = .plain) -> String {
        let model = device.model.id
        let version = device.version.map { "version '\($0)'" } ?? "no version"
        guard refusal.isEmpty else {
            var output = "no version of \(model) can be instantiated by '\(implementation ?? "")'; "
                + "the newest, \(version), is refused:\n"
            for finding in refusal {
                output += "  " + style.severity(finding.severity.rawValue) + ": \(finding.message) " + style.dim("[\(finding.rule)]") + "\n"
            }
            return output
        }
        var output = style.bold("\(model) \(version)")
        if let implementation { output += " (the newest '\(implementation)' can instantiate)" }
        output += "\n"
        output += Table.render(device.parameters.map { ["  " + $0.name, $0.value.shown().escapingControls(), $0.provenance.description] })
        return output
    }
}

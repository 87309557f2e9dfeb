public import DeviceModelRegistry

/// The JSON document of `check` (SPEC 8): `status` and `results[]`.
public enum CheckJSONReporter {
    public static func render(_ report: CheckReport) -> String {
        document(report).serialized() + "\n"
    }

    public static func document(_ report: CheckReport) -> JSONValue {
        .document([
            ("status", .string(report.status.rawValue)),
            ("results", .array(report.results.map(json))),
            ("findings", report.unusedWaivers.isEmpty ? nil : .array(report.unusedWaivers.map(json))),
        ])
    }

    /// The document of ``render(_:)`` in pieces, for writing each result as soon as it is made:
    /// ``head(status:)``, then ``element(_:first:)`` for each result in order, then ``tail(unusedWaivers:results:)``.
    /// Together they are byte for byte what ``render(_:)`` writes.
    public static func head(status: ReportStatus) -> [UInt8] {
        Array("{\n  \"status\": ".utf8) + JSONValue.string(status.rawValue).utf8() + Array(",\n  \"results\": [".utf8)
    }

    /// One result of `results[]`; `first` for the first of them.
    public static func element(_ result: CheckResult, first: Bool) -> [UInt8] {
        Array((first ? "\n    " : ",\n    ").utf8) + json(result).utf8(indent: 4)
    }

    /// The end of the document, after `results` results.
    public static func tail(unusedWaivers: [UnusedWaiver], results: Int) -> [UInt8] {
        var output = Array((results > 0 ? "\n  ]" : "]").utf8)
        if !unusedWaivers.isEmpty {
            output += Array(",\n  \"findings\": ".utf8) + JSONValue.array(unusedWaivers.map(json)).utf8(indent: 2)
        }
        return output + Array(",\n  \"schema\": 1\n}\n".utf8)
    }

    static func json(_ result: CheckResult) -> JSONValue {
        .object([
            ("vm", .string(result.vm)),
            ("destination", .string(result.destination)),
            ("verdict", .string(result.verdict.rawValue)),
            ("devices", .array(result.devices.map(json))),
            ("findings", .array(result.findings.map(json))),
        ])
    }

    static func json(_ device: DeviceResult) -> JSONValue {
        .object([
            ("id", .string(device.id)),
            ("model", .string(device.model)),
            ("version", .optional(device.version)),
            ("version_from", .optional(device.versionFrom?.rawValue)),
            ("placement", device.placement.map(json)),
            ("verdict", .string(device.verdict.rawValue)),
            ("implementation", .optional(device.implementation)),
            ("findings", .array(device.findings.map(json))),
        ])
    }

    public static func json(_ finding: CheckFinding) -> JSONValue {
        .object([
            ("rule", .string(finding.rule)),
            ("severity", .string(finding.severity.rawValue)),
            ("implementation", .optional(finding.implementation)),
            ("parameter", .optional(finding.parameter)),
            ("value", finding.value.map(JSONValue.init)),
            ("from", .optional(finding.provenance?.description)),
            ("supported", .optional(finding.supported)),
            ("message", .string(finding.message)),
            ("fix", .optional(finding.fix?.description)),
            ("narrowed_by", .optional(finding.narrowedBy)),
            ("waived", finding.waived ? .bool(true) : nil),
            ("remedy", finding.fix.map(json)),
        ])
    }

    /// A `waiver-unused` warning: `{rule, severity, message, waiver}`.
    public static func json(_ unused: UnusedWaiver) -> JSONValue {
        .object([
            ("rule", .string(unused.rule)),
            ("severity", .string(Rule.waiverUnused.severity.rawValue)),
            ("message", .string(unused.message)),
            ("waiver", .string(unused.waiver.description)),
        ])
    }

    /// `{bus, address}`.
    static func json(_ placement: VMConfiguration.Placement) -> JSONValue {
        .object([("bus", .string(placement.bus)), ("address", .string(placement.address))])
    }

    /// The fix's parts, for programs: `{parameter?, values?, version?, implementations[]}`.
    static func json(_ fix: Fix) -> JSONValue {
        .object([
            ("parameter", .optional(fix.parameter)),
            ("values", .optional(fix.values)),
            ("version", .optional(fix.version)),
            ("implementations", .array(fix.implementations.map(JSONValue.string))),
        ])
    }
}

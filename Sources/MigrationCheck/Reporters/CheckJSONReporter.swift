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

    /// The same bytes as `render`, written a destination at a time as `results` yields them: the
    /// memory it takes does not grow with the size of the answer.
    public static func write(_ report: CheckReport, results: some Sequence<CheckResult>, to output: ([UInt8]) -> Void) {
        output(Array("{\n  \"status\": \"\(report.status.rawValue)\",\n  \"results\": [".utf8))
        var first = true
        for result in results {
            output(Array(((first ? "" : ",") + "\n    ").utf8) + json(result).utf8(pretty: true, indent: 4))
            first = false
        }
        var closing = first ? "]" : "\n  ]"
        if !report.unusedWaivers.isEmpty {
            closing += ",\n  \"findings\": " + JSONValue.array(report.unusedWaivers.map(json)).serialized(indent: 2)
        }
        output(Array((closing + ",\n  \"schema\": 1\n}\n").utf8))
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
            ("fix", .optional(device.fix?.description)),
            ("remedy", device.fix.map(json)),
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
            ("supported", finding.supported.map(JSONValue.init)),
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
            ("values", fix.values.map(JSONValue.init)),
            ("version", .optional(fix.version)),
            ("implementations", .array(fix.implementations.map(JSONValue.string))),
        ])
    }
}

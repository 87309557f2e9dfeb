public import DeviceModelRegistry

/// The JSON document of `check` (SPEC 8): `status` and `results[]`.
public enum CheckJSONReporter {
    public static func render(_ report: CheckReport) -> String {
        var writer = JSONWriter(pretty: true)
        write(report, to: &writer)
        return String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }

    /// The document, written where `writer` stands.
    public static func write(_ report: CheckReport, to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(of: report, to: &writer)
        writer.endObject()
    }

    /// The document's members, into an object the caller opened (batch writes the request's `id` first).
    public static func writeMembers(of report: CheckReport, to writer: inout JSONWriter) {
        writer.member("status", report.status.rawValue)
        writer.key("results")
        writer.beginArray()
        for result in report.results { write(result, to: &writer) }
        writer.endArray()
        if !report.unusedWaivers.isEmpty {
            writer.member("findings", .array(report.unusedWaivers.map(json)))
        }
        writer.member("schema", JSONValue.int(1))
    }

    /// The same bytes as `render`, written a destination at a time as `results` yields them: the
    /// memory it takes does not grow with the size of the answer.
    public static func write(_ report: CheckReport, results: some Sequence<CheckResult>, to output: ([UInt8]) -> Void) {
        output(Array("{\n  \"status\": \"\(report.status.rawValue)\",\n  \"results\": [".utf8))
        var first = true
        for result in results {
            var writer = JSONWriter(pretty: true, indent: 4)
            write(result, to: &writer)
            output(Array(((first ? "" : ",") + "\n    ").utf8) + writer.bytes)
            first = false
        }
        var closing = first ? "]" : "\n  ]"
        if !report.unusedWaivers.isEmpty {
            closing += ",\n  \"findings\": " + JSONValue.array(report.unusedWaivers.map(json)).serialized(indent: 2)
        }
        output(Array((closing + ",\n  \"schema\": 1\n}\n").utf8))
    }

    static func write(_ result: CheckResult, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("vm", result.vm)
        writer.member("destination", result.destination)
        writer.member("verdict", result.verdict.rawValue)
        writer.key("devices")
        writer.beginArray()
        for device in result.devices { write(device, to: &writer) }
        writer.endArray()
        writer.key("findings")
        writer.beginArray()
        for finding in result.findings { write(finding, to: &writer) }
        writer.endArray()
        writer.endObject()
    }

    static func write(_ device: DeviceResult, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", device.id)
        writer.member("model", device.model)
        writer.member("version", device.version)
        writer.member("version_from", device.versionFrom?.rawValue)
        writer.member("placement", device.placement.map(json))
        writer.member("verdict", device.verdict.rawValue)
        writer.member("implementation", device.implementation)
        writer.key("findings")
        writer.beginArray()
        for finding in device.findings { write(finding, to: &writer) }
        writer.endArray()
        writer.member("fix", device.fix?.description)
        if let fix = device.fix { writer.member("remedy") { members(of: fix, to: &$0) } }
        writer.endObject()
    }

    /// A finding written member by member: a batch of checks writes thousands of findings, and
    /// a tree for each costs more than writing it. The same bytes as `json(finding)`.
    static func write(_ finding: CheckFinding, to writer: inout JSONWriter) {
        writer.beginObject()
        members(of: finding, to: &writer)
        writer.endObject()
    }

    public static func json(_ finding: CheckFinding) -> JSONValue {
        var object = JSONObject()
        members(of: finding, to: &object)
        return object.value
    }

    /// A finding's members, listed once for both ways of writing it.
    private static func members(of finding: CheckFinding, to sink: inout some JSONObjectSink) {
        sink.member("rule", finding.rule)
        sink.member("severity", finding.severity.rawValue)
        sink.member("implementation", finding.implementation)
        sink.member("parameter", finding.parameter)
        sink.member("value", finding.value.map(JSONValue.init))
        sink.member("from", finding.provenance?.description)
        sink.member("supported", finding.supported.map(JSONValue.init))
        sink.member("message", finding.message)
        sink.member("fix", finding.fix?.description)
        sink.member("narrowed_by", finding.narrowedBy)
        if finding.waived { sink.member("waived", JSONValue.bool(true)) }
        if let fix = finding.fix { sink.member("remedy") { members(of: fix, to: &$0) } }
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
    private static func members(of fix: Fix, to sink: inout some JSONObjectSink) {
        sink.member("parameter", fix.parameter)
        sink.member("values", fix.values.map(JSONValue.init))
        sink.member("version", fix.version)
        sink.member("implementations", strings: fix.implementations)
    }
}

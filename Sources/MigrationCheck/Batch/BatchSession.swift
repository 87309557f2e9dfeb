public import DeviceModelRegistry
import ConfigExpansion

/// `migcheck batch`: requests as JSON lines in, one JSON line out for each (SPEC 6).
///
/// The registry is loaded once. A request is `{"id": <any JSON>, "command":
/// "check" | "expand" | "baseline", ...}` whose other fields mirror the command
/// line; the answer is the document the command prints with `--format json`,
/// with `id` first. A request that fails gets `{"id", "status": "error",
/// "error": {message}}`, and the session goes on.
public struct BatchSession: Sendable {
    /// Reads a VM reference (`qemu-args:PATH`, `qmp:PATH`, a file), given as `vm`'s string.
    public typealias ReferenceReader = @Sendable (String) throws(InputError) -> VMConfiguration

    public let checker: Checker
    private let reference: ReferenceReader?

    /// - Parameter reference: reads `vm` when it is a string; without it, `vm` must be an object.
    public init(registry: Registry, reference: ReferenceReader? = nil) {
        checker = Checker(registry: registry)
        self.reference = reference
    }

    /// The answer to one request line, on one line, without its line break.
    public func answer(_ line: String) -> String {
        String(decoding: answerUTF8(line), as: UTF8.self)
    }

    /// ``answer(_:)`` as UTF-8, ready to be written out.
    public func answerUTF8(_ line: String) -> [UInt8] {
        var id = JSONValue.null
        let document: JSONValue
        do {
            let request = try BatchRequest(line)
            id = request.id
            document = try answer(request)
        } catch {
            document = .document([
                ("status", .string(ReportStatus.error.rawValue)),
                ("error", .object([("message", .string(error.message))])),
            ])
        }
        guard case .object(let members) = document else { return document.utf8(pretty: false) }
        return JSONValue.object([JSONValue.Member("id", id)] + members).utf8(pretty: false)
    }

    private func answer(_ request: BatchRequest) throws(InputError) -> JSONValue {
        switch request.command {
        case "check":
            let destinations = try request.destinations(in: checker.registry)
            let waivers = try request.waivers()
            let checker = waivers.isEmpty ? self.checker : Checker(registry: self.checker.registry, waivers: waivers)
            let vm = try Expander.expand(try request.vm(reference: reference), in: checker.registry)
            let report = CheckReport(
                results: checker.check(vm, on: destinations), requireAny: try request.requireAny(), waivers: waivers)
            return CheckJSONReporter.document(report)
        case "expand":
            try request.refuse(["vm", "to", "hosts", "require", "waive"])
            guard let model = try request.string("model") else { throw InputError("'model' is required for expand") }
            let overrides = try request.overrides()
            if let implementation = try request.string("for") {
                if request.has("version") { throw InputError("'version' and 'for' are alternatives: give one of them") }
                return try checker.expansion(model: model, overrides: overrides, for: implementation).json()
            }
            let device = try Expander.expand(model: model, version: try request.string("version"), overrides: overrides, in: checker.registry)
            return ExpansionReport(device: device, implementation: nil, refusal: []).json()
        case "baseline":
            try request.refuse(["for", "require", "waive"])
            if request.has("version") { throw InputError("baseline chooses the version: 'version' is not a field of it") }
            let destinations = try request.destinations(in: checker.registry)
            return BaselineReporter.json(try checker.baseline(try request.vm(reference: reference), destinations: destinations))
        default:
            throw InputError("unknown command '\(request.command)': expected check, expand or baseline")
        }
    }
}

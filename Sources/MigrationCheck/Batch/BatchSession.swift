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

    /// Every field of a request, with what it holds: `batch --help` and the man page list these.
    public static let requestFields: [(name: String, meaning: String)] = [
        ("id", "any JSON value, echoed first in the answer"),
        ("command", "\"check\", \"expand\" or \"baseline\""),
        ("vm", "a VM configuration object, or a VM reference string (PATH, qemu-args:PATH, qmp:SOCKET)"),
        ("model", "instead of vm, one device: its model id"),
        ("version", "that device's version"),
        ("set", "that device's overrides: an object of parameter values"),
        ("to", "the destinations: a list of lists of implementation ids"),
        ("hosts", "instead of to, an inventory's hosts object (short or long form)"),
        ("for", "expand: the implementation whose newest version to pick"),
        ("require", "check: \"all\" (the default) or \"any\""),
        ("waive", "check: a list of \"RULE[:MODEL[:PARAMETER]]\" strings"),
    ]

    /// The longest request line read: 64 MiB, as for every input.
    public static let maximumLineLength = YAMLReader.maximumFileSize

    /// The answer to one request line, on one line, without its line break.
    public func answer(_ line: String) -> String {
        String(decoding: answerUTF8(Array(line.utf8)[...]), as: UTF8.self)
    }

    /// ``answer(_:)`` of the line's raw bytes (invalid UTF-8 is the request's error, not replaced),
    /// as UTF-8 ready to be written out. The answer echoes the request's `id` whenever the line is
    /// a JSON object, also when the request is refused.
    public func answerUTF8(_ line: ArraySlice<UInt8>) -> [UInt8] {
        var id = JSONValue.null
        let answer: Answer
        do {
            let request = try BatchRequest(line)
            id = request.id
            try request.checkFields()
            answer = try self.answer(request)
        } catch {
            answer = .document(Self.error(error.message))
        }
        return Self.line(id: id, answer)
    }

    /// The answer to a line over ``maximumLineLength``, which was not kept.
    public func tooLongAnswer() -> [UInt8] {
        Self.line(id: .null, .document(Self.error("the request line is longer than 64 MiB: it was skipped up to its line break")))
    }

    private static func error(_ message: String) -> JSONValue {
        .document([
            ("status", .string(ReportStatus.error.rawValue)),
            ("error", .object([("message", .string(message))])),
        ])
    }

    /// An answer's document: a check's is written straight into the line, the others built first.
    private enum Answer {
        case check(CheckReport)
        case document(JSONValue)
    }

    /// `{"id": ..., ...the document}` on one line.
    private static func line(id: JSONValue, _ answer: Answer) -> [UInt8] {
        var writer = JSONWriter(pretty: false)
        writer.beginObject()
        writer.member("id", id)
        switch answer {
        case .check(let report):
            CheckJSONReporter.writeMembers(of: report, to: &writer)
        case .document(.object(let members)):
            for member in members { writer.member(named: member.key, member.value) }
        case .document(let document):
            return document.utf8(pretty: false)
        }
        writer.endObject()
        return writer.bytes
    }

    private func answer(_ request: BatchRequest) throws(InputError) -> Answer {
        switch request.command {
        case "check":
            let destinations = try request.destinations(in: checker.registry)
            let waivers = try request.waivers()
            let checker = waivers.isEmpty ? self.checker : Checker(registry: self.checker.registry, waivers: waivers)
            let vm = try Expander.expand(try request.vm(reference: reference), in: checker.registry)
            return .check(CheckReport(
                results: checker.check(vm, on: destinations), requireAny: try request.requireAny(), waivers: waivers))
        case "expand":
            try request.refuse(["vm", "to", "hosts", "require", "waive"])
            guard let model = try request.string("model") else { throw InputError("'model' is required for expand") }
            let overrides = try request.overrides()
            if let implementation = try request.string("for") {
                if request.has("version") { throw InputError("'version' and 'for' are alternatives: give one of them") }
                return .document(try checker.expansion(model: model, overrides: overrides, for: implementation).json())
            }
            let device = try Expander.expand(model: model, version: try request.string("version"), overrides: overrides, in: checker.registry)
            return .document(ExpansionReport(device: device, implementation: nil, refusal: []).json())
        case "baseline":
            try request.refuse(["for", "require", "waive"])
            if request.has("version") { throw InputError("baseline chooses the version: 'version' is not a field of it") }
            let destinations = try request.destinations(in: checker.registry)
            return .document(BaselineReporter.json(try checker.baseline(try request.vm(reference: reference), destinations: destinations)))
        default:
            throw InputError("unknown command '\(request.command)': expected check, expand or baseline")
        }
    }
}

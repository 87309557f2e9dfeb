public import DeviceModelRegistry

/// A SARIF 2.1.0 log of one run, for code-scanning dashboards (GitHub code scanning).
///
/// `tool.driver.rules[]` holds the catalogue rules the findings use, in catalogue
/// order; each result points at its rule by id and index. A finding's location is
/// its file as reported (relative paths stay relative, against `%SRCROOT%`; absolute
/// ones become `file://` URIs), line and column; its notes are related locations.
/// Columns count Unicode scalars, as everywhere in migcheck, so the run says
/// `columnKind: unicodeCodePoints` (SARIF's default is UTF-16 code units).
/// The same findings give the same bytes.
public struct SARIFFindingsReporter: FindingsReporter {
    /// The SARIF version and the schema the log follows.
    public static let sarifVersion = "2.1.0"
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The base id that relative paths are resolved against: where migcheck ran.
    public static let sourceRoot = "%SRCROOT%"

    /// migcheck's version, for `tool.driver.version`.
    public var toolVersion: String
    /// The rules a finding may name, by id; the catalogue's by default.
    public var catalogue: [Rule]

    public init(toolVersion: String, catalogue: [Rule] = RuleCatalogue.groups.flatMap(\.rules)) {
        self.toolVersion = toolVersion
        self.catalogue = catalogue
    }

    public func render(_ report: FindingsReport) -> String {
        let rules = usedRules(report.diagnostics)
        let index = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let results = report.diagnostics.map { Self.result($0, ruleIndex: index[$0.rule]) }
        return log(rules: rules, results: results, invocation: nil)
    }

    /// The log of a run that ended in trouble (exit 2): the error as a tool execution
    /// notification of an unsuccessful invocation, and no `results` (SARIF: the run
    /// did not finish, which an empty list would deny).
    public func render(_ error: InputError) -> String {
        let notification = JSONValue.object([
            ("level", .string("error")),
            ("message", Self.message(error.message)),
            ("locations", error.file.map { file in
                .array([Self.location(file: file, line: error.location?.line, column: error.location?.column)])
            }),
        ])
        let invocation = JSONValue.object([
            ("executionSuccessful", .bool(false)),
            ("toolExecutionNotifications", .array([notification])),
        ])
        return log(rules: [], results: nil, invocation: invocation)
    }

    private func log(rules: [Rule], results: [JSONValue]?, invocation: JSONValue?) -> String {
        let driver = JSONValue.object([
            ("name", .string("migcheck")),
            ("version", .string(toolVersion)),
            ("rules", .array(rules.map(Self.descriptor))),
        ])
        let run = JSONValue.object([
            ("tool", .object([("driver", driver)])),
            ("invocations", invocation.map { .array([$0]) }),
            ("columnKind", .string("unicodeCodePoints")),
            ("results", results.map(JSONValue.array)),
        ])
        let log = JSONValue.object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string(Self.sarifVersion)),
            ("runs", .array([run])),
        ])
        return log.serialized() + "\n"
    }

    /// The rules the findings name, in catalogue order; a rule outside the catalogue after
    /// them, by id, with the severity its finding has.
    private func usedRules(_ diagnostics: [Diagnostic]) -> [Rule] {
        let used = Set(diagnostics.map(\.rule))
        var rules = catalogue.filter { used.contains($0.id) }
        var seen = Set(rules.map(\.id))
        for diagnostic in diagnostics.sorted(by: { $0.rule < $1.rule }) where !seen.contains(diagnostic.rule) {
            seen.insert(diagnostic.rule)
            rules.append(Rule(id: diagnostic.rule, severity: diagnostic.severity, summary: ""))
        }
        return rules
    }

    /// `reportingDescriptor`: id, short description, default level.
    private static func descriptor(_ rule: Rule) -> JSONValue {
        .object([
            ("id", .string(rule.id)),
            ("shortDescription", rule.summary.isEmpty ? nil : message(rule.summary)),
            ("defaultConfiguration", .object([("level", .string(level(rule.severity)))])),
        ])
    }

    private static func result(_ diagnostic: Diagnostic, ruleIndex: Int?) -> JSONValue {
        let location = diagnostic.location
        let related = diagnostic.notes.enumerated().map { number, note in
            var object = self.location(file: note.location.file, line: note.location.line, column: note.location.column)
            if case .object(let members) = object {
                object = .object([JSONValue.Member("id", .int(Int64(number + 1)))] + members
                    + [JSONValue.Member("message", message(note.message))])
            }
            return object
        }
        let properties: [(String, JSONValue?)] = [
            ("model", .optional(diagnostic.model)),
            ("version", .optional(diagnostic.version)),
            ("parameter", .optional(diagnostic.parameter)),
        ]
        return .object([
            ("ruleId", .string(diagnostic.rule)),
            ("ruleIndex", ruleIndex.map { .int(Int64($0)) }),
            ("level", .string(level(diagnostic.severity))),
            ("message", message(diagnostic.message)),
            ("locations", .array([self.location(file: location.file, line: location.line, column: location.column)])),
            ("relatedLocations", related.isEmpty ? nil : .array(related)),
            ("properties", properties.allSatisfy { $0.1 == nil } ? nil : .object(properties)),
        ])
    }

    /// `location` with a `physicalLocation`: the artifact, and the region when there is a line.
    private static func location(file: String, line: Int?, column: Int?) -> JSONValue {
        let region: JSONValue? = line.map { line in
            .object([("startLine", .int(Int64(line))), ("startColumn", column.map { .int(Int64($0)) })])
        }
        return .object([
            ("physicalLocation", .object([
                ("artifactLocation", artifactLocation(file)),
                ("region", region),
            ])),
        ])
    }

    /// `{uri, uriBaseId?}`: a relative path against `%SRCROOT%`, an absolute one as a `file://` URI.
    static func artifactLocation(_ file: String) -> JSONValue {
        let path = percentEncoded(file)
        if file.hasPrefix("/") {
            return .object([("uri", .string("file://" + path))])
        }
        return .object([("uri", .string(path)), ("uriBaseId", .string(sourceRoot))])
    }

    /// The path's bytes (those of a file name that is not UTF-8 included) with every byte that
    /// may not stand for itself in a URI path percent-encoded (`:` too, which would make a
    /// relative path's first segment a scheme); `/` stays a separator.
    public static func percentEncoded(_ path: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=@".utf8)
        var result = ""
        for byte in PathBytes.bytes(path) {
            if unreserved.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 0x10 ? "%0" + hex : "%" + hex
            }
        }
        return result
    }

    private static func message(_ text: String) -> JSONValue {
        .object([("text", .string(text))])
    }

    /// SARIF's levels: `error`, `warning`, and `note` for info.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }
}

public import DeviceModelRegistry

/// The JSON document of SPEC 8: `status` and `findings[]`.
public struct JSONFindingsReporter: FindingsReporter {
    public init() {}

    public func render(_ report: FindingsReport) -> String {
        let document = JSONValue.document([
            ("status", .string(report.status.rawValue)),
            ("findings", .array(report.diagnostics.map(Self.json))),
        ])
        return document.serialized() + "\n"
    }

    /// `{rule, severity, message, file, line, column, model?, version?, parameter?, old?, new?, notes}`.
    public static func json(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("rule", .string(diagnostic.rule)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("file", .string(diagnostic.location.file)),
            ("line", .int(Int64(diagnostic.location.line))),
            ("column", .int(Int64(diagnostic.location.column))),
            ("model", .optional(diagnostic.model)),
            ("version", .optional(diagnostic.version)),
            ("parameter", .optional(diagnostic.parameter)),
            ("old", diagnostic.old.map(JSONValue.init)),
            ("new", diagnostic.new.map(JSONValue.init)),
            ("notes", .array(diagnostic.notes.map { note in
                .object([
                    ("message", .string(note.message)),
                    ("file", .string(note.location.file)),
                    ("line", .int(Int64(note.location.line))),
                    ("column", .int(Int64(note.location.column))),
                ])
            })),
        ])
    }
}

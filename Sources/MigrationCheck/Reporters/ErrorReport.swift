public import DeviceModelRegistry

/// The document printed when a command fails with trouble (exit 2).
public enum ErrorReport {
    /// `{"status": "error", "error": {message, file?, line?, column?}}`.
    public static func json(_ error: InputError, pretty: Bool = true) -> String {
        let document = JSONValue.document([
            ("status", .string(ReportStatus.error.rawValue)),
            ("error", json(error)),
        ])
        return document.serialized(pretty: pretty) + "\n"
    }

    /// `{message, file?, line?, column?}`.
    public static func json(_ error: InputError) -> JSONValue {
        .object([
            ("message", .string(error.message)),
            ("file", .optional(error.file)),
            ("line", error.location.map { .int(Int64($0.line)) }),
            ("column", error.location.map { .int(Int64($0.column)) }),
        ])
    }

    /// `migcheck: error: file:line:col: message`.
    public static func text(_ error: InputError, style: TextStyle = .plain) -> String {
        "migcheck: " + style.red("error") + ": \(error.description.escapingControls())\n"
    }
}

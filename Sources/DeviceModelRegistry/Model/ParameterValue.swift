/// A parameter value in canonical form: `on` is `true`, `0x20` is `32`.
///
/// Enum and string parameters both hold text.
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case string(String)

    /// The canonical spelling: `true`/`false`, decimal, or the text.
    public var description: String {
        switch self {
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .string(let value): value
        }
    }

    /// The canonical spelling as every command shows a value: text in double quotes (`""`,
    /// `"on"`, `"a\"b"`), so that an empty string is seen and text is not misread as a bool
    /// or a number; names stay in single quotes around it (`'queue-mode' is "multi"`).
    public var quoted: String {
        switch self {
        case .string(let value):
            var result = "\""
            for scalar in value.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { result += "\\" }
                result.unicodeScalars.append(scalar)
            }
            return result + "\""
        default:
            return description
        }
    }

    /// ``quoted``, cut to `limit` characters with a marker saying how much is left out: for
    /// tables, where one long value would widen a whole column.
    public func shown(limit: Int = 48) -> String {
        let text = quoted
        guard text.count > limit else { return text }
        return String(text.prefix(limit - 1)) + "…(\(text.count - limit + 1) more)"
    }
}

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

    /// The canonical spelling, quoted for messages where text could be misread (`''`, `'on'`).
    public var quoted: String {
        switch self {
        case .string(let value): "'\(value)'"
        default: description
        }
    }
}

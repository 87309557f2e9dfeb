/// The outcome of a command, as exit status and JSON `status` (SPEC 8).
public enum ReportStatus: String, Sendable {
    /// Compatible, clean, no breaking change: exit 0.
    case ok
    /// Incompatible, registry errors, a breaking change: exit 1.
    case fail
    /// Trouble; nothing about compatibility may be inferred: exit 2.
    case error

    public var exitCode: Int32 {
        switch self {
        case .ok: 0
        case .fail: 1
        case .error: 2
        }
    }
}

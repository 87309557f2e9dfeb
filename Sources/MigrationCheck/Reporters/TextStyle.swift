/// ANSI styling for text output, on only when the output is a terminal (or asked for).
public struct TextStyle: Sendable {
    public var isEnabled: Bool

    public init(enabled: Bool) {
        isEnabled = enabled
    }

    public static let plain = TextStyle(enabled: false)

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func red(_ text: String) -> String { wrap(text, "1;31") }
    public func yellow(_ text: String) -> String { wrap(text, "1;33") }
    public func green(_ text: String) -> String { wrap(text, "1;32") }
    public func cyan(_ text: String) -> String { wrap(text, "1;36") }
    public func dim(_ text: String) -> String { wrap(text, "2") }

    /// The severity's name in its colour: errors red, warnings yellow, infos cyan.
    public func severity(_ name: String) -> String {
        switch name {
        case "error": red(name)
        case "warning": yellow(name)
        default: cyan(name)
        }
    }

    private func wrap(_ text: String, _ code: String) -> String {
        isEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

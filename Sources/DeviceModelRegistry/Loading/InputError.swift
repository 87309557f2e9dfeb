/// A problem that stops a command: an input that cannot be read or used.
///
/// The command line reports it and exits with status 2.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Where the problem is, when it is in a file.
    public var location: SourceLocation?
    /// The file, when the problem concerns a file as a whole.
    public var file: String?

    public init(_ message: String, at location: SourceLocation? = nil, file: String? = nil) {
        self.message = message
        self.location = location
        self.file = file ?? location?.file
    }

    /// An input error from the first error of a file's diagnostics.
    public init(_ diagnostic: Diagnostic) {
        self.init(diagnostic.message + " [\(diagnostic.rule)]", at: diagnostic.location)
    }

    /// `file:line:col: message`, or the message alone.
    public var description: String {
        if let location { return "\(location): \(message)" }
        if let file { return "\(file): \(message)" }
        return message
    }
}

/// A parameter value given on top of a version, as text in the spellings of SPEC 2.4.
public struct Override: Hashable, Sendable {
    public var parameter: String
    public var text: String
    /// Where it was written, for values from a file.
    public var location: SourceLocation?

    public init(parameter: String, text: String, location: SourceLocation? = nil) {
        self.parameter = parameter
        self.text = text
        self.location = location
    }

    /// Reads `NAME=VALUE`, split at the first `=`.
    public init?(assignment: String) {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else { return nil }
        self.init(parameter: String(assignment[..<equals]), text: String(assignment[assignment.index(after: equals)...]))
    }
}

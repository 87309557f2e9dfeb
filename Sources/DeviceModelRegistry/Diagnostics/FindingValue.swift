/// What a finding says changed, typed, for programs (`diff`'s `old` and `new` in JSON): the
/// message says the same in words.
public enum FindingValue: Sendable, Hashable {
    /// Nothing: no default, no version.
    case none
    case value(ParameterValue)
    /// A name: a type, a version.
    case text(String)
    /// The values a parameter allows.
    case domain(Domain)
    /// Names in order: the versions of a model.
    case texts([String])
    /// Parameters and their values: a version's expansion where it changed.
    case parameters([Named])

    public struct Named: Sendable, Hashable {
        public var name: String
        public var value: ParameterValue

        public init(_ name: String, _ value: ParameterValue) {
            self.name = name
            self.value = value
        }
    }
}

extension Diagnostic {
    /// The diagnostic with what changed, typed.
    public func changing(from old: FindingValue, to new: FindingValue) -> Diagnostic {
        var diagnostic = self
        diagnostic.old = old
        diagnostic.new = new
        return diagnostic
    }
}

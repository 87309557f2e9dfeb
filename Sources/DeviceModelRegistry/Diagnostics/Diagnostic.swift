/// A secondary location attached to a diagnostic ("first defined here").
public struct Note: Hashable, Sendable {
    public var message: String
    public var location: SourceLocation

    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }
}

/// One problem found in an input, with the rule that found it and where it is.
///
/// Every layer reports problems as `Diagnostic`s so the command line renders one type.
public struct Diagnostic: Hashable, Sendable {
    /// The rule id (`duplicate-key`, `value-not-allowed`, ...).
    public var rule: String
    public var severity: Severity
    /// Lowercase start, no trailing period, names in `'quotes'`.
    public var message: String
    public var location: SourceLocation
    public var notes: [Note]
    /// The model, version and parameter the problem is about, where it is about one.
    public var model: String?
    public var version: String?
    public var parameter: String?
    /// What changed, typed (`diff`): the old and the new value, domain or name.
    public var old: FindingValue?
    public var new: FindingValue?

    public init(
        _ rule: Rule, _ message: String, at location: SourceLocation, notes: [Note] = [],
        model: String? = nil, version: String? = nil, parameter: String? = nil
    ) {
        self.rule = rule.id
        self.severity = rule.severity
        self.message = message
        self.location = location
        self.notes = notes
        self.model = model
        self.version = version
        self.parameter = parameter
    }
}

extension Diagnostic {
    /// Orders diagnostics by file (in the given file order), line, column, then rule and message.
    ///
    /// - Parameter fileOrder: the rank of each file; files not in it sort after, by name.
    public static func sorted(_ diagnostics: [Diagnostic], fileOrder: [String: Int]) -> [Diagnostic] {
        diagnostics.sorted { a, b in
            let fa = fileOrder[a.location.file] ?? Int.max
            let fb = fileOrder[b.location.file] ?? Int.max
            if fa != fb { return fa < fb }
            if a.location.file != b.location.file { return a.location.file < b.location.file }
            if a.location.line != b.location.line { return a.location.line < b.location.line }
            if a.location.column != b.location.column { return a.location.column < b.location.column }
            if a.rule != b.rule { return a.rule < b.rule }
            return a.message < b.message
        }
    }
}

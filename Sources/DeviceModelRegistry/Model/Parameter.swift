/// One aspect of a model that must match across a migration (SPEC 2.5).
public struct Parameter: Sendable, Hashable {
    public var name: String
    public var type: ParameterType
    /// The value that disables the change the parameter introduced; nil: it cannot be disabled.
    public var defaultValue: ParameterValue?
    /// The names an `enum` may take, in the order written; empty for other types.
    public var enumValues: [String] {
        didSet { enumIndex = Self.index(enumValues) }
    }
    /// ``enumValues`` hashed when there are many, so that checking a long list against them stays linear.
    private var enumIndex: Set<String>?
    /// The model's `allowed` list.
    public var allowed: Domain
    public var description: String?
    /// Whether the VMM decides the value at start-up when none is given (SPEC 10.2): a
    /// command line that leaves it to the VMM leaves it undetermined.
    public var decidedAtStart: Bool
    /// Where the parameter's name is written.
    public var location: SourceLocation

    public init(
        name: String, type: ParameterType, defaultValue: ParameterValue? = nil, enumValues: [String] = [],
        allowed: Domain = .unrestricted, description: String? = nil, decidedAtStart: Bool = false,
        location: SourceLocation
    ) {
        self.decidedAtStart = decidedAtStart
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.enumValues = enumValues
        enumIndex = Self.index(enumValues)
        self.allowed = allowed
        self.description = description
        self.location = location
    }

    /// Whether `value` is in the parameter's domain: of its type, one of the
    /// enum's `values`, and within `allowed`.
    public func accepts(_ value: ParameterValue) -> Bool {
        isOfType(value) && allowed.contains(value)
    }

    /// Whether `value` is of the parameter's type (for an enum, one of its `values`).
    public func isOfType(_ value: ParameterValue) -> Bool {
        Self.isOf(type, enumValues: enumValues, enumIndex: enumIndex, value)
    }

    /// ``isOfType(_:)`` of the parts of a parameter still being made: `enumIndex` is
    /// ``index(_:)`` of `enumValues`.
    @inline(__always)
    static func isOf(_ type: ParameterType, enumValues: [String], enumIndex: Set<String>?, _ value: ParameterValue) -> Bool {
        switch (type, value) {
        case (.bool, .bool), (.int, .int), (.string, .string): true
        case (.enum, .string(let name)): enumIndex?.contains(name) ?? enumValues.contains(name)
        default: false
        }
    }

    /// An enum's values hashed, when there are many.
    static func index(_ names: [String]) -> Set<String>? {
        names.count > 16 ? Set(names) : nil
    }

    /// Reads a value of this parameter's type from its text (SPEC 2.4 spellings).
    public func parse(_ text: String) -> ParameterValue? {
        type.parse(text)
    }

    /// The domain in words: `[0, 16, 32]`, `one of [single, multi]`, `any int`.
    /// The values the parameter takes: its `allowed` list, else its enum's values or both bools,
    /// else every value of its type.
    public var effectiveDomain: Domain {
        if allowed.items != nil { return allowed }
        switch type {
        case .enum: return Domain(enumValues.map { .value(.string($0)) })
        case .bool: return Domain([.value(.bool(false)), .value(.bool(true))])
        default: return .unrestricted
        }
    }

    public var domainDescription: String {
        if allowed.items != nil { return allowed.description }
        switch type {
        case .enum: return "[" + enumValues.map { ParameterValue.string($0).quoted }.joined(separator: ", ") + "]"
        case .bool: return "[true, false]"
        default: return "any \(type.rawValue)"
        }
    }
}

/// A named shorthand for parameter values (SPEC 2.5).
public struct ModelVersion: Sendable, Hashable {
    /// One `name: value` of a version's `set`.
    public struct Setting: Sendable, Hashable {
        public var parameter: String
        public var value: ParameterValue
        /// Where the value is written.
        public var location: SourceLocation

        public init(parameter: String, value: ParameterValue, location: SourceLocation) {
            self.parameter = parameter
            self.value = value
            self.location = location
        }
    }

    public var name: String
    /// The earlier version this one starts from.
    public var extends: String?
    /// The values set, in order; nil when the version has no `set` key (a synonym).
    public var settings: [Setting]?
    public var description: String?
    /// Where the version's name is written.
    public var location: SourceLocation

    public init(
        name: String, extends: String? = nil, settings: [Setting]? = nil, description: String? = nil,
        location: SourceLocation
    ) {
        self.name = name
        self.extends = extends
        self.settings = settings
        self.description = description
        self.location = location
    }
}

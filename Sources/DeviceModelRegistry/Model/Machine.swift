/// A platform's named bundle of device versions (SPEC 10.1): QEMU's machine type
/// `pc-q35-7.2` gives each device the version of its model that its compat
/// properties produce.
public struct Machine: Sendable {
    /// One `model: version` entry of a machine's own map.
    public struct Entry: Sendable, Hashable {
        public var model: String
        public var version: String
        /// Where the model id is written.
        public var location: SourceLocation
        /// Where the version name is written.
        public var versionLocation: SourceLocation

        public init(model: String, version: String, location: SourceLocation, versionLocation: SourceLocation) {
            self.model = model
            self.version = version
            self.location = location
            self.versionLocation = versionLocation
        }
    }

    public var id: String
    public var description: String?
    /// The machine whose map this one's is laid on.
    public var extends: String?
    /// Where the `extends` value is written.
    public var extendsLocation: SourceLocation?
    /// The machine's own entries, in the order written.
    public var entries: [Entry]
    /// Where the machine id is written.
    public var location: SourceLocation

    public init(
        id: String, description: String? = nil, extends: String? = nil, extendsLocation: SourceLocation? = nil,
        entries: [Entry], location: SourceLocation
    ) {
        self.id = id
        self.description = description
        self.extends = extends
        self.extendsLocation = extendsLocation
        self.entries = entries
        self.location = location
    }
}

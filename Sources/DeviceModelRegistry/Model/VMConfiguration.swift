/// A VM's devices, as a VM configuration file describes them (SPEC 3.1).
public struct VMConfiguration: Sendable {
    /// One device: a model, an optional version, optional overrides.
    public struct Device: Sendable {
        /// The device's id: as written, or `devices[N]`.
        public var id: String
        public var model: String
        public var version: String?
        public var overrides: [Override]
        /// Where the device is written, when it comes from a file.
        public var location: SourceLocation?

        public init(id: String, model: String, version: String? = nil, overrides: [Override] = [], location: SourceLocation? = nil) {
            self.id = id
            self.model = model
            self.version = version
            self.overrides = overrides
            self.location = location
        }
    }

    /// The `vm` name, or the file's name without its extension.
    public var name: String
    /// In the order written; ids are unique.
    public var devices: [Device]

    public init(name: String, devices: [Device]) {
        self.name = name
        self.devices = devices
    }
}

/// Named hosts, each a list of implementation ids (SPEC 3.2).
public struct HostInventory: Sendable {
    public struct Host: Sendable {
        public var name: String
        /// Implementation ids in the order written, with where each is written.
        public var implementations: [(id: String, location: SourceLocation?)]

        public init(name: String, implementations: [(id: String, location: SourceLocation?)]) {
            self.name = name
            self.implementations = implementations
        }
    }

    /// In the order written.
    public var hosts: [Host]

    public init(hosts: [Host]) {
        self.hosts = hosts
    }
}

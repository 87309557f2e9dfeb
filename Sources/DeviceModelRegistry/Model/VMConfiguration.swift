/// A VM's devices, as a VM configuration file describes them (SPEC 3.1, 10.2).
public struct VMConfiguration: Sendable {
    /// Where a VM configuration was read from, when not written by hand (SPEC 10.2).
    public enum Origin: String, Sendable, CaseIterable {
        /// The command line that started the VM: its values are overrides.
        case qemuArgs = "qemu-args"
        /// The running VM: its values are observed.
        case qmp
    }

    /// Where a device sits in the guest: compared by `compare`, ignored by `check`.
    public struct Placement: Sendable, Hashable {
        /// The bus's id, or `default`.
        public var bus: String
        /// The address on that bus (`03.0` on PCI), or `auto:k` for the k-th address-less device on the bus.
        public var address: String

        public init(bus: String, address: String) {
            self.bus = bus
            self.address = address
        }

        /// Whether the address was left to the VMM (`auto:k`).
        public var isAutomatic: Bool { address.hasPrefix("auto:") }
    }

    /// A setting for devices the VM configuration does not list (a machine's built-in ones).
    public struct Global: Sendable, Hashable {
        public var driver: String
        public var property: String
        public var value: String

        public init(driver: String, property: String, value: String) {
            self.driver = driver
            self.property = property
            self.value = value
        }

        /// `DRIVER.PROPERTY`, its key in a VM configuration.
        public var key: String { "\(driver).\(property)" }
    }

    /// One device: a model, an optional version, optional overrides.
    public struct Device: Sendable {
        /// The device's id: as written, or `devices[N]`.
        public var id: String
        public var model: String
        public var version: String?
        public var overrides: [Override]
        public var placement: Placement?
        /// Where the device is written, when it comes from a file.
        public var location: SourceLocation?

        public init(
            id: String, model: String, version: String? = nil, overrides: [Override] = [], placement: Placement? = nil,
            location: SourceLocation? = nil
        ) {
            self.id = id
            self.model = model
            self.version = version
            self.overrides = overrides
            self.placement = placement
            self.location = location
        }
    }

    /// The `vm` name, or the file's name without its extension.
    public var name: String
    /// The machine the VM runs on (SPEC 10.1), with where it is written.
    public var machine: String?
    public var machineLocation: SourceLocation?
    /// Set when read from a real VM: unknown models, machines and parameters then make
    /// verdicts `unknown` instead of being input errors.
    public var origin: Origin?
    /// The VM's memory in MiB, its vCPU count and CPU model, when stated.
    public var memory: Int64?
    public var cpus: Int64?
    public var cpu: String?
    /// Settings for devices not listed, in the order given.
    public var globals: [Global]
    /// In the order written; ids are unique.
    public var devices: [Device]

    public init(
        name: String, machine: String? = nil, machineLocation: SourceLocation? = nil, origin: Origin? = nil,
        memory: Int64? = nil, cpus: Int64? = nil, cpu: String? = nil, globals: [Global] = [], devices: [Device]
    ) {
        self.name = name
        self.machine = machine
        self.machineLocation = machineLocation
        self.origin = origin
        self.memory = memory
        self.cpus = cpus
        self.cpu = cpu
        self.globals = globals
        self.devices = devices
    }
}

/// Named hosts, each a list of implementation ids (SPEC 3.2).
public struct HostInventory: Sendable {
    public struct Host: Sendable {
        /// What the long form's `narrow` says of one parameter: the values this host supports, untyped
        /// until the registry gives the parameter's type.
        public struct Narrowing: Sendable {
            public var model: String
            public var modelLocation: SourceLocation
            public var parameter: String
            public var parameterLocation: SourceLocation
            /// The `allowed`-syntax list.
            public var items: YAMLNode
        }

        public var name: String
        /// Implementation ids in the order written, with where each is written.
        public var implementations: [(id: String, location: SourceLocation?)]
        /// The long form's `narrow`, in the order written (SPEC 3.2).
        public var narrow: [Narrowing]

        public init(name: String, implementations: [(id: String, location: SourceLocation?)], narrow: [Narrowing] = []) {
            self.name = name
            self.implementations = implementations
            self.narrow = narrow
        }
    }

    /// In the order written.
    public var hosts: [Host]

    public init(hosts: [Host]) {
        self.hosts = hosts
    }
}

extension VMConfiguration {
    /// The registry ids the VM names: its devices' models and its machine.
    public var registryIDs: [String] {
        devices.map(\.model) + (machine.map { [$0] } ?? [])
    }
}

extension HostInventory {
    /// The registry ids the inventory names: its hosts' implementations and the models they narrow.
    public var registryIDs: [String] {
        hosts.flatMap { host in host.implementations.map(\.id) + host.narrow.map(\.model) }
    }
}

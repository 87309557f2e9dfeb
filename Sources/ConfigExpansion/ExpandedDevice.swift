public import DeviceModelRegistry

/// Where an expanded parameter's value came from.
public enum Provenance: Hashable, Sendable, CustomStringConvertible {
    /// The parameter's default.
    case `default`
    /// The named version, the last along the `extends` chain to set it.
    case version(String)
    /// An override (`--set`, a device's `set`, a command line's property).
    case override
    /// Read from the running VM (SPEC 10.2).
    case observed

    /// `default`, `version <name>`, `override` or `observed`, as JSON's `from` spells it.
    public var description: String {
        switch self {
        case .default: "default"
        case .version(let name): "version \(name)"
        case .override: "override"
        case .observed: "observed"
        }
    }
}

/// Where an expanded device's version came from (SPEC 10.1).
public enum VersionSource: String, Hashable, Sendable {
    /// The device names it.
    case device
    /// The VM's machine maps the device's model to it.
    case machine
}

/// One parameter of an expanded device.
public struct ExpandedParameter: Hashable, Sendable {
    public var name: String
    /// Meaningless when ``undetermined``.
    public var value: ParameterValue
    public var provenance: Provenance
    /// The VMM decides the value at start-up, and the command line left it to it (SPEC 10.2).
    public var undetermined: Bool

    public init(name: String, value: ParameterValue, provenance: Provenance, undetermined: Bool = false) {
        self.name = name
        self.value = value
        self.provenance = provenance
        self.undetermined = undetermined
    }
}

/// What the registry cannot judge in a device read from a real VM (SPEC 10.2).
public enum Unjudged: Hashable, Sendable {
    /// The registry lacks the device's model.
    case model(String)
    /// A property that is neither a parameter of the model nor host-side, or whose value is
    /// not of the parameter's type; with its value as read and why.
    case property(name: String, value: String, reason: String)
}

/// A device with a value for every parameter of its model (SPEC 4).
public struct ExpandedDevice: Sendable {
    public var model: DeviceModel
    /// The version asked for, if any.
    public var version: String?
    /// Every parameter of the model, in the model's order.
    public var parameters: [ExpandedParameter]
    /// Whether the device or its VM's machine named the version; nil without a version.
    public var versionFrom: VersionSource?
    /// Where the device sits in the guest.
    public var placement: VMConfiguration.Placement?
    /// What the registry cannot judge: empty for every device written by hand.
    public var unjudged: [Unjudged]

    public init(
        model: DeviceModel, version: String?, parameters: [ExpandedParameter], versionFrom: VersionSource? = nil,
        placement: VMConfiguration.Placement? = nil, unjudged: [Unjudged] = []
    ) {
        self.model = model
        self.version = version
        self.parameters = parameters
        self.versionFrom = versionFrom ?? (version == nil ? nil : .device)
        self.placement = placement
        self.unjudged = unjudged
    }

    /// A device of a model the registry lacks: nothing about it can be judged.
    public static func unknownModel(_ id: String, placement: VMConfiguration.Placement?) -> ExpandedDevice {
        ExpandedDevice(
            model: DeviceModel(id: id, parameters: [], versions: [], location: .start(of: "")), version: nil,
            parameters: [], placement: placement, unjudged: [.model(id)])
    }

    /// Whether the registry lacks the device's model.
    public var isModelUnknown: Bool {
        unjudged.contains { if case .model = $0 { true } else { false } }
    }

    /// The expanded value of a parameter.
    ///
    /// Found by the model's index (parameters are in the model's order), not by a search: asking
    /// for every parameter of a large model must not cost parameters².
    public func value(of name: String) -> ParameterValue? {
        if let position = model.parameterPosition(named: name), position < parameters.count, parameters[position].name == name {
            return parameters[position].value
        }
        return parameters.first { $0.name == name }?.value
    }
}

/// A VM whose devices are all expanded.
public struct ExpandedVM: Sendable {
    public var name: String
    /// In the order of the configuration.
    public var devices: [(id: String, device: ExpandedDevice)]
    /// The VM's machine (SPEC 10.1), if it names one.
    public var machine: String?
    /// The machine is named but the registry lacks it (only for a VM read from a real one).
    public var machineUnknown: Bool
    /// The configuration it was expanded from: its size, globals and origin.
    public var configuration: VMConfiguration?

    public init(
        name: String, devices: [(id: String, device: ExpandedDevice)], machine: String? = nil, machineUnknown: Bool = false,
        configuration: VMConfiguration? = nil
    ) {
        self.name = name
        self.devices = devices
        self.machine = machine
        self.machineUnknown = machineUnknown
        self.configuration = configuration
    }
}

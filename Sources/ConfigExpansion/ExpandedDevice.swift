public import DeviceModelRegistry

/// Where an expanded parameter's value came from.
public enum Provenance: Hashable, Sendable, CustomStringConvertible {
    /// The parameter's default.
    case `default`
    /// The named version, the last along the `extends` chain to set it.
    case version(String)
    /// An override (`--set`, or a device's `set`).
    case override

    /// `default`, `version <name>` or `override`, as JSON's `from` spells it.
    public var description: String {
        switch self {
        case .default: "default"
        case .version(let name): "version \(name)"
        case .override: "override"
        }
    }
}

/// One parameter of an expanded device.
public struct ExpandedParameter: Hashable, Sendable {
    public var name: String
    public var value: ParameterValue
    public var provenance: Provenance

    public init(name: String, value: ParameterValue, provenance: Provenance) {
        self.name = name
        self.value = value
        self.provenance = provenance
    }
}

/// A device with a value for every parameter of its model (SPEC 4).
public struct ExpandedDevice: Sendable {
    public var model: DeviceModel
    /// The version asked for, if any.
    public var version: String?
    /// Every parameter of the model, in the model's order.
    public var parameters: [ExpandedParameter]

    public init(model: DeviceModel, version: String?, parameters: [ExpandedParameter]) {
        self.model = model
        self.version = version
        self.parameters = parameters
    }

    /// The expanded value of a parameter.
    public func value(of name: String) -> ParameterValue? {
        parameters.first { $0.name == name }?.value
    }
}

/// A VM whose devices are all expanded.
public struct ExpandedVM: Sendable {
    public var name: String
    /// In the order of the configuration.
    public var devices: [(id: String, device: ExpandedDevice)]

    public init(name: String, devices: [(id: String, device: ExpandedDevice)]) {
        self.name = name
        self.devices = devices
    }
}

public import DeviceModelRegistry

/// Turns (model, version, overrides) into a value for every parameter, with provenance (SPEC 4).
public enum Expander {
    /// Expands a device.
    ///
    /// 1. every parameter with a default starts at it;
    /// 2. the version's `extends` chain is applied root first, ending with the version;
    /// 3. the overrides are applied in order, a later one winning;
    /// 4. a parameter still without a value is an error.
    ///
    /// - Throws: ``InputError`` for an unknown model, version or parameter, a
    ///   value not of the parameter's type or outside its domain, or a missing
    ///   value; each names what was asked and suggests the closest known name.
    public static func expand(
        model id: String, version: String?, overrides: [Override] = [], in registry: Registry
    ) throws(InputError) -> ExpandedDevice {
        try expand(try registry.requireModel(id), version: version, overrides: overrides)
    }

    /// Expands a device of a model already looked up.
    public static func expand(
        _ model: DeviceModel, version: String?, overrides: [Override] = []
    ) throws(InputError) -> ExpandedDevice {
        // In the model's parameter order: no hashing of names but to place versions' and overrides' values.
        var values = model.parameters.map { parameter in parameter.defaultValue.map { ($0, Provenance.default) } }
        if let version {
            guard let chain = model.versionChain(version) else {
                throw InputError(
                    "model '\(model.id)' has no version '\(version)'"
                        + Suggestion.hint(for: version, among: model.versions.map(\.name)))
            }
            for link in chain {
                for setting in link.settings ?? [] {
                    if let position = model.parameterPosition(named: setting.parameter) {
                        values[position] = (setting.value, .version(link.name))
                    }
                }
            }
        }
        for override in overrides {
            let value = try value(of: override, in: model)
            values[model.parameterPosition(named: override.parameter)!] = (value, .override)
        }
        return try device(model, version: version, values: values)
    }

    /// The device from a value for each parameter, in the model's order.
    ///
    /// - Throws: ``InputError`` for the first parameter left without a value.
    private static func device(
        _ model: DeviceModel, version: String?, values: [(ParameterValue, Provenance)?]
    ) throws(InputError) -> ExpandedDevice {
        var parameters: [ExpandedParameter] = []
        parameters.reserveCapacity(model.parameters.count)
        for (parameter, value) in zip(model.parameters, values) {
            guard let (value, provenance) = value else {
                let unset = version.map { "neither version '\($0)' nor an override sets it" } ?? "no version or override sets it"
                throw InputError("parameter '\(parameter.name)' of model '\(model.id)' has no value: it has no default, and \(unset)")
            }
            parameters.append(ExpandedParameter(name: parameter.name, value: value, provenance: provenance))
        }
        return ExpandedDevice(model: model, version: version, parameters: parameters)
    }

    /// Every version of a model expanded, oldest first, with the overrides on top of each.
    ///
    /// Linear in the number of versions: each expansion starts from its parent's,
    /// already made, instead of walking the `extends` chain from the root again.
    /// A model without versions gives one device, with no version.
    /// - Throws: ``InputError`` for a bad override, or a missing value.
    public static func expandEveryVersion(_ model: DeviceModel, overrides: [Override] = []) throws(InputError) -> [ExpandedDevice] {
        guard !model.versions.isEmpty else { return [try expand(model, version: nil, overrides: overrides)] }
        var overridden: [(Int, ParameterValue)] = []
        for override in overrides {
            overridden.append((model.parameterPosition(named: override.parameter) ?? -1, try value(of: override, in: model)))
        }
        let defaults = model.parameters.map { parameter in parameter.defaultValue.map { ($0, Provenance.default) } }
        var inherited: [[(ParameterValue, Provenance)?]] = []
        var devices: [ExpandedDevice] = []
        for (position, version) in model.versions.enumerated() {
            var values = defaults
            if let parent = version.extends, let parentPosition = model.versionPosition(parent), parentPosition < position {
                values = inherited[parentPosition]
            }
            for setting in version.settings ?? [] {
                if let index = model.parameterPosition(named: setting.parameter) { values[index] = (setting.value, .version(version.name)) }
            }
            inherited.append(values)
            for (index, value) in overridden where index >= 0 {
                values[index] = (value, .override)
            }
            devices.append(try device(model, version: version.name, values: values))
        }
        return devices
    }

    /// The canonical value an override sets, checked against the parameter's type and domain.
    public static func value(of override: Override, in model: DeviceModel) throws(InputError) -> ParameterValue {
        guard let parameter = model.parameter(named: override.parameter) else {
            throw InputError(
                "model '\(model.id)' has no parameter '\(override.parameter)'"
                    + Suggestion.hint(for: override.parameter, among: model.parameters.map(\.name)),
                at: override.location)
        }
        guard let value = parameter.parse(override.text) else {
            throw InputError(
                "'\(override.text)' is not \(parameter.type.expectation), for parameter '\(parameter.name)'",
                at: override.location)
        }
        guard parameter.accepts(value) else {
            throw InputError(
                "\(value.quoted) is outside the domain of parameter '\(parameter.name)': \(parameter.domainDescription)",
                at: override.location)
        }
        return value
    }
}

extension Expander {
    /// Expands every device of a VM configuration.
    ///
    /// - Throws: the first device's ``InputError``, prefixed with the device's id
    ///   and located at the device when the error has no place of its own.
    public static func expand(_ vm: VMConfiguration, in registry: Registry) throws(InputError) -> ExpandedVM {
        var devices: [(id: String, device: ExpandedDevice)] = []
        devices.reserveCapacity(vm.devices.count)
        for device in vm.devices {
            do {
                let expanded = try expand(
                    model: device.model, version: device.version, overrides: device.overrides, in: registry)
                devices.append((device.id, expanded))
            } catch {
                throw InputError("device '\(device.id)': \(error.message)", at: error.location ?? device.location)
            }
        }
        return ExpandedVM(name: vm.name, devices: devices)
    }
}

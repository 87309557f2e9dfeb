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
        var values = try versionValues(model, version: version)
        for override in overrides {
            let value = try value(of: override, in: model)
            values[model.parameterPosition(named: override.parameter)!] = Placed(value, .override)
        }
        return try device(model, version: version, values: values)
    }

    /// Each parameter's value before overrides, in the model's order (no hashing of names but to place
    /// versions' values): its default, then the version's `extends` chain applied root first.
    ///
    /// - Throws: ``InputError`` for a version the model lacks.
    private static func versionValues(
        _ model: DeviceModel, version: String?
    ) throws(InputError) -> [Placed?] {
        var values = defaults(of: model)
        guard let version else { return values }
        guard let chain = model.versionChainPositions(version) else {
            throw InputError(
                "model '\(model.id)' has no version '\(version)'" + Suggestion.versionHint(for: version, among: model.versions.map(\.name)))
        }
        for link in chain {
            let provenance = Provenance.version(model.versions[link].name)
            for (position, value) in model.settings(ofVersionAt: link) {
                values[position] = Placed(value, provenance)
            }
        }
        return values
    }

    /// A parameter's value and where it came from, while a device is expanded. A struct, not a
    /// tuple: an array of them is destroyed by code made for it, not by the runtime's generic tuple walk.
    struct Placed {
        var value: ParameterValue
        var provenance: Provenance

        init(_ value: ParameterValue, _ provenance: Provenance) {
            self.value = value
            self.provenance = provenance
        }
    }

    /// Each parameter's default, in the model's order.
    private static func defaults(of model: DeviceModel) -> [Placed?] {
        model.parameters.indices.map { position in model.parameters[position].defaultValue.map { Placed($0, .default) } }
    }

    /// The device from a value for each parameter, in the model's order.
    ///
    /// - Throws: ``InputError`` for the first parameter left without a value.
    private static func device(
        _ model: DeviceModel, version: String?, values: [Placed?]
    ) throws(InputError) -> ExpandedDevice {
        var parameters: [ExpandedParameter] = []
        parameters.reserveCapacity(model.parameters.count)
        // By position: a parameter is read in place, never copied (its fields would each be retained).
        for position in values.indices {
            guard let placed = values[position] else {
                let unset = version.map { "neither version '\($0)' nor an override sets it" } ?? "no version or override sets it"
                throw InputError(
                    "parameter '\(model.parameters[position].name)' of model '\(model.id)' has no value: it has no default, and \(unset)")
            }
            parameters.append(ExpandedParameter(name: model.parameters[position].name, value: placed.value, provenance: placed.provenance))
        }
        return ExpandedDevice(model: model, version: version, parameters: parameters)
    }

    /// Every version of a model expanded, oldest first, with the overrides on top of each.
    ///
    /// Linear in the number of versions: each expansion starts from its parent's,
    /// already made, instead of walking the `extends` chain from the root again. But every
    /// expansion is a full copy, versions × parameters values: the fleet answers and the
    /// validation rules walk the versions instead (`DeviceModel.walkVersions`) and never call this.
    /// A model without versions gives one device, with no version.
    /// - Throws: ``InputError`` for a bad override, or a missing value.
    public static func expandEveryVersion(_ model: DeviceModel, overrides: [Override] = []) throws(InputError) -> [ExpandedDevice] {
        guard !model.versions.isEmpty else { return [try expand(model, version: nil, overrides: overrides)] }
        var overridden: [(Int, ParameterValue)] = []
        for override in overrides {
            overridden.append((model.parameterPosition(named: override.parameter) ?? -1, try value(of: override, in: model)))
        }
        let defaults = defaults(of: model)
        var inherited: [[Placed?]] = []
        var devices: [ExpandedDevice] = []
        for (position, version) in model.versions.enumerated() {
            var values = defaults
            if let parent = version.extends, let parentPosition = model.versionPosition(parent), parentPosition < position {
                values = inherited[parentPosition]
            }
            for (index, value) in model.settings(ofVersionAt: position) {
                values[index] = Placed(value, .version(version.name))
            }
            inherited.append(values)
            for (index, value) in overridden where index >= 0 {
                values[index] = Placed(value, .override)
            }
            devices.append(try device(model, version: version.name, values: values))
        }
        return devices
    }

    /// The canonical value an override sets, checked against the parameter's type and domain.
    public static func value(of override: Override, in model: DeviceModel) throws(InputError) -> ParameterValue {
        guard let parameter = model.parameter(named: override.parameter) else {
            let names = model.parameters.map(\.name)
            // The closest name, else the parameters themselves (a few) or where to see them.
            var hint = Suggestion.hint(for: override.parameter, among: names)
            if hint.isEmpty {
                hint = names.isEmpty ? "; it has no parameters"
                    : names.count <= 8 ? "; its parameters are " + names.map { "'\($0)'" }.joined(separator: ", ")
                    : "; 'migcheck show \(model.id)' lists its \(names.count) parameters"
            }
            throw InputError("model '\(model.id)' has no parameter '\(override.parameter)'" + hint, at: override.location)
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
    /// A device without a version gets the one the VM's machine maps its model to
    /// (SPEC 10.1). A configuration written by hand must name only what the registry
    /// has; one read from a real VM (it has an ``VMConfiguration/origin``) follows
    /// SPEC 10.2 instead: what the registry lacks is recorded as ``Unjudged``, never an error.
    ///
    /// - Throws: the first device's ``InputError``, prefixed with the device's id
    ///   and located at the device when the error has no place of its own.
    public static func expand(_ vm: VMConfiguration, in registry: Registry) throws(InputError) -> ExpandedVM {
        var machineUnknown = false
        if let machine = vm.machine, registry.machine(machine) == nil {
            guard vm.origin != nil else {
                throw InputError(
                    "unknown machine '\(machine)'\(registry.inRegistry)" + Suggestion.hint(for: machine, among: registry.machines.map(\.id)),
                    at: vm.machineLocation)
            }
            machineUnknown = true
        }
        let machineMap = vm.machine.map { registry.versionMap(of: $0) } ?? [:]
        var devices: [(id: String, device: ExpandedDevice)] = []
        devices.reserveCapacity(vm.devices.count)
        for device in vm.devices {
            do {
                var expanded: ExpandedDevice
                if let origin = vm.origin {
                    expanded = try observed(device, origin: origin, machineMap: machineMap, in: registry)
                } else {
                    let machineVersion = device.version == nil ? machineMap[device.model] : nil
                    expanded = try expand(
                        model: device.model, version: device.version ?? machineVersion, overrides: device.overrides,
                        in: registry)
                    if machineVersion != nil { expanded.versionFrom = .machine }
                }
                expanded.placement = device.placement
                devices.append((device.id, expanded))
            } catch {
                throw InputError("device '\(device.id)': \(error.message)", at: error.location ?? device.location)
            }
        }
        return ExpandedVM(
            name: vm.name, devices: devices, machine: vm.machine, machineUnknown: machineUnknown, configuration: vm)
    }

    /// A device read from a real VM (SPEC 10.2): host-side properties dropped, the others
    /// set with the provenance of the origin; what the registry lacks kept as ``Unjudged``.
    private static func observed(
        _ device: VMConfiguration.Device, origin: VMConfiguration.Origin, machineMap: [String: String], in registry: Registry
    ) throws(InputError) -> ExpandedDevice {
        guard let model = registry.model(device.model) else {
            return .unknownModel(device.model, placement: device.placement)
        }
        let machineVersion = device.version == nil ? machineMap[model.id] : nil
        let version = device.version ?? machineVersion
        var values = try versionValues(model, version: version)
        var unjudged: [Unjudged] = []
        let provenance: Provenance = origin == .qmp ? .observed : .override
        for override in device.overrides {
            guard let position = model.parameterPosition(named: override.parameter) else {
                if !model.isHostSide(override.parameter) {
                    unjudged.append(.property(
                        name: override.parameter, value: override.text,
                        reason: "'\(override.parameter)' is neither a parameter of model '\(model.id)' nor host-side"))
                }
                continue
            }
            let parameter = model.parameters[position]
            guard let value = parameter.parse(override.text), parameter.isOfType(value) else {
                unjudged.append(.property(
                    name: override.parameter, value: override.text,
                    reason: "'\(override.text)' is not \(parameter.type.expectation), as the registry declares '\(parameter.name)'"))
                continue
            }
            values[position] = Placed(value, provenance)
        }
        // A value the command line leaves to the VMM, or that nothing gives, is undetermined.
        let parameters = zip(model.parameters, values).map { parameter, placed -> ExpandedParameter in
            guard let placed else {
                return ExpandedParameter(name: parameter.name, value: .string(""), provenance: .default, undetermined: true)
            }
            // Left to QEMU: not on the command line. A machine's version says what QEMU is asked, not what it decides.
            let undetermined = origin == .qemuArgs && parameter.decidedAtStart && placed.provenance != .override
            return ExpandedParameter(name: parameter.name, value: placed.value, provenance: placed.provenance, undetermined: undetermined)
        }
        return ExpandedDevice(
            model: model, version: version, parameters: parameters, versionFrom: version == nil ? nil : (machineVersion == nil ? .device : .machine),
            placement: device.placement, unjudged: unjudged)
    }
}

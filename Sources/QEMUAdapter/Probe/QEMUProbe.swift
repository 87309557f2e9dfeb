public import DeviceModelRegistry
public import MigrationCheck
import ConfigExpansion

/// What a QEMU binary is, in registry terms (SPEC 10.4).
public struct QEMUProbe: Sendable {
    /// One property of a device type, as `device-list-properties` gives it.
    public struct Property: Sendable, Hashable {
        public var name: String
        /// QEMU's type: `bool`, `uint32`, `str`, `OnOffAuto`, ...
        public var type: String
        /// A QAPI enum's names (from the description `on/off/auto`); empty for other types.
        public var enumValues: [String]
        /// The type's default value as QEMU reports it, as text.
        public var defaultValue: String?
    }

    public var binary: String
    /// `MAJOR.MINOR.MICRO`.
    public var version: String
    /// The package QEMU names (`Debian 1:7.2+dfsg-7+deb12u18+b3`), if any.
    public var package: String?
    /// Every machine type (aliases not included), in QEMU's order.
    public var machineTypes: [String]
    /// Every concrete device type.
    public var deviceTypes: Set<String>
    /// Type → parent, for every type QEMU has.
    public var parents: [String: String]
    /// The properties of the device types the registry models, by type.
    public var properties: [String: [Property]]

    /// `MAJOR.MINOR`.
    public var release: String {
        version.split(separator: ".").prefix(2).joined(separator: ".")
    }

    /// Whether `type` is `ancestor` or one of its subtypes.
    public func type(_ type: String, implements ancestor: String) -> Bool {
        var current: String? = type
        var steps = 0
        while let name = current, steps < 64 {
            if name == ancestor { return true }
            current = parents[name]
            steps += 1
        }
        return false
    }

    /// Starts the binary with no guest (`-machine none -nodefaults -S`), asks it what it is, and quits it.
    ///
    /// - Parameter registry: the device types whose properties are read are those of its `qemu.org/devices/` models.
    public static func run(binary: String, registry: Registry, timeout: Double = 20) throws(InputError) -> QEMUProbe {
        let process = try QEMUProcess(
            binary: binary, arguments: ["-machine", "none", "-nodefaults", "-S", "-display", "none"], timeout: timeout)
        defer { process.finish() }
        let qmp = process.qmp!
        func value(_ answer: QMPConnection.Answer, _ what: String) throws(InputError) -> YAMLNode {
            switch answer {
            case .success(let node): return node
            case .failure(let error): throw InputError("'\(binary)': cannot read \(what): \(error.message)")
            }
        }
        let answers = try qmp.executeAll([
            ("query-version", nil),
            ("query-machines", nil),
            ("qom-list-types", .object([("abstract", .bool(true))])),
        ])
        let versionNode = try value(answers[0], "its version")
        guard let qemu = JSONText.member(versionNode, "qemu"), let major = JSONText.member(qemu, "major"),
            let minor = JSONText.member(qemu, "minor"), let micro = JSONText.member(qemu, "micro")
        else { throw InputError("'\(binary)': its version is not in QMP's form") }
        var machines: [String] = []
        for machine in try value(answers[1], "its machine types").items {
            if let name = JSONText.member(machine, "name")?.text { machines.append(name) }
        }
        var parents: [String: String] = [:]
        for type in try value(answers[2], "its types").items {
            guard let name = JSONText.member(type, "name")?.text else { continue }
            parents[name] = JSONText.member(type, "parent")?.text
        }
        let concrete = try qmp.executeAll([
            ("qom-list-types", .object([("implements", .string("device")), ("abstract", .bool(false))])),
        ])[0]
        var devices: Set<String> = []
        for type in try value(concrete, "its device types").items {
            if let name = JSONText.member(type, "name")?.text { devices.insert(name) }
        }
        let modelled = registry.models.compactMap { model -> String? in
            guard model.id.hasPrefix(QEMUDeviceMapping.modelPrefix) else { return nil }
            let driver = String(model.id.dropFirst(QEMUDeviceMapping.modelPrefix.count))
            return devices.contains(driver) ? driver : nil
        }
        let listed = try qmp.executeAll(modelled.map { ("device-list-properties", .object([("typename", .string($0))])) })
        var properties: [String: [Property]] = [:]
        for (driver, answer) in zip(modelled, listed) {
            properties[driver] = try value(answer, "the properties of '\(driver)'").items.compactMap(property)
        }
        return QEMUProbe(
            binary: binary, version: "\(major.text).\(minor.text).\(micro.text)",
            package: JSONText.member(versionNode, "package").map(\.text).flatMap { $0.isEmpty ? nil : $0 },
            machineTypes: machines, deviceTypes: devices, parents: parents, properties: properties)
    }

    private static func property(_ node: YAMLNode) -> Property? {
        guard let name = JSONText.member(node, "name")?.text, let type = JSONText.member(node, "type")?.text else { return nil }
        if name.hasPrefix("legacy-") || type.hasPrefix("link<") || type.hasPrefix("child<") { return nil }
        var values: [String] = []
        let scalarTypes: Set<String> = [
            "bool", "str", "string", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "size",
            "number",
        ]
        if !scalarTypes.contains(type), let description = JSONText.member(node, "description")?.text,
            description.contains("/"), !description.contains(" ")
        {
            values = description.split(separator: "/").map(String.init)
        }
        return Property(
            name: name, type: type, enumValues: values,
            defaultValue: JSONText.member(node, "default-value").flatMap(JSONText.scalar)?.text)
    }

    /// The models of the registry this binary implements: each with the properties it has of the model's parameters.
    public func implementedModels(of registry: Registry) -> [(model: DeviceModel, properties: [Property])] {
        registry.models.compactMap { model in
            guard model.id.hasPrefix(QEMUDeviceMapping.modelPrefix) else { return nil }
            let driver = String(model.id.dropFirst(QEMUDeviceMapping.modelPrefix.count))
            guard let list = properties[driver] else { return nil }
            let byName = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            return (model, model.parameters.compactMap { byName[$0.name] })
        }
    }

    /// The registry machines this binary provides, in registry order.
    public func providedMachines(of registry: Registry) -> [String] {
        let types = Set(machineTypes)
        return registry.machines.map(\.id).filter { id in
            id.hasPrefix(QEMUDeviceMapping.machinePrefix) && types.contains(String(id.dropFirst(QEMUDeviceMapping.machinePrefix.count)))
        }
    }

    /// The implementation document that describes the binary (SPEC 2.6): machines and models the registry defines.
    public func implementationDocument(id: String?, registry: Registry) -> ImplementationDocument {
        let id = id ?? "qemu.org/qemu/\(release)"
        var description = "QEMU \(version)"
        if let package { description += " (\(package))" }
        description += ", as migcheck probe read it from \(binary)"
        let models = implementedModels(of: registry).map { model, properties in
            ImplementationDocument.Model(
                id: model.id,
                parameters: properties.map { property in
                    let enumType = model.parameter(named: property.name)?.type == .enum
                    return (property.name, enumType && !property.enumValues.isEmpty ? property.enumValues : nil)
                })
        }
        return ImplementationDocument(id: id, description: description, machines: providedMachines(of: registry), models: models)
    }
}


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
    /// For some machine types, the values that devices created there have and that differ from
    /// their type's default: machine type → device type → property → value as text. What QEMU
    /// decides at realize time shows here (`probe --facts` only).
    public var realized: [String: [String: [String: String]]] = [:]

    init(
        binary: String, version: String, package: String?, machineTypes: [String], deviceTypes: Set<String>,
        parents: [String: String], properties: [String: [Property]]
    ) {
        self.binary = binary
        self.version = version
        self.package = package
        self.machineTypes = machineTypes
        self.deviceTypes = deviceTypes
        self.parents = parents
        self.properties = properties
    }

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
        try run(binary: binary, allDevices: false, registry: registry, timeout: timeout)
    }

    /// - Parameter allDevices: read the properties of every concrete device type, not only the modelled ones.
    public static func run(binary: String, allDevices: Bool, registry: Registry, timeout: Double = 20) throws(InputError) -> QEMUProbe {
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
        func isCPU(_ type: String) -> Bool {
            var current: String? = type
            while let name = current { if name == "cpu" { return true }; current = parents[name] }
            return false
        }
        let modelled = allDevices ? devices.filter { !isCPU($0) }.sorted() : registry.models.compactMap { model -> String? in
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

    /// The facts as JSON, sorted, for the registry generator to keep (`probe --facts`).
    public func json() -> JSONValue {
        .object([
            ("binary", .string(binary)),
            ("version", .string(version)),
            ("package", .optional(package)),
            ("machine-types", .array(machineTypes.sorted { $0.compare(naturally: $1) }.map(JSONValue.string))),
            ("device-types", .array(deviceTypes.sorted().map(JSONValue.string))),
            ("parents", .object(parents.keys.sorted().map { ($0, JSONValue.nullable(parents[$0])) })),
            ("realized", realized.isEmpty ? nil : .object(realized.keys.sorted { $0.compare(naturally: $1) }.map { machine in
                (machine, .object(realized[machine]!.keys.sorted().map { type in
                    (type, .object(realized[machine]![type]!.keys.sorted().map { ($0, .string(realized[machine]![type]![$0]!)) }))
                }))
            })),
            ("properties", .object(properties.keys.sorted().map { type in
                (type, .array(properties[type]!.sorted { $0.name < $1.name }.map { property in
                    .object([
                        ("name", .string(property.name)),
                        ("type", .string(property.type)),
                        ("enum", property.enumValues.isEmpty ? nil : .array(property.enumValues.map(JSONValue.string))),
                        ("default", .optional(property.defaultValue)),
                    ])
                }))
            })),
        ])
    }

    /// Facts read back from ``json()``.
    public init(facts node: YAMLNode) throws(InputError) {
        func texts(_ key: String) throws(InputError) -> [String] {
            guard let list = JSONText.member(node, key), list.kind == .sequence else {
                throw InputError("probe facts: '\(key)' is missing or not a list", at: node.location)
            }
            return list.items.map(\.text)
        }
        guard let binary = JSONText.member(node, "binary")?.text, let version = JSONText.member(node, "version")?.text else {
            throw InputError("probe facts: 'binary' and 'version' are required", at: node.location)
        }
        self.binary = binary
        self.version = version
        package = JSONText.member(node, "package")?.text
        machineTypes = try texts("machine-types")
        deviceTypes = Set(try texts("device-types"))
        parents = [:]
        if let machines = JSONText.member(node, "realized") {
            for machine in machines.pairs {
                var types: [String: [String: String]] = [:]
                for type in machine.value.pairs {
                    types[type.key.text] = Dictionary(type.value.pairs.map { ($0.key.text, $0.value.text) }, uniquingKeysWith: { a, _ in a })
                }
                realized[machine.key.text] = types
            }
        }
        if let map = JSONText.member(node, "parents") {
            for pair in map.pairs where !pair.value.isNull { parents[pair.key.text] = pair.value.text }
        }
        properties = [:]
        for pair in JSONText.member(node, "properties").map({ Array($0.pairs) }) ?? [] {
            properties[pair.key.text] = pair.value.items.compactMap { item in
                guard let name = JSONText.member(item, "name")?.text, let type = JSONText.member(item, "type")?.text else { return nil }
                return Property(
                    name: name, type: type, enumValues: JSONText.member(item, "enum")?.items.map(\.text) ?? [],
                    defaultValue: JSONText.member(item, "default")?.text)
            }
        }
    }

    /// Creates every device type with properties on the oldest (from `2.6`) and newest machine type of
    /// each of QEMU's x86 families, and keeps what differs from the defaults in ``realized``.
    /// - Returns: notes on the devices QEMU would not create.
    @discardableResult
    public mutating func readRealizedValues(timeout: Double = 20) throws(InputError) -> [String] {
        var notes: [String] = []
        // vhost-user devices wait for a backend process that is not there: never created here.
        let types = properties.keys.sorted().filter { !$0.hasPrefix("vhost-user") }
        var devices: [(driver: String, properties: [String])] = []
        for type in types {
            devices.append((type, properties[type]!.filter { !$0.type.hasPrefix("link<") }.map(\.name)))
        }
        for family in ["pc-q35-", "pc-i440fx-"] {
            let versions = machineTypes.filter { $0.hasPrefix(family) }.sorted { $0.compare(naturally: $1) }
            let oldest = versions.first { !String($0.dropFirst(family.count)).compare(naturally: "2.6") }
            for machine in [oldest, versions.last].compactMap({ $0 }) {
                var failing: [Int: String] = [:]
                let observed = try DeviceProbe.values(
                    of: devices, machineType: machine, probe: self, failing: &failing, timeout: timeout)
                var differences: [String: [String: String]] = [:]
                for (index, values) in observed.values.enumerated() {
                    guard let values else { continue }
                    let defaults = Dictionary(
                        properties[types[index]]!.map { ($0.name, $0.defaultValue ?? "") }, uniquingKeysWith: { first, _ in first })
                    let recipe = DeviceProbe.recipeProperties(types[index], probe: self)
                    for (name, value) in values where !recipe.contains(name) && value.text != defaults[name] {
                        differences[types[index], default: [:]][name] = value.text
                    }
                }
                realized[machine] = differences
                notes += observed.notes
            }
        }
        return notes
    }

    private static func property(_ node: YAMLNode) -> Property? {
        guard let name = JSONText.member(node, "name")?.text, let type = JSONText.member(node, "type")?.text else { return nil }
        // Links are kept (they wire a device to host objects: host-side); QOM children are not properties.
        if name.hasPrefix("legacy-") || type.hasPrefix("child<") { return nil }
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


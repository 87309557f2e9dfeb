public import DeviceModelRegistry
import MigrationCheck

/// A parameter as the generator makes it from a QEMU property.
struct GeneratedParameter {
    var name: String
    var type: ParameterType
    var enumValues: [String]
    var defaultValue: ParameterValue?
    /// The probed binary's default (QEMU's built-in value in the probed release), if it has the property.
    var probedDefault: ParameterValue?
    var decidedAtStart: Bool
    /// Some compat array resets it: machine types give it versions.
    var compatTouched = false
    /// QEMU's type, for the description.
    var qemuType: String

    var isBool: Bool { type == .bool }

    /// The 64-bit signed range of the registry's ints; QEMU's unsigned 64-bit values beyond it are strings.
    private static let intTypes: Set<String> = ["int8", "int16", "int32", "int64", "int", "uint8", "uint16", "uint32", "uint64", "size", "uint4"]

    /// - Returns: nil for a property without a default that is no string: QEMU computes it
    ///   (`attached`, `pci-hole64-start`), it is state, not configuration.
    init?(_ property: QEMUProbe.Property, configuration: GeneratorConfiguration) {
        name = property.name
        qemuType = property.type
        enumValues = []
        switch property.type {
        case "bool":
            type = .bool
        case _ where Self.intTypes.contains(property.type):
            type = .int
            if let text = property.defaultValue, Int64(text) == nil { type = .string }
        case "str", "string":
            type = .string
        default:
            if !property.enumValues.isEmpty && property.enumValues.allSatisfy(Identifier.isValidName) {
                type = .enum
                enumValues = property.enumValues
            } else {
                type = .string
            }
        }
        decidedAtStart = configuration.decidedAtStart.contains(property.name)
            || (property.type == "OnOffAuto" && property.defaultValue == "auto")
        let probed = property.defaultValue.flatMap(parse) ?? (type == .string ? .string("") : nil)
        probedDefault = probed
        defaultValue = probed
        guard probed != nil else { return nil }
    }

    /// A bool only newer releases have (its compat arrays give its old value).
    init(newerBool name: String) {
        self.name = name
        type = .bool
        enumValues = []
        decidedAtStart = false
        compatTouched = true
        qemuType = "bool"
    }

    /// A value in QEMU's spelling, typed.
    func parse(_ text: String) -> ParameterValue? {
        switch type {
        case .bool: return QEMUValueSpelling.bool(text).map(ParameterValue.bool)
        case .enum: return enumValues.contains(text) ? .string(text) : nil
        default: return type.parse(text)
        }
    }
}

/// A model as the generator makes it: parameters, host-side properties, and one version per
/// distinct set of values the machine types give.
struct GeneratedModel {
    var type: String
    /// The type and its ancestors, for the description.
    var chain: [String]
    var backend: String?
    var parameters: [GeneratedParameter]
    var hostSide: [String]
    /// `set` nil: a synonym of the version it extends.
    var versions: [(name: String, extends: String?, set: [(String, ParameterValue)]?, machines: [String])] = []
    /// For each machine type of the compat data (in its order), the version it maps the model to.
    var machineVersions: [Int: String] = [:]

    var id: String { QEMUDeviceMapping.modelPrefix + type }
    var parameterNames: Set<String> { Set(parameters.map(\.name)) }

    init(type: String, chain: [String], backend: String?, parameters: [GeneratedParameter], hostSide: [String]) {
        self.type = type
        self.chain = chain
        self.backend = backend
        self.parameters = parameters
        self.hostSide = hostSide
    }

    /// Versions from the values each machine type gives: a new version whenever the values
    /// differ from every version so far, named after the machine version that first has them.
    mutating func buildVersions(machines: [CompatData.MachineType], vectors: [[String: ParameterValue]]) {
        let touched = parameters.filter(\.compatTouched).map(\.name)
        guard !touched.isEmpty else { return }
        var known: [[ParameterValue?]] = []
        var previous: Int?
        for (index, machine) in machines.enumerated() {
            let vector = touched.map { vectors[index][$0] }
            if let existing = known.firstIndex(of: vector) {
                machineVersions[index] = versions[existing].name
                versions[existing].machines.append(machine.name)
                continue
            }
            var name = machine.version
            if versions.contains(where: { $0.name == name }) { name += "-\(machine.family)" }
            var set: [(String, ParameterValue)] = []
            let base: [ParameterValue?] = previous.map { known[$0] } ?? touched.map { name in
                parameters.first { $0.name == name }?.defaultValue
            }
            for (position, parameter) in touched.enumerated() where vector[position] != base[position] {
                if let value = vector[position] { set.append((parameter, value)) }
            }
            versions.append((name, previous.map { versions[$0].name }, set, [machine.name]))
            known.append(vector)
            previous = versions.count - 1
            machineVersions[index] = name
        }
        // The newest machine version is always a version's name too (a synonym when nothing changed),
        // so that "the device as the newest machine type has it" can be named.
        guard let newest = machines.map(\.version).max(by: { $0.compare(naturally: $1) }),
            !versions.contains(where: { $0.name == newest })
        else { return }
        let indices = machines.indices.filter { machines[$0].version == newest }
        guard let base = indices.first.flatMap({ machineVersions[$0] }), let position = versions.firstIndex(where: { $0.name == base })
        else { return }
        versions[position].machines.removeAll { name in indices.contains { machines[$0].name == name } }
        versions.append((newest, base, nil, indices.map { machines[$0].name }))
        for index in indices { machineVersions[index] = newest }
    }

    func yaml(header: String) -> String {
        let q = VMConfigurationReporter.quoted
        var output = header
        output += "model: \(id)\n"
        var description = "QEMU device '\(type)' (\(chain.joined(separator: " > "))"
        if let backend { description += "; backend \(backend)" }
        description += ")"
        output += "description: \(q(description))\n"
        if !hostSide.isEmpty {
            output += "host-side: [" + hostSide.map(VMConfigurationReporter.key).joined(separator: ", ") + "]\n"
        }
        output += parameters.isEmpty ? "parameters: {}\n" : "parameters:\n"
        for parameter in parameters {
            var fields = ["type: \(parameter.type.rawValue)"]
            if parameter.type == .enum {
                fields.append("values: [" + parameter.enumValues.map(q).joined(separator: ", ") + "]")
            }
            if let value = parameter.defaultValue { fields.append("default: \(literal(value))") }
            if parameter.decidedAtStart { fields.append("decided-at-start: true") }
            output += "  \(VMConfigurationReporter.key(parameter.name)): {\(fields.joined(separator: ", "))}\n"
        }
        if !versions.isEmpty {
            output += "versions:\n"
            for version in versions {
                output += "  - version: \(q(version.name))\n"
                if let parent = version.extends { output += "    extends: \(q(parent))\n" }
                if let set = version.set {
                    if set.isEmpty {
                        if version.extends != nil { output += "    set: {}\n" }
                    } else {
                        output += "    set:\n"
                        for (name, value) in set { output += "      \(VMConfigurationReporter.key(name)): \(literal(value))\n" }
                    }
                }
                output += "    description: \(q("machine types " + version.machines.joined(separator: ", ")))\n"
            }
        }
        return output
    }

    private func literal(_ value: ParameterValue) -> String {
        switch value {
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .string(let text): VMConfigurationReporter.quoted(text)
        }
    }
}

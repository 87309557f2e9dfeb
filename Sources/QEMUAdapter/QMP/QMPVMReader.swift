public import DeviceModelRegistry
import MigrationCheck

/// Reads a running QEMU's VM over QMP (SPEC 10.2, `qmp:`), with read-only commands only:
/// `qom-list`, `qom-get`, `device-list-properties`, `query-name`, `query-memory-size-summary`,
/// `query-cpus-fast`. The connection is closed when reading ends.
public enum QMPVMReader {
    /// The seconds to wait for each answer; `MIGCHECK_QMP_TIMEOUT` changes it.
    public static let defaultTimeout = 10.0

    /// The VM configuration of the QEMU whose QMP socket is `path`.
    ///
    /// - Parameters:
    ///   - name: the VM's name when QEMU has none.
    ///   - registry: gives each parameter's type.
    public static func read(socket path: String, name: String, registry: Registry, timeout: Double = defaultTimeout)
        throws(InputError) -> VMConfiguration
    {
        let connection = try QMPConnection(socket: path, timeout: timeout)
        return try read(connection, name: name, registry: registry)
    }

    static func read(_ qmp: QMPConnection, name: String, registry: Registry) throws(InputError) -> VMConfiguration {
        func required(_ answer: QMPConnection.Answer, _ what: String) throws(InputError) -> YAMLNode {
            switch answer {
            case .success(let node): return node
            case .failure(let error): throw InputError("\(qmp.peer): cannot read \(what): \(error.message)")
            }
        }
        let answers = try qmp.executeAll([
            ("qom-get", .object([("path", .string("/machine")), ("property", .string("type"))])),
            ("query-name", nil),
            ("query-memory-size-summary", nil),
            ("query-cpus-fast", nil),
            ("qom-list", .object([("path", .string("/machine/peripheral"))])),
            ("qom-list", .object([("path", .string("/machine/peripheral-anon"))])),
        ])
        var configuration = VMConfiguration(name: name, origin: .qmp, devices: [])
        var machineType = try required(answers[0], "the machine type").text
        if machineType.hasSuffix("-machine") { machineType.removeLast("-machine".count) }
        configuration.machine = QEMUDeviceMapping.machinePrefix + machineType
        if case .success(let node) = answers[1], let vmName = JSONText.member(node, "name")?.text, !vmName.isEmpty {
            configuration.name = vmName
        }
        if let bytes = JSONText.member(try required(answers[2], "the memory size"), "base-memory").flatMap({ UInt64($0.text) }) {
            configuration.memory = Int64(bytes >> 20)
        }
        let cpus = Array(try required(answers[3], "the vCPUs").items)
        configuration.cpus = Int64(cpus.count)
        if let first = cpus.first, let path = JSONText.member(first, "qom-path")?.text,
            case .success(let type) = try qmp.execute("qom-get", .object([("path", .string(path)), ("property", .string("type"))]))
        {
            configuration.cpu = cpuModel(type.text, target: JSONText.member(first, "target")?.text)
        }

        // The devices the user created: named ones, then the anonymous ones by N of device[N].
        var found: [(path: String, id: String?, type: String, order: Int)] = []
        for (container, answer) in [("/machine/peripheral", answers[4]), ("/machine/peripheral-anon", answers[5])] {
            var children: [(path: String, id: String?, type: String, order: Int)] = []
            for child in try required(answer, "the devices under \(container)").items {
                guard let childName = JSONText.member(child, "name")?.text, let type = JSONText.member(child, "type")?.text,
                    type.hasPrefix("child<"), type.hasSuffix(">")
                else { continue }
                let driver = String(type.dropFirst("child<".count).dropLast())
                let anonymous = container.hasSuffix("-anon")
                let order = anonymous ? anonymousNumber(childName) ?? Int.max : 0
                children.append(("\(container)/\(childName)", anonymous ? nil : childName, driver, order))
            }
            found += children.sorted { ($0.order, $0.path) < ($1.order, $1.path) }
        }

        // Each type's properties, once.
        let types = Array(Set(found.map(\.type))).sorted()
        let listed = try qmp.executeAll(types.map { ("device-list-properties", .object([("typename", .string($0))])) })
        var properties: [String: [String]] = [:]
        for (type, answer) in zip(types, listed) {
            let list = try required(answer, "the properties of '\(type)'")
            properties[type] = list.items.compactMap { property in
                guard let name = JSONText.member(property, "name")?.text else { return nil }
                let kind = JSONText.member(property, "type")?.text ?? ""
                if name.hasPrefix("legacy-") || kind.hasPrefix("link<") || kind.hasPrefix("child<") { return nil }
                return name
            }
        }

        // One round trip a device: every property and the parent bus.
        var devices: [QEMUDevice] = []
        for (order, entry) in found.enumerated() {
            let names = properties[entry.type] ?? []
            let requests: [(String, JSONValue?)] = (["parent_bus"] + names).map { property in
                ("qom-get", .object([("path", .string(entry.path)), ("property", .string(property))]))
            }
            let values = try qmp.executeAll(requests)
            var bus: String?
            if case .success(let node) = values[0], !node.text.isEmpty {
                bus = node.text.split(separator: "/").last.map(String.init)
            }
            var read: [(name: String, value: QEMUValue)] = []
            for (property, answer) in zip(names, values.dropFirst()) {
                guard case .success(let node) = answer, let value = JSONText.scalar(node) else { continue }
                read.append((property, value))
            }
            devices.append(QEMUDevice(driver: entry.type, id: entry.id, properties: read, bus: bus, creationOrder: order))
        }
        configuration.devices = QEMUDeviceMapping.configure(devices, registry: registry)
        return configuration
    }

    /// N of `device[N]`.
    private static func anonymousNumber(_ name: String) -> Int? {
        guard name.hasPrefix("device["), name.hasSuffix("]") else { return nil }
        return Int(name.dropFirst("device[".count).dropLast())
    }

    /// `Skylake-Client` of the QOM type `Skylake-Client-x86_64-cpu`.
    static func cpuModel(_ type: String, target: String?) -> String {
        var model = type
        if let target, model.hasSuffix("-\(target)-cpu") {
            model.removeLast("-\(target)-cpu".count)
        } else if model.hasSuffix("-cpu") {
            model.removeLast("-cpu".count)
            if let dash = model.lastIndex(of: "-") { model = String(model[..<dash]) }
        }
        return model
    }
}

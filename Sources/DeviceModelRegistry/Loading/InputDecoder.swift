/// Reads the inputs besides the registry: VM configurations and host
/// inventories (SPEC 3), YAML or JSON whatever the file's name.
///
/// They are held to the same strict YAML subset as the registry; the first
/// problem, in file order, is thrown as an ``InputError`` with its location.
public enum InputDecoder {
    /// Reads a VM configuration file (`-`: standard input, a VM named `stdin` unless it says `vm:`).
    public static func vmConfiguration(file path: String) throws(InputError) -> VMConfiguration {
        let root = try document(file: path)
        return try vmConfiguration(root, defaultName: path == "-" ? "stdin" : baseName(path))
    }

    /// Reads many VM configuration files, on every core.
    ///
    /// - Returns: the configurations in the order of `paths`.
    /// - Throws: the ``InputError`` of the first file, in that order, that cannot be read.
    public static func vmConfigurations(files paths: [String]) -> [Result<VMConfiguration, InputError>] {
        concurrentMap(paths) { path -> Result<VMConfiguration, InputError> in
            Result { () throws(InputError) in try vmConfiguration(file: path) }
        }
    }

    /// Reads a VM configuration from a node (a file's document, or a batch request's `vm`).
    ///
    /// - Parameter defaultName: the name when the node has no `vm`.
    public static func vmConfiguration(_ node: YAMLNode, defaultName: String) throws(InputError) -> VMConfiguration {
        var reader = SchemaReader()
        let configuration = decodeVM(node, defaultName: defaultName, reader: &reader)
        try throwFirst(reader)
        guard let configuration else { throw InputError("not a VM configuration", at: node.location) }
        return configuration
    }

    /// Reads a host inventory file.
    public static func hostInventory(file path: String) throws(InputError) -> HostInventory {
        try hostInventory(try document(file: path))
    }

    /// Reads a host inventory from a node (a file's document, or a batch request's `hosts`).
    ///
    /// - Parameter wrapped: whether the node is the `{hosts: ...}` document rather than the hosts mapping itself.
    public static func hostInventory(_ node: YAMLNode, wrapped: Bool = true) throws(InputError) -> HostInventory {
        var reader = SchemaReader()
        var hostsNode: YAMLNode? = node
        if wrapped {
            hostsNode = reader.fields(node, of: "the host inventory", known: ["hosts"], required: ["hosts"])?["hosts"]?.value
        }
        var hosts: [HostInventory.Host] = []
        for (name, pair) in hostsNode.flatMap({ reader.mapping($0, for: "'hosts'") }) ?? [] {
            var list = pair.value
            var narrow: [HostInventory.Host.Narrowing] = []
            // The long form: {implementations: [...], narrow: {model: {parameter: [items]}}}.
            if pair.value.kind == .mapping {
                guard let fields = reader.fields(
                    pair.value, of: "host '\(name)'", known: ["implementations", "narrow"], required: ["implementations"]),
                    let implementations = fields["implementations"]?.value
                else { continue }
                list = implementations
                for (model, modelPair) in fields["narrow"].flatMap({ reader.mapping($0.value, for: "'narrow' of host '\(name)'") }) ?? [] {
                    for (parameter, parameterPair) in reader.mapping(modelPair.value, for: "'narrow' of model '\(model)' on host '\(name)'") ?? [] {
                        guard reader.sequence(parameterPair.value, for: "'narrow' of '\(parameter)' on host '\(name)'") != nil else { continue }
                        narrow.append(HostInventory.Host.Narrowing(
                            model: model, modelLocation: modelPair.key.location, parameter: parameter,
                            parameterLocation: parameterPair.key.location, items: parameterPair.value))
                    }
                }
            }
            guard let items = reader.sequence(list, for: "host '\(name)'") else { continue }
            if items.isEmpty {
                reader.report(Diagnostic(.wrongType, "host '\(name)' lists no implementation", at: list.location))
            }
            let implementations = items.compactMap { item -> (id: String, location: SourceLocation?)? in
                reader.text(item, for: "an implementation of host '\(name)'").map { ($0, item.location) }
            }
            hosts.append(HostInventory.Host(name: name, implementations: implementations, narrow: narrow))
        }
        if let hostsNode, hosts.isEmpty, reader.diagnostics.isEmpty {
            reader.report(Diagnostic(.wrongType, "the inventory lists no host", at: hostsNode.location))
        }
        try throwFirst(reader)
        return HostInventory(hosts: hosts)
    }

    /// The values a host's `narrow` list allows of a parameter, typed (the syntax of `allowed`).
    ///
    /// - Throws: ``InputError`` at the first item that is no value of the parameter's type.
    public static func narrowedDomain(_ node: YAMLNode, of parameter: Parameter, for what: String) throws(InputError) -> [(item: DomainItem, location: SourceLocation)] {
        var reader = SchemaReader()
        let items = reader.allowedItems(node, type: parameter.type, for: what) ?? []
        try throwFirst(reader)
        return items.map { ($0.item, $0.location) }
    }

    /// The one document of an input file: JSON (RFC 8259, exactly) when its name ends in `.json`, else YAML.
    public static func document(file path: String) throws(InputError) -> YAMLNode {
        let bytes = try FileReader.read(path)
        let name = path == "-" ? FileReader.standardInputName : path
        let file = path.lowercased().hasSuffix(".json") ? JSONReader.read(bytes, file: name) : YAMLReader.read(bytes, file: name)
        if let problem = file.diagnostics.first(where: { $0.severity == .error }) {
            throw InputError(problem)
        }
        guard let root = file.documents.first else {
            throw InputError("the file is empty: expected a document", at: .start(of: path))
        }
        guard file.documents.count == 1 else {
            throw InputError("expected one document, found \(file.documents.count)", at: file.documents[1].location)
        }
        return root
    }

    static let vmKeys = ["vm", "machine", "origin", "memory", "cpus", "cpu", "globals", "devices"]
    static let deviceKeys = ["id", "model", "version", "set", "placement"]

    private static func decodeVM(_ node: YAMLNode, defaultName: String, reader: inout SchemaReader) -> VMConfiguration? {
        guard let fields = reader.fields(node, of: "the VM configuration", known: vmKeys, required: ["devices"])
        else { return nil }
        let name = fields["vm"].flatMap { reader.text($0.value, for: "'vm'") } ?? defaultName
        var configuration = VMConfiguration(name: name, devices: [])
        if let machine = fields["machine"]?.value {
            configuration.machine = reader.id(machine, for: "machine id")
            configuration.machineLocation = machine.location
        }
        if let origin = fields["origin"]?.value, let text = reader.text(origin, for: "'origin'") {
            configuration.origin = VMConfiguration.Origin(rawValue: text)
            if configuration.origin == nil {
                let names = VMConfiguration.Origin.allCases.map(\.rawValue)
                reader.report(Diagnostic(
                    .wrongType, "unknown origin '\(text.truncatedForMessage)': expected one of \(names.joined(separator: ", "))",
                    at: origin.location))
            }
        }
        for (key, minimum) in [("memory", Int64(1)), ("cpus", 1)] {
            guard let node = fields[key]?.value, case .int(let count)? = reader.value(node, of: .int, for: "'\(key)'") else {
                continue
            }
            if count < minimum {
                reader.report(Diagnostic(.wrongType, "'\(key)' is \(count): expected at least \(minimum)", at: node.location))
            }
            if key == "memory" { configuration.memory = count } else { configuration.cpus = count }
        }
        configuration.cpu = fields["cpu"].flatMap { reader.text($0.value, for: "'cpu'") }
        for (key, pair) in fields["globals"].flatMap({ reader.mapping($0.value, for: "'globals'") }) ?? [] {
            guard let value = reader.text(pair.value, for: "global '\(key)'") else { continue }
            guard let dot = key.firstIndex(of: "."), dot != key.startIndex, key.index(after: dot) != key.endIndex else {
                reader.report(Diagnostic(.wrongType, "global '\(key)': expected DRIVER.PROPERTY", at: pair.key.location))
                continue
            }
            configuration.globals.append(VMConfiguration.Global(
                driver: String(key[..<dot]), property: String(key[key.index(after: dot)...]), value: value))
        }
        guard let devicesNode = fields["devices"]?.value, let items = reader.sequence(devicesNode, for: "'devices'") else {
            return nil
        }
        // A VM read from a real one may have no device the user created; one written by hand lists one at least.
        if items.isEmpty && configuration.origin == nil {
            reader.report(Diagnostic(.wrongType, "'devices' is empty: a VM configuration lists at least one device", at: devicesNode.location))
        }
        var firstID: [String: SourceLocation] = [:]
        for (index, item) in items.enumerated() {
            let what = "device \(index + 1)"
            guard let device = reader.fields(item, of: what, known: deviceKeys, required: ["model"]) else {
                continue
            }
            let id = device["id"].flatMap { reader.text($0.value, for: "'id' of \(what)") } ?? "devices[\(index)]"
            if let first = firstID[id] {
                reader.report(Diagnostic(
                    .duplicateKey, "two devices have the id '\(id)'", at: device["id"]?.value.location ?? item.location,
                    notes: [Note("first used here", at: first)]))
            }
            firstID[id] = firstID[id] ?? device["id"]?.value.location ?? item.location
            guard let model = device["model"].flatMap({ reader.text($0.value, for: "'model' of device '\(id)'") }) else {
                continue
            }
            let version = device["version"].flatMap { reader.name($0.value, for: "version of device '\(id)'") }
            var overrides: [Override] = []
            for (parameter, pair) in device["set"].flatMap({ reader.mapping($0.value, for: "'set' of device '\(id)'") }) ?? [] {
                guard let text = reader.text(pair.value, for: "'\(parameter)' in 'set' of device '\(id)'") else { continue }
                overrides.append(Override(parameter: parameter, text: text, location: pair.value.location))
            }
            var placement: VMConfiguration.Placement?
            if let node = device["placement"]?.value,
                let fields = reader.fields(node, of: "'placement' of device '\(id)'", known: ["bus", "address"], required: ["bus", "address"]),
                let bus = fields["bus"].flatMap({ reader.text($0.value, for: "'bus' of device '\(id)'") }),
                let address = fields["address"].flatMap({ reader.text($0.value, for: "'address' of device '\(id)'") })
            {
                placement = VMConfiguration.Placement(bus: bus, address: address)
            }
            configuration.devices.append(VMConfiguration.Device(
                id: id, model: model, version: version, overrides: overrides, placement: placement, location: item.location))
        }
        return configuration
    }

    private static func throwFirst(_ reader: SchemaReader) throws(InputError) {
        let sorted = Diagnostic.sorted(reader.diagnostics, fileOrder: [:])
        if let first = sorted.first { throw InputError(first) }
    }

    /// `web-42` for `vms/web-42.yaml`: the file's name without the first of `suffixes` it ends in.
    public static func baseName(_ path: String, dropping suffixes: [String] = [".yaml", ".yml", ".json"]) -> String {
        var name = path.split(separator: "/").last.map(String.init) ?? path
        for suffix in suffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            name.removeLast(suffix.count)
            break
        }
        return name
    }
}

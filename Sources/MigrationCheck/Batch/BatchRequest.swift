import DeviceModelRegistry

/// One request line of `batch`: one JSON object, read exactly as RFC 8259 says (``JSONReader``).
struct BatchRequest {
    static let fields = BatchSession.requestFields.map(\.name)

    let id: JSONValue
    let command: String
    private let values: [String: YAMLNode]

    /// Reads the line's JSON object; the fields are checked by ``checkFields()``, once the `id` is known.
    init(_ line: ArraySlice<UInt8>) throws(InputError) {
        let file = JSONReader.read(Array(line), file: "request")
        if let problem = file.diagnostics.first {
            throw InputError("the request is not valid JSON: \(problem.message) at column \(problem.location.column)")
        }
        guard file.documents.count == 1, case .mapping(let pairs) = file.documents[0].content else {
            throw InputError("a request is one JSON object")
        }
        var values: [String: YAMLNode] = [:]
        for pair in pairs {
            values[pair.key.scalar?.text ?? ""] = pair.value
        }
        id = values["id"].map(Self.json) ?? .null
        command = values["command"].flatMap { $0.scalar?.isNull == false ? $0.scalar?.text : nil } ?? ""
        self.values = values
    }

    /// No unknown field, and a command.
    func checkFields() throws(InputError) {
        for key in values.keys.sorted() where !Self.fields.contains(key) {
            throw InputError("unknown field '\(key)'" + Suggestion.hint(for: key, among: Self.fields))
        }
        guard !command.isEmpty else {
            throw InputError("'command' is required: check, expand or baseline")
        }
    }

    func has(_ field: String) -> Bool {
        values[field] != nil
    }

    /// Fails when one of `fields`, which the command does not take, is present.
    func refuse(_ fields: [String]) throws(InputError) {
        if let field = fields.first(where: has) {
            throw InputError("'\(field)' is not a field of \(command)")
        }
    }

    /// A string field; nil when absent.
    func string(_ field: String) throws(InputError) -> String? {
        guard let node = values[field] else { return nil }
        guard let scalar = node.scalar, !scalar.isNull else { throw InputError("'\(field)' must be a string") }
        return scalar.text
    }

    /// `set`: an object of parameter values (any JSON scalar, read by the parameter's type).
    func overrides() throws(InputError) -> [Override] {
        guard let node = values["set"] else { return [] }
        guard case .mapping(let pairs) = node.content else { throw InputError("'set' must be an object") }
        var overrides: [Override] = []
        for pair in pairs {
            guard let name = pair.key.scalar?.text, let value = pair.value.scalar, !value.isNull else {
                throw InputError("'set' maps parameter names to values")
            }
            overrides.append(Override(parameter: name, text: value.text))
        }
        return overrides
    }

    /// The VM: `vm` (a VM configuration object, or a VM reference string read by `reference`),
    /// or `model`, `version` and `set` for one device.
    func vm(reference: BatchSession.ReferenceReader?) throws(InputError) -> VMConfiguration {
        if let node = values["vm"] {
            if has("model") || has("version") || has("set") {
                throw InputError("give the VM as 'vm' or as 'model' (with 'version' and 'set'), not both")
            }
            if node.kind == .scalar, let text = node.scalar?.text, node.scalar?.style != .plain || !node.isNull {
                guard let reference else { throw InputError("'vm' is a VM configuration object") }
                return try reference(text)
            }
            return try InputDecoder.vmConfiguration(node, defaultName: "vm")
        }
        guard let model = try string("model") else { throw InputError("'vm' or 'model' is required for \(command)") }
        let device = VMConfiguration.Device(id: "devices[0]", model: model, version: try string("version"), overrides: try overrides())
        return VMConfiguration(name: model, devices: [device])
    }

    /// `to` (a list of destinations, each a list of implementation ids) or `hosts` (an inventory's hosts object).
    func destinations(in registry: Registry) throws(InputError) -> [Destination] {
        if let node = values["hosts"] {
            if has("to") { throw InputError("'to' and 'hosts' are alternatives: give one of them") }
            return try Destination.resolve(InputDecoder.hostInventory(node, wrapped: false), in: registry)
        }
        guard let node = values["to"], case .sequence(let items) = node.content, !items.isEmpty else {
            throw InputError("'to' (a list of lists of implementation ids) or 'hosts' is required for \(command)")
        }
        var destinations: [Destination] = []
        for item in items {
            guard case .sequence(let ids) = item.content, !ids.isEmpty else {
                throw InputError("each destination in 'to' is a list of implementation ids")
            }
            var names: [String] = []
            for id in ids {
                guard let text = id.scalar?.text, id.scalar?.isNull == false else {
                    throw InputError("implementation ids in 'to' are strings")
                }
                names.append(text)
            }
            destinations.append(try Destination.resolve(
                name: names.joined(separator: ","), ids: names.map { (id: $0, location: nil) }, in: registry))
        }
        return destinations
    }

    /// `require`: "all" (the default) or "any".
    /// `waive`: a list of `RULE[:MODEL[:PARAMETER]]` strings.
    func waivers() throws(InputError) -> Waivers {
        guard let node = values["waive"] else { return Waivers() }
        guard node.kind == .sequence else { throw InputError("'waive' must be a list of 'RULE[:MODEL[:PARAMETER]]' strings") }
        let known = Set(RuleCatalogue.groups.flatMap(\.rules).map(\.id))
        var list: [Waiver] = []
        for item in node.items {
            guard let scalar = item.scalar, !scalar.isNull else {
                throw InputError("'waive' must be a list of 'RULE[:MODEL[:PARAMETER]]' strings")
            }
            list.append(try Waiver(argument: scalar.text, knownRules: known))
        }
        return Waivers(list)
    }

    func requireAny() throws(InputError) -> Bool {
        switch try string("require") {
        case nil, "all": return false
        case "any": return true
        case let other?: throw InputError("'require' is 'all' or 'any', not '\(other)'")
        }
    }

    /// A node as JSON: quoted scalars are strings; plain ones are null, booleans, numbers, or text.
    static func json(_ node: YAMLNode) -> JSONValue {
        switch node.content {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.text) }
            switch scalar.text {
            case "null", "", "~": return .null
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return JSONValue.isNumber(scalar.text) ? .number(scalar.text) : .string(scalar.text)
            }
        case .mapping(let pairs):
            return .object(pairs.map { JSONValue.Member($0.key.scalar?.text ?? "", json($0.value)) })
        case .sequence(let items):
            return .array(items.map(json))
        case .invalid:
            return .null
        }
    }
}

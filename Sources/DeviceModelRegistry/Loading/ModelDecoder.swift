/// A model as read, with the parts whose errors were reported already: the
/// rules that follow pass over them rather than report the same mistake again.
struct DecodedModel {
    var model: DeviceModel
    /// Versions whose `extends` or `set` had errors.
    var brokenVersions: Set<String>
    /// Parameters whose definition had errors (a misspelt `default` key, say).
    var brokenParameters: Set<String>
}

/// Reads a model document (SPEC 2.5) into a ``DeviceModel``, reporting every problem.
struct ModelDecoder {
    static let keys = ["model", "description", "parameters", "versions", "host-side"]
    static let parameterKeys = ["type", "default", "allowed", "values", "description", "decided-at-start"]
    static let versionKeys = ["version", "extends", "set", "description"]

    /// The decoded model, or nil when the document has no usable model id.
    ///
    /// - Parameter keepingDescriptions: false for a registry read for its findings alone
    ///   (``RegistryLoader/Retention/findings``): descriptions are checked, not kept.
    static func decode(
        _ fields: SchemaReader.Fields, keepingDescriptions: Bool = true, reader: inout SchemaReader
    ) -> DecodedModel? {
        guard let idNode = fields["model"]?.value, let id = reader.id(idNode, for: "model id") else { return nil }
        reader.model = id
        defer { reader.model = nil }
        let description = Self.description(fields, for: "'description' of model '\(id)'", keeping: keepingDescriptions, reader: &reader)

        var parameters: [Parameter] = []
        var shared = Shared()
        var brokenParameters: Set<String> = []
        // Parameters whose type could not be read: versions may name them without a second error.
        var untyped: Set<String> = []
        if let pairs = fields["parameters"].flatMap({ reader.mapping($0.value, for: "'parameters' of model '\(id)'") }) {
            // Reserved exactly: a model's arrays live as long as the registry.
            parameters.reserveCapacity(pairs.count)
            for (name, pair) in pairs {
                let errorsBefore = reader.diagnostics.count
                if let parameter = decodeParameter(
                    name, pair, sharing: &shared, keepingDescription: keepingDescriptions, reader: &reader)
                {
                    parameters.append(parameter)
                } else {
                    untyped.insert(name)
                }
                if reader.diagnostics.count > errorsBefore { brokenParameters.insert(name) }
            }
        }

        let hostSide = decodeHostSide(fields["host-side"], parameters: parameters, model: id, reader: &reader)
        var versions: [ModelVersion] = []
        var broken: Set<String> = []
        let probe = DeviceModel(
            id: id, description: description, parameters: parameters, versions: [], hostSide: hostSide, location: idNode.location)
        if let nodes = fields["versions"].flatMap({ reader.sequence($0.value, for: "'versions' of model '\(id)'") }) {
            // Each name's first position: looked up, not scanned, for every version.
            var positions: [String: Int] = [:]
            versions.reserveCapacity(nodes.count)
            for node in nodes {
                guard let (version, hasErrors) = decodeVersion(
                    node, of: probe, earlier: versions, positions: positions, untyped: untyped,
                    keepingDescription: keepingDescriptions, reader: &reader)
                else { continue }
                if positions[version.name] == nil { positions[version.name] = versions.count }
                if hasErrors { broken.insert(version.name) }
                versions.append(version)
            }
        }
        let model = probe.with(versions: versions)
        return DecodedModel(model: model, brokenVersions: broken, brokenParameters: brokenParameters)
    }

    /// `host-side:`: property names, none of them a parameter too.
    private static func decodeHostSide(
        _ pair: YAMLPair?, parameters: [Parameter], model: String, reader: inout SchemaReader
    ) -> [String] {
        guard let pair, let items = reader.sequence(pair.value, for: "'host-side' of model '\(model)'") else { return [] }
        var names: [String] = []
        var seen: [String: SourceLocation] = [:]
        for item in Array(items) {
            guard let name = reader.text(item, for: "an item of 'host-side' of model '\(model)'") else { continue }
            if !Identifier.isValidParameterName(name) {
                reader.report(Diagnostic(
                    .invalidID,
                    "invalid property name '\(name.truncatedForMessage)' in 'host-side': expected 1 to 64 of [A-Za-z0-9_.-], not starting with '.' or '-'",
                    at: item.location))
                continue
            }
            if let first = seen[name] {
                reader.report(Diagnostic(
                    .duplicateKey, "'host-side' of model '\(model)' lists '\(name)' twice", at: item.location,
                    notes: [Note("first listed here", at: first)]))
                continue
            }
            if let parameter = parameters.first(where: { $0.name == name }) {
                reader.report(Diagnostic(
                    .duplicateKey, "'\(name)' is both a parameter and host-side in model '\(model)'", at: item.location,
                    notes: [Note("the parameter is defined here", at: parameter.location)]))
                continue
            }
            seen[name] = item.location
            names.append(name)
        }
        return names
    }

    /// The enum value lists and `allowed` domains of a model's parameters, each stored once: a model's
    /// parameters often repeat them, and the registry keeps every model for as long as it runs.
    struct Shared {
        private var values = Distinct<[String]>()
        private var domains = Distinct<Domain>()

        mutating func values(_ names: [String]) -> [String] {
            values.shared(names)
        }

        /// The list equal to `names` met before, if any.
        func knownValues(_ names: [String]) -> [String]? {
            values.known(names)
        }

        mutating func domain(_ domain: Domain) -> Domain {
            domains.shared(domain)
        }

        /// The distinct values met so far: a model has a handful, compared one by one; past
        /// sixteen they are hashed, so that a model of thousands stays linear.
        private struct Distinct<Value: Hashable> {
            private var few: [Value] = []
            private var many: [Value: Value]?

            /// The first value equal to `value`, if any.
            func known(_ value: Value) -> Value? {
                if let many { return many[value] }
                return few.first { $0 == value }
            }

            /// The first value equal to `value`, stored when there is none.
            mutating func shared(_ value: Value) -> Value {
                if let many {
                    if let known = many[value] { return known }
                    self.many?[value] = value
                    return value
                }
                if let known = few.first(where: { $0 == value }) { return known }
                few.append(value)
                if few.count > 16 {
                    many = Dictionary(few.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
                    few = []
                }
                return value
            }
        }
    }

    private static func decodeParameter(
        _ name: String, _ pair: YAMLPair, sharing shared: inout Shared, keepingDescription: Bool, reader: inout SchemaReader
    ) -> Parameter? {
        reader.parameter = name
        defer { reader.parameter = nil }
        // A local function, not a closure value: nothing is allocated unless a message is written.
        func what() -> String { "parameter '\(name.truncatedForMessage)'" }
        if !Identifier.isValidParameterName(name) {
            reader.report(Diagnostic(
                .invalidID,
                "invalid parameter name '\(name.truncatedForMessage)': expected 1 to 64 of [A-Za-z0-9_.-], not starting with '.' or '-'",
                at: pair.key.location))
        }
        guard let fields = reader.fields(pair.value, of: what(), known: parameterKeys, required: ["type"]),
            let typeNode = fields["type"]?.value, let typeName = reader.text(typeNode, for: "'type' of \(what())")
        else { return nil }
        guard let type = ParameterType(rawValue: typeName) else {
            let names = ParameterType.allCases.map(\.rawValue)
            reader.report(Diagnostic(
                .wrongType,
                "unknown type '\(typeName.truncatedForMessage)' for \(what()): expected bool, int, enum or string"
                    + reader.hint(for: typeName, among: names),
                at: typeNode.location))
            return nil
        }

        var enumValues: [String] = []
        if let valuesPair = fields["values"] {
            if type != .enum {
                reader.report(Diagnostic(
                    .invalidDomain, "'values' is only for enum parameters, and \(what()) is \(type.rawValue)",
                    at: valuesPair.key.location))
            } else {
                enumValues = shared.values(decodeEnumValues(valuesPair.value, for: what(), reader: &reader))
            }
        } else if type == .enum {
            reader.report(Diagnostic(.invalidDomain, "enum \(what()) has no 'values'", at: fields.node.location))
        }

        var parameter = Parameter(name: name, type: type, enumValues: enumValues, location: pair.key.location)
        if let allowedNode = fields["allowed"]?.value,
            let items = reader.allowedItems(allowedNode, type: type, for: what())
        {
            var kept: [DomainItem] = []
            for item in items {
                if case .value(let value) = item.item, !parameter.isOfType(value) {
                    reader.report(Diagnostic(
                        .invalidDomain, "'allowed' of \(what()) lists \(value.quoted), which is not one of its 'values'",
                        at: item.location))
                } else {
                    kept.append(item.item)
                }
            }
            if !kept.isEmpty { parameter.allowed = shared.domain(Domain(kept)) }
        }
        if let defaultNode = fields["default"]?.value,
            let value = reader.value(defaultNode, of: type, for: "'default' of \(what())")
        {
            if parameter.accepts(value) {
                parameter.defaultValue = value
            } else {
                reader.report(Diagnostic(
                    .defaultNotAllowed,
                    "default \(value.quoted) of \(what()) is outside its domain \(parameter.domainDescription)",
                    at: defaultNode.location))
            }
        }
        parameter.description = description(
            fields, for: "'description' of \(what())", keeping: keepingDescription, reader: &reader)
        if let decided = fields["decided-at-start"]?.value,
            case .bool(let flag)? = reader.value(decided, of: .bool, for: "'decided-at-start' of \(what())")
        {
            parameter.decidedAtStart = flag
        }
        return parameter
    }

    private static func decodeEnumValues(_ node: YAMLNode, for what: @autoclosure () -> String, reader: inout SchemaReader) -> [String] {
        guard let items = reader.sequence(node, for: "'values' of \(what())") else { return [] }
        guard !items.isEmpty else {
            reader.report(Diagnostic(.invalidDomain, "'values' of \(what()) is empty", at: node.location))
            return []
        }
        var names: [String] = []
        var locations: [SourceLocation] = []
        // A short list is searched, a long one hashed: most enums have a handful of values.
        var seen: [String: Int]? = items.count > 16 ? [:] : nil
        for item in items {
            guard let name = reader.name(item, for: "enum value of \(what())") else { continue }
            if let first = seen.map({ $0[name] }) ?? names.firstIndex(of: name) {
                reader.report(Diagnostic(
                    .invalidDomain, "enum value '\(name)' is listed twice in 'values' of \(what())", at: item.location,
                    notes: [Note("first listed here", at: locations[first])]))
                continue
            }
            seen?[name] = names.count
            names.append(name)
            locations.append(item.location)
        }
        return names
    }

    /// - Returns: the version and whether its `extends` or `set` had errors.
    private static func decodeVersion(
        _ node: YAMLNode, of model: DeviceModel, earlier: [ModelVersion], positions: [String: Int], untyped: Set<String>,
        keepingDescription: Bool, reader: inout SchemaReader
    ) -> (ModelVersion, Bool)? {
        func what() -> String { "a version of model '\(model.id)'" }
        guard let fields = reader.fields(node, of: what(), known: versionKeys, required: ["version"]),
            let nameNode = fields["version"]?.value,
            let name = reader.name(nameNode, for: "version name")
        else { return nil }
        reader.version = name
        defer { reader.version = nil }
        let errorsBefore = reader.diagnostics.count

        if let first = positions[name].map({ earlier[$0] }) {
            reader.report(Diagnostic(
                .duplicateVersion, "version '\(name)' is defined twice in model '\(model.id)'", at: nameNode.location,
                notes: [Note("first defined here", at: first.location)]))
        }
        var extends: String?
        if let extendsNode = fields["extends"]?.value, let parent = reader.text(extendsNode, for: "'extends' of version '\(name)'") {
            if positions[parent] != nil {
                extends = parent
            } else {
                reader.report(Diagnostic(
                    .unknownExtends,
                    "version '\(name)' extends '\(parent.truncatedForMessage)', which is no earlier version of model '\(model.id)'"
                        + (earlier.isEmpty || !reader.suggestions.take() ? "" : Suggestion.versionHint(for: parent, among: earlier.map(\.name), listing: 5)),
                    at: extendsNode.location))
            }
        }
        var settings: [ModelVersion.Setting]?
        var setsUntyped = false
        if let setNode = fields["set"]?.value {
            let pairs = reader.mapping(setNode, for: "'set' of version '\(name)'") ?? []
            settings = []
            settings?.reserveCapacity(pairs.count)
            for (parameterName, pair) in pairs {
                guard let parameter = model.parameter(named: parameterName) else {
                    if untyped.contains(parameterName) {
                        setsUntyped = true
                    } else {
                        reader.report(Diagnostic(
                            .unknownParameter,
                            "version '\(name)' sets '\(parameterName.truncatedForMessage)', which model '\(model.id)' does not have"
                                + reader.hint(for: parameterName, among: model.parameters.map(\.name)),
                            at: pair.key.location, parameter: parameterName))
                    }
                    continue
                }
                guard let value = reader.value(pair.value, of: parameter.type, for: "'\(parameterName)' in version '\(name)'")
                else { continue }
                guard parameter.accepts(value) else {
                    reader.report(Diagnostic(
                        .valueNotAllowed,
                        "version '\(name)' sets '\(parameterName)' to \(value.quoted), outside its domain \(parameter.domainDescription)",
                        at: pair.value.location, parameter: parameterName))
                    continue
                }
                settings?.append(ModelVersion.Setting(parameter: parameterName, value: value, location: pair.value.location))
            }
        }
        let description = Self.description(
            fields, for: "'description' of version '\(name)'", keeping: keepingDescription, reader: &reader)
        let hasErrors = reader.diagnostics[errorsBefore...].contains { $0.rule != Rule.duplicateVersion.id }
        let version = ModelVersion(
            name: name, extends: extends, settings: settings, description: description, location: nameNode.location)
        return (version, hasErrors || setsUntyped)
    }

    /// A document's `description`, checked; nil unless `keeping`.
    private static func description(
        _ fields: SchemaReader.Fields, for what: @autoclosure () -> String, keeping: Bool, reader: inout SchemaReader
    ) -> String? {
        guard let node = fields["description"]?.value else { return nil }
        guard keeping else {
            reader.isText(node, for: what())
            return nil
        }
        return reader.text(node, for: what())
    }
}

/// Types an implementation's `allowed` lists against the models they narrow,
/// and applies the rules that relate an implementation to the registry's models.
enum ImplementationLinker {
    /// - Parameter brokenParameters: by model id, parameters whose definition had
    ///   errors: an implementation that omits one is not told again.
    static func link(
        _ draft: ImplementationDraft, models: Registry, brokenParameters: [String: Set<String>], reader: inout SchemaReader
    ) -> Implementation {
        var supports: [Implementation.ModelSupport] = []
        for entry in draft.models {
            reader.model = entry.model
            defer { reader.model = nil }
            guard let model = models.model(entry.model) else {
                reader.report(Diagnostic(
                    .unknownModel,
                    "implementation '\(draft.id)' names model '\(entry.model.truncatedForMessage)', which the registry lacks"
                        + reader.hint(for: entry.model, among: models.models.map(\.id)),
                    at: entry.location))
                continue
            }
            var parameters: [Implementation.ModelSupport.ParameterSupport] = []
            var positions: [Int] = []
            parameters.reserveCapacity(entry.parameters.count)
            positions.reserveCapacity(entry.parameters.count)
            let broken = brokenParameters[model.id]
            for parameterEntry in entry.parameters {
                if let parameter = link(
                    parameterEntry, draft.allowed(of: parameterEntry), of: model, implementation: draft.id,
                    broken: broken, reader: &reader)
                {
                    parameters.append(parameter.support)
                    positions.append(parameter.position)
                }
            }
            for parameter in model.parameters
            where parameter.defaultValue == nil && !entry.parameters.contains(where: { $0.name == parameter.name })
                && broken?.contains(parameter.name) != true
            {
                reader.report(Diagnostic(
                    .missingRequiredParameter,
                    "implementation '\(draft.id)' omits '\(parameter.name)' of model '\(model.id)', which has no default",
                    at: entry.location, parameter: parameter.name))
            }
            supports.append(
                Implementation.ModelSupport(of: model, parameters: parameters, positions: positions, location: entry.location))
        }
        return Implementation(id: draft.id, description: draft.description, models: supports, location: draft.location)
    }

    private static func link(
        _ entry: ImplementationDraft.ParameterEntry, _ allowedNode: YAMLNode?, of model: DeviceModel,
        implementation: String, broken: Set<String>?, reader: inout SchemaReader
    ) -> (support: Implementation.ModelSupport.ParameterSupport, position: Int)? {
        guard let position = model.parameterPosition(named: entry.name) else {
            reader.parameter = entry.name
            defer { reader.parameter = nil }
            // A parameter whose own definition could not be read was reported there.
            if broken?.contains(entry.name) == true { return nil }
            reader.report(Diagnostic(
                .unknownParameter,
                "implementation '\(implementation)' names parameter '\(entry.name.truncatedForMessage)', which model '\(model.id)' does not have"
                    + reader.hint(for: entry.name, among: model.parameters.map(\.name)),
                at: entry.location))
            return nil
        }
        var support = Implementation.ModelSupport.ParameterSupport(name: entry.name, location: entry.location)
        guard let allowedNode else { return (support, position) }
        // (A `description` was checked when the draft was read; it is not kept.)
        reader.parameter = entry.name
        defer { reader.parameter = nil }
        let parameter = model.parameters[position]
        let what = { "parameter '\(entry.name)' in implementation '\(implementation)'" }
        guard let items = reader.allowedItems(allowedNode, type: parameter.type, for: what()) else { return nil }
        var kept: [DomainItem] = []
        for item in items {
            let inside: Bool
            switch item.item {
            case .value(let value): inside = parameter.accepts(value)
            case .range(let range): inside = parameter.allowed.covers(range)
            }
            if inside {
                kept.append(item.item)
            } else {
                reader.report(Diagnostic(
                    .allowedOutsideDomain,
                    "implementation '\(implementation)' allows \(item.item) for '\(entry.name)', outside the model's domain \(parameter.domainDescription)",
                    at: item.node.location))
            }
        }
        guard !kept.isEmpty else { return nil }
        support.allowed = Domain(kept)
        if let defaultValue = parameter.defaultValue, !support.allowed.contains(defaultValue) {
            reader.report(Diagnostic(
                .defaultUnsupported,
                "implementation '\(implementation)' does not allow '\(entry.name)' at its default \(defaultValue.quoted), "
                    + "so it cannot take devices from releases that predate the parameter",
                at: allowedNode.location))
        }
        return (support, position)
    }
}

public import DeviceModelRegistry

/// A named set of implementations available on one machine (SPEC 3.2).
public struct Destination: Sendable {
    /// The host name, or the `--to` argument as written (`a,b`).
    public var name: String
    /// In the order given: the first compatible one is named in results.
    public var implementations: [Implementation]
    /// What this host supports less than its implementations do (SPEC 3.2 `narrow`):
    /// model id → parameter name → the values it supports.
    public var narrowing: [String: [String: Domain]]

    public init(name: String, implementations: [Implementation], narrowing: [String: [String: Domain]] = [:]) {
        self.name = name
        self.implementations = implementations
        self.narrowing = narrowing
    }

    /// The narrowed domain of a parameter of a model on this host, if the inventory narrows it.
    public func narrowed(_ model: String, _ parameter: String) -> Domain? {
        narrowing[model]?[parameter]
    }

    /// The destination's implementations that implement `model`, in the destination's order.
    public func implementers(of model: DeviceModel) -> [Registry.Implementer] {
        implementations.compactMap { implementation in
            implementation.support(for: model.id).map { Registry.Implementer(implementation: implementation, support: $0) }
        }
    }

    /// A destination from implementation ids, each looked up in the registry.
    ///
    /// - Throws: ``InputError`` for an id the registry lacks, with the closest id suggested.
    public static func resolve(
        name: String, ids: [(id: String, location: SourceLocation?)], in registry: Registry
    ) throws(InputError) -> Destination {
        var implementations: [Implementation] = []
        for (id, location) in ids {
            guard let implementation = registry.implementation(id) else {
                throw InputError(
                    "unknown implementation '\(id)'\(registry.inRegistry)" + Suggestion.hint(for: id, among: registry.implementations.map(\.id)),
                    at: location)
            }
            implementations.append(implementation)
        }
        return Destination(name: name, implementations: implementations)
    }

    /// `--to IMPL[,IMPL...]`: one destination named as written.
    public static func resolve(argument: String, in registry: Registry) throws(InputError) -> Destination {
        let ids = argument.split(separator: ",", omittingEmptySubsequences: false).map { (String($0), SourceLocation?.none) }
        return try resolve(name: argument, ids: ids.map { (id: $0.0, location: $0.1) }, in: registry)
    }

    /// Every host of an inventory, in its order, with its narrowings.
    ///
    /// - Throws: ``InputError`` at a narrowing of a model or parameter the registry lacks, or one that
    ///   would widen: a value none of the host's implementations of the model supports.
    public static func resolve(_ inventory: HostInventory, in registry: Registry) throws(InputError) -> [Destination] {
        var destinations: [Destination] = []
        for host in inventory.hosts {
            var destination = try resolve(name: host.name, ids: host.implementations, in: registry)
            for narrowing in host.narrow {
                guard let model = registry.model(narrowing.model) else {
                    throw InputError(
                        "host '\(host.name)' narrows model '\(narrowing.model)', which the registry lacks"
                            + Suggestion.hint(for: narrowing.model, among: registry.models.map(\.id)),
                        at: narrowing.modelLocation)
                }
                guard let parameter = model.parameter(named: narrowing.parameter) else {
                    throw InputError(
                        "host '\(host.name)' narrows '\(narrowing.parameter)', which model '\(model.id)' does not have"
                            + Suggestion.hint(for: narrowing.parameter, among: model.parameters.map(\.name)),
                        at: narrowing.parameterLocation)
                }
                let items = try InputDecoder.narrowedDomain(
                    narrowing.items, of: parameter, for: "'\(parameter.name)' narrowed by host '\(host.name)'")
                let supports = destination.implementers(of: model).map(\.support)
                for (item, location) in items where !supports.contains(where: { $0.supports(item, of: parameter, in: model) }) {
                    let implementations = supports.isEmpty ? "no implementation of it implements '\(model.id)'" : "none of its implementations supports it"
                    throw InputError(
                        "host '\(host.name)' narrows '\(parameter.name)' of '\(model.id)' to \(item), but \(implementations): "
                            + "a narrowing can only narrow", at: location)
                }
                destination.narrowing[model.id, default: [:]][parameter.name] = Domain(items.map(\.item))
            }
            destinations.append(destination)
        }
        return destinations
    }
}

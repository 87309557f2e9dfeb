public import DeviceModelRegistry

/// A named set of implementations available on one machine (SPEC 3.2).
public struct Destination: Sendable {
    /// The host name, or the `--to` argument as written (`a,b`).
    public var name: String
    /// In the order given: the first compatible one is named in results.
    public var implementations: [Implementation]

    public init(name: String, implementations: [Implementation]) {
        self.name = name
        self.implementations = implementations
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
                    "unknown implementation '\(id)'" + Suggestion.hint(for: id, among: registry.implementations.map(\.id)),
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

    /// Every host of an inventory, in its order.
    public static func resolve(_ inventory: HostInventory, in registry: Registry) throws(InputError) -> [Destination] {
        var destinations: [Destination] = []
        for host in inventory.hosts {
            destinations.append(try resolve(name: host.name, ids: host.implementations, in: registry))
        }
        return destinations
    }
}

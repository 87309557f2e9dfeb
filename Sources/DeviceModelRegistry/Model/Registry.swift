/// Device models and the implementations that provide them (SPEC 2).
public struct Registry: Sendable {
    /// In registry order: files in sorted path order, documents in file order.
    public let models: [DeviceModel]
    /// In registry order.
    public let implementations: [Implementation]
    /// In registry order (SPEC 10.1).
    public let machines: [Machine]
    /// The directory it was read from, as the user named it: errors about ids it lacks name it.
    public var directory: String?
    private let machineIndex: [String: Int]
    /// By machine id, the whole map: the maps along its `extends` chain, each machine's own on top.
    private let machineMaps: [String: [String: String]]
    private let modelIndex: [String: Int]
    private let implementationIndex: [String: Int]
    /// By model id, the implementations that implement the model, in registry order.
    private let implementerIndex: [String: [Implementer]]

    /// An implementation and what it does with one model.
    public struct Implementer: Sendable {
        public let implementation: Implementation
        public let support: Implementation.ModelSupport

        public init(implementation: Implementation, support: Implementation.ModelSupport) {
            self.implementation = implementation
            self.support = support
        }
    }

    /// - Parameters: ids should be unique; lookups find the first of a repeated id.
    public init(models: [DeviceModel], implementations: [Implementation], machines: [Machine] = []) {
        self.models = models
        self.implementations = implementations
        self.machines = machines
        let machineIndex = Dictionary(machines.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.machineIndex = machineIndex
        var maps: [String: [String: String]] = [:]
        for machine in machines where maps[machine.id] == nil {
            var map: [String: String] = [:]
            for link in Self.chain(of: machine, machines: machines, index: machineIndex).reversed() {
                for entry in link.entries { map[entry.model] = entry.version }
            }
            maps[machine.id] = map
        }
        machineMaps = maps
        modelIndex = Dictionary(models.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        implementationIndex = Dictionary(
            implementations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var implementers: [String: [Implementer]] = [:]
        for (position, implementation) in implementations.enumerated() where implementationIndex[implementation.id] == position {
            for support in implementation.models where implementation.support(for: support.model) === support {
                implementers[support.model, default: []].append(Implementer(implementation: implementation, support: support))
            }
        }
        implementerIndex = implementers
    }

    /// The implementations of the registry that implement `model`, in registry order.
    public func implementers(of model: String) -> [Implementer] {
        implementerIndex[model] ?? []
    }

    public func model(_ id: String) -> DeviceModel? {
        modelIndex[id].map { models[$0] }
    }

    /// ` in registry 'DIR'`, for messages about an id it lacks; nothing when it was not read from a directory.
    public var inRegistry: String {
        directory.map { " in registry '\($0)'" } ?? ""
    }

    /// The model, or an input error that names it and suggests the closest id.
    public func requireModel(_ id: String) throws(InputError) -> DeviceModel {
        guard let model = model(id) else {
            throw InputError("unknown model '\(id)'\(inRegistry)" + Suggestion.hint(for: id, among: models.map(\.id)))
        }
        return model
    }

    public func machine(_ id: String) -> Machine? {
        machineIndex[id].map { machines[$0] }
    }

    /// A machine's `extends` chain, the machine first: a machine reached again or one the registry
    /// lacks ends it.
    public func machineChain(of machine: Machine) -> [Machine] {
        Self.chain(of: machine, machines: machines, index: machineIndex)
    }

    private static func chain(of machine: Machine, machines: [Machine], index: [String: Int]) -> [Machine] {
        var chain: [Machine] = [machine]
        var seen: Set<String> = [machine.id]
        while let parent = chain.last?.extends, !seen.contains(parent), let position = index[parent] {
            seen.insert(parent)
            chain.append(machines[position])
        }
        return chain
    }

    /// The version a machine gives `model`: its own map's, else the one of the machine it extends, and so on.
    ///
    /// - Returns: nil when the machine is unknown or does not map the model.
    public func version(of model: String, on machine: String) -> String? {
        machineMaps[machine]?[model]
    }

    /// A machine's whole map (its `extends` chain's, its own on top), by model id.
    public func versionMap(of machine: String) -> [String: String] {
        machineMaps[machine] ?? [:]
    }

    public func implementation(_ id: String) -> Implementation? {
        implementationIndex[id].map { implementations[$0] }
    }
}

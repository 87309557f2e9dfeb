/// The rules that relate machines to the rest of the registry (SPEC 10.1):
/// `unknown-machine`, `unknown-model`, `unknown-version`, and `unknown-extends` for a cycle.
enum MachineRules {
    /// - Parameter passingOverUnknownModels: the registry was read in part: a map entry of a model not read is not judged.
    static func check(_ registry: Registry, passingOverUnknownModels: Bool = false, reader: inout SchemaReader) {
        let machineIDs = { registry.machines.map(\.id) }
        for machine in registry.machines {
            if let parent = machine.extends, let location = machine.extendsLocation {
                if registry.machine(parent) == nil {
                    reader.report(Diagnostic(
                        .unknownMachine,
                        "machine '\(machine.id)' extends '\(parent.truncatedForMessage)', which the registry lacks"
                            + reader.hint(for: parent, among: machineIDs()),
                        at: location))
                } else if extendsInCycle(machine, registry) {
                    reader.report(Diagnostic(
                        .unknownExtends, "machine '\(machine.id)' extends '\(parent)', and the chain of 'extends' comes back to it",
                        at: location))
                }
            }
            for entry in machine.entries {
                guard let model = registry.model(entry.model) else {
                    if passingOverUnknownModels { continue }
                    reader.report(Diagnostic(
                        .unknownModel,
                        "machine '\(machine.id)' maps model '\(entry.model.truncatedForMessage)', which the registry lacks"
                            + reader.hint(for: entry.model, among: registry.models.map(\.id)),
                        at: entry.location, model: entry.model))
                    continue
                }
                if model.version(named: entry.version) == nil {
                    reader.report(Diagnostic(
                        .unknownVersion,
                        "machine '\(machine.id)' maps model '\(model.id)' to version '\(entry.version)', which the model lacks"
                            + reader.hint(for: entry.version, among: model.versions.map(\.name)),
                        at: entry.versionLocation, model: model.id, version: entry.version))
                }
            }
        }
        for implementation in registry.implementations {
            for (machine, location) in zip(implementation.machines, implementation.machineLocations)
            where registry.machine(machine) == nil {
                reader.report(Diagnostic(
                    .unknownMachine,
                    "implementation '\(implementation.id)' provides machine '\(machine.truncatedForMessage)', which the registry lacks"
                        + reader.hint(for: machine, among: machineIDs()),
                    at: location))
            }
        }
    }

    /// Whether following `extends` from the machine comes back to it.
    private static func extendsInCycle(_ machine: Machine, _ registry: Registry) -> Bool {
        registry.machineChain(of: machine).last?.extends == machine.id
    }
}

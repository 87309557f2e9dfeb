import ArgumentParser
import QEMUAdapter
import DeviceModelRegistry
import MigrationCheck

/// `--model ID [--version V] [--set NAME=VALUE]...`: one device on the command line.
struct DeviceOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The device's model id.", valueName: "id"), completion: Completions.models)
    var model: String?

    @Option(help: ArgumentHelp("The device's version.", valueName: "v"))
    var version: String?

    @OptionGroup var overrides: OverrideOptions

    var settings: [String] { overrides.settings }

    /// The registry ids the VM names (``CommonOptions/answer(naming:_:)``).
    func registryIDs(orFile file: String?) -> [String]? {
        if let model { return [model] }
        return file.flatMap(VMReference.registryIDs)
    }

    /// The VM: the file's, or the device on the command line as a one-device VM named after its model.
    func vm(orFile file: String?, registry: Registry) throws(InputError) -> VMConfiguration {
        guard let model else {
            return try VMReference.read(file ?? "", registry: registry)
        }
        return VMConfiguration(
            name: model, devices: [.init(id: "devices[0]", model: model, version: version, overrides: try overrides.parsed())])
    }
}

/// `--to IMPL[,IMPL...]... | --hosts FILE`: the destinations to check against.
struct DestinationOptions: ParsableArguments {
    @Option(
        name: .customLong("to"),
        help: ArgumentHelp(
            "A destination made of these implementations (repeatable: one destination each).", valueName: "impl[,impl...]"),
        completion: Completions.implementations)
    var to: [String] = []

    @Option(help: ArgumentHelp("A host inventory (YAML or JSON): every host is a destination.", valueName: "file"), completion: Completions.inputFile)
    var hosts: String?

    /// Exactly one of --to and --hosts.
    func validate() throws {
        if to.isEmpty && hosts == nil {
            throw ValidationError("name the destinations: --to IMPL[,IMPL...] or --hosts FILE")
        }
        if !to.isEmpty && hosts != nil {
            throw ValidationError("--to and --hosts are alternatives: give one of them")
        }
    }

    /// The registry ids the destinations name (``CommonOptions/answer(naming:_:)``).
    var registryIDs: [String]? {
        guard let hosts else { return to.flatMap { $0.split(separator: ",").map(String.init) } }
        guard hosts != "-" else { return nil }
        return (try? InputDecoder.hostInventory(file: hosts))?.registryIDs
    }

    /// The destinations, in the order given.
    func destinations(in registry: Registry) throws(InputError) -> [Destination] {
        if let hosts {
            return try Destination.resolve(InputDecoder.hostInventory(file: hosts), in: registry)
        }
        var destinations: [Destination] = []
        for argument in to {
            destinations.append(try Destination.resolve(argument: argument, in: registry))
        }
        return destinations
    }
}

/// `--set NAME=VALUE`, repeatable: overrides on top of a version.
struct OverrideOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Override a parameter (repeatable; split at the first '=').", valueName: "name=value"))
    var settings: [String] = []

    /// The overrides, in order.
    func parsed() throws(InputError) -> [Override] {
        var overrides: [Override] = []
        for setting in settings {
            guard let override = Override(assignment: setting) else {
                throw InputError("--set '\(setting)': expected NAME=VALUE")
            }
            overrides.append(override)
        }
        return overrides
    }
}

/// `--waive RULE[:MODEL[:PARAMETER]]`, repeatable, and `--strict` (SPEC 5).
struct WaiverOptions: ParsableArguments {
    @Option(
        name: .customLong("waive"),
        help: ArgumentHelp(
            "Accept the findings of a rule (of a model, of a parameter): kept, marked waived, not counted (repeatable).",
            valueName: "rule[:model[:parameter]]"))
    var waive: [String] = []

    @Flag(help: "Fail when a waiver matches no finding (waiver-unused).")
    var strict = false

    /// The waivers; `*-unknown` rules and malformed ones are usage errors.
    func waivers() throws(InputError) -> Waivers {
        let known = Set(RuleCatalogue.groups.flatMap(\.rules).map(\.id))
        var list: [Waiver] = []
        for argument in waive { list.append(try Waiver(argument: argument, knownRules: known)) }
        return Waivers(list)
    }
}

import ArgumentParser
import DeviceModelRegistry
import MigrationCheck

/// `migcheck show MODEL`.
struct ShowCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a model (parameters, versions and their expansions, implementations) or a machine (its versions, who provides it)."
    )

    @Argument(help: ArgumentHelp("A model id or a machine id.", valueName: "model-or-machine"), completion: Completions.modelsAndMachines)
    var model: String

    @OptionGroup var common: CommonOptions<TextOrJSON>

    func validate() throws {
        try common.requireFormat()
    }

    func execute() throws(InputError) -> Int32 {
        let registry = try common.loadRegistry()
        if let machine = registry.machine(model), registry.model(model) == nil {
            let report = MachineReport(machine: machine, registry: registry)
            Console.out(common.format == .json ? report.json().serialized() + "\n" : report.text(style: common.style))
            return 0
        }
        let report = ModelReport(model: try registry.requireModel(model), registry: registry)
        Console.out(common.format == .json ? report.json().serialized() + "\n" : report.text(style: common.style))
        return 0
    }
}

import ArgumentParser
import DeviceModelRegistry
import MigrationCheck

/// `migcheck show MODEL`.
struct ShowCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a model: parameters with type, default and domain; versions and their expansions; implementations."
    )

    @Argument(help: ArgumentHelp("The model id.", valueName: "model"))
    var model: String

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try common.requireFormat()
    }

    func execute() throws(InputError) -> Int32 {
        let registry = try common.loadRegistry()
        let report = ModelReport(model: try registry.requireModel(model), registry: registry)
        Console.out(common.format == .json ? report.json().serialized() + "\n" : report.text(style: common.style))
        return 0
    }
}

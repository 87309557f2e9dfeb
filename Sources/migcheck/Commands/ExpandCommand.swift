import ArgumentParser
import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck

/// `migcheck expand MODEL`: a device's full parameter set, and where each value came from.
struct ExpandCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "expand",
        abstract: "Expand a device's version and overrides into every parameter, with provenance.",
        discussion: """
            Every parameter starts at its default; the version's extends chain is applied root \
            first; the overrides last, in order. Each value says where it came from: default, \
            version NAME (the last version of the chain to set it) or override.

            With --for IMPL instead of --version, the newest version (last in the list) that the \
            implementation can instantiate is chosen: what a new VM on that host should be created \
            with. When none can, the exit status is 1 and the newest version's refusal is shown.
            """
    )

    @Argument(help: ArgumentHelp("The model id.", valueName: "model"), completion: Completions.models)
    var model: String

    @Option(help: ArgumentHelp("The version to expand.", valueName: "v"))
    var version: String?

    @OptionGroup var overrides: OverrideOptions

    @Option(name: .customLong("for"), help: ArgumentHelp("Pick the newest version this implementation can instantiate.", valueName: "impl"), completion: Completions.implementations)
    var implementation: String?

    @OptionGroup var common: CommonOptions<TextOrJSON>

    func validate() throws {
        try common.requireFormat()
        if version != nil && implementation != nil {
            throw ValidationError("--version and --for are alternatives: give one of them")
        }
    }

    func execute() throws(InputError) -> Int32 {
        let overrides = try overrides.parsed()
        let report = try common.answer(naming: { [model] + (implementation.map { [$0] } ?? []) }) { registry throws(InputError) in
            if let implementation {
                return try Checker(registry: registry).expansion(model: model, overrides: overrides, for: implementation)
            }
            let device = try Expander.expand(model: model, version: version, overrides: overrides, in: registry)
            return ExpansionReport(device: device, implementation: nil, refusal: [])
        }
        switch common.format {
        case .json: Console.out(report.json().serialized() + "\n")
        default: Console.out(report.text(style: common.style))
        }
        return report.status.exitCode
    }
}

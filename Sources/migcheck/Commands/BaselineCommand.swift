import ArgumentParser
import QEMUAdapter
import DeviceModelRegistry
import MigrationCheck

/// `migcheck baseline`: the newest version every destination can instantiate.
struct BaselineCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Find the newest version of a model (or of each device of a VM) that every destination can instantiate.",
        discussion: """
            This is what a new VM should be created with so that it can move anywhere in the \
            set. With a VM file there is one answer per device, with the device's own overrides \
            kept on top of each candidate version (the device's version is not used). Every \
            version newer than the answer is listed with the destinations that rule it out.

            Exit status: 0 when a version fits for every model or device, 1 when for one no \
            version fits, 2 on trouble.
            """
    )

    @Argument(help: ArgumentHelp("A VM configuration file (YAML or JSON), or a VM reference: qemu-args:PATH (qemu-args:- for standard input) or qmp:SOCKET.", valueName: "vm-file"), completion: Completions.inputFile)
    var vmFile: String?

    @Option(help: ArgumentHelp("The model id.", valueName: "id"), completion: Completions.models)
    var model: String?

    @OptionGroup var overrides: OverrideOptions

    @OptionGroup var destinations: DestinationOptions
    @Flag(help: "Text: also what rules out each newer version, by destination, and each chosen version's expansion.")
    var verbose = false

    @OptionGroup var common: CommonOptions<TextOrJSON>

    func validate() throws {
        try common.requireFormat()
        if vmFile == nil && model == nil {
            throw ValidationError("the VM is missing: give a VM_FILE (or a VM reference) or --model ID")
        }
        if vmFile != nil && model != nil {
            throw ValidationError("give the VM as a VM_FILE or as --model ID, not both")
        }
        if model == nil && !overrides.settings.isEmpty {
            throw ValidationError("--set goes with --model")
        }
    }

    func execute() throws(InputError) -> Int32 {
        let report = try common.answer(naming: { () -> [String]? in
            guard let vm = model.map({ [$0] }) ?? vmFile.flatMap(VMReference.registryIDs), let to = destinations.registryIDs
            else { return nil }
            return vm + to
        }) { registry throws(InputError) in
            let checker = Checker(registry: registry)
            let targets = try destinations.destinations(in: registry)
            if let model {
                let found = try registry.requireModel(model)
                return BaselineReport(
                    entries: [try checker.baseline(found, overrides: try overrides.parsed(), destinations: targets)],
                    machines: checker.commonMachines(targets))
            }
            return try checker.baseline(try VMReference.read(vmFile ?? "", registry: registry), destinations: targets)
        }
        switch common.format {
        case .json: Console.out(BaselineReporter.json(report).serialized() + "\n")
        default: Console.out(BaselineReporter.text(report, style: common.style, verbose: verbose))
        }
        return report.status.exitCode
    }
}

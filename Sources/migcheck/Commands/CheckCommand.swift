import ArgumentParser
import QEMUAdapter
import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck

/// `migcheck check`: can this VM be migrated there?
struct CheckCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a VM's devices against one or many destinations, and explain each refusal.",
        discussion: """
            The VM is a VM configuration file (YAML or JSON), a VM reference (qemu-args:PATH for a \
            QEMU command line or a libvirt log, qmp:SOCKET for a running QEMU), or one device given with --model, \
            --version and --set. Each destination is a --to list of implementations, or a host of a \
            --hosts inventory. A device is compatible with a destination when one of its \
            implementations that implements the model can instantiate the device's expanded \
            parameters; each refusal names the rule, the parameter, the value and where it came \
            from, and what the destination supports. Text gives each refused device one fix — the \
            whole change that makes it compatible (a version to create it with, or a destination \
            to move it to) — and ends with which destinations can take the VM; --verbose adds the \
            fix of each finding.

            "Compatible" means compatible as far as the registry declares: constraints between \
            parameters cannot be expressed, and the destination may still refuse at instantiation.

            Exit status: 0 when compatible with every destination (with --require any: with at \
            least one), 1 otherwise, 2 on trouble.
            """
    )

    enum Requirement: String, ExpressibleByArgument, CaseIterable {
        case all, any
    }

    @Argument(help: ArgumentHelp("A VM configuration file (YAML or JSON), or a VM reference: qemu-args:PATH (qemu-args:- for standard input) or qmp:SOCKET.", valueName: "vm-file"), completion: Completions.inputFile)
    var vmFile: String?

    @OptionGroup var device: DeviceOptions
    @OptionGroup var destinations: DestinationOptions

    @Option(help: "Fail when any destination refuses (all), or only when every one does (any).")
    var require: Requirement = .all

    @Flag(help: "Text: also the fix of each finding, parameter by parameter.")
    var verbose = false

    @OptionGroup var waiverOptions: WaiverOptions

    @OptionGroup var common: CommonOptions<TextOrJSON>

    func validate() throws {
        try common.requireFormat()
        if vmFile == nil && device.model == nil {
            throw ValidationError("the VM is missing: give a VM_FILE (or a VM reference) or --model ID")
        }
        if vmFile != nil && device.model != nil {
            throw ValidationError("give the VM as a VM_FILE or as --model ID, not both")
        }
        if device.model == nil && (device.version != nil || !device.settings.isEmpty) {
            throw ValidationError("--version and --set go with --model")
        }
    }

    func execute() throws(InputError) -> Int32 {
        let waivers = try waiverOptions.waivers()
        let (registry, vm, targets) = try common.answer(naming: { () -> [String]? in
            guard let vm = device.registryIDs(orFile: vmFile), let to = destinations.registryIDs else { return nil }
            return vm + to
        }) { registry throws(InputError) in
            let vm = try Expander.expand(try device.vm(orFile: vmFile, registry: registry), in: registry)
            return (registry, vm, try destinations.destinations(in: registry))
        }
        let checker = Checker(registry: registry, waivers: waivers)
        // Two passes: the verdicts first (no fixes: cheap), for the status that leads the answer;
        // then each destination explained and written at once, so that memory stays that of one.
        // What the destinations share (each implementation's findings, the fixes' search) is
        // worked out once for all (VMCheck).
        let run = VMCheck(checker, vm)
        let report = CheckReport(
            summing: targets.lazy.map { run.check(on: $0, explain: false) }, requireAny: require == .any,
            waivers: waivers, strict: waiverOptions.strict)
        let results = targets.lazy.map { run.check(on: $0) }
        switch common.format {
        case .json: CheckJSONReporter.write(report, results: results) { Console.out($0) }
        default:
            let text = CheckTextReporter(style: common.style, verbose: verbose)
            for result in results { Console.out(text.render(result)) }
            Console.out(text.closing(report))
        }
        return report.status.exitCode
    }
}

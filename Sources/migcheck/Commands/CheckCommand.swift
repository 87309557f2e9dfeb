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
            from, what the destination supports, and a fix.

            "Compatible" means compatible as far as the registry declares: constraints between \
            parameters cannot be expressed, and the destination may still refuse at instantiation.

            Exit status: 0 when compatible with every destination (with --require any: with at \
            least one), 1 otherwise, 2 on trouble.
            """
    )

    enum Requirement: String, ExpressibleByArgument, CaseIterable {
        case all, any
    }

    @Argument(help: ArgumentHelp("A VM configuration file (YAML or JSON), or a VM reference: qemu-args:PATH (qemu-args:- for standard input) or qmp:SOCKET.", valueName: "vm-file"))
    var vmFile: String?

    @OptionGroup var device: DeviceOptions
    @OptionGroup var destinations: DestinationOptions

    @Option(help: "Fail when any destination refuses (all), or only when every one does (any).")
    var require: Requirement = .all

    @OptionGroup var waiverOptions: WaiverOptions

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try common.requireFormat()
        if (vmFile == nil) == (device.model == nil) {
            throw ValidationError("give the VM: a VM_FILE or --model ID, not both")
        }
        if device.model == nil && (device.version != nil || !device.settings.isEmpty) {
            throw ValidationError("--version and --set go with --model")
        }
    }

    func execute() throws(InputError) -> Int32 {
        let waivers = try waiverOptions.waivers()
        let registry = try common.loadRegistry()
        let vm = try Expander.expand(try device.vm(orFile: vmFile, registry: registry), in: registry)
        let targets = try destinations.destinations(in: registry)
        let checker = Checker(registry: registry, waivers: waivers)
        let run = VMCheck(checker, vm)
        // The answer grows with destinations × implementations × findings: each result is written as it is
        // made and then dropped. A first pass without fixes gives the status, which the JSON states first.
        var tally = CheckTally(waivers: waivers)
        for target in targets { tally.add(run.check(on: target, explain: false)) }
        let status = tally.status(requireAny: require == .any, strict: waiverOptions.strict)
        switch common.format {
        case .json:
            Console.out(CheckJSONReporter.head(status: status))
            for (index, target) in targets.enumerated() {
                Console.out(CheckJSONReporter.element(run.check(on: target), first: index == 0))
            }
            Console.out(CheckJSONReporter.tail(unusedWaivers: tally.unusedWaivers, results: targets.count))
        default:
            let reporter = CheckTextReporter(style: common.style)
            for target in targets { Console.out(reporter.render(run.check(on: target))) }
            Console.out(reporter.render(unusedWaivers: tally.unusedWaivers))
        }
        return status.exitCode
    }
}

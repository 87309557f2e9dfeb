import ArgumentParser
import DeviceModelRegistry
import MigrationCheck
import QEMUAdapter

/// `migcheck vm REFERENCE`: the VM configuration read from a real VM.
struct VMCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "vm",
        abstract: "Print the VM configuration read from a VM reference, to save, edit and check later.",
        discussion: """
            REFERENCE is qemu-args:PATH (a QEMU command line: a plain argv, one argument per line, or a \
            libvirt log file, whose last QEMU command line counts; qemu-args:- reads standard input), \
            qmp:SOCKET (the QMP UNIX socket of a running QEMU, read with read-only commands only; \
            MIGCHECK_QMP_TIMEOUT sets the seconds to wait for each answer, 10 by default) or a VM \
            configuration file. The output is YAML, or JSON with --format json, with the keys of a VM \
            configuration file and 'origin': read back, it gives the same verdicts.
            """
    )

    @Argument(help: ArgumentHelp("qemu-args:PATH, qmp:SOCKET or a VM configuration file.", valueName: "reference"))
    var reference: String

    @OptionGroup var common: CommonOptions<TextOrJSON>

    func validate() throws {
        try common.requireFormat()
    }

    func execute() throws(InputError) -> Int32 {
        let registry = try common.loadRegistry()
        let vm = try VMReference.read(reference, registry: registry)
        Console.out(
            common.format == .json
                ? VMConfigurationReporter.json(vm).serialized() + "\n" : VMConfigurationReporter.yaml(vm))
        return 0
    }
}

import ArgumentParser
import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck
import QEMUAdapter

/// `migcheck compare SOURCE DESTINATION`: are two instances of a guest the same to the guest?
struct CompareCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a guest as it runs on the source with the guest as the destination will start it.",
        discussion: """
            SOURCE and DESTINATION are VM references (qemu-args:PATH, qmp:SOCKET or a VM configuration \
            file). Devices are paired by id. The machines must be equal, and memory, cpus and cpu where \
            both sides state them, and the globals; each paired device must be of the same model, at the \
            same place when both sides state an address, with the same expanded value for every \
            parameter. Host-side properties never count. A value QEMU decides at start-up on either side \
            is a warning (value-undetermined). What the registry lacks makes the verdict unknown: compare \
            fails closed. CPU flags are not compared yet.

            Exit status: 0 when the guests are the same, 1 when they differ or the answer is unknown, 2 on trouble.
            """
    )

    @Argument(help: ArgumentHelp("The VM as it runs on the source.", valueName: "source"))
    var source: String

    @Argument(help: ArgumentHelp("The VM as the destination will start it.", valueName: "destination"))
    var destination: String

    @OptionGroup var waiverOptions: WaiverOptions

    @OptionGroup var common: CommonOptions<TextOrJSON>

    func validate() throws {
        try common.requireFormat()
    }

    func execute() throws(InputError) -> Int32 {
        let waivers = try waiverOptions.waivers()
        let registry = try common.loadRegistry()
        let a = try Expander.expand(try VMReference.read(source, registry: registry), in: registry)
        let b = try Expander.expand(try VMReference.read(destination, registry: registry), in: registry)
        let comparison = VMComparison.compare(a, b, waivers: waivers, strict: waiverOptions.strict)
        Console.out(
            common.format == .json
                ? CompareReporter.json(comparison)
                : CompareReporter.text(comparison, source: source, destination: destination, style: common.style))
        return comparison.status.exitCode
    }
}

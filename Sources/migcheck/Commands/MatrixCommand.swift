import ArgumentParser
import QEMUAdapter
import ConfigExpansion
import DeviceModelRegistry
import MigrationCheck

/// `migcheck matrix VM_FILE... --hosts FILE`.
struct MatrixCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Check every VM against every host: the verdict of each pair, with the rule ids behind each refusal.",
        discussion: """
            Text prints a table (a row a VM, a column a host; --transpose turns it), a cell \
            a mark (✓ compatible, ✗ N refused by N rules, ? N cannot be judged), hosts with \
            long names numbered, and a legend; CSV prints one row a pair \
            (vm,destination,verdict,rules, rules joined by ';'); JSON prints every pair. A large \
            matrix is checked on all cores; the output order is always the order of the inputs.

            Exit status: 0 when every pair is compatible, 1 when any is not, 2 on trouble.
            """
    )

    @Argument(help: ArgumentHelp("VM configuration files (YAML or JSON), or VM references: qemu-args:PATH or qmp:SOCKET.", valueName: "vm-file"), completion: Completions.inputFile)
    var vmFiles: [String] = []

    @Option(help: ArgumentHelp("A host inventory (YAML or JSON).", valueName: "file"), completion: Completions.inputFile)
    var hosts: String

    @Flag(help: "Text: a row a host and a column a VM.")
    var transpose = false

    @OptionGroup var waiverOptions: WaiverOptions

    @OptionGroup var common: CommonOptions<MatrixFormats>

    func validate() throws {
        try common.requireFormat()
        if vmFiles.isEmpty {
            throw ValidationError("name at least one VM_FILE")
        }
    }

    func execute() throws(InputError) -> Int32 {
        let waivers = try waiverOptions.waivers()
        let registry = try common.loadRegistry()
        let destinations = try Destination.resolve(InputDecoder.hostInventory(file: hosts), in: registry)
        // A VM that cannot be read is an error row; the others are answered (SPEC 8).
        // Each VM is expanded here to find those that cannot be, then kept as its configuration:
        // the run expands it again for its row, so memory holds configurations, not expansions.
        var vms: [VMConfiguration] = []
        var failed: [(row: Int, vm: String, error: InputError)] = []
        var names: [String: String] = [:]
        for (row, (file, read)) in zip(vmFiles, VMReference.read(vmFiles, registry: registry)).enumerated() {
            do throws(InputError) {
                let vm = try read.get()
                _ = try Expander.expand(vm, in: registry)
                if let first = names[vm.name] {
                    throw InputError("two VMs are named '\(vm.name)': '\(first)' and '\(file)'; give one a 'vm' name", file: file)
                }
                names[vm.name] = file
                vms.append(vm)
            } catch {
                failed.append((row, file, error))
            }
        }
        // Rows are written as they are finished and dropped; the status that leads the JSON and the
        // table's column widths come from a first pass over the rows (CSV needs none). The writers
        // escape every name themselves: their text is written as it is, not searched row by row again.
        let run = Checker(registry: registry, waivers: waivers).matrixRun(configurations: vms, destinations, failed: failed)
        if common.format != .json {
            for (_, _, error) in failed { Console.err(ErrorReport.text(error)) }
        }
        func warn(_ summary: MatrixReporter.Summary) {
            for unused in summary.unusedWaivers { Console.err("migcheck: warning: \(unused.message) [\(unused.rule)]\n") }
        }
        let summary: MatrixReporter.Summary
        switch common.format {
        case .json:
            summary = MatrixReporter.Summary(run)
            MatrixReporter.writeJSON(run, summary: summary) { Console.out(verbatim: $0) }
        case .csv:
            summary = MatrixReporter.writeCSV(run) { Console.out(verbatim: $0) }
            warn(summary)
        default:
            summary = MatrixReporter.Summary(run)
            warn(summary)
            MatrixReporter.writeText(run, style: common.style, transposed: transpose) { Console.out(verbatim: $0) }
        }
        if summary.status == .error { return summary.status.exitCode }
        return waiverOptions.strict && !summary.unusedWaivers.isEmpty ? 1 : summary.status.exitCode
    }
}

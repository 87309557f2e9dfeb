import ArgumentParser
import DeviceModelRegistry
import MigrationCheck
import QEMUAdapter

/// `migcheck probe`: a host's QEMU binary in registry terms.
struct ProbeCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Describe a QEMU binary as an implementation document, or verify the registry's claims against it.",
        discussion: """
            Starts the binary with no guest (-machine none -nodefaults -S, QMP on standard input and \
            output), asks it its version, machine types, device types and their properties, quits it and \
            waits for it. It prints the implementation document that describes it in registry terms: the \
            machines it provides that the registry defines, and for each registry model it implements, the \
            parameters it recognises (with 'allowed' for a QAPI enum's names). Without --id the id is \
            qemu.org/qemu/MAJOR.MINOR.

            With --verify IMPLEMENTATION_ID it compares what the registry claims for that implementation \
            with the binary: probe-model-absent, probe-parameter-absent, probe-machine-absent (errors), \
            probe-parameter-unclaimed (warning), and probe-value-differs: it starts the binary once for \
            each machine type of the registry that the binary provides, creates a device of each claimed \
            model there, and compares each claimed parameter's value with what the machine's version \
            expands to. Exit status: 1 on any error (warnings too with --strict).
            """
    )

    @Option(help: ArgumentHelp("The QEMU binary (looked up on PATH).", valueName: "binary"), completion: .file())
    var qemu: String = "qemu-system-x86_64"

    @Option(help: ArgumentHelp("The implementation id of the document.", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("Verify the registry's claims for this implementation against the binary.", valueName: "implementation"), completion: Completions.implementations)
    var verify: String?

    @Flag(help: "Print what the binary says of itself (machine types, type tree, every device type's properties) as JSON: the input of 'migcheck generate'.")
    var facts = false

    @Flag(help: "With --verify: warnings fail too.")
    var strict = false

    @OptionGroup var common: CommonOptions<ProbeFormats>

    func validate() throws {
        try common.requireFormat(verify == nil ? [.text, .json] : [.text, .json, .github])
        if verify != nil && id != nil {
            throw ValidationError("--id names the document probe prints; --verify checks an implementation of the registry: give one of them")
        }
        if strict && verify == nil { throw ValidationError("--strict goes with --verify") }
        if facts && (verify != nil || id != nil) { throw ValidationError("--facts goes alone: not with --verify or --id") }
    }

    func execute() throws(InputError) -> Int32 {
        let registry = try common.loadRegistry()
        var implementation: Implementation?
        if let verify {
            guard let found = registry.implementation(verify) else {
                throw InputError(
                    "unknown implementation '\(verify)'\(registry.inRegistry)"
                        + Suggestion.hint(for: verify, among: registry.implementations.map(\.id)))
            }
            implementation = found
        }
        var probe = try QEMUProbe.run(binary: qemu, allDevices: facts, registry: registry)
        if facts {
            for note in try probe.readRealizedValues() { Console.err("migcheck: note: \(note)\n") }
            Console.out(probe.json().serialized() + "\n")
            return 0
        }
        guard let implementation else {
            let document = probe.implementationDocument(id: id, registry: registry)
            Console.out(common.format == .json ? document.json().serialized() + "\n" : document.yaml())
            return 0
        }
        let verification = try ProbeVerification.verify(implementation, probe: probe, registry: registry)
        let report = FindingsReport(diagnostics: verification.findings, strict: strict)
        Console.out(common.findingsReporter.render(report))
        for note in verification.notes { Console.err("migcheck: note: \(note)\n") }
        if common.format == .text {
            let errors = report.count(.error)
            let warnings = report.count(.warning)
            Console.err(
                "\(implementation.id) against \(qemu) (QEMU \(probe.version)): \(verification.checkedPairs) device × machine "
                    + "\(plural(verification.checkedPairs, "pair")) checked: \(errors) \(plural(errors, "error")), "
                    + "\(warnings) \(plural(warnings, "warning"))\n")
        }
        return report.status.exitCode
    }
}

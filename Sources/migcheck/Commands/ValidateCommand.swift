import ArgumentParser
import DeviceModelRegistry
import MigrationCheck

/// `migcheck validate [DIR]`: the registry lint that CI runs.
struct ValidateCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a registry and report every problem, each at file:line:column.",
        discussion: """
            Reads every .yaml and .yml file below the registry directory (names starting \
            with '.' are skipped) and reports every problem in one run, each with its rule id \
            (see 'migcheck rules'). Exit status 1 when there is an error, or a warning with \
            --strict; 2 when the directory cannot be read.

            --format github writes GitHub Actions annotations; --format sarif a SARIF 2.1.0 log \
            (one run, the rules the findings use, each finding at its file, line and column, \
            relative paths against %SRCROOT%) for code-scanning dashboards.
            """
    )

    @Argument(help: "The registry directory (overrides --registry).", completion: .directory)
    var directory: String?

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @OptionGroup var common: CommonOptions<FindingsFormats>

    func validate() throws {
        try common.requireFormat()
    }

    func execute() throws(InputError) -> Int32 {
        let directory = common.registryDirectory(explicit: directory)
        ProcessMemory.keepFreedBlocks()
        let loaded = try RegistryLoader.load(directory: directory, retaining: .findings)
        ProcessMemory.keepUntilExit(loaded)
        let report = FindingsReport(diagnostics: loaded.diagnostics, strict: strict)
        Console.out(common.findingsReporter.render(report))
        if common.format == .text {
            if loaded.files.isEmpty && loaded.diagnostics.isEmpty {
                Console.err("migcheck: warning: registry '\(directory)' has no .yaml or .yml file: nothing was checked\n")
            }
            Console.err(summary(directory, loaded, report))
        }
        return report.status.exitCode
    }

    /// `registry: 118 files, 107 models, 9 implementations: no problems`: which registry answered.
    private func summary(_ directory: String, _ loaded: LoadedRegistry, _ report: FindingsReport) -> String {
        let registry = loaded.registry
        let contents = "\(directory): \(loaded.files.count) \(plural(loaded.files.count, "file")), "
            + "\(registry.models.count) \(plural(registry.models.count, "model")), "
            + "\(registry.implementations.count) \(plural(registry.implementations.count, "implementation"))"
        let errors = report.count(.error)
        let warnings = report.count(.warning)
        if errors == 0 && warnings == 0 { return "\(contents): no problems\n" }
        return "\(contents): \(errors) \(plural(errors, "error")), \(warnings) \(plural(warnings, "warning"))\n"
    }
}

func plural(_ count: Int, _ word: String) -> String {
    count == 1 ? word : word + "s"
}

import ArgumentParser
import DeviceModelRegistry
import MigrationCheck

/// `migcheck diff OLD_DIR [NEW_DIR]`: what a registry change can break (SPEC 7).
struct DiffCommand: ReportingCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Report every change between two registries that can break a migration or a configuration that worked before.",
        discussion: """
            Compares the registry in OLD_DIR (the released one) with the registry in NEW_DIR \
            (the change; default: --registry, MIGCHECK_REGISTRY or ./registry — never the \
            installed registry silently: without any of them diff is a usage error). Both must be \
            valid registries; the summary names both.

            Errors: a model, version or parameter removed, a version that now expands to \
            different values, a parameter whose type or default changed, a domain that no longer \
            allows values it allowed, a parameter added without a default. Warnings: an \
            implementation removed, or no longer claiming a model, parameter or value it \
            claimed; versions reordered. Additions are reported as info. Values are compared in \
            canonical form, and domains as sets of values, however they are spelled. See \
            'migcheck rules' for every rule id.

            Findings are located at the changed thing in NEW_DIR, or, for something removed, \
            where it was in OLD_DIR; those in NEW_DIR come first, each group by file, line and \
            column.

            Exit status: 0 when nothing can break (warnings and info alone do not fail); 1 on a \
            breaking change (an error), or a warning with --strict; 2 when either directory \
            cannot be read or holds a registry with errors.

            --format github writes GitHub Actions annotations; --format sarif a SARIF 2.1.0 log \
            for code-scanning dashboards (info findings are SARIF notes).
            """
    )

    @Argument(help: ArgumentHelp("The registry before the change.", valueName: "old-dir"), completion: .directory)
    var old: String

    @Argument(help: ArgumentHelp("The registry after the change (overrides --registry).", valueName: "new-dir"), completion: .directory)
    var new: String?

    @Flag(help: "Fail (exit 1) on warnings too.")
    var strict = false

    @OptionGroup var common: CommonOptions<FindingsFormats>

    func validate() throws {
        try common.requireFormat()
    }

    func execute() throws(InputError) -> Int32 {
        if new == nil && common.registryIsInstalledFallback {
            // A release check against whatever registry happens to be installed would pass or fail for no reason.
            throw InputError(
                "diff \(old) needs the registry to compare with: give NEW_DIR, or name it with --registry or "
                    + "MIGCHECK_REGISTRY (there is no ./registry, and the installed registry is not taken silently)")
        }
        let before = try Self.load(old, as: "old")
        let newDirectory = common.registryDirectory(explicit: new)
        let after = try Self.load(newDirectory, as: "new")
        let report = FindingsReport(
            diagnostics: RegistryDiff.compare(old: before.registry, new: after.registry), strict: strict)
        Console.out(common.findingsReporter.render(report))
        if common.format == .text {
            Console.err(summary(report, newDirectory))
        }
        return report.status.exitCode
    }

    /// Reads one side of the comparison, which must be a valid registry.
    ///
    /// - Parameter role: `old` or `new`, to say which directory is in trouble.
    /// - Throws: ``InputError`` when the directory cannot be read or the registry has errors.
    private static func load(_ directory: String, as role: String) throws(InputError) -> LoadedRegistry {
        let loaded: LoadedRegistry
        do {
            loaded = try RegistryLoader.load(directory: directory)
        } catch {
            let message = error.message.hasPrefix("registry") ? "\(role) \(error.message)" : "\(role) registry: \(error.message)"
            throw InputError(message, at: error.location, file: error.file)
        }
        if let problem = loaded.diagnostics.first(where: { $0.severity == .error }) {
            let count = loaded.diagnostics.count { $0.severity == .error }
            throw InputError(
                "the \(role) registry '\(directory)' has \(count) \(plural(count, "error")), the first: "
                    + "\(problem.message) [\(problem.rule)]; run 'migcheck validate \(directory)'",
                at: problem.location)
        }
        return loaded
    }

    private func summary(_ report: FindingsReport, _ newDirectory: String) -> String {
        let comparison = "\(old) → \(newDirectory)"
        guard !report.diagnostics.isEmpty else { return "\(comparison): no change to report\n" }
        let counts = [Severity.error, .warning, .info].map { severity in
            let count = report.count(severity)
            return severity == .info ? "\(count) info" : "\(count) \(plural(count, severity.rawValue))"
        }
        return "\(comparison): " + counts.joined(separator: ", ") + "\n"
    }
}

import ArgumentParser

/// The root command: `migcheck <subcommand>`.
struct Migcheck: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "migcheck",
        abstract: "Check, before a live migration, that a VM's devices can be instantiated on the destination.",
        discussion: """
            migcheck reads a YAML registry of device models (their parameters, defaults and \
            versions) and of the implementations that provide them, expands a device's version \
            and overrides into its parameters, and checks them against a destination.

            Exit status: 0 compatible / clean; 1 incompatible / the registry has errors / a \
            breaking change; 2 trouble (usage error, unreadable or invalid input). Nothing about \
            compatibility may be inferred from 2.

            'migcheck --version' prints the version.
            """,
        subcommands: [
            ValidateCommand.self, ExpandCommand.self, CheckCommand.self, BaselineCommand.self, MatrixCommand.self,
            BatchCommand.self, DiffCommand.self, ShowCommand.self, ListCommand.self, RulesCommand.self,
            VMCommand.self, CompareCommand.self, ProbeCommand.self, GenerateCommand.self,
        ]
    )
}

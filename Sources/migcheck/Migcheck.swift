import ArgumentParser

/// The root command: `migcheck <subcommand>`.
struct Migcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migcheck",
        abstract: "Check, before a live migration, that a VM's devices can be instantiated on the destination.",
        discussion: """
            migcheck reads a YAML registry of device models (their parameters, defaults and \
            versions) and of the implementations that provide them.

            Exit status: 0 compatible / clean; 1 incompatible / the registry has errors; \
            2 trouble (usage error, unreadable or invalid input). Nothing about compatibility \
            may be inferred from 2.
            """,
        version: "0.1.0",
        subcommands: [ValidateCommand.self]
    )
}

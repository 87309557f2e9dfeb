import ArgumentParser
import DeviceModelRegistry
import MigrationCheck

/// `migcheck list models|implementations`.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the registry's models, implementations or machines, in natural order (9.2 before 10.2).",
        subcommands: [Models.self, Implementations.self, Machines.self]
    )

    struct Models: ReportingCommand {
        static let configuration = CommandConfiguration(commandName: "models", abstract: "List the model ids.")
        @OptionGroup var common: CommonOptions<TextOrJSON>

        func validate() throws { try common.requireFormat() }

        func execute() throws(InputError) -> Int32 {
            let registry = try common.loadRegistry()
            return ListCommand.print(registry.models.map { ($0.id, $0.description) }, key: "models", common: common)
        }
    }

    struct Implementations: ReportingCommand {
        static let configuration = CommandConfiguration(commandName: "implementations", abstract: "List the implementation ids.")
        @OptionGroup var common: CommonOptions<TextOrJSON>

        func validate() throws { try common.requireFormat() }

        func execute() throws(InputError) -> Int32 {
            let registry = try common.loadRegistry()
            return ListCommand.print(
                registry.implementations.map { ($0.id, $0.description) }, key: "implementations", common: common)
        }
    }

    struct Machines: ReportingCommand {
        static let configuration = CommandConfiguration(commandName: "machines", abstract: "List the machine ids.")
        @OptionGroup var common: CommonOptions<TextOrJSON>

        func validate() throws { try common.requireFormat() }

        func execute() throws(InputError) -> Int32 {
            let registry = try common.loadRegistry()
            return ListCommand.print(registry.machines.map { ($0.id, $0.description) }, key: "machines", common: common)
        }
    }

    /// One id a line (text), or `{status, <key>: [{id, description?}]}` (JSON).
    static func print(_ items: [(id: String, description: String?)], key: String, common: CommonOptions<TextOrJSON>) -> Int32 {
        let items = items.sorted { $0.id.compare(naturally: $1.id) }
        if common.format == .json {
            let document = JSONValue.document([
                ("status", .string(ReportStatus.ok.rawValue)),
                (key, .array(items.map { .object([("id", .string($0.id)), ("description", .optional($0.description))]) })),
            ])
            Console.out(document.serialized() + "\n")
        } else {
            Console.out(items.map { $0.id.escapingControls() + "\n" }.joined())
        }
        return 0
    }
}

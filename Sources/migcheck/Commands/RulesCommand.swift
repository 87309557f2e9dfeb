import ArgumentParser
import MigrationCheck

/// `migcheck rules`: the rule catalogue.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule id with its severity and a one-line summary.",
        discussion: "Rule ids are stable: never renamed, never reused."
    )

    @OptionGroup var common: CommonOptions

    func validate() throws {
        try common.requireFormat()
    }

    func run() throws {
        Console.out(common.format == .json ? RuleCatalogue.json().serialized() + "\n" : RuleCatalogue.text(style: common.style))
    }
}

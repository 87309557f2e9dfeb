import ArgumentParser
import MigrationCheck

/// `migcheck rules [RULE]`: the rule catalogue, or one rule explained.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List every rule id with its severity and a one-line summary, or explain one rule.",
        discussion: """
            With a rule id: what triggers the rule, an example (the files, the command line and the \
            finding migcheck prints for it) and how to fix it. Rule ids are stable: never renamed, never reused.
            """
    )

    @Argument(
        help: ArgumentHelp("A rule id to explain (see 'migcheck rules').", valueName: "rule"),
        completion: .list(RuleCatalogue.groups.flatMap(\.rules).map(\.id)))
    var rule: String?

    @OptionGroup var common: CommonOptions<TextOrJSON>

    func validate() throws {
        try common.requireFormat()
        if let rule, RuleReport(id: rule) == nil {
            throw ValidationError(RuleCatalogue.unknownRuleMessage(rule))
        }
    }

    func run() throws {
        guard let rule, let report = RuleReport(id: rule) else {
            Console.out(common.format == .json ? RuleCatalogue.json().serialized() + "\n" : RuleCatalogue.text(style: common.style))
            return
        }
        Console.out(common.format == .json ? report.json().serialized() + "\n" : report.text(style: common.style))
    }
}

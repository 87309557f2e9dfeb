/// A fixture pair for one validation rule: a registry that triggers it at the
/// marked places, and a near miss that must stay clean.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let rule: String
    let name: String
    /// Files (name, marked text); every finding is of `rule`, at the markers, in marker order.
    let triggering: [(String, String)]
    /// Files that produce no finding at all.
    let clean: [(String, String)]
    /// Text each triggering finding's message must contain (by marker order), when given.
    let messages: [String]

    init(_ rule: String, _ name: String, triggering: [(String, String)], clean: [(String, String)], messages: [String] = []) {
        self.rule = rule
        self.name = name
        self.triggering = triggering
        self.clean = clean
        self.messages = messages
    }

    init(_ rule: String, _ name: String, triggering: String, clean: String, messages: [String] = []) {
        self.init(rule, name, triggering: [("registry.yaml", triggering)], clean: [("registry.yaml", clean)], messages: messages)
    }

    var testDescription: String { "\(rule): \(name)" }
}

import Testing

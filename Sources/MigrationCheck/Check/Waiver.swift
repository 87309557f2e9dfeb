public import DeviceModelRegistry

/// `--waive RULE[:MODEL[:PARAMETER]]`: an operator accepts the findings it matches (SPEC 5). They stay
/// in the answer, marked waived, and do not count towards the verdict.
public struct Waiver: Hashable, Sendable, CustomStringConvertible {
    public var rule: String
    public var model: String?
    public var parameter: String?

    /// The rules that can never be waived: what the registry cannot judge.
    public static let unwaivable: Set<String> = [Rule.modelUnknown.id, Rule.parameterUnknown.id, Rule.machineUnknown.id]

    /// Reads `RULE[:MODEL[:PARAMETER]]`.
    ///
    /// - Throws: ``InputError`` for an empty part, a rule no command reports, or an `*-unknown` rule.
    public init(argument: String, knownRules: Set<String>) throws(InputError) {
        let parts = argument.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            throw InputError("waiver '\(argument)': expected RULE[:MODEL[:PARAMETER]]")
        }
        guard knownRules.contains(parts[0]) else {
            throw InputError("waiver '\(argument)': no rule '\(parts[0])'" + Suggestion.hint(for: parts[0], among: knownRules.sorted()))
        }
        guard !Self.unwaivable.contains(parts[0]) else {
            throw InputError("waiver '\(argument)': '\(parts[0])' findings cannot be waived: the registry cannot judge them")
        }
        rule = parts[0]
        model = parts.count > 1 ? parts[1] : nil
        parameter = parts.count > 2 ? parts[2] : nil
    }

    public init(rule: String, model: String? = nil, parameter: String? = nil) {
        self.rule = rule
        self.model = model
        self.parameter = parameter
    }

    /// Whether it accepts a finding of `rule` about `model` and `parameter`.
    public func matches(rule: String, model: String?, parameter: String?) -> Bool {
        guard rule == self.rule, !Self.unwaivable.contains(rule) else { return false }
        if let wanted = self.model, wanted != model { return false }
        if let wanted = self.parameter, wanted != parameter { return false }
        return true
    }

    public var description: String {
        [rule, model, parameter].compactMap { $0 }.joined(separator: ":")
    }
}

extension Rule {
    public static let waiverUnused = Rule(
        id: "waiver-unused", severity: .warning,
        summary: "a --waive matches no finding of the answer (a stale waiver); fails only with --strict")
}

/// The waivers of one command, and the top-level finding for each that matched nothing.
public struct Waivers: Sendable {
    public var list: [Waiver]

    public init(_ list: [Waiver] = []) {
        self.list = list
    }

    public var isEmpty: Bool { list.isEmpty }

    public func matches(rule: String, model: String?, parameter: String?) -> Bool {
        list.contains { $0.matches(rule: rule, model: model, parameter: parameter) }
    }

    /// `waiver-unused` for each waiver that matches none of the findings `(rule, model, parameter)`.
    public func unused(among findings: [(rule: String, model: String?, parameter: String?)]) -> [UnusedWaiver] {
        list.filter { waiver in !findings.contains { waiver.matches(rule: $0.rule, model: $0.model, parameter: $0.parameter) } }
            .map { UnusedWaiver(waiver: $0) }
    }
}

/// A waiver that matched nothing: a `waiver-unused` warning in a document's top-level `findings[]`.
public struct UnusedWaiver: Sendable, Hashable {
    public var waiver: Waiver

    public var rule: String { Rule.waiverUnused.id }
    public var message: String { "waiver '\(waiver)' matches no finding: it may be stale" }
}

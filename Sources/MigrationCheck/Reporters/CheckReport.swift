/// The results of `check`: a VM against each destination, in the order given.
public struct CheckReport: Sendable {
    /// The results, when kept; empty when the report only sums them up for a streamed answer.
    public var results: [CheckResult]
    /// The VM's name.
    public var vm: String?
    /// Each destination's verdict, in the order given.
    public var answers: [(destination: String, verdict: Verdict)]
    /// `any`: fail only when every destination refuses.
    public var requireAny: Bool
    /// The waivers that matched no finding (`waiver-unused`).
    public var unusedWaivers: [UnusedWaiver]
    /// `--strict`: an unused waiver fails the command.
    public var strict: Bool

    public init(results: [CheckResult], requireAny: Bool = false, waivers: Waivers = Waivers(), strict: Bool = false) {
        self.init(summing: results, requireAny: requireAny, waivers: waivers, strict: strict)
        self.results = results
    }

    /// What the results come to — the verdicts and the unused waivers — without keeping them:
    /// an answer written destination by destination costs the memory of one destination.
    public init(summing results: some Sequence<CheckResult>, requireAny: Bool = false, waivers: Waivers = Waivers(), strict: Bool = false) {
        self.results = []
        self.requireAny = requireAny
        self.strict = strict
        answers = []
        var seen: [(rule: String, model: String?, parameter: String?)] = []
        for result in results {
            vm = vm ?? result.vm
            answers.append((result.destination, result.verdict))
            guard !waivers.isEmpty else { continue }
            seen += result.findings.map { ($0.rule, nil, $0.parameter) }
            seen += result.devices.flatMap { device in device.findings.map { ($0.rule, Optional(device.model), $0.parameter) } }
        }
        unusedWaivers = waivers.unused(among: seen)
    }

    /// `fail` when a destination refuses (with `requireAny`, when all do), or a waiver is unused under `--strict`.
    public var status: ReportStatus {
        // Unknown counts as a refusal (SPEC 8).
        let refusals = answers.filter { $0.verdict != .compatible }.count
        let fails = requireAny ? refusals == answers.count && !answers.isEmpty : refusals > 0
        return fails || (strict && !unusedWaivers.isEmpty) ? .fail : .ok
    }
}

/// The results of `check`: a VM against each destination, in the order given.
public struct CheckReport: Sendable {
    public var results: [CheckResult]
    /// `any`: fail only when every destination refuses.
    public var requireAny: Bool
    /// The waivers that matched no finding (`waiver-unused`).
    public var unusedWaivers: [UnusedWaiver]
    /// `--strict`: an unused waiver fails the command.
    public var strict: Bool

    public init(results: [CheckResult], requireAny: Bool = false, waivers: Waivers = Waivers(), strict: Bool = false) {
        self.results = results
        self.requireAny = requireAny
        self.strict = strict
        unusedWaivers = waivers.unused(among: results.flatMap { result in
            result.findings.map { ($0.rule, String?.none, $0.parameter) }
                + result.devices.flatMap { device in device.findings.map { ($0.rule, Optional(device.model), $0.parameter) } }
        })
    }

    /// `fail` when a destination refuses (with `requireAny`, when all do), or a waiver is unused under `--strict`.
    public var status: ReportStatus {
        // Unknown counts as a refusal (SPEC 8).
        let refusals = results.filter { $0.verdict != .compatible }.count
        let fails = requireAny ? refusals == results.count && !results.isEmpty : refusals > 0
        return fails || (strict && !unusedWaivers.isEmpty) ? .fail : .ok
    }
}

/// The results of `check`: a VM against each destination, in the order given.
public struct CheckReport: Sendable {
    public var results: [CheckResult]
    /// `any`: fail only when every destination refuses.
    public var requireAny: Bool

    public init(results: [CheckResult], requireAny: Bool = false) {
        self.results = results
        self.requireAny = requireAny
    }

    /// `fail` when a destination refuses (with `requireAny`, when all do).
    public var status: ReportStatus {
        // Unknown counts as a refusal (SPEC 8).
        let refusals = results.filter { $0.verdict != .compatible }.count
        let fails = requireAny ? refusals == results.count && !results.isEmpty : refusals > 0
        return fails ? .fail : .ok
    }
}

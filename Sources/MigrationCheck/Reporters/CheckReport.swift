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
        let refusals = results.filter { $0.verdict == .incompatible }.count
        let fails = requireAny ? refusals == results.count && !results.isEmpty : refusals > 0
        return fails ? .fail : .ok
    }
}
